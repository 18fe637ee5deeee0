"""People of the e2e stories on either messenger, with one API: a test written once runs against
the Telegram emulator (bot.sandbox.client) and the MAX emulator (bot.sandbox.max_client).

`ChannelUser` wraps either user: the chat helpers (`send`, `press`, `next_message`,
`next_message_containing`, `wait_edit`, `download`, `bot_messages`) have the same names and
meaning on both; the two that differ are unified here — following an invite link
(Telegram: «/start <token>»; MAX: the deep link's `bot_started` payload) and sending a document."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.sandbox.max_client import MaxSandboxClient
from bot.sandbox.max_server import MaxEmulator

MAX_TOKEN = "max-e2e-token-0123456789"
CHANNELS = ("telegram", "max")


class ChannelUser:
    def __init__(self, channel: str, user: Any) -> None:
        self.channel = channel
        self.user = user

    def __getattr__(self, name: str) -> Any:
        return getattr(self.user, name)

    async def follow_invite(self, token: str) -> None:
        if self.channel == "max":
            await self.user.start(token)
        else:
            await self.user.send(f"/start {token}")

    async def send_document(self, content: bytes, name: str, mime_type: str | None = None) -> None:
        if self.channel == "max":
            await self.user.send_file(content, name, mime_type)
        else:
            await self.user.send_document(content, name, mime_type)

    async def send_photo(self, content: bytes) -> None:
        if self.channel == "max":
            await self.user.send_image(content)
        else:
            await self.user.send_photo(content)


class ChannelUsers:
    """Creates people on the channel a test is parametrised with."""

    def __init__(self, channel: str, telegram: Any, max_users: MaxSandboxClient) -> None:
        self.channel = channel
        self._telegram = telegram
        self._max = max_users

    async def create_user(self, first_name: str, **fields: Any) -> ChannelUser:
        if self.channel == "max":
            return ChannelUser("max", await self._max.create_user(first_name, **fields))
        return ChannelUser("telegram", await self._telegram.create_user(first_name, **fields))


class MaxHandlerErrors(logging.Handler):
    """Tracebacks logged by the MAX adapter (bot.max) or maxapi's dispatcher: an unhandled exception."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


@pytest.fixture
async def max_emulator():
    emulator = MaxEmulator(tokens={MAX_TOKEN})
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def max_users(max_emulator):
    async with MaxSandboxClient(max_emulator.base_url) as client:
        yield client


@pytest.fixture
def max_handler_errors():
    collector = MaxHandlerErrors()
    loggers = [logging.getLogger(name) for name in ("bot.max", "dispatcher")]
    for logger in loggers:
        logger.addHandler(collector)
    yield collector
    for logger in loggers:
        logger.removeHandler(collector)
    if collector.records:
        formatter = logging.Formatter()
        pytest.fail("unhandled exception(s) in a MAX handler:\n" + "\n\n".join(
            f"{r.name}: {r.getMessage()}\n{formatter.formatException(r.exc_info)}"  # type: ignore[arg-type]
            for r in collector.records), pytrace=False)


@pytest.fixture
async def max_checked(max_emulator, max_handler_errors):
    """After the test: every MAX request and answer conformed to the OpenAPI description."""
    yield max_emulator
    assert max_emulator.spec_violations == [], "the bot or the MAX emulator broke the MAX OpenAPI description"
    assert max_emulator.off_spec_calls == []  # nothing the description lacks (PATCH /me/commands…)
