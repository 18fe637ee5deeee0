"""Reading tasks: a person's list, one task's card, per-school progress, history.

A task is one occurrence of an activity for one school (or a shared one). Who answers
for it comes from the `effective_assignees` view (direct assignments override the
roadmap's parties), so this is the only module that decides "whose task is this".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

import aiosqlite

from bot.storage.database import Database
from bot.storage.sql import person_label, placeholders, task_program
from bot.storage.timestamps import optional_date_from_db, optional_instant_from_db


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class TaskView:
    task_id: int
    program_id: int
    program_title: str
    timezone: str
    activity_id: int
    number: str | None
    title: str
    section: str | None
    result: str | None
    schedule_kind: str
    schedule_text: str
    schedule_start: date | None
    schedule_end: date | None
    occurrence_kind: str
    planned_date: date | None
    due_date: date | None
    status: TaskStatus
    status_changed_at: datetime | None
    organization_id: int | None
    organization_name: str | None
    file_count: int

    @property
    def postponed(self) -> bool:
        return self.due_date != self.planned_date

    def local_today(self, now: datetime) -> date:
        return now.astimezone(ZoneInfo(self.timezone)).date()

    def is_overdue(self, now: datetime) -> bool:
        return (
            self.status is not TaskStatus.DONE and self.due_date is not None and self.due_date < self.local_today(now)
        )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    person_name: str | None
    old_status: TaskStatus
    new_status: TaskStatus
    comment: str | None


@dataclass(frozen=True, slots=True)
class FileView:
    id: int
    file_name: str
    telegram_file_id: str
    size_bytes: int
    person_name: str | None
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class TaskPage:
    items: list[TaskView]
    total: int
    offset: int
    limit: int


_SELECT = """
SELECT lt.task_id, lt.program_id, p.title AS program_title, p.timezone, a.id AS activity_id, a.number,
       a.title, a.section, a.result, a.schedule_kind, a.schedule_text, a.schedule_start, a.schedule_end,
       lt.occurrence_kind, lt.planned_date, lt.due_date, lt.status, lt.status_changed_at,
       lt.organization_id, org.name AS organization_name,
       (SELECT count(*) FROM evidence_files e WHERE e.task_id = lt.task_id) AS file_count
