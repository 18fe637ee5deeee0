"""The coordinator corrects the roadmap from the chat: a deadline that needs review.

The program is re-saved through the same idempotent writer as a reload, so statuses,
files and history of everything else stay exactly as they were.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.deadlines import parse_deadline
from bot.domain.models import Schedule
from bot.services.access import Access
from bot.services.errors import NotFound
from bot.storage.database import Database
from bot.storage.people import Person
from bot.storage.programs import ProgramRepository


class RoadmapEdits:
    def __init__(self, db: Database, access: Access) -> None:
        self._db = db
        self._access = access
        self._programs = ProgramRepository(db)

    async def _activity_position(self, activity_id: int) -> tuple[int, int]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT program_id, (SELECT count(*) FROM activities b WHERE b.program_id = a.program_id
                                       AND b.removed_at IS NULL AND b.position < a.position)
                   FROM activities a WHERE a.id = ? AND a.removed_at IS NULL""",
                (activity_id,),
            )
        if not rows:
            raise NotFound(f"activity {activity_id}")
        return rows[0][0], rows[0][1]

    async def preview_deadline(self, person: Person, activity_id: int, text: str) -> Schedule:
        program_id, _ = await self._activity_position(activity_id)
        await self._access.require_coordinator(person, program_id)
        record = await self._programs.get_program(program_id)
        assert record is not None
        return parse_deadline(text, record.period)

    async def set_deadline(self, person: Person, activity_id: int, text: str, *, now: datetime) -> Schedule:
        program_id, index = await self._activity_position(activity_id)
        await self._access.require_coordinator(person, program_id)
        program = await self._programs.load_program(program_id)
        record = await self._programs.get_program(program_id)
        assert record is not None
        schedule = parse_deadline(text, program.period)
        # A person looked at it and chose this reading: it no longer needs review unless unreadable.
        if schedule.kind.value != "unspecified":
            schedule = schedule.model_copy(update={"needs_review": False, "review_reason": None})
        activity = program.activities[index]
        program.activities[index] = activity.model_copy(update={"deadline": schedule})
        await self._programs.save_program(program, now=now, slug=record.slug)
        return schedule
