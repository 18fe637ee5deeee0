"""Someone blocked the bot: mark them unreachable and tell their programs' coordinators once."""

from __future__ import annotations

from datetime import datetime

from bot.services.status import coordinator_person_ids
from bot.storage.database import Database
from bot.storage.outbox import enqueue_in
from bot.storage.people import PeopleRepository, label_in
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
    queued = 0
    async with db.transaction() as conn:
        programs = [r[0] for r in await conn.execute_fetchall(
            """SELECT DISTINCT lt.program_id FROM effective_assignees ea JOIN live_tasks lt ON lt.task_id = ea.task_id
               WHERE ea.person_id = ?""",
            (person.id,),
        )]
        coordinators: dict[int, str] = {}  # coordinator → the person's name in the first program they share
        for program_id in programs:  # only programs where the person answers for something
            name = await label_in(conn, person.id, program_id)
            for coordinator in await coordinator_person_ids(conn, program_id, configured_coordinators):
                coordinators.setdefault(coordinator, name)
        for coordinator, name in sorted(coordinators.items()):
            if coordinator == person.id:
                continue
            queued += await enqueue_in(conn, key=f"unreachable:{person.id}:{stamp}:{coordinator}",
                                       person_id=coordinator, task_id=None, kind="unreachable",
                                       payload={"name": name or person.display_name}, not_before=now, now=now)
    return queued
