"""Which messenger a person's next message goes out on (issue 14: «people across both»).

The choice = the channels this deployment runs (meta `channels.configured`, written at start-up) ×
the person's identities that still reach them (Telegram: people.telegram_user_id and no 403 since;
MAX: a person_channels row whose block, if any, is older than their last message) × their
preference (people.preferred_channel) × where they last wrote. A person with only a MAX identity
gets 'max'. It is made when a row is enqueued (bot.storage.outbox.enqueue_in); each planner pass
re-chooses for rows not yet tried, so a preference or a newer message applies to planned reminders
too. The idempotency key does not name the channel: one logical message, one row, one delivery.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.database import Database
from bot.storage.meta import MetaRepository
from bot.storage.timestamps import instant_to_db

TELEGRAM = "telegram"
MAX = "max"
CHANNELS = (TELEGRAM, MAX)
CONFIGURED_KEY = "channels.configured"
LAST_WRITTEN = "last"  # the «where I last wrote» choice (preferred_channel NULL)

# MAX: a person_channels identity that is not blocked (a block is lifted by writing again).
MAX_REACHES = """EXISTS (SELECT 1 FROM person_channels pc WHERE pc.person_id = {person} AND pc.channel = 'max'
                 AND (pc.blocked_at IS NULL OR pc.last_seen_at > pc.blocked_at))"""
TELEGRAM_REACHES = "({alias}.telegram_user_id IS NOT NULL AND {alias}.unreachable_at IS NULL)"


@dataclass(frozen=True, slots=True)
class Reach:
    """What is known about one person's channels."""

    telegram: bool  # has a Telegram account
    telegram_reaches: bool
    telegram_seen: str | None  # instants as stored (ISO text: text order is time order)
    max: bool
    max_reaches: bool
    max_seen: str | None
    preferred: str | None

    def has(self, channel: str) -> bool:
        return self.telegram if channel == TELEGRAM else self.max

    def reaches(self, channel: str) -> bool:
        return self.telegram_reaches if channel == TELEGRAM else self.max_reaches


def choose(reach: Reach, configured: Collection[str] = CHANNELS) -> str:
    """Pure: the channel for this person."""
    usable = [c for c in CHANNELS if c in configured and reach.reaches(c)]
    if not usable:  # nobody reaches them: the channel they have (its sender reports the failure)
        usable = [c for c in CHANNELS if c in configured and reach.has(c)] or \
                 [c for c in CHANNELS if reach.has(c)] or [TELEGRAM]
    if reach.preferred in usable:
        return reach.preferred  # type: ignore[return-value]
    seen = {TELEGRAM: reach.telegram_seen or "", MAX: reach.max_seen or ""}
    return max(usable, key=lambda c: (seen[c], c == TELEGRAM))  # the latest written; a tie: Telegram


def other(channel: str) -> str:
    return MAX if channel == TELEGRAM else TELEGRAM


async def configured_in(conn: aiosqlite.Connection) -> tuple[str, ...]:
    rows = await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (CONFIGURED_KEY,))
    if not rows or not rows[0][0]:
        return CHANNELS  # not recorded (a CLI, a test filling the outbox): the identities decide
    return tuple(c for c in rows[0][0].split(",") if c in CHANNELS)


async def set_configured(db: Database, channels: Collection[str], *, now: datetime) -> None:
    await MetaRepository(db).set(CONFIGURED_KEY, ",".join(c for c in CHANNELS if c in channels), now=now)


_REACH = f"""SELECT pe.id, pe.telegram_user_id IS NOT NULL, {TELEGRAM_REACHES.format(alias="pe")},
                   pe.telegram_last_seen_at,
                   EXISTS (SELECT 1 FROM person_channels x WHERE x.person_id = pe.id AND x.channel = 'max'),
                   {MAX_REACHES.format(person="pe.id")},
                   (SELECT max(x.last_seen_at) FROM person_channels x WHERE x.person_id = pe.id AND x.channel = 'max'),
                   pe.preferred_channel
            FROM people pe"""


