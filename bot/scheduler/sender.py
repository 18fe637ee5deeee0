"""Drains the outbox into Telegram (claim protocol in bot.storage.outbox).

A 403 marks the person unreachable and fails the row (no point retrying); a 429 or a
network error retries later with backoff; anything that cannot be rendered any more is
cancelled. Runs as one background task inside the bot process.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter

from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.rendering.notifications import render
from bot.services.bundle import Services

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
# A row claimed this long ago by a sender that never finished was cut off by a crash.
STALE_CLAIM = timedelta(minutes=2)


class OutboxSender:
    def __init__(self, bot: Bot, services: Services, texts: Texts, clock: Clock, *, batch: int = 30) -> None:
        self._bot = bot
        self._services = services
        self._texts = texts
        self._clock = clock
        self._batch = batch
        self.wakeup = asyncio.Event()

    async def recover(self) -> int:
        return await self._services.outbox.release_stale(claimed_before=self._clock.now() - STALE_CLAIM)

    async def drain_once(self) -> int:
        """Send everything due now; returns how many messages went out."""
        sent = 0
        while True:
            items = await self._services.outbox.claim_due(self._clock.now(), self._batch)
            if not items:
                return sent
            for item in items:
                sent += await self._deliver(item)

    async def _deliver(self, item) -> int:
        outbox = self._services.outbox
        person = await self._services.people.get(item.person_id)
        if person is None or person.telegram_user_id is None:
            await outbox.mark_failed(item.id, "person has no Telegram account")
            return 0
        if not person.reachable:
            await outbox.mark_failed(item.id, "unreachable")
            return 0
        rendered = await render(item, self._services, self._texts)
        if rendered is None:
            await outbox.mark_failed(item.id, "obsolete")
            return 0
        try:
            message = await self._bot.send_message(person.telegram_user_id, rendered.text,
                                                   reply_markup=rendered.keyboard)
        except TelegramForbiddenError as error:
            await self._services.people.mark_unreachable(person.telegram_user_id, reason=error.message,
                                                         now=self._clock.now())
            await outbox.mark_failed(item.id, error.message)
            return 0
        except TelegramRetryAfter as error:
            await outbox.mark_retry(item.id, error.message,
                                    next_attempt_at=self._clock.now() + timedelta(seconds=error.retry_after))
            return 0
        except TelegramBadRequest as error:
            log.error("outbox %s refused by Telegram: %s", item.key, error.message)
            await outbox.mark_failed(item.id, error.message)
            return 0
        except Exception as error:  # network trouble, 5xx: try again later
            if item.attempts >= MAX_ATTEMPTS:
                await outbox.mark_failed(item.id, repr(error))
            else:
                delay = timedelta(seconds=min(600, 5 * 2 ** item.attempts))
                await outbox.mark_retry(item.id, repr(error), next_attempt_at=self._clock.now() + delay)
            return 0
        await outbox.mark_sent(item.id, message.message_id, now=self._clock.now())
        return 1

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        await self.recover()
        while not stop.is_set():
            try:
                await self.drain_once()
            except Exception:
                log.exception("outbox drain failed; trying again")
            self.wakeup.clear()
            waiters = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wakeup.wait())}
            done, pending = await asyncio.wait(waiters, timeout=interval, return_when=asyncio.FIRST_COMPLETED)
            for waiter in pending:
                waiter.cancel()
