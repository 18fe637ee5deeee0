"""One user's updates are handled one at a time.

Polling hands updates to the dispatcher as concurrent tasks; without this a double tap
on «Выполнено» could run two handlers side by side and both see the old status.
Locks are per user, so other people are never kept waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject


class PerUserSerialMiddleware(BaseMiddleware):
    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        self._waiting[user.id] = self._waiting.get(user.id, 0) + 1
        try:
            async with lock:
                return await handler(event, data)
        finally:
            # Forget idle users' locks so the dict does not grow with every user ever seen.
            self._waiting[user.id] -= 1
            if self._waiting[user.id] == 0:
                del self._waiting[user.id]
                self._locks.pop(user.id, None)

