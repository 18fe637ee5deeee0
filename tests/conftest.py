"""End-to-end harness: the Telegram emulator on a loopback port and the real bot
(`bot.app.run_bot`, the entry point `make run` uses) talking to it over HTTP, with a
fresh SQLite database and a clock the test moves."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import run_bot
from bot.config import Settings
from bot.domain.clock import FrozenClock
from bot.sandbox import Emulator, Limits
from bot.sandbox.client import SandboxClient

TOKEN = "123456:TEST-sandbox-token"
# Wednesday 20 September 2023, 10:00 in Yakutsk.
STORY_START = datetime(2023, 9, 20, 1, 0, tzinfo=UTC)


@pytest.fixture
async def emulator():
    emulator = Emulator(limits=Limits(), strict_spec=True)  # requests and answers checked against the Bot API spec
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
async def sandbox(emulator):
    async with SandboxClient(emulator.base_url) as client:
        yield client


class RunningBot:
    """The real bot in this process; `restart()` stops it and starts it again on the same
    database, as after a deploy or a crash."""

    def __init__(self, settings: Settings, clock: FrozenClock) -> None:
        self.settings = settings
        self.clock = clock
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(run_bot(self.settings, stop=self._stop, clock=self.clock))
        await asyncio.sleep(0.05)
        if self._task.done():
            self._task.result()

    async def stop(self) -> None:
        if self._task is None:
            return
        assert self._stop is not None
        self._stop.set()
        try:
            await asyncio.wait_for(self._task, 10)
        finally:
            self._task = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    def alive(self) -> bool:
        return self._task is not None and not self._task.done()


@pytest.fixture
def bot_settings(tmp_path: Path, emulator) -> dict[str, Any]:
    """Override entries before `e2e` starts the bot (e.g. coordinator_ids)."""
    return {
        "bot_token": TOKEN,
        "telegram_api_url": emulator.base_url,
        "database_path": tmp_path / "bot.sqlite3",
        "data_dir": tmp_path / "data",
        "coordinator_ids": [],
        "outbox_poll_seconds": 0.2,
        "planner_interval_seconds": 0.2,
    }


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(STORY_START)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "allow_handler_errors: an e2e test that provokes an unhandled exception in a handler on purpose")


class HandlerErrors(logging.Handler):
    """ERROR records with a traceback logged by aiogram while the bot runs: an exception no
    handler caught («Cause exception while process update …»)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)

    def report(self) -> str:
        return "\n\n".join(f"{r.name}: {r.getMessage()}\n{self.formatter_.formatException(r.exc_info)}"  # type: ignore[arg-type]
                             for r in self.records)

    formatter_ = logging.Formatter()


@pytest.fixture
def handler_errors(request):
    """Fails the test on any unhandled exception in a handler; opt out with
    `@pytest.mark.allow_handler_errors`."""
    collector = HandlerErrors()
    logger = logging.getLogger("aiogram")
    logger.addHandler(collector)
    yield collector
    logger.removeHandler(collector)
    if collector.records and request.node.get_closest_marker("allow_handler_errors") is None:
        pytest.fail(f"unhandled exception(s) in a handler:\n{collector.report()}", pytrace=False)


@pytest.fixture
async def e2e(bot_settings, clock, emulator, handler_errors):
    running = RunningBot(Settings(_env_file=None, **bot_settings), clock)
    await running.start()
    yield running
    with contextlib.suppress(Exception):
        await running.stop()
    assert emulator.spec_violations == [], "the bot or the emulator broke the Bot API description"
