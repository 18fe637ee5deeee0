"""One aiogram Router per feature; `all_routers()` gives them in dispatch order."""

from __future__ import annotations

from aiogram import Router


def all_routers() -> list[Router]:
    # Imported here so that importing bot.handlers stays cheap for the CLI.
    from bot.handlers import (
        add_party,
        channels,
        coordinator,
        coordinator_edit,
        current_program,
        decisions,
        errors,
        evidence,
        fallback,
        flows,
        membership,
        roadmap_upload,
        spravka,
        start,
        summary,
        tasks,
    )

    # Order matters: commands that work in any state, then answers to the bot's own
    # questions, then features, and the catch-all hint last.
    routers = [
        errors.router,
        membership.router,
        channels.router,  # before start: «/start link_…» attaches another messenger (issue 14)
        start.router,
        flows.router,
        tasks.router,
        decisions.router,
        coordinator.router,
        coordinator_edit.router,
        add_party.router,
        current_program.router,
        summary.router,
        spravka.router,
        roadmap_upload.router,
        evidence.router,
        fallback.router,
    ]
    # aiogram lets a router belong to one parent for life; the bot builds a fresh
    # dispatcher on every start (restarts in tests run in one process), so detach first.
    for router in routers:
        router._parent_router = None
    return routers
