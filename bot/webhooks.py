"""Webhook mode for production (WEBHOOK_URL set): one aiohttp server receives Telegram's and
MAX's updates on their own paths, each request checked by the secret header its platform
defines — `X-Telegram-Bot-Api-Secret-Token` (setWebhook's secret_token) and
`X-Max-Bot-Api-Secret` (POST /subscriptions' secret). Long polling stays the default: it needs
no public HTTPS address. MAX's description recommends webhooks for production (its long polling
is rate-limited and keeps events briefly); MAX accepts only https:// on port 443 with a trusted
certificate, so put the server behind a TLS-terminating proxy (WEBHOOK_LISTEN is where it listens)."""

from __future__ import annotations

import hashlib
import logging

from aiohttp import web

from bot.config import Settings

log = logging.getLogger(__name__)
TELEGRAM_PATH = "/webhook/telegram"
MAX_PATH = "/webhook/max"


def webhook_secret(settings: Settings) -> str:
    """WEBHOOK_SECRET, else one derived from the tokens: stable across restarts, never the token
    itself, and within both platforms' alphabet ([A-Za-z0-9_-], 5–256 characters)."""
    if settings.webhook_secret:
        return settings.webhook_secret
    seed = f"{settings.bot_token or ''}|{settings.max_bot_token or ''}|roadmap-webhook"
    return hashlib.sha256(seed.encode()).hexdigest()


class WebhookServer:
    """Routes are added by each channel before `start()`; `stop()` closes the listener."""

    def __init__(self, settings: Settings) -> None:
        if not settings.webhook_url:
            raise ValueError("WEBHOOK_URL is required for webhook mode")
        self._settings = settings
        self.app = web.Application(client_max_size=1024 * 1024)  # updates are small; files come by URL
        self.secret = webhook_secret(settings)
        self._runner: web.AppRunner | None = None
        self.port = 0

    def public_url(self, path: str) -> str:
        return self._settings.webhook_url.rstrip("/") + path  # type: ignore[union-attr]

    async def start(self) -> None:
        host, _, port = self._settings.webhook_listen.rpartition(":")
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host or "0.0.0.0", int(port))  # noqa: S104 — behind the proxy
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("webhooks listening on %s:%s", host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
