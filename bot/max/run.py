"""MAX long polling beside Telegram in the same process (bot/app.py starts it when MAX_BOT_TOKEN
is set). MAX_API_URL points the client at a local emulator; empty means MAX's own server."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
from maxapi import Bot
from maxapi.webhook.aiohttp import AiohttpMaxWebhook

from bot.config import Settings
from bot.conversations import links
from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.max.router import build_dispatcher
from bot.max.updates import Runtime
from bot.services.bundle import Services
from bot.storage.database import Database
from bot.webhooks import MAX_PATH, WebhookServer

log = logging.getLogger(__name__)

# maxapi sleeps 2 s after every upload by default (and treats 0 as "default"); a send that comes
# too early is answered attachment.not.ready, which maxapi retries on its own.
AFTER_UPLOAD_DELAY = 0.05


def create_max_bot(settings: Settings) -> Bot:
    if not settings.max_bot_token:
        raise ValueError("MAX_BOT_TOKEN is required to talk to the MAX Bot API")
    # auto_requests=False: otherwise maxapi fetches GET /chats/{id} for every event.
    bot = Bot(settings.max_bot_token, auto_requests=False, after_input_media_delay=AFTER_UPLOAD_DELAY,
              after_upload_retry_delay=0.2)
    if settings.max_api_url:
        bot.set_api_url(settings.max_api_url.rstrip("/"))
    return bot


class MaxPolling:
    def __init__(self, settings: Settings, services: Services, clock: Clock, texts: Texts) -> None:
        self._settings = settings
        self._services = services
        self._clock = clock
        self._texts = texts
        self._bot: Bot | None = None
        self._downloads: aiohttp.ClientSession | None = None
        self._dispatcher = None
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def for_database(cls, settings: Settings, db: Database, clock: Clock, texts: Texts) -> MaxPolling:
        return cls(settings, Services.build(db, frozenset(settings.coordinator_ids)), clock, texts)

    async def start(self, webhooks: WebhookServer | None = None) -> None:
        """Long polling, or with `webhooks` (WEBHOOK_URL set) updates POSTed to the shared webhook
        server, checked against the X-Max-Bot-Api-Secret header (start the server afterwards)."""
        self._bot = create_max_bot(self._settings)
        await self._learn_name(self._bot)
        self._downloads = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        runtime = Runtime(self._services, self._clock, self._texts, self._settings, self._downloads)
        self._dispatcher = build_dispatcher(runtime)
        if webhooks is None:
            self._task = asyncio.create_task(self._dispatcher.start_polling(self._bot))
            return
        hook = AiohttpMaxWebhook(dp=self._dispatcher, bot=self._bot, secret=webhooks.secret)
        webhooks.app.on_startup.append(hook.on_startup)
        webhooks.app.on_cleanup.append(hook.on_cleanup)
        hook.setup(webhooks.app, path=MAX_PATH)
        await self._bot.subscribe_webhook(webhooks.public_url(MAX_PATH), secret=webhooks.secret)

    async def _learn_name(self, bot: Bot) -> None:
        """The bot's name (GET /me) for invite links on MAX («https://max.ru/<name>?start=…»): once, at start."""
        try:
            me = await bot.get_me()
        except Exception:  # MAX unreachable now: invites carry the Telegram link only until a restart
            log.warning("MAX GET /me failed; invite links name Telegram only", exc_info=True)
            return
        links.remember(self._services.db, max=getattr(me, "username", None) or None)

    async def stop(self) -> None:
        if self._dispatcher is not None and self._task is not None and not self._task.done():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._dispatcher.stop_polling(), 10)
        if self._task is not None:
            if not self._task.done():
                self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 10)
            self._task = None
        if self._bot is not None:
            await self._bot.close_session()
            self._bot = None
        if self._downloads is not None:
            await self._downloads.close()
            self._downloads = None
