"""The offline sandbox behind `make run` without BOT_TOKEN: the emulator, the real bot
talking to it, and a chat page in the browser to play the users.

Everything stays on this machine: the database is the usual one from settings (so a
roadmap loaded with `python -m bot load` shows up), Telegram is never contacted.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from contextlib import suppress
from pathlib import Path

from aiohttp import web

from bot.app import open_database, run_bot
from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.domain.program_file import ProgramFileError, load_program_file
from bot.sandbox.server import Emulator
from bot.storage import ProgramRepository

log = logging.getLogger(__name__)
SANDBOX_TOKEN = "1000001:SANDBOX-offline-token"
STATIC = Path(__file__).with_name("static")
DEFAULT_PORT = 8081
PROGRAMS_DIR = Path("programs")
SANDBOX_COORDINATOR_ID = 1


async def load_programs(settings: Settings, folder: Path = PROGRAMS_DIR) -> list[str]:
    """Every programs/*.yaml into the sandbox database (idempotent: a reload keeps statuses)."""
    loaded: list[str] = []
    db = await open_database(settings)
    try:
        repository = ProgramRepository(db)
        for path in sorted(folder.glob("*.yaml")):
            try:
                program = load_program_file(path)
            except ProgramFileError as error:
                log.warning("program file %s skipped: %s", path, error)
                continue
            await repository.save_program(program, now=SystemClock().now(),
                                          slug=await repository.slug_for_file(program, path))
            loaded.append(program.title)
    finally:
        await db.close()
    return loaded


def add_chat_page(emulator: Emulator) -> None:
    """Serve the chat page from the emulator's own server (call before start())."""

    async def page(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "chat.html")

    emulator.extra_routes.append(("GET", "/", page))
    emulator.extra_routes.append(("GET", "/sandbox/", page))


async def run_sandbox(settings: Settings, *, port: int = DEFAULT_PORT, stop: asyncio.Event | None = None,
                      programs_dir: Path = PROGRAMS_DIR) -> None:
    emulator = Emulator()
    add_chat_page(emulator)
    base_url = await emulator.start(port=port)
    coordinator_id = settings.coordinator_ids[0] if settings.coordinator_ids else SANDBOX_COORDINATOR_ID
    # The first user coordinates every program: invite the others from the page with /invite.
    emulator.create_user("Координатор", id=coordinator_id, username="coordinator")
    sandbox_settings = settings.model_copy(update={
        "bot_token": SANDBOX_TOKEN, "telegram_api_url": base_url,
        "coordinator_ids": sorted({*settings.coordinator_ids, coordinator_id}),
    })
    titles = await load_programs(sandbox_settings, programs_dir)
    print(f"Офлайн-песочница: откройте {base_url}/ в браузере. Telegram не используется. Остановить — Ctrl+C.")
    print(f"Загружено программ: {len(titles)}. Пользователь «Координатор» координирует все; "
          "остальных пригласите командой /invite.")
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await run_bot(sandbox_settings, stop=stop)
    finally:
        await emulator.stop()
