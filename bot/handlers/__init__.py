"""One aiogram Router per feature; `all_routers()` gives them in dispatch order."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    # Imported here so that importing bot.handlers stays cheap for the CLI.
    from bot.handlers import coordinator, decisions, evidence, fallback, flows, start, tasks

    # Order matters: commands that work in any state, then answers to the bot's own
    # questions, then features, and the catch-all hint last.
    return [
        start.router,
        flows.router,
        tasks.router,
        decisions.router,
        coordinator.router,
        evidence.router,
        fallback.router,
    ]
