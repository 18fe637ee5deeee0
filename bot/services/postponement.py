"""Moving a deadline: the person asks, a coordinator of the program decides.

One pending request per task; the new date must be a real future date (in the program's
timezone) and later than the current due date. Approval sets `tasks.postponed_to`, so
the due date moves everywhere (`live_tasks.due_date`), and the planner's keys, which
include the due date, make fresh reminders for it. Both outcomes reach the requester.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services.access import Access
from bot.services.errors import AccessDenied, AlreadyDecided, InvalidInput, NotFound
from bot.services.status import coordinator_person_ids
from bot.storage.database import Database
from bot.domain.reminders import ALL_REMINDER_KINDS
from bot.storage.outbox import cancel_pending_in, enqueue_in
from bot.storage.people import Person
from bot.storage.sql import person_label
from bot.storage.tasks import TaskStatus, TaskView
from bot.storage.timestamps import date_from_db, date_to_db, instant_from_db, instant_to_db


@dataclass(frozen=True, slots=True)
class PostponementView:
    id: int
    task_id: int
    program_id: int
    activity_title: str
    activity_number: str | None
    organization_name: str | None
    requested_by: int | None
    requester_name: str | None
    requested_at: datetime
    requested_date: date
    current_due: date | None
    reason: str
    status: str


_SELECT = f"""
SELECT po.id, po.task_id, lt.program_id, a.title, a.number, org.name AS org_name, po.requested_by,
       CASE WHEN pe.id IS NOT NULL THEN {person_label("pe.id", "lt.program_id")} END, po.requested_at, po.requested_date, lt.due_date, po.reason, po.status
FROM postponements po
JOIN live_tasks lt ON lt.task_id = po.task_id
JOIN activities a ON a.id = lt.activity_id
LEFT JOIN organizations org ON org.id = lt.organization_id
LEFT JOIN people pe ON pe.id = po.requested_by
"""


def _view(r) -> PostponementView:
    return PostponementView(
        id=r[0], task_id=r[1], program_id=r[2], activity_title=r[3], activity_number=r[4], organization_name=r[5],
        requested_by=r[6], requester_name=r[7], requested_at=instant_from_db(r[8]), requested_date=date_from_db(r[9]),
        current_due=date_from_db(r[10]) if r[10] else None, reason=r[11], status=r[12],
    )


class PostponementService:
    def __init__(self, db: Database, access: Access, configured_coordinators: frozenset[int] = frozenset()) -> None:
        self._db = db
        self._access = access
        self._configured = configured_coordinators

    async def validate_date(self, person: Person, task_id: int, new_date: date, *, now: datetime) -> TaskView:
        task = await self._access.task_for(person, task_id)
        if task.status is TaskStatus.DONE:
            raise InvalidInput("already_done")
        if task.due_date is None:
            raise InvalidInput("no_due_date")
        if new_date <= task.local_today(now):
            raise InvalidInput("date_in_past")
        if new_date <= task.due_date:
            raise InvalidInput("not_later")
        return task

    async def request(
        self, person: Person, task_id: int, new_date: date, reason: str, *, now: datetime
    ) -> tuple[PostponementView, list[int]]:
        """Returns the request and the coordinators who were notified (via the outbox)."""
        task = await self.validate_date(person, task_id, new_date, now=now)
        reason = reason.strip()
        if not reason:
            raise InvalidInput("reason_required")
        async with self._db.transaction() as conn:
            pending = await conn.execute_fetchall(
                "SELECT 1 FROM postponements WHERE task_id = ? AND status = 'pending'", (task_id,)
            )
            if pending:
                raise InvalidInput("already_pending")
            cursor = await conn.execute(
                """INSERT INTO postponements (task_id, requested_by, requested_at, requested_date, reason)
                   VALUES (?, ?, ?, ?, ?)""",
                (task_id, person.id, instant_to_db(now), date_to_db(new_date), reason[:1000]),
            )
            request_id = cursor.lastrowid
            coordinators = [c for c in await coordinator_person_ids(conn, task.program_id, self._configured)]
            for coordinator in coordinators:
                await enqueue_in(
                    conn, key=f"postpone-request:{request_id}:{coordinator}", person_id=coordinator,
                    task_id=task_id, kind="postpone_request", payload={"postponement_id": request_id},
                    not_before=now, now=now,
                )
            rows = await conn.execute_fetchall(_SELECT + " WHERE po.id = ?", (request_id,))
        return _view(rows[0]), coordinators

    async def get(self, postponement_id: int) -> PostponementView | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_SELECT + " WHERE po.id = ?", (postponement_id,))
        return _view(rows[0]) if rows else None

    async def pending_for_program(self, program_id: int) -> list[PostponementView]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                _SELECT + " WHERE lt.program_id = ? AND po.status = 'pending' ORDER BY po.requested_at", (program_id,)
            )
        return [_view(r) for r in rows]

    async def decide(
        self, coordinator: Person, postponement_id: int, *, approve: bool, now: datetime, comment: str | None = None
    ) -> PostponementView:
        request = await self.get(postponement_id)
        if request is None:
            raise NotFound(f"postponement {postponement_id}")
        if not await self._access.is_coordinator(coordinator, request.program_id):
            raise AccessDenied(f"person {coordinator.id} cannot decide postponement {postponement_id}")
        status = "approved" if approve else "rejected"
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """UPDATE postponements SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?
                   WHERE id = ? AND status = 'pending'""",
                (status, coordinator.id, instant_to_db(now), comment, postponement_id),
            )
            if cursor.rowcount == 0:
                raise AlreadyDecided(f"postponement {postponement_id}")
            if approve:
                await conn.execute(
                    "UPDATE tasks SET postponed_to = ? WHERE id = ?",
                    (date_to_db(request.requested_date), request.task_id),
                )
                # Reminders planned for the old date are void; the planner makes new ones.
                await cancel_pending_in(conn, task_id=request.task_id, kinds=ALL_REMINDER_KINDS, reason="postponed")
            if request.requested_by is not None:
                await enqueue_in(
                    conn, key=f"postpone-decision:{postponement_id}", person_id=request.requested_by,
                    task_id=request.task_id, kind="postpone_decision",
                    payload={"postponement_id": postponement_id, "approved": approve},
                    not_before=now, now=now,
                )
        decided = await self.get(postponement_id)
        assert decided is not None
        return decided
