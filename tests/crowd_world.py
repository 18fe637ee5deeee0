"""A crowd to tap buttons with: a roadmap with one per-school activity over N schools, N heads
seated straight in the database (one school, hence one task, each), an optional wave of
reminders queued in the outbox, and a watch on the emulator's callback records that notes
when each tap was answered. Shared by tests/test_e2e_hostile_upload.py and bench/crowd.py."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.models import Activity, Schedule, ScheduleKind, Section
from bot.sandbox import Emulator
from bot.storage import Database, ProgramRepository
from bot.storage.timestamps import instant_to_db
from story_program import HEAD, story_program

ACTIVITY = "1.1"
ACTIVITY_TITLE = "Самоанализ школы"


def crowd_program(schools: int):
    """«Руководитель ОО» of each of `schools` schools has one task; no document is expected,
    so «Выполнено» and «В работе» both change the status at once."""
    activity = Activity(
        number=ACTIVITY, section="Организация работы", title=ACTIVITY_TITLE,
        deadline=Schedule(kind=ScheduleKind.DATE, start=date(2023, 10, 13), end=date(2023, 10, 13),
                          due=(date(2023, 10, 13),), source="до 13.10.2023"),
        responsible=[HEAD],
    )
    return story_program(organizations=[f"МОАУ СОШ № {i + 1}" for i in range(schools)], activities=[activity],
                         sections=[Section(number="1", title="Организация работы")])


@dataclass(frozen=True)
class Seat:
    telegram_id: int
    person_id: int
    task_id: int


async def seat_heads(db: Database, telegram_ids: list[int], *, now: datetime) -> list[Seat]:
    """Saves `crowd_program(len(telegram_ids))` and makes the i-th account the head of the i-th
    school (as a redeemed invite would)."""
    await ProgramRepository(db).save_program(crowd_program(len(telegram_ids)), now=now)
    stamp = instant_to_db(now)
    seats = []
    async with db.transaction() as conn:
        party = (await conn.execute_fetchall("SELECT id FROM parties WHERE per_organization = 1"))[0][0]
        schools = [r[0] for r in await conn.execute_fetchall("SELECT id FROM organizations ORDER BY position")]
        for telegram_id, school in zip(telegram_ids, schools, strict=True):
            cursor = await conn.execute(
                "INSERT INTO people (telegram_user_id, display_name, created_at) VALUES (?, ?, ?)",
                (telegram_id, f"Директор {telegram_id}", stamp))
            person = cursor.lastrowid
            await conn.execute(
                "INSERT INTO party_bindings (person_id, party_id, organization_id, created_at) VALUES (?, ?, ?, ?)",
                (person, party, school, stamp))
            task = (await conn.execute_fetchall(
                "SELECT task_id FROM live_tasks WHERE organization_id = ?", (school,)))[0][0]
            seats.append(Seat(telegram_id, person, task))
    return seats


async def queue_reminders(db: Database, seats: list[Seat], *, due: datetime, now: datetime) -> None:
    """One «due today» reminder per seat, all due at the same moment `due`."""
    async with db.transaction() as conn:
        for seat in seats:
            await conn.execute(
                """INSERT INTO outbox (idempotency_key, person_id, task_id, kind, payload, next_attempt_at,
                   created_at) VALUES (?, ?, ?, 'due_today', '{}', ?, ?)""",
                (f"crowd:{seat.person_id}", seat.person_id, seat.task_id, instant_to_db(due), instant_to_db(now)))


async def history_by_person_and_task(db: Database) -> dict[tuple[int, int], list[tuple[str, str]]]:
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT person_id, task_id, old_status, new_status FROM status_history ORDER BY id")
    found: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for person, task, old, new in rows:
        found.setdefault((person, task), []).append((old, new))
    return found


class AnswerWatch:
    """Notes (time.monotonic) when each watched callback query is first seen answered in the
    emulator's record; the press moment is the record's own `created` (the emulator, the bot
    and the users share one process and one monotonic clock)."""

    def __init__(self, emulator: Emulator, interval: float = 0.005) -> None:
        self._emulator = emulator
        self._interval = interval
        self._pending: set[str] = set()
        self.answered_at: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None

    def watch(self, callback_id: str) -> None:
        self._pending.add(callback_id)

    def latency(self, callback_id: str) -> float:
        return self.answered_at[callback_id] - self._emulator.callbacks[callback_id].created

    async def __aenter__(self) -> AnswerWatch:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass

    async def _run(self) -> None:
        while True:
            self._look()
            await asyncio.sleep(self._interval)

    def _look(self) -> None:
        now = time.monotonic()
        for callback_id in [c for c in self._pending if self._emulator.callbacks[c].answered]:
            self._pending.discard(callback_id)
            self.answered_at[callback_id] = now

    async def wait_all(self, callback_ids: list[str], timeout: float) -> list[str]:
        """Waits until every one of `callback_ids` is answered or `timeout` passes; the ones
        still unanswered."""
        deadline = time.monotonic() + timeout
        while True:
            self._look()
            missing = [c for c in callback_ids if c not in self.answered_at]
            if not missing or time.monotonic() >= deadline:
                return missing
            await asyncio.sleep(self._interval)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: `share` 0.99 of 150 values is the 149th smallest."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


async def open_cards(emulator: Emulator, users: list, number: str = ACTIVITY, timeout: float = 120.0) -> list:
    """Each user sends /tasks and taps `number` in the list; their cards (ChatMessage), once
    the list has become the card. Waits on the emulator's records in-process: a hundred users
    polling over HTTP every 30 ms would load the shared event loop more than the bot does."""
    from bot.sandbox.client import ChatMessage

    async def until(check, what: str):
        deadline = time.monotonic() + timeout
        while (found := check()) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} within {timeout} s")
            await asyncio.sleep(0.05)
        return found

    async def one(user) -> ChatMessage:
        def listing():
            for record in emulator.chats.get(user.id, []):
                if record.from_bot and "Ваши мероприятия" in (record.data.get("text") or ""):
                    return ChatMessage.of(emulator._public_message(record))
            return None

        await user.send("/tasks")
        shown = await until(listing, f"no task list for {user.id}")
        await user.press(shown, text=number)
        record = emulator._record(user.id, shown.message_id)
        return await until(lambda: ChatMessage.of(emulator._public_message(record))
                           if record.version > shown.version else None, f"no card for {user.id}")

    return list(await asyncio.gather(*(one(user) for user in users)))
