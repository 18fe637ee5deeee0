"""aiogram FSM storage on SQLite: a conversation survives a restart of the bot.

aiogram's MemoryStorage forgets a half-finished «Перенести срок» dialogue when the
process restarts; this adapter keeps (state, data) per storage key in `fsm_state`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.domain.clock import Clock
from bot.storage.fsm import ConversationState, FsmStateRepository


def storage_key_text(key: StorageKey) -> str:
    parts = [str(key.bot_id), str(key.chat_id), str(key.user_id), str(key.thread_id or 0)]
    parts += [key.business_connection_id or "", key.destiny]
    return ":".join(parts)


class SQLiteStorage(BaseStorage):
    def __init__(self, repository: FsmStateRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        current = await self._repository.get(storage_key_text(key))
        name = state.state if isinstance(state, State) else state
        await self._repository.set(
            storage_key_text(key), ConversationState(name, current.data), now=self._clock.now()
        )

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._repository.get(storage_key_text(key))).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        current = await self._repository.get(storage_key_text(key))
        await self._repository.set(
            storage_key_text(key), ConversationState(current.state, dict(data)), now=self._clock.now()
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._repository.get(storage_key_text(key))).data)

    async def close(self) -> None:
        # The database belongs to the application, which closes it.
        return None
