"""Conversation state for aiogram's FSM: key → (state, data), so a restart loses nothing.

The aiogram `BaseStorage` adapter (which builds the key from chat, user and bot ids)
sits on top of this and belongs with the handlers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.storage.database import Database
from bot.storage.timestamps import instant_to_db


@dataclass(frozen=True, slots=True)
class ConversationState:
    state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class FsmStateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> ConversationState:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall("SELECT state, data FROM fsm_state WHERE key = ?", (key,))
        if not rows:
            return ConversationState()
        return ConversationState(rows[0]["state"], json.loads(rows[0]["data"]))

    async def set(self, key: str, value: ConversationState, *, now: datetime) -> None:
        async with self._db.transaction() as conn:
            if value.state is None and not value.data:
                await conn.execute("DELETE FROM fsm_state WHERE key = ?", (key,))
                return
            await conn.execute(
                """INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data,
                                                   updated_at = excluded.updated_at""",
                (key, value.state, json.dumps(value.data, ensure_ascii=False), instant_to_db(now)),
            )
