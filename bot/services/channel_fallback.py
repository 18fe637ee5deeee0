"""A channel refused a person (403: blocked, deactivated): their rows go out on the other
messenger when it reaches them — once per row — and the coordinator hears only when no channel
reaches the person (bot.services.unreachable)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.services.channel_choice import MAX, TELEGRAM, choose, configured_in, other, reach_in, reaching
from bot.services.unreachable import report_max_unreachable, report_unreachable
from bot.storage.database import Database
from bot.storage.outbox import OutboxItem, OutboxRepository
from bot.storage.people import Person


async def refused(db: Database, person: Person, rows: Sequence[OutboxItem], *, channel: str, error: str,
                  now: datetime, configured_coordinators: frozenset[int]) -> int:
    """Marks the channel blocked for the person, re-routes what it can; returns rows re-routed."""
    if channel == TELEGRAM and person.telegram_user_id is not None:
        await report_unreachable(db, person.telegram_user_id, reason=error, now=now,
                                 configured_coordinators=configured_coordinators)
    elif channel == MAX:
        await report_max_unreachable(db, person.id, now=now, configured_coordinators=configured_coordinators)
    return await elsewhere(db, person.id, rows, channel=channel, error=error, now=now)


async def elsewhere(db: Database, person_id: int, rows: Sequence[OutboxItem], *, channel: str, error: str,
                    now: datetime) -> int:
    """Rows this channel cannot deliver: to the other channel when it reaches the person, else failed."""
    outbox = OutboxRepository(db)
    target = other(channel)
    can = target in await reaching(db, person_id)
    moved = 0
    for row in rows:
        if can and await outbox.reroute(row.id, channel=target, error=error, now=now):
            moved += 1
        else:
            await outbox.mark_failed(row.id, error)
    return moved


async def handover(db: Database, person_id: int, rows: Sequence[OutboxItem], *, channel: str, now: datetime) -> bool:
    """Just claimed: if the person's choice is the other channel now (a preference set, a message
    written there since the row was planned), the rows go there instead, untried. Re-routed rows stay."""
    if any(row.rerouted_from is not None for row in rows):
        return False
    async with db.read() as conn:
        reach = await reach_in(conn, person_id)
        configured = await configured_in(conn)
    if reach is None:
        return False
    target = choose(reach, configured)
    if target == channel or target not in configured:
        return False
    async with db.transaction() as conn:
        await conn.executemany(
            """UPDATE outbox SET channel = ?, status = 'pending', claimed_at = NULL, attempts = max(0, attempts - 1)
               WHERE id = ? AND status = 'sending'""", [(target, row.id) for row in rows])
    return True
