"""Someone blocked the bot on a messenger: remember it per channel, and tell their programs'
coordinators once — only when no channel reaches the person any more (issue 14: a teacher who
blocked Telegram but reads MAX is not «unreachable»)."""

from __future__ import annotations

from datetime import datetime

from bot.services.channel_choice import MAX, TELEGRAM, reaching
from bot.services.status import coordinator_person_ids
from bot.storage.database import Database
from bot.storage.outbox import enqueue_in
from bot.storage.people import PeopleRepository, label_in
from bot.storage.timestamps import instant_to_db


async def report_unreachable(db: Database, telegram_user_id: int, *, reason: str, now: datetime,
                             configured_coordinators: frozenset[int]) -> int:
    """Telegram refused the person (403, a block). Returns how many coordinator notes were queued
    (0 when they were told already, or when MAX still reaches the person). The key carries the
    moment the person became unreachable: blocking again after an unblock is news again, a second
    403 for the same block is not."""
    people = PeopleRepository(db)
    await people.mark_unreachable(telegram_user_id, reason=reason, now=now)
    person = await people.by_telegram(telegram_user_id)
    if person is None or person.unreachable_at is None:
        return 0
    return await _tell_if_nowhere(db, person.id, TELEGRAM, instant_to_db(person.unreachable_at), now=now,
                                  configured_coordinators=configured_coordinators)


async def report_max_unreachable(db: Database, person_id: int, *, now: datetime,
                                 configured_coordinators: frozenset[int]) -> int:
    """MAX refused the person (403): their MAX identity is blocked until they write there again."""
    stamp = instant_to_db(now)
    async with db.transaction() as conn:
        await conn.execute(
            """UPDATE person_channels SET blocked_at = ? WHERE person_id = ? AND channel = 'max'
               AND (blocked_at IS NULL OR last_seen_at > blocked_at)""", (stamp, person_id))
        rows = await conn.execute_fetchall(
            "SELECT max(blocked_at) FROM person_channels WHERE person_id = ? AND channel = 'max'", (person_id,))
    blocked = rows[0][0] if rows else None
    if blocked is None:
        return 0
    return await _tell_if_nowhere(db, person_id, MAX, blocked, now=now,
                                  configured_coordinators=configured_coordinators)


async def _tell_if_nowhere(db: Database, person_id: int, channel: str, stamp: str, *, now: datetime,
                           configured_coordinators: frozenset[int]) -> int:
    if await reaching(db, person_id):
        return 0  # another channel still reaches them: the sender re-routes, nobody needs to act
    person = await PeopleRepository(db).get(person_id)
    if person is None:
        return 0
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
        # Telegram's key is the one it always had (no channel in it), so notes queued before stay unique.
        tail = stamp if channel == TELEGRAM else f"{channel}:{stamp}"
        for coordinator, name in sorted(coordinators.items()):
            if coordinator == person.id:
                continue
            queued += await enqueue_in(conn, key=f"unreachable:{person.id}:{tail}:{coordinator}",
                                       person_id=coordinator, task_id=None, kind="unreachable",
                                       payload={"name": name or person.display_name}, not_before=now, now=now)
    return queued
