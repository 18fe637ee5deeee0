"""APScheduler inside the bot process: it only wakes the planner, the sender and the sweep
(`bot.scheduler.sweep`); what to send lives in the database, so a restart or a crash loses
nothing."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.clock import Clock
from bot.domain.workdays import WorkCalendar
from bot.scheduler.planning import run_planner_pass
from bot.scheduler.sender import OutboxSender
from bot.scheduler.sweep import Sweeper
from bot.storage.database import Database

log = logging.getLogger(__name__)


class Planner:
    def __init__(self, db: Database, clock: Clock, calendar: WorkCalendar, configured: frozenset[int],
                 sender: OutboxSender) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._configured = configured
        self._sender = sender
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._last_start = 0.0
        self.min_gap = 5.0

    def wake(self) -> None:
        """Re-plan soon: after a status change, a reassignment, a postponement or a new
        roadmap. Requests in a burst fold into one pass, at most one per `min_gap` seconds."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._woken())

    async def stop(self) -> None:
        """Wait for a pass in progress; drop a woken one that has not started."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        async with self._lock:
            pass

    async def _woken(self) -> None:
        wait = self._last_start + self.min_gap - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        await self.run_once()

    async def run_once(self) -> None:
        async with self._lock:
            self._last_start = time.monotonic()
            await self._run_once()

    async def _run_once(self) -> None:
        try:
            report = await run_planner_pass(self._db, now=self._clock.now(), calendar=self._calendar,
                                            configured_coordinators=self._configured)
        except Exception:
            log.exception("planner pass failed; the next one retries")
            return
        if report.inserted:
            log.info("planner: %s tasks, %s planned, %s new, %s cancelled", report.tasks, report.planned,
                     report.inserted, report.cancelled)
            self._sender.wake()


def start_scheduler(planner: Planner | None, sender: OutboxSender, *, planner_seconds: float,
                    sender_seconds: float, sweeper: Sweeper | None = None,
                    sweep_seconds: float = 3600.0) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    now = datetime.now().astimezone()
    # coalesce + max_instances=1: a slow pass is never run twice at once, missed runs fold into one.
    if planner is not None:
        scheduler.add_job(planner.run_once, IntervalTrigger(seconds=planner_seconds), id="planner",
                          next_run_time=now, coalesce=True, max_instances=1, misfire_grace_time=None)
    scheduler.add_job(sender.drain_once, IntervalTrigger(seconds=sender_seconds), id="sender", next_run_time=now,
                      coalesce=True, max_instances=1, misfire_grace_time=None)
    if sweeper is not None:  # once at start-up, then every sweep_seconds
        scheduler.add_job(sweeper.run_once, IntervalTrigger(seconds=sweep_seconds), id="sweep", next_run_time=now,
                          coalesce=True, max_instances=1, misfire_grace_time=None)
    scheduler.start()
    return scheduler