def _reach(row: aiosqlite.Row) -> Reach:
    return Reach(telegram=bool(row[1]), telegram_reaches=bool(row[2]), telegram_seen=row[3], max=bool(row[4]),
                 max_reaches=bool(row[5]), max_seen=row[6], preferred=row[7])


async def reach_in(conn: aiosqlite.Connection, person_id: int) -> Reach | None:
    rows = await conn.execute_fetchall(f"{_REACH} WHERE pe.id = ?", (person_id,))
    return _reach(rows[0]) if rows else None


async def reach_of(db: Database, person_id: int) -> Reach | None:
    async with db.read() as conn:
        return await reach_in(conn, person_id)


async def reaching(db: Database, person_id: int) -> list[str]:
    """The configured channels that still reach the person."""
    async with db.read() as conn:
        reach = await reach_in(conn, person_id)
        configured = await configured_in(conn)
    return [] if reach is None else [c for c in CHANNELS if c in configured and reach.reaches(c)]


async def channel_for_in(conn: aiosqlite.Connection, person_id: int) -> str:
    reach = await reach_in(conn, person_id)
    return TELEGRAM if reach is None else choose(reach, await configured_in(conn))


async def rechoose_pending_in(conn: aiosqlite.Connection) -> int:
    """Rows not tried yet follow the person's current choice (a preference set, a newer message,
    a channel switched on or off). Rows already tried or re-routed keep their channel."""
    configured = await configured_in(conn)
    waiting: dict[int, set[str]] = {}
    for person_id, channel in await conn.execute_fetchall(
            """SELECT DISTINCT person_id, channel FROM outbox
               WHERE status = 'pending' AND attempts = 0 AND rerouted_from IS NULL"""):
        waiting.setdefault(person_id, set()).add(channel)
    rows = await conn.execute_fetchall(
        f"""{_REACH} WHERE pe.id IN (SELECT person_id FROM person_channels WHERE channel = 'max')
                        OR pe.preferred_channel IS NOT NULL""") if waiting else []
    moved = 0
    for row in rows:  # only people with a MAX account or a preference can need another channel
        if row[0] not in waiting:
            continue
        chosen = choose(_reach(row), configured)
        if waiting[row[0]] == {chosen}:
            continue
        cursor = await conn.execute(
            """UPDATE outbox SET channel = ? WHERE person_id = ? AND status = 'pending' AND attempts = 0
               AND rerouted_from IS NULL AND channel != ?""", (chosen, row[0], chosen))
        moved += cursor.rowcount
    return moved


async def set_preference(db: Database, person_id: int, channel: str | None, *, now: datetime) -> None:
    """`channel` None: «where I last wrote». Pending rows follow at once."""
    if channel is not None and channel not in CHANNELS:
        raise ValueError(channel)
    async with db.transaction() as conn:
        await conn.execute("UPDATE people SET preferred_channel = ? WHERE id = ?", (channel, person_id))
        configured = await configured_in(conn)
        reach = await reach_in(conn, person_id)
        if reach is not None:
            await conn.execute(
                """UPDATE outbox SET channel = ? WHERE person_id = ? AND status = 'pending' AND attempts = 0
                   AND rerouted_from IS NULL""", (choose(reach, configured), person_id))


class TelegramSeen:
    """When people last wrote on Telegram, written at most every `every_seconds` per person (the
    process remembers what it wrote, so a tap costs no read and no write)."""

    def __init__(self, every_seconds: float = 300.0) -> None:
        self._every = every_seconds
        self._written: dict[int, float] = {}

    async def note(self, db: Database, person_id: int, now: datetime) -> None:
        moment = now.timestamp()
        if moment - self._written.get(person_id, float("-inf")) < self._every:
            return
        self._written[person_id] = moment
        async with db.transaction() as conn:
            await conn.execute("UPDATE people SET telegram_last_seen_at = ? WHERE id = ?",
                               (instant_to_db(now), person_id))
