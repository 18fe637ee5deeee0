"""Waiting out Telegram's 429s and transient failures, for every request the bot makes.

An aiogram session middleware: `TelegramRetryAfter` sleeps the `retry_after` Telegram
asked for and tries again; network errors and 5xx back off exponentially. Bounded, so a
dead API surfaces as an error instead of hanging a handler forever.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response, TelegramType

log = logging.getLogger(__name__)


class RetryMiddleware(BaseRequestMiddleware):
    def __init__(self, *, attempts: int = 5, max_retry_after: float = 60.0, base_delay: float = 0.5) -> None:
        self.attempts = attempts
        self.max_retry_after = max_retry_after
        self.base_delay = base_delay

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if isinstance(method, GetUpdates):  # polling has its own backoff in aiogram
            return await make_request(bot, method)
        attempt = 1
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if attempt >= self.attempts or error.retry_after > self.max_retry_after:
                    raise
                log.warning("%s: 429, waiting %s s (attempt %s)", type(method).__name__, error.retry_after, attempt)
                await asyncio.sleep(error.retry_after)
            except (TelegramNetworkError, TelegramServerError) as error:
                if attempt >= self.attempts:
                    raise
                delay = self.base_delay * 2 ** (attempt - 1)
                log.warning("%s: %s, retrying in %.1f s", type(method).__name__, error, delay)
                await asyncio.sleep(delay)
            attempt += 1


def install(bot: Bot, **options: Any) -> None:
    bot.session.middleware(RetryMiddleware(**options))
