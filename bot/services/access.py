"""Who may see and change what, asked of the database on every update.

A responsible person: only the tasks they answer for. A coordinator: every task of the
programs they coordinate. Telegram ids in `COORDINATOR_IDS` coordinate every program.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.services.errors import AccessDenied, NotFound
from bot.storage.database import Database
from bot.storage.people import Person
from bot.storage.tasks import TaskRepository, TaskView


class Access:
    def __init__(self, db: Database, configured_coordinators: Iterable[int] = ()) -> None:
        self._db = db
        self._configured = frozenset(configured_coordinators)
        self._tasks = TaskRepository(db)

    @property
    def configured_coordinators(self) -> frozenset[int]:
        return self._configured

    def is_configured_coordinator(self, person: Person) -> bool:
        return person.telegram_user_id is not None and person.telegram_user_id in self._configured

    async def is_coordinator(self, person: Person, program_id: int) -> bool:
        if self.is_configured_coordinator(person):
            return True
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM program_coordinators WHERE program_id = ? AND person_id = ?", (program_id, person.id)
            )
        return bool(rows)

    async def coordinated_programs(self, person: Person) -> list[int]:
        async with self._db.read() as conn:
            if self.is_configured_coordinator(person):
                rows = await conn.execute_fetchall("SELECT id FROM programs ORDER BY id")
            else:
                rows = await conn.execute_fetchall(
                    "SELECT program_id FROM program_coordinators WHERE person_id = ? ORDER BY program_id",
                    (person.id,),
                )
        return [r[0] for r in rows]

    async def require_coordinator(self, person: Person, program_id: int) -> None:
        if not await self.is_coordinator(person, program_id):
            raise AccessDenied(f"person {person.id} does not coordinate program {program_id}")

    async def task_for(self, person: Person, task_id: int) -> TaskView:
        """The task if this person may see and report on it; otherwise a typed refusal."""
        task = await self._tasks.get(task_id)
        if task is None:
            raise NotFound(f"task {task_id}")
        if await self._tasks.is_assignee(task_id, person.id) or await self.is_coordinator(person, task.program_id):
            return task
        raise AccessDenied(f"task {task_id} is not person {person.id}'s")
