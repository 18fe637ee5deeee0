"""Small bookkeeping values (key → text), e.g. when the planner last ran."""

from __future__ import annotations

from datetime import datetime

from bot.storage.database import Database
from bot.storage.timestamps import instant_from_db, instant_to_db

PLANNER_LAST_RUN = "planner.last_run_at"


class MetaRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    async def set(self, key: str, value: str, *, now: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                (key, value, instant_to_db(now)),
            )

    async def planner_last_run(self) -> datetime | None:
        value = await self.get(PLANNER_LAST_RUN)
        return None if value is None else instant_from_db(value)

    async def set_planner_last_run(self, moment: datetime, *, now: datetime) -> None:
        await self.set(PLANNER_LAST_RUN, instant_to_db(moment), now=now)
