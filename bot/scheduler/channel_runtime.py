"""The delivery side of the channels in one process (issue 14): records which channels this
deployment runs (bot.services.channel_choice reads it when a row is enqueued) and, when
MAX_BOT_TOKEN is set, runs MAX's outbox sender beside Telegram's (bot/app.py starts and stops it).
The MAX sender has its own maxapi Bot (bot.max.run.create_max_bot): polling and sending never share
a session, so stopping one cannot cut the other short."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.config import Settings
from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.scheduler.max_delivery import MaxOutboxSender
from bot.services.bundle import Services
from bot.services.channel_choice import MAX, TELEGRAM, set_configured
from bot.storage.database import Database

log = logging.getLogger(__name__)


class ChannelDelivery:
    def __init__(self, settings: Settings, db: Database, clock: Clock, texts: Texts) -> None:
        self._settings = settings
        self._db = db
        self._clock = clock
        self._texts = texts
        self.max_sender: MaxOutboxSender | None = None
        self._bot = None
        self._task: asyncio.Task[None] | None = None

    @property
    def channels(self) -> tuple[str, ...]:
        telegram = bool(self._settings.bot_token) or not self._settings.max_bot_token
        return tuple(c for c, on in ((TELEGRAM, telegram), (MAX, bool(self._settings.max_bot_token))) if on)

    async def start(self) -> None:
        await set_configured(self._db, self.channels, now=self._clock.now())
        if self._settings.bot_token:
            await self._remember_telegram_name()
        if not self._settings.max_bot_token:
            return
        from bot.max.run import create_max_bot

        self._bot = create_max_bot(self._settings)
        services = Services.build(self._db, frozenset(self._settings.coordinator_ids))
        await self._remember_name()
        self.max_sender = MaxOutboxSender(self._bot, services, self._texts, self._clock)
        await self.max_sender.recover()  # MAX rows a killed process left in 'sending' go out again
        self._task = asyncio.create_task(self._loop())

    async def _remember_telegram_name(self) -> None:
        """The bot's Telegram username, for «Подключить Telegram» links made on MAX."""
        from bot.app import create_bot
        from bot.conversations.channels import BOT_NAME_KEY
        from bot.storage.meta import MetaRepository

        bot = create_bot(self._settings)
        try:
            me = await bot.me()
            if me.username:
                await MetaRepository(self._db).set(BOT_NAME_KEY.format(channel=TELEGRAM), me.username,
                                                   now=self._clock.now())
        except Exception:
            log.warning("getMe on Telegram failed; «Подключить Telegram» shows a /start command instead",
                        exc_info=True)
        finally:
            await bot.session.close()

    async def _remember_name(self) -> None:
        """The bot's MAX username, for «Подключить MAX» links (https://max.ru/<name>?start=…)."""
        from bot.conversations.channels import BOT_NAME_KEY
        from bot.storage.meta import MetaRepository

        try:
            me = await self._bot.get_me()  # type: ignore[union-attr]
        except Exception:
            log.warning("GET /me on MAX failed; «Подключить MAX» shows a /start command instead", exc_info=True)
            return
        if getattr(me, "username", None):
            await MetaRepository(self._db).set(BOT_NAME_KEY.format(channel=MAX), me.username, now=self._clock.now())

    async def _loop(self) -> None:
        assert self.max_sender is not None
        while True:
            try:
                await self.max_sender.drain_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("MAX outbox pass failed; the next one retries")
            await asyncio.sleep(self._settings.outbox_poll_seconds)

    def wake(self) -> None:
        if self.max_sender is not None:
            self.max_sender.wake()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        if self.max_sender is not None:
            await self.max_sender.stop()  # a drain in progress finishes (its claims are not left behind)
        if self._bot is not None:
            await self._bot.close_session()
            self._bot = None
