"""The outbox: every message the bot sends on its own initiative (reminders, notes to the
coordinator, decisions on postponements, the weekly summary) goes through this table.

Claim protocol, so that nothing is sent twice in normal operation and after a crash
(SIGKILL) at most the messages that were in flight repeat:

1. `claim_due(now, limit)` moves due `pending` rows to `sending` (with `claimed_at`) in
   one transaction and returns them; nobody else will pick them up.
2. The sender calls Telegram, then `mark_sent` (→ `sent`), `mark_retry` (→ `pending`
   with a later `next_attempt_at`) or `mark_failed` (→ `failed`, e.g. 403).
3. On startup `release_stale(older_than)` puts rows still in `sending` back to
   `pending`: those are exactly the ones a crash interrupted between 1 and 2. They may
   have reached Telegram already, which is the "at most in-flight repeats" bound.

`enqueue` is INSERT OR IGNORE on the idempotency key, so planning the same message
twice inserts nothing, and a key once sent is never sent again.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.storage.database import Database
from bot.storage.sql import placeholders
from bot.storage.timestamps import instant_from_db, instant_to_db


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    key: str
    person_id: int
    task_id: int | None
    kind: str
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: datetime
    channel: str = "telegram"  # migration 0011: the messenger the row goes out on
    rerouted_from: str | None = None  # set once the other channel refused the person


def _item(row: aiosqlite.Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"], key=row["idempotency_key"], person_id=row["person_id"], task_id=row["task_id"],
        kind=row["kind"], payload=json.loads(row["payload"]), attempts=row["attempts"],
        next_attempt_at=instant_from_db(row["next_attempt_at"]),
        channel=row["channel"], rerouted_from=row["rerouted_from"],
    )


async def enqueue_in(
    conn: aiosqlite.Connection,
    *,
    key: str,
    person_id: int,
    task_id: int | None,
    kind: str,
    payload: dict[str, Any],
    not_before: datetime,
    now: datetime,
    channel: str | None = None,
) -> bool:
    """Enqueue inside the caller's transaction (e.g. together with a status change). The channel is
    chosen for the person now (bot.services.channel_choice) unless the caller names it."""
    cursor = await conn.execute(
        """INSERT OR IGNORE INTO outbox (idempotency_key, person_id, task_id, kind, payload, next_attempt_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (key, person_id, task_id, kind, json.dumps(payload, ensure_ascii=False), instant_to_db(not_before),
         instant_to_db(now)),
    )
    if cursor.rowcount <= 0:
        return False
    from bot.services.channel_choice import channel_for_in  # a service over storage: imported late

    chosen = channel or await channel_for_in(conn, person_id)  # the planner names it and re-chooses in a batch
    if chosen != "telegram":
        await conn.execute("UPDATE outbox SET channel = ? WHERE id = ?", (chosen, cursor.lastrowid))
    return True


async def cancel_pending_in(conn: aiosqlite.Connection, *, task_id: int, kinds: Collection[str], reason: str) -> int:
    """Pending rows of these kinds for a task become 'cancelled' (e.g. the task is done)."""
    cursor = await conn.execute(
        f"""UPDATE outbox SET status = 'cancelled', last_error = ?
            WHERE task_id = ? AND status = 'pending' AND kind IN ({placeholders(kinds)})""",
        (reason, task_id, *kinds),
    )
    return cursor.rowcount


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def enqueue(
        self, key: str, person_id: int, task_id: int | None, kind: str, payload: dict[str, Any], *,
        not_before: datetime, now: datetime,
    ) -> bool:
        async with self._db.transaction() as conn:
            return await enqueue_in(conn, key=key, person_id=person_id, task_id=task_id, kind=kind,
                                    payload=payload, not_before=not_before, now=now)

    async def claim_due(self, now: datetime, limit: int = 50, *, channel: str = "telegram") -> list[OutboxItem]:
        """Due rows of one channel: each channel's sender claims only its own."""
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                """SELECT * FROM outbox WHERE status = 'pending' AND channel = ? AND next_attempt_at <= ?
                   ORDER BY next_attempt_at, id LIMIT ?""",
                (channel, stamp, limit),
            )
            await conn.executemany(
                "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ?",
                [(stamp, r["id"]) for r in rows],
            )
        return [_item(r) for r in rows]

    async def mark_sent(self, item_id: int, telegram_message_id: int | None, *, now: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """UPDATE outbox SET status = 'sent', sent_at = ?, claimed_at = NULL, telegram_message_id = ?,
                   last_error = NULL WHERE id = ?""",
                (instant_to_db(now), telegram_message_id, item_id),
            )

    async def mark_retry(self, item_id: int, error: str, *, next_attempt_at: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """UPDATE outbox SET status = 'pending', claimed_at = NULL, last_error = ?, next_attempt_at = ?
                   WHERE id = ?""",
                (error[:500], instant_to_db(next_attempt_at), item_id),
            )

    async def mark_failed(self, item_id: int, error: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'failed', claimed_at = NULL, last_error = ? WHERE id = ?",
                (error[:500], item_id),
            )

    async def reroute(self, item_id: int, *, channel: str, error: str, now: datetime) -> bool:
        """The row's channel refused the person: it goes out on `channel` instead, once. False when
        it was re-routed already (then it stays as it is for the caller to fail)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """UPDATE outbox SET rerouted_from = channel, channel = ?, status = 'pending', claimed_at = NULL,
                   last_error = ?, next_attempt_at = ? WHERE id = ? AND rerouted_from IS NULL AND channel != ?""",
                (channel, error[:500], instant_to_db(now), item_id, channel),
            )
            return cursor.rowcount > 0

    async def set_progress(self, item_id: int, steps_done: int) -> None:
        """How many API steps of a multi-step row (a split text, a photo, a document) went out, so a
        retry after a 429 continues after them instead of repeating them."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE outbox SET payload = json_set(payload, '$.steps_done', ?) WHERE id = ?",
                               (steps_done, item_id))

    async def release_stale(self, *, claimed_before: datetime, channel: str = "telegram") -> int:
        """Rows a crashed sender of this channel left in 'sending' go back to the queue (the other
        channel's sender may be running and owns its own claims)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """UPDATE outbox SET status = 'pending', claimed_at = NULL
                   WHERE status = 'sending' AND channel = ? AND claimed_at <= ?""",
                (channel, instant_to_db(claimed_before)),
            )
            return cursor.rowcount

    async def backlog(self, now: datetime) -> int:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?",
                (instant_to_db(now),),
            )
        return rows[0][0]
