"""Webhook subscriptions of the MAX emulator (`GET/POST/DELETE /subscriptions`): with a
subscription, updates are POSTed to the bot's URL with the `X-Max-Bot-Api-Secret` header
instead of waiting for `GET /updates` (which then returns nothing: «при активной подписке Long
Polling не работает»). The real server takes only https:// URLs on port 443 with a trusted
certificate; so does the emulator unless a test sets `allow_plain_http_webhooks` to reach a
local http server — the one place it is deliberately more lenient, and only when told."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox.max_errors import bad_request

log = logging.getLogger(__name__)
RETRY_SECONDS = 0.5


class WebhooksMixin:
    subscription: dict[str, Any] | None
    allow_plain_http_webhooks: bool
    updates: list[tuple[int, dict[str, Any]]]
    webhook_deliveries: list[dict[str, Any]]  # what was POSTed, with the answer's status

    def _init_webhooks(self) -> None:
        self.subscription = None
        self.allow_plain_http_webhooks = False
        self.webhook_deliveries = []
        self._delivered_upto = 0
        self._webhook_task: asyncio.Task[None] | None = None

    async def _get_subscriptions(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        public = self._public_subscription()
        return {"subscriptions": [public] if public else []}

    async def _post_subscription(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        url = str(body["url"])
        if not (url.startswith("https://") or (self.allow_plain_http_webhooks and url.startswith("http://"))):
            raise bad_request("url must start with https://")
        self.subscription = {"url": url, "time": int(time.time() * 1000),
                             "update_types": body.get("update_types"), "secret": body.get("secret")}
        self._delivered_upto = max((p for p, _ in self.updates), default=0)  # only what happens from now
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhooks())
        return {"success": True}

    async def _delete_subscription(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        if self.subscription is None or self.subscription["url"] != query.get("url"):
            return {"success": False, "message": "no such subscription"}
        await self.stop_webhooks()
        return {"success": True}

    async def stop_webhooks(self) -> None:
        self.subscription = None
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            try:
                await self._webhook_task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 — the loop is being torn down
                pass
            self._webhook_task = None

    def _public_subscription(self) -> dict[str, Any] | None:
        if self.subscription is None:
            return None
        return {k: v for k, v in self.subscription.items() if k != "secret"}

    async def _deliver_webhooks(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            while self.subscription is not None:
                hook = self.subscription
                wanted = hook.get("update_types")
                pending = [(p, u) for p, u in self.updates if p > self._delivered_upto]
                if not pending:
                    await self.wait_change(1.0)  # type: ignore[attr-defined]
                    continue
                position, update = pending[0]
                if wanted and update["update_type"] not in wanted:
                    self._delivered_upto = position
                    continue
                headers = {"X-Max-Bot-Api-Secret": hook["secret"]} if hook.get("secret") else {}
                try:
                    async with session.post(hook["url"], json=update, headers=headers) as response:
                        status = response.status
                except aiohttp.ClientError as error:
                    log.debug("MAX webhook delivery failed: %s", error)
                    status = 0
                self.webhook_deliveries.append({"update": update, "status": status})
                if status == 200:  # the description: anything but 200 within 30 s is a failed delivery
                    self._delivered_upto = position
                else:
                    await asyncio.sleep(RETRY_SECONDS)
