"""Who is writing: the `people` row behind the Telegram account, fresh on every update.

Rights are never cached between updates: handlers get the person and ask `services`
(which asks the database) what they may do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.domain.clock import Clock
from bot.services.bundle import Services
from bot.services.channel_choice import TelegramSeen


class PersonMiddleware(BaseMiddleware):
    def __init__(self) -> None:
        self._seen = TelegramSeen()  # «where they last wrote» (bot/services/channel_choice.py)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        services: Services | None = data.get("services")
        chat = data.get("event_chat")
        # Only people in a private chat with the bot are people of ours.
        if user is not None and not user.is_bot and services is not None and (chat is None or chat.type == "private"):
            clock: Clock = data["clock"]
            # A block/unblock is not the person writing to us: membership handlers decide.
            membership = isinstance(event, Update) and event.my_chat_member is not None
            data["person"] = await services.people.upsert_telegram(
                user.id, user.full_name, user.username, now=clock.now(), reachable=not membership
            )
            if not membership:
                await self._seen.note(services.db, data["person"].id, clock.now())
        return await handler(event, data)
