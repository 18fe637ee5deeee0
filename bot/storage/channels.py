"""A person's accounts on messengers other than Telegram (migration 0010): the MAX user who writes
to the bot is one `people` row, created on first contact, found again on every update."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.sql import placeholders
from bot.storage.timestamps import instant_to_db

CHANNELS = ("telegram", "max")


@dataclass(frozen=True, slots=True)
class ChannelIdentity:
    person_id: int
    channel: str
    external_user_id: str
    chat_id: str | None


class ChannelRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def person_id_for(self, channel: str, external_user_id: int | str, *, display_name: str,
                            username: str | None, chat_id: int | str | None, now: datetime) -> int:
        """The person behind this account, created (people row + identity) on first contact;
        the name, username and chat follow the messenger's latest."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        stamp = instant_to_db(now)
        external, chat = str(external_user_id), None if chat_id is None else str(chat_id)
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id FROM person_channels WHERE channel = ? AND external_user_id = ?",
                (channel, external))
            if rows:
                person_id = int(rows[0][0])
                await conn.execute(
                    """UPDATE person_channels SET last_seen_at = ?, chat_id = coalesce(?, chat_id)
                       WHERE channel = ? AND external_user_id = ?""", (stamp, chat, channel, external))
                await conn.execute("UPDATE people SET display_name = ?, username = ? WHERE id = ?",
                                   (display_name, username, person_id))
                return person_id
            cursor = await conn.execute(
                "INSERT INTO people (telegram_user_id, display_name, username, created_at) VALUES (NULL, ?, ?, ?)",
                (display_name, username, stamp))
            person_id = int(cursor.lastrowid)  # type: ignore[arg-type]
            await conn.execute(
                """INSERT INTO person_channels (person_id, channel, external_user_id, chat_id, created_at,
                                                last_seen_at) VALUES (?, ?, ?, ?, ?, ?)""",
                (person_id, channel, external, chat, stamp, stamp))
            return person_id

    async def chat_of(self, channel: str, external_user_id: int | str) -> str | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT chat_id FROM person_channels WHERE channel = ? AND external_user_id = ?",
                (channel, str(external_user_id)))
        return rows[0][0] if rows else None

    async def identities(self, person_id: int) -> list[ChannelIdentity]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT person_id, channel, external_user_id, chat_id FROM person_channels
                   WHERE person_id = ? ORDER BY id""", (person_id,))
        return [ChannelIdentity(r[0], r[1], r[2], r[3]) for r in rows]


async def evidence_paths(db: Database, evidence_ids: Sequence[int]) -> dict[int, str | None]:
    """Local copies of stored evidence files (a channel that cannot resend by file id uploads them)."""
    if not evidence_ids:
        return {}
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            f"SELECT id, local_path FROM evidence_files WHERE id IN ({placeholders(evidence_ids)})",
            tuple(evidence_ids))
    return {int(r[0]): r[1] for r in rows}
