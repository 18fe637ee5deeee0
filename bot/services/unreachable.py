"""Someone blocked the bot: mark them unreachable and tell their programs' coordinators once."""

from __future__ import annotations

from datetime import datetime

from bot.storage.database import Database
from bot.storage.outbox import enqueue_in
from bot.storage.people import PeopleRepository
from bot.storage.timestamps import instant_to_db


async def report_unreachable(db: Database, telegram_user_id: int, *, reason: str, now: datetime,
                             configured_coordinators: frozenset[int]) -> int:
    """Returns how many coordinator notes were queued (0 when they were told already).
    The key carries the moment the person became unreachable: blocking again after an
    unblock is news again, a second 403 for the same block is not."""
    people = PeopleRepository(db)
    await people.mark_unreachable(telegram_user_id, reason=reason, now=now)
    person = await people.by_telegram(telegram_user_id)
    if person is None or person.unreachable_at is None:
        return 0
    stamp = instant_to_db(person.unreachable_at)
    configured = sorted(configured_coordinators)
    queued = 0
    async with db.transaction() as conn:
        coordinators = await conn.execute_fetchall(
            f"""SELECT c.person_id FROM program_coordinators c
                WHERE c.program_id IN (SELECT lt.program_id FROM effective_assignees ea
                                       JOIN live_tasks lt ON lt.task_id = ea.task_id WHERE ea.person_id = ?)
                UNION SELECT id FROM people WHERE telegram_user_id IN ({",".join("?" * len(configured)) or "NULL"})
                  AND EXISTS (SELECT 1 FROM effective_assignees ea WHERE ea.person_id = ?)""",
            (person.id, *configured, person.id),
        )
        for (coordinator,) in coordinators:
            if coordinator == person.id:
                continue
            queued += await enqueue_in(conn, key=f"unreachable:{person.id}:{stamp}:{coordinator}",
                                       person_id=coordinator, task_id=None, kind="unreachable",
                                       payload={"name": person.display_name}, not_before=now, now=now)
    return queued