FROM live_tasks lt
JOIN programs p ON p.id = lt.program_id
JOIN activities a ON a.id = lt.activity_id
LEFT JOIN organizations org ON org.id = lt.organization_id
"""


def _view(row: aiosqlite.Row) -> TaskView:
    return TaskView(
        task_id=row["task_id"],
        program_id=row["program_id"],
        program_title=row["program_title"],
        timezone=row["timezone"],
        activity_id=row["activity_id"],
        number=row["number"],
        title=row["title"],
        section=row["section"],
        result=row["result"],
        schedule_kind=row["schedule_kind"],
        schedule_text=row["schedule_text"],
        schedule_start=optional_date_from_db(row["schedule_start"]),
        schedule_end=optional_date_from_db(row["schedule_end"]),
        occurrence_kind=row["occurrence_kind"],
        planned_date=optional_date_from_db(row["planned_date"]),
        due_date=optional_date_from_db(row["due_date"]),
        status=TaskStatus(row["status"]),
        status_changed_at=optional_instant_from_db(row["status_changed_at"]),
        organization_id=row["organization_id"],
        organization_name=row["organization_name"],
        file_count=row["file_count"],
    )


def order_for_person(tasks: Iterable[TaskView], now: datetime) -> list[TaskView]:
    """What a person should see, most urgent first: every overdue occurrence, then for
    each activity × school only the next open occurrence (a monthly report does not
    list four years of months), then undated ones. Done tasks are not listed."""
    open_tasks = [t for t in tasks if t.status is not TaskStatus.DONE]
    overdue = [t for t in open_tasks if t.is_overdue(now)]
    upcoming: dict[tuple[int, int | None], TaskView] = {}
    undated: list[TaskView] = []
    for task in open_tasks:
        if task.due_date is None:
            undated.append(task)
        elif not task.is_overdue(now):
            key = (task.activity_id, task.organization_id)
            best = upcoming.get(key)
            if best is None or task.due_date < best.due_date:  # type: ignore[operator]
                upcoming[key] = task
    overdue.sort(key=lambda t: (t.due_date, t.number or "", t.task_id))
    soon = sorted(upcoming.values(), key=lambda t: (t.due_date, t.number or "", t.task_id))
    undated.sort(key=lambda t: (t.program_id, t.activity_id, t.organization_name or "", t.task_id))
    return overdue + soon + undated


class TaskRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, task_id: int) -> TaskView | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_SELECT + " WHERE lt.task_id = ?", (task_id,))
        return _view(rows[0]) if rows else None

    async def for_person(self, person_id: int) -> list[TaskView]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                _SELECT + " WHERE lt.task_id IN (SELECT task_id FROM effective_assignees WHERE person_id = ?)",
                (person_id,),
            )
        return [_view(r) for r in rows]

    async def page_for_person(self, person_id: int, *, now: datetime, offset: int, limit: int) -> TaskPage:
        ordered = order_for_person(await self.for_person(person_id), now)
        offset = max(0, min(offset, max(0, len(ordered) - 1) // limit * limit))
        return TaskPage(items=ordered[offset : offset + limit], total=len(ordered), offset=offset, limit=limit)

    async def for_program(self, program_id: int) -> list[TaskView]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_SELECT + " WHERE lt.program_id = ?", (program_id,))
        return [_view(r) for r in rows]

    async def for_activity(self, activity_id: int) -> list[TaskView]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                _SELECT + " WHERE lt.activity_id = ? ORDER BY lt.due_date, org.position", (activity_id,)
            )
        return [_view(r) for r in rows]

    async def is_assignee(self, task_id: int, person_id: int) -> bool:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM effective_assignees WHERE task_id = ? AND person_id = ?", (task_id, person_id)
            )
        return bool(rows)

    async def assignees(self, task_id: int) -> list[tuple[int, str]]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"""SELECT DISTINCT pe.id, {person_label("pe.id", task_program("ea.task_id"))} AS name
                   FROM effective_assignees ea JOIN people pe ON pe.id = ea.person_id WHERE ea.task_id = ?
                   ORDER BY name""",
                (task_id,),
            )
        return [(r[0], r[1]) for r in rows]

    async def assignees_of(self, task_ids: list[int]) -> dict[int, list[str]]:
        """`assignees` for many tasks in one query: task id → names (tasks without anyone absent)."""
        found: dict[int, list[str]] = {}
        async with self._db.read() as conn:
            for start in range(0, len(task_ids), 500):  # within SQLite's bound-parameter limit
                chunk = task_ids[start:start + 500]
                rows = await conn.execute_fetchall(
                    f"""SELECT DISTINCT ea.task_id, pe.id, {person_label("pe.id", task_program("ea.task_id"))} AS name
                        FROM effective_assignees ea JOIN people pe ON pe.id = ea.person_id
                        WHERE ea.task_id IN ({placeholders(chunk)})
                        ORDER BY ea.task_id, name""",
                    chunk,
                )
                for task_id, _, name in rows:
                    found.setdefault(task_id, []).append(name)
        return found

    async def occurrence_progress(self, task_id: int) -> Progress:
        """«12 из 17 ОО»: done tasks of this task's occurrence."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT sum(lt.status = 'done'), count(*) FROM live_tasks lt
                   WHERE lt.occurrence_id = (SELECT occurrence_id FROM tasks WHERE id = ?)""",
                (task_id,),
            )
        done, total = rows[0]
        return Progress(done=done or 0, total=total or 0)

    async def history(self, task_id: int) -> list[HistoryEntry]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"""SELECT h.at, CASE WHEN h.person_id IS NOT NULL THEN {person_label("h.person_id", task_program("h.task_id"))} END,
                          h.old_status, h.new_status, h.comment
                   FROM status_history h
                   WHERE h.task_id = ? ORDER BY h.at, h.id""",
                (task_id,),
            )
        return [
            HistoryEntry(
                at=optional_instant_from_db(r[0]),  # type: ignore[arg-type]
                person_name=r[1], old_status=TaskStatus(r[2]), new_status=TaskStatus(r[3]), comment=r[4],
            )
            for r in rows
        ]

    async def files(self, task_id: int) -> list[FileView]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"""SELECT e.id, e.file_name, e.telegram_file_id, e.size_bytes,
                          CASE WHEN e.person_id IS NOT NULL THEN {person_label("e.person_id", task_program("e.task_id"))} END,
                          e.received_at
                   FROM evidence_files e
                   WHERE e.task_id = ? ORDER BY e.received_at, e.id""",
                (task_id,),
            )
        return [
            FileView(id=r[0], file_name=r[1], telegram_file_id=r[2], size_bytes=r[3], person_name=r[4],
                     received_at=optional_instant_from_db(r[5]))  # type: ignore[arg-type]
            for r in rows
        ]
