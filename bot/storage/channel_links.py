"""One-time links that attach a person's account on the other messenger to their own `people` row
(migration 0011). Like invites: `link_` + secrets.token_urlsafe (37 characters of [A-Za-z0-9_-],
fits Telegram's 64-character start payload and maxapi's 128), single-use, expiring, only the sha256
stored.

Opening the link, the account's own row (made on first contact) is merged into the person's when it
holds nothing — no party, no assignment, no program to coordinate; otherwise it is refused: a person
is one row, and two rows that both answer for something are for a coordinator to sort out."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import aiosqlite

from bot.storage.database import Database
from bot.storage.invites import token_hash
from bot.storage.timestamps import instant_to_db

PREFIX = "link_"
LINK_TTL = timedelta(hours=24)
CHANNELS = ("telegram", "max")


class LinkOutcome(StrEnum):
    LINKED = "linked"
    ALREADY = "already"  # this account is the person's already
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    WRONG_CHANNEL = "wrong-channel"  # a MAX link opened on Telegram or the other way round
    BOUND = "bound"  # the account's own row answers for something: not merged
    TAKEN = "taken"  # the person has another account on that messenger


@dataclass(frozen=True, slots=True)
class LinkResult:
    outcome: LinkOutcome
    person_id: int | None = None


def is_link(payload: str) -> bool:
    return payload.startswith(PREFIX) and 16 < len(payload) <= 64 and \
        all(c.isascii() and (c.isalnum() or c in "-_") for c in payload)


async def issue_link(db: Database, person_id: int, channel: str, *, now: datetime, ttl: timedelta = LINK_TTL) -> str:
    """A token for the person to open on `channel` (the messenger they are not on yet)."""
    if channel not in CHANNELS:
        raise ValueError(channel)
    token = PREFIX + secrets.token_urlsafe(24)
    async with db.transaction() as conn:
        await conn.execute(
            """INSERT INTO channel_links (token_hash, person_id, channel, created_at, expires_at)
               VALUES (?, ?, ?, ?, ?)""",
            (token_hash(token), person_id, channel, instant_to_db(now), instant_to_db(now + ttl)))
    return token


async def _holds_something(conn: aiosqlite.Connection, person_id: int) -> bool:
    rows = await conn.execute_fetchall(
        """SELECT EXISTS (SELECT 1 FROM party_bindings WHERE person_id = ? AND revoked_at IS NULL)
                  OR EXISTS (SELECT 1 FROM assignments WHERE person_id = ? AND revoked_at IS NULL)
                  OR EXISTS (SELECT 1 FROM program_coordinators WHERE person_id = ?)""",
        (person_id, person_id, person_id))
    return bool(rows[0][0])


async def redeem_link(db: Database, token: str, *, channel: str, opener_person_id: int,
                      external_user_id: int | str, now: datetime) -> LinkResult:
    """`opener_person_id`: the row behind the account that opened the link (on `channel`)."""
    stamp = instant_to_db(now)
    async with db.transaction() as conn:
        rows = await conn.execute_fetchall(
            "SELECT id, person_id, channel, expires_at, used_at, used_by FROM channel_links WHERE token_hash = ?",
            (token_hash(token),))
        if not rows:
            return LinkResult(LinkOutcome.UNKNOWN)
        link_id, target, link_channel, expires_at, used_at, used_by = rows[0]
        if used_at is not None:
            same = used_by == f"{channel}:{external_user_id}"
            return LinkResult(LinkOutcome.ALREADY if same else LinkOutcome.USED, target)
        if expires_at <= stamp:
            return LinkResult(LinkOutcome.EXPIRED, target)
        if link_channel != channel:
            return LinkResult(LinkOutcome.WRONG_CHANNEL, target)
        if opener_person_id == target:
            await _use(conn, link_id, channel, external_user_id, stamp)
            return LinkResult(LinkOutcome.ALREADY, target)
        if await _holds_something(conn, opener_person_id):
            return LinkResult(LinkOutcome.BOUND, target)
        if channel == "telegram":
            held = await conn.execute_fetchall("SELECT telegram_user_id FROM people WHERE id = ?", (target,))
            if held and held[0][0] is not None and held[0][0] != int(external_user_id):
                return LinkResult(LinkOutcome.TAKEN, target)
            await conn.execute("UPDATE people SET telegram_user_id = NULL WHERE id = ?", (opener_person_id,))
            await conn.execute(
                """UPDATE people SET telegram_user_id = ?, unreachable_at = NULL, unreachable_reason = NULL,
                   telegram_last_seen_at = ? WHERE id = ?""", (int(external_user_id), stamp, target))
        # every identity of the opener's row (the account that opened the link among them) moves over
        await conn.execute("UPDATE person_channels SET person_id = ? WHERE person_id = ?", (target, opener_person_id))
        await _use(conn, link_id, channel, external_user_id, stamp)
        await _drop_empty(conn, opener_person_id)
    return LinkResult(LinkOutcome.LINKED, target)


async def _use(conn: aiosqlite.Connection, link_id: int, channel: str, external: int | str, stamp: str) -> None:
    await conn.execute("UPDATE channel_links SET used_at = ?, used_by = ? WHERE id = ?",
                       (stamp, f"{channel}:{external}", link_id))


async def _drop_empty(conn: aiosqlite.Connection, person_id: int) -> None:
    """The merged row goes when nothing points at it (history rows keep it otherwise: harmless)."""
    await conn.execute("SAVEPOINT drop_person")
    try:
        await conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
    except sqlite3.IntegrityError:
        await conn.execute("ROLLBACK TO drop_person")
    await conn.execute("RELEASE drop_person")
