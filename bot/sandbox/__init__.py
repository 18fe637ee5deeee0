"""A local Telegram Bot API emulator: the real bot talks to it over HTTP exactly as it
talks to api.telegram.org; tests and the offline sandbox drive the user side."""

from bot.sandbox.limits import Limits
from bot.sandbox.server import Emulator

__all__ = ["Emulator", "Limits"]
