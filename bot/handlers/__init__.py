"""One aiogram Router per feature; `all_routers()` gives them in dispatch order."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    # Imported here so that importing bot.handlers stays cheap for the CLI.
    from bot.handlers import evidence, fallback, start

    # Order matters: specific flows first, the catch-all hint last.
    return [start.router, evidence.router, fallback.router]
