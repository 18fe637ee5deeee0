"""Telegram's side of webhook mode: aiogram's request handler on the shared webhook server,
refusing any request without `X-Telegram-Bot-Api-Secret-Token`, and setWebhook pointing there."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler

from bot.webhooks import TELEGRAM_PATH, WebhookServer


async def serve_telegram_webhook(webhooks: WebhookServer, dispatcher: Dispatcher, bot: Bot) -> None:
    """Register the route (before the server starts) and tell Telegram where to POST."""
    SimpleRequestHandler(dispatcher=dispatcher, bot=bot, secret_token=webhooks.secret).register(
        webhooks.app, path=TELEGRAM_PATH)
    await bot.set_webhook(webhooks.public_url(TELEGRAM_PATH), secret_token=webhooks.secret,
                          allowed_updates=dispatcher.resolve_used_update_types(), drop_pending_updates=False)
