"""Conversation state — «waiting for a problem's comment», «the next file completes the task» —
kept per (channel, user) in the same SQLite table (`fsm_state`) aiogram's FSM storage uses.

State names are aiogram's (`TaskFlow:attaching`), so the Telegram routers' state filters and
this layer agree. Telegram wraps its FSMContext (bot/telegram/conversation_state.py); other
channels use `SqliteStateStore` with a key that starts with the channel («max:123»)."""

from __future__ import annotations

from typing import Any, Protocol

from bot.domain.clock import Clock
from bot.storage.fsm import ConversationState, FsmStateRepository


class Flow:
    PROBLEM_COMMENT = "TaskFlow:problem_comment"  # data: task_id
    DONE_COMMENT = "TaskFlow:done_comment"  # data: task_id
    ATTACHING = "TaskFlow:attaching"  # data: task_id, then_done
    POSTPONE_DATE = "TaskFlow:postpone_date"  # data: task_id
    POSTPONE_REASON = "TaskFlow:postpone_reason"  # data: task_id, new_date

    TEXT_STATES = frozenset({PROBLEM_COMMENT, DONE_COMMENT, POSTPONE_DATE, POSTPONE_REASON})


class StateStore(Protocol):
    async def get_state(self) -> str | None: ...
    async def get_data(self) -> dict[str, Any]: ...
    async def set_state(self, state: str | None) -> None: ...
    async def update_data(self, **data: Any) -> None: ...
    async def clear(self) -> None: ...


def state_key(channel: str, user_id: int | str) -> str:
    """The `fsm_state` key of a non-Telegram channel; aiogram's keys start with the bot id (digits)."""
    return f"{channel}:{user_id}"


class SqliteStateStore:
    def __init__(self, repository: FsmStateRepository, key: str, clock: Clock) -> None:
        self._repository = repository
        self._key = key
        self._clock = clock

    async def _current(self) -> ConversationState:
        return await self._repository.get(self._key)

    async def get_state(self) -> str | None:
        return (await self._current()).state

    async def get_data(self) -> dict[str, Any]:
        return dict((await self._current()).data)

    async def set_state(self, state: str | None) -> None:
        current = await self._current()
        await self._repository.set(self._key, ConversationState(state, current.data), now=self._clock.now())

    async def update_data(self, **data: Any) -> None:
        current = await self._current()
        await self._repository.set(self._key, ConversationState(current.state, {**current.data, **data}),
                                   now=self._clock.now())

    async def clear(self) -> None:
        await self._repository.set(self._key, ConversationState(), now=self._clock.now())
