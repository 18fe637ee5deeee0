"""Changing a task's status from a phone: history, idempotency, who must hear about it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.domain.evidence_rules import requires_document
from bot.services.access import Access
from bot.services.errors import InvalidInput, ServiceError
from bot.storage.database import Database
from bot.domain.reminders import PERSON_REMINDER_KINDS
from bot.storage.outbox import cancel_pending_in, enqueue_in
from bot.storage.people import Person, label_in, person_ids_for_telegram
from bot.storage.tasks import Progress, TaskRepository, TaskStatus, TaskView
from bot.storage.timestamps import instant_to_db



class StaleStatus(ServiceError):
    """Somebody else changed the status between reading and writing."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    task: TaskView
    changed: bool
    old: TaskStatus
    new: TaskStatus
    progress: Progress  # tasks of the same occurrence done, e.g. 12 of 17 schools


async def coordinator_person_ids(conn: aiosqlite.Connection, program_id: int, configured: frozenset[int]) -> list[int]:
    rows = await conn.execute_fetchall(
        "SELECT person_id FROM program_coordinators WHERE program_id = ?", (program_id,)
    )
    return sorted({r[0] for r in rows} | set(await person_ids_for_telegram(conn, configured)))


class StatusService:
    def __init__(self, db: Database, access: Access, configured_coordinators: frozenset[int] = frozenset()) -> None:
        self._db = db
        self._access = access
        self._tasks = TaskRepository(db)
        self._configured = configured_coordinators

    async def change(
        self, person: Person, task_id: int, new: TaskStatus, *, now: datetime, comment: str | None = None
    ) -> StatusChange:
        task = await self._access.task_for(person, task_id)
        comment = (comment or "").strip() or None
        if new is TaskStatus.DONE and task.status is not TaskStatus.DONE and comment is None:
            if task.file_count == 0 and requires_document(task.result):
                raise InvalidInput("document_required")
        if new is TaskStatus.PROBLEM and comment is None and task.status is not TaskStatus.PROBLEM:
            raise InvalidInput("comment_required")
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall("SELECT status FROM tasks WHERE id = ?", (task_id,))
            old = TaskStatus(rows[0][0])
            if old is new:
                changed = False
            else:
                changed = True
                try:
                    cursor = await conn.execute(
                        """INSERT INTO status_history (task_id, person_id, old_status, new_status, comment, at)
                           VALUES (?, ?, ?, ?, ?, ?)""",
                        (task_id, person.id, old.value, new.value, comment, instant_to_db(now)),
                    )
                except sqlite3.IntegrityError as exc:
                    raise StaleStatus(str(exc)) from exc
                history_id = cursor.lastrowid
                if new is TaskStatus.DONE:  # the reminders make no sense now; notes to coordinators stay
                    await cancel_pending_in(conn, task_id=task_id, kinds=PERSON_REMINDER_KINDS, reason="done")
                if new is TaskStatus.PROBLEM:
                    reporter = await label_in(conn, person.id, task.program_id)
                    for coordinator in await coordinator_person_ids(conn, task.program_id, self._configured):
                        if coordinator == person.id:
                            continue
                        await enqueue_in(
                            conn, key=f"problem:{history_id}:{coordinator}", person_id=coordinator, task_id=task_id,
                            kind="problem",
                            payload={"reporter": reporter, "comment": comment or ""},
                            not_before=now, now=now,
                        )
        fresh = await self._tasks.get(task_id)
        return StatusChange(
            task=fresh or task, changed=changed, old=old, new=new,
            progress=await self._tasks.occurrence_progress(task_id),
        )
