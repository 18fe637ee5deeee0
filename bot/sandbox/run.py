"""The offline sandbox behind `make run` without BOT_TOKEN: both messenger emulators (Telegram's and
MAX's) on one local server, the real bot serving both channels in one process, and a chat page in
the browser to play the users — each on the messenger chosen when the user is added.

Everything stays on this machine: the database is the usual one from settings (so a
roadmap loaded with `python -m bot load` shows up), neither Telegram nor MAX is ever contacted.

The page's own endpoints (beside the emulators' user APIs /sandbox/api/ and /sandbox/max/api/):
  GET  /sandbox/page/programs                        → [{id, slug, title}]
  POST /sandbox/page/coordinator-invite {program_id} → {token, title, links: {telegram, max}}
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path

from aiohttp import web

from bot.app import open_database, run_bot
from bot.config import Settings
from bot.conversations.links import max_link, telegram_link
from bot.domain.clock import SystemClock
from bot.domain.program_file import ProgramFileError, load_program_file
from bot.sandbox import max_server, server
from bot.sandbox.max_server import MaxEmulator
from bot.sandbox.server import Emulator
from bot.storage import ProgramRepository
from bot.storage.invites import InviteRepository, InviteRole

log = logging.getLogger(__name__)
SANDBOX_TOKEN = "1000001:SANDBOX-offline-token"
SANDBOX_MAX_TOKEN = "sandbox-max-offline-token"
STATIC = Path(__file__).with_name("static")
STATIC_FILES = frozenset(p.name for p in STATIC.iterdir() if p.suffix in {".css", ".js"})
DEFAULT_PORT = 8081
PROGRAMS_DIR = Path("programs")
SANDBOX_COORDINATOR_ID = 1
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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


def add_chat_page(emulator: Emulator, settings: Settings | None = None) -> None:
    """Serve the chat page (and, with `settings`, its endpoints) from the emulator's own server
    (call before start())."""

    async def page(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "chat.html")

    async def static(request: web.Request) -> web.FileResponse:  # chat.css, channels.js, chat.js
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        return web.FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})

    emulator.extra_routes.append(("GET", "/", page))
    emulator.extra_routes.append(("GET", "/sandbox/", page))
    emulator.extra_routes.append(("GET", "/sandbox/static/{name}", static))
    if settings is not None:
        emulator.extra_routes.extend(page_routes(settings))


def page_routes(settings: Settings) -> list[tuple[str, str, Handler]]:
    """Programs to choose from and a coordinator invite: the link the CLI's `invite` prints
    (bot/cli/invite.py), for the page to open on the chosen messenger."""

    async def programs(request: web.Request) -> web.Response:
        db = await open_database(settings)
        try:
            records = await ProgramRepository(db).list_programs()
        finally:
            await db.close()
        return web.json_response([{"id": p.id, "slug": p.slug, "title": p.title} for p in records])

    async def coordinator_invite(request: web.Request) -> web.Response:
        data = await request.json()
        db = await open_database(settings)
        try:
            record = await ProgramRepository(db).get_program(int(data["program_id"]))
            if record is None:
                return web.json_response({"error": "no such program"}, status=404)
            issued = await InviteRepository(db).issue(record.id, InviteRole.COORDINATOR, party_id=None,
                                                      organization_id=None, created_by=None, now=SystemClock().now())
        finally:
            await db.close()
        return web.json_response({"token": issued.token, "title": record.title, "links": {
            "telegram": telegram_link(server.BOT_USERNAME, issued.token),
            "max": max_link(max_server.BOT_USERNAME, issued.token)}})

    return [("GET", "/sandbox/page/programs", programs),
            ("POST", "/sandbox/page/coordinator-invite", coordinator_invite)]


def mount_max(emulator: Emulator, max_emulator: MaxEmulator) -> None:
    """The MAX emulator's routes on the Telegram emulator's server (call before start()): one port
    for both. Their paths do not meet: Telegram's are under /bot<token>/, /file/, /sandbox/api/."""
    staging = web.Application()
    max_emulator.add_routes(staging, catch_all=False)
    for route in staging.router.routes():
        emulator.extra_routes.append((route.method, route.resource.canonical, route.handler))  # type: ignore[union-attr]


async def run_sandbox(settings: Settings, *, port: int = DEFAULT_PORT, stop: asyncio.Event | None = None,
                      programs_dir: Path = PROGRAMS_DIR) -> None:
    emulator = Emulator()
    max_emulator = MaxEmulator(tokens={SANDBOX_MAX_TOKEN})
    mount_max(emulator, max_emulator)
    add_chat_page(emulator, settings)
    base_url = await emulator.start(port=port)
    max_emulator.base_url = base_url  # its upload and download URLs
    coordinator_id = settings.coordinator_ids[0] if settings.coordinator_ids else SANDBOX_COORDINATOR_ID
    # The first user coordinates every program: invite the others from the page with /invite.
    emulator.create_user("Координатор", id=coordinator_id, username="coordinator")
    sandbox_settings = settings.model_copy(update={
        "bot_token": SANDBOX_TOKEN, "telegram_api_url": base_url,
        "max_bot_token": SANDBOX_MAX_TOKEN, "max_api_url": base_url,
        "coordinator_ids": sorted({*settings.coordinator_ids, coordinator_id}),
    })
    titles = await load_programs(sandbox_settings, programs_dir)
    print(f"Офлайн-песочница: откройте {base_url}/ в браузере. Telegram и MAX не используются. "
          "Остановить — Ctrl+C.")
    print(f"Загружено программ: {len(titles)}. Пользователь «Координатор» (Telegram) координирует все; "
          "остальных пригласите командой /invite, координатора в MAX — кнопкой «Пригласить координатора».")
    stopping = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stopping.set)

    async def release_long_polls() -> None:  # MAX's pending GET /updates answers at once on stop
        await stopping.wait()
        await max_emulator.stop()

    releaser = asyncio.create_task(release_long_polls())
    try:
        await run_bot(sandbox_settings, stop=stopping)
    finally:
        stopping.set()  # also when the bot failed: the releaser stops the MAX emulator, once
        await releaser
        await emulator.stop()
