"""A half-finished conversation survives a restart: the FSM lives in SQLite."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot.domain.clock import FrozenClock
from bot.storage import Database, FsmStateRepository
from bot.telegram.fsm_storage import SQLiteStorage


class Postpone(StatesGroup):
    waiting_for_date = State()


KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)


async def test_state_and_data_survive_reopening_the_database(tmp_path):
    clock = FrozenClock(datetime(2023, 9, 25, 1, 0, tzinfo=UTC))
    path = tmp_path / "bot.sqlite3"
    async with await Database.open(path) as db:
        storage = SQLiteStorage(FsmStateRepository(db), clock)
        await storage.set_state(KEY, Postpone.waiting_for_date)
        await storage.update_data(KEY, {"task_id": 17})

    async with await Database.open(path) as db:
        storage = SQLiteStorage(FsmStateRepository(db), clock)
        assert await storage.get_state(KEY) == "Postpone:waiting_for_date"
        assert await storage.get_data(KEY) == {"task_id": 17}
        # Another user's conversation is separate.
        assert await storage.get_state(StorageKey(bot_id=1, chat_id=43, user_id=43)) is None


async def test_clearing_state_keeps_data_until_it_is_cleared_too(tmp_path):
    clock = FrozenClock(datetime(2023, 9, 25, 1, 0, tzinfo=UTC))
    async with await Database.open(tmp_path / "bot.sqlite3") as db:
        storage = SQLiteStorage(FsmStateRepository(db), clock)
        await storage.set_state(KEY, "Postpone:waiting_for_date")
        await storage.set_data(KEY, {"task_id": 5})
        await storage.set_state(KEY, None)
        assert await storage.get_state(KEY) is None
        assert await storage.get_data(KEY) == {"task_id": 5}
        await storage.set_data(KEY, {})
        async with db.read() as conn:
            rows = await conn.execute_fetchall("SELECT count(*) AS n FROM fsm_state")
        assert rows[0]["n"] == 0
