"""Assembling and running the bot: the one entry point `make run` and the tests share."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.fsm.storage.memory import MemoryStorage

from bot import telegram_retry
from bot.telegram import message_limits
from bot.config import Settings
from bot.domain.clock import Clock, SystemClock
from bot.handlers import all_routers
from bot.importing import guard as import_guard
from bot.i18n import Texts, texts
from bot.domain.workdays import WorkCalendar
from bot.scheduler.runner import Planner, start_scheduler
from bot.scheduler.sender import OutboxSender, Pace
from bot.scheduler.sweep import Sweeper
from bot.services.bundle import Services
from bot.storage import Database, FsmStateRepository
from bot.telegram.fsm_storage import SQLiteStorage
from bot.telegram.command_menu import COORDINATOR_COMMANDS, TEACHER_COMMANDS, refresh_menus
from bot.telegram.person import PersonMiddleware
from bot.telegram.serial import PerUserSerialMiddleware
from bot.telegram.webhook import serve_telegram_webhook
from bot.webhooks import WebhookServer

log = logging.getLogger(__name__)

# Every command of the menu (the coordinator's); teachers and strangers see TEACHER_COMMANDS.
# The menus per role and their scopes: bot/telegram/command_menu.py.
COMMAND_MENU = COORDINATOR_COMMANDS
TEACHER_MENU = TEACHER_COMMANDS


def create_bot(settings: Settings) -> Bot:
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is required to talk to a Bot API server")
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    else:
        session = AiohttpSession()
    bot = Bot(settings.bot_token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    message_limits.install(bot)  # splits before the retry layer, so each part is retried on its own
    telegram_retry.install(bot)
    return bot


def create_dispatcher(
    settings: Settings,
    *,
    db: Database | None = None,
    clock: Clock | None = None,
    locale_texts: Texts | None = None,
) -> Dispatcher:
    # Dependencies reach handlers as workflow data, never as module globals.
    clock = clock or SystemClock()
    storage = SQLiteStorage(FsmStateRepository(db), clock) if db is not None else MemoryStorage()
    services = Services.build(db, frozenset(settings.coordinator_ids)) if db is not None else None
    dispatcher = Dispatcher(
        storage=storage, settings=settings, db=db, clock=clock, texts=locale_texts or texts(), services=services
    )
    dispatcher.update.outer_middleware(PerUserSerialMiddleware())
    # After the serial lock: the person row is read fresh for every update.
    dispatcher.update.outer_middleware(PersonMiddleware())
    dispatcher.update.outer_middleware(_WakeSender())
    # Answers every callback query even when a handler forgets to (Telegram shows a spinner otherwise).
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    dispatcher.include_routers(*all_routers())
    return dispatcher


class _WakeSender:
    """After every update: whatever a handler queued in the outbox goes out at once, and the
    planner re-plans soon (a tap may have changed a status, an assignment, a due date)."""

    async def __call__(self, handler, event, data):  # type: ignore[no-untyped-def]
        try:
            return await handler(event, data)
        finally:
            sender: OutboxSender | None = data.get("sender")
            if sender is not None:
                sender.wake()
            planner: Planner | None = data.get("planner")
            if planner is not None and (getattr(event, "callback_query", None) or getattr(event, "message", None)):
                planner.wake()


async def set_command_menu(bot: Bot, locale_texts: Texts, db: Database, settings: Settings) -> None:
    """The default menu (teacher's commands) and every coordinator's own chat menu; idempotent,
    refreshed on every start."""
    await refresh_menus(bot, locale_texts, db, settings.coordinator_ids)


async def open_database(settings: Settings) -> Database:
    settings.database_path.parent.mkdir(parents=True, exist_ok=True)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return await Database.open(settings.database_path)


async def run_bot(settings: Settings, *, stop: asyncio.Event | None = None, clock: Clock | None = None) -> None:
    """Poll for updates until `stop` is set (or forever), then shut down cleanly.

    `clock` lets end-to-end tests move time; production uses the system clock."""
    db = await open_database(settings)
    clock = clock or SystemClock()
    max_polling = None
    webhooks = WebhookServer(settings) if settings.webhook_url else None  # else long polling
    from bot.scheduler.channel_runtime import ChannelDelivery  # issue 14: the outbox per channel

    delivery = ChannelDelivery(settings, db, clock, texts())
    try:
        await delivery.start()
        if settings.max_bot_token:  # MAX long polling in the same process (bot/max/run.py)
            from bot.max.run import MaxPolling

            max_polling = MaxPolling.for_database(settings, db, clock, texts())
            await max_polling.start(webhooks)
        if settings.bot_token or not max_polling:
            await _serve(settings, db, clock, stop, webhooks)
        else:  # MAX only
            if webhooks is not None:
                await webhooks.start()
            await (stop or asyncio.Event()).wait()
    finally:
        if webhooks is not None:
            await webhooks.stop()
        await delivery.stop()
        if max_polling is not None:
            await max_polling.stop()
        await import_guard.shutdown()  # the roadmap-reading worker processes
        await db.close()


async def _serve(settings: Settings, db: Database, clock: Clock, stop: asyncio.Event | None,
                 webhooks: WebhookServer | None = None) -> None:
    bot = create_bot(settings)
    dispatcher = create_dispatcher(settings, db=db, clock=clock)
    locale_texts: Texts = dispatcher["texts"]
    await set_command_menu(bot, locale_texts, db, settings)
    sender = OutboxSender(bot, dispatcher["services"], locale_texts, clock,
                          pace=Pace(per_second=settings.send_rate_per_second))
    dispatcher["sender"] = sender
    await sender.recover()  # rows a crash left in 'sending' go out again (the in-flight bound)
    planner = Planner(db, clock, WorkCalendar.from_overrides_file(settings.workdays_file),
                      frozenset(settings.coordinator_ids), sender)
    dispatcher["planner"] = planner if settings.planner_enabled else None
    sweeper = Sweeper(db, settings.data_dir, clock)
    scheduler = start_scheduler(dispatcher["planner"], sender, planner_seconds=settings.planner_interval_seconds,
                                sender_seconds=settings.outbox_poll_seconds, sweeper=sweeper,
                                sweep_seconds=settings.sweep_interval_seconds)
    if webhooks is None:
        polling = asyncio.create_task(
            dispatcher.start_polling(bot, handle_signals=stop is None, close_bot_session=True)
        )
    else:  # updates arrive at the webhook server; `polling` just waits to be cancelled
        await serve_telegram_webhook(webhooks, dispatcher, bot)
        await webhooks.start()
        polling = asyncio.create_task(asyncio.Event().wait())
    try:
        if stop is None:
            await polling
            return
        waiter = asyncio.create_task(stop.wait())
        await asyncio.wait({polling, waiter}, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        scheduler.shutdown(wait=False)  # the sender needs the bot session, which polling closes on exit
        await planner.stop()
        await sweeper.stop()
        await sender.stop()
        if webhooks is None and not polling.done():
            await dispatcher.stop_polling()
        elif not polling.done():
            polling.cancel()
        with suppress(asyncio.CancelledError):
            await polling
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        await planner.stop()
        await sweeper.stop()
        await sender.stop()
        if not polling.done():
            polling.cancel()
            with suppress(asyncio.CancelledError):
                await polling
        if webhooks is not None:  # polling closes the session itself; a webhook server does not
            await webhooks.stop()
            await bot.session.close()
