"""A local MAX Bot API emulator: the bot talks to it over HTTP as it talks to platform-api2.max.ru;
tests and the sandbox drive the user side (`max_user_api.py`, `max_client.py`).

Bot API (paths as in the description; token in the `Authorization` header or `access_token` query):
  GET /me · PATCH /me, PATCH /me/commands (both off-spec) · GET /subscriptions · GET /updates?marker&limit&timeout&types
  POST /messages?user_id|chat_id · PUT /messages?message_id · DELETE /messages?message_id
  GET /messages/{messageId} · POST /answers?callback_id · POST /uploads?type=file|image
  POST /max-upload/{key} (multipart `data`: the upload step) · GET /max-files/{key} (downloads)
Every request (query, path, JSON body) is validated against the OpenAPI description before it is
served — a violation is answered 400 and recorded in `spec_violations` — and every answer and
update is validated too. Tests assert the list stays empty.
Webhooks: `POST/DELETE /subscriptions` (bot/sandbox/max_webhooks.py). Not emulated: group chats and channels, video/audio/sticker/
contact/location/share attachments, pins, chat members, actions, `link` (reply/forward).
Slightly over 300 lines: the lifecycle, the one request pipeline (auth, 429, validation) and the
endpoint table belong together; messages, webhooks, uploads' state and the user side are mixins
and modules of their own.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
from typing import Any

from aiohttp import web

from bot.sandbox import max_spec
from bot.sandbox.max_errors import MaxApiError, bad_request, too_many_requests, unauthorized
from bot.sandbox.max_messages import MessagesMixin
from bot.sandbox.max_webhooks import WebhooksMixin
from bot.sandbox.max_state import MaxCallbackRecord, MaxChatRecord, MaxUploads, MaxUserRecord, now_ms

log = logging.getLogger(__name__)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,}$")
_IGNORED_QUERY = frozenset({"access_token", "v"})  # auth; the description's `v` API version parameter
BOT_NAME = "Дорожная карта"
BOT_USERNAME = "roadmap_sandbox_bot"

# (HTTP method, aiohttp route, the description's path, handler name)
_ROUTES = [
    ("GET", "/me", "/me", "_get_me"),
    ("PATCH", "/me", None, "_patch_me"),
    ("PATCH", "/me/commands", None, "_patch_commands"),
    ("GET", "/subscriptions", "/subscriptions", "_get_subscriptions"),
    ("POST", "/subscriptions", "/subscriptions", "_post_subscription"),
    ("DELETE", "/subscriptions", "/subscriptions", "_delete_subscription"),
    ("GET", "/updates", "/updates", "_get_updates"),
    ("POST", "/messages", "/messages", "_send_message"),
    ("PUT", "/messages", "/messages", "_edit_message"),
    ("DELETE", "/messages", "/messages", "_delete_message"),
    ("GET", "/messages/{messageId}", "/messages/{messageId}", "_get_message"),
    ("POST", "/answers", "/answers", "_answer_callback"),
    ("POST", "/uploads", "/uploads", "_get_upload_url"),
]


class MaxEmulator(WebhooksMixin, MessagesMixin):
    """`tokens`: the accepted bot tokens (None: any token of a plausible shape)."""

    def __init__(self, tokens: set[str] | None = None, bot_id: int = 990001) -> None:
        self.spec = max_spec.load_spec()
        self.tokens = tokens
        self.bot_id = bot_id
        self.spec_violations: list[str] = []
        self.off_spec_calls: list[str] = []  # methods the bot used that the description lacks
        self.users: dict[int, MaxUserRecord] = {}
        self.chats: dict[int, list[MaxChatRecord]] = {}  # by user_id
        self.callbacks: dict[str, MaxCallbackRecord] = {}
        self.uploads = MaxUploads()
        self.commands: list[dict[str, Any]] = []
        self.updates: list[tuple[int, dict[str, Any]]] = []  # (position, Update)
        self.force_429 = 0  # the next N requests answer 429 (the description states no Retry-After)
        self.attachment_not_ready = 0  # the next N sends with uploaded files answer attachment.not.ready
        self.requests_served = 0
        self._positions = itertools.count(1)
        self._seq = itertools.count(1)
        self._consumed = 1
        self._tick = asyncio.Event()
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self._init_webhooks()

    # ─── lifecycle ─────────────────────────────────────────────────────────

    def add_routes(self, app: web.Application, *, catch_all: bool = True) -> None:
        """`catch_all`: answer (and record) every other path; off when sharing an app with others."""
        from bot.sandbox.max_user_api import add_user_routes

        for method, route, spec_path, name in _ROUTES:
            app.router.add_route(method, route, self._wrap(method, spec_path, getattr(self, name)))
        app.router.add_post("/max-upload/{key}", self._upload)
        app.router.add_get("/max-files/{key}", self._download)
        add_user_routes(app, self)
        if catch_all:
            app.router.add_route("*", "/{tail:.*}", self._unknown)  # last: whatever nothing above serves

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        actual = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://{host}:{actual}"
        return self.base_url

    async def stop(self) -> None:
        await self.stop_webhooks()
        self._stopping = True  # pending long polls answer now, so the server shuts down at once
        self.notify()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> MaxEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ─── shared helpers ────────────────────────────────────────────────────

    def notify(self) -> None:
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def wait_change(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self._tick.wait(), max(0.0, timeout))
        except TimeoutError:
            pass

    def record(self, where: str, problems: list[str]) -> None:
        for problem in problems:
            self.spec_violations.append(f"{where}: {problem}")
            log.warning("MAX spec violation: %s: %s", where, problem)

    def bot_user(self) -> dict[str, Any]:
        return {"user_id": self.bot_id, "first_name": BOT_NAME, "username": BOT_USERNAME, "is_bot": True,
                "last_activity_time": now_ms(), "name": BOT_NAME}

    def push_update(self, update: dict[str, Any]) -> None:
        self.record(f"update {update.get('update_type')}", self.spec.check_object("Update", update))
        self.updates.append((next(self._positions), update))
        self.notify()

    def next_seq(self) -> int:
        return next(self._seq)

    # ─── the request pipeline ──────────────────────────────────────────────

    def _wrap(self, method: str, spec_path: str | None, handler: Any) -> Any:
        op = self.spec.operation(method, spec_path) if spec_path else None

        async def serve(request: web.Request) -> web.StreamResponse:
            where = f"{method} {request.path}"
            token = request.headers.get("Authorization") or request.query.get("access_token")
            if not token or not _TOKEN.match(token) or (self.tokens is not None and token not in self.tokens):
                return self._answer(op, where, unauthorized())
            self.requests_served += 1
            if self.force_429 > 0:
                self.force_429 -= 1
                return self._answer(op, where, too_many_requests())
            query = {k: v for k, v in request.query.items()}
            raw = await request.read()
            body: Any = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    return self._answer(op, where, bad_request("request body is not JSON"))
            if op is None:
                self.off_spec_calls.append(f"{method} {request.path}")
            else:
                problems = self.spec.check_request(op, query, dict(request.match_info), body, has_body=bool(raw),
                                                   ignored_query=_IGNORED_QUERY)
                if problems:
                    self.record(f"{where} request", problems)
                    return self._answer(op, where, bad_request("; ".join(problems)))
            try:
                result = await handler(request, query, body)
            except MaxApiError as error:
                return self._answer(op, where, error)
            if op is not None:
                self.record(f"{where} answer", self.spec.check_response(op, 200, result))
            return web.json_response(result)

        return serve

    def _answer(self, op: max_spec.Operation | None, where: str, error: MaxApiError) -> web.Response:
        if op is not None:
            self.record(f"{where} answer {error.status}", self.spec.check_response(op, error.status, error.body()))
        return error.response()

    async def _unknown(self, request: web.Request) -> web.Response:
        template = _spec_template(self.spec, request.path)
        if template is not None and self.spec.operation(request.method, template) is not None:
            problem = f"{request.method} {template} is in the description but not implemented by the emulator"
        else:
            problem = f"{request.method} {request.path} is not in the description"
        self.record("request", [problem])
        return MaxApiError(404, "not.found", problem).response()

    # ─── bot info, subscriptions, updates ──────────────────────────────────

    def bot_info(self) -> dict[str, Any]:
        info = self.bot_user()
        info["description"] = "Напоминает о сроках дорожной карты"
        if self.commands:
            info["commands"] = self.commands
        return info

    async def _get_me(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        return self.bot_info()

    async def _patch_me(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        # Not among the description's paths (MAX retires PATCH /me on 15.09.2026, per maxapi 1.2.2);
        # the body is still checked against the description's BotPatch.
        problems = self.spec.check_object("BotPatch", body)
        if problems:
            self.record("PATCH /me request", problems)
            raise bad_request("; ".join(problems))
        if isinstance(body, dict) and body.get("commands") is not None:
            self.commands = body["commands"]
        info = self.bot_info()
        self.record("PATCH /me answer", self.spec.check_object("BotInfo", info))
        return info

    async def _patch_commands(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        # Not among the description's paths either: MAX's replacement of PATCH /me for commands
        # (maxapi 1.2.2 `Bot.set_commands`); checked as BotPatch's `commands`.
        problems = self.spec.check_object("BotPatch", body)
        if problems or not isinstance(body, dict) or set(body) - {"commands"}:
            self.record("PATCH /me/commands request", problems or ["only `commands` is accepted"])
            raise bad_request("; ".join(problems) or "only `commands` is accepted")
        self.commands = body.get("commands") or []
        return {"commands": self.commands}

    async def _get_updates(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        limit = int(query.get("limit", 100))
        timeout = int(query.get("timeout", 30))
        types = set(query["types"].split(",")) if query.get("types") else None
        if self.subscription is not None:  # «при активной подписке Long Polling не работает»
            return {"updates": [], "marker": self._consumed}
        if query.get("marker"):
            self._consumed = max(self._consumed, int(query["marker"]))
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            fresh = [(p, u) for p, u in self.updates if p >= self._consumed]
            wanted = [(p, u) for p, u in fresh if types is None or u["update_type"] in types][:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if wanted or remaining <= 0 or self._stopping:
                break
            await self.wait_change(remaining)
        last = wanted[-1][0] if wanted else (fresh[-1][0] if fresh else self._consumed - 1)
        return {"updates": [u for _, u in wanted], "marker": last + 1}

    # ─── uploads ───────────────────────────────────────────────────────────

    async def _get_upload_url(self, request: web.Request, query: dict[str, str], body: Any) -> dict[str, Any]:
        kind = query["type"]
        if kind not in ("file", "image"):
            raise bad_request(f"upload type {kind!r} is not supported by the emulator")
        upload = self.uploads.reserve(kind)
        return {"url": f"{self.base_url}/max-upload/{upload.key}"}

    async def _upload(self, request: web.Request) -> web.Response:
        upload = self.uploads.by_key.get(request.match_info["key"])
        if upload is None or upload.token is not None:
            return web.json_response({"code": "not.found", "message": "Unknown upload URL"}, status=404)
        try:
            reader = await request.multipart()
        except (AssertionError, ValueError):
            return web.json_response({"code": "proto.payload", "message": "multipart/form-data expected"},
                                     status=400)
        async for part in reader:
            if part.name == "data" and part.filename is not None:  # type: ignore[union-attr]
                content = await part.read()  # type: ignore[union-attr]
                self.uploads.fill(upload, bytes(content), part.filename,  # type: ignore[union-attr]
                                  part.headers.get("Content-Type"))
                break
        else:
            return web.json_response({"code": "proto.payload", "message": "no file part named 'data'"}, status=400)
        if upload.kind == "image":
            answer: dict[str, Any] = {"photos": {str(upload.photo_id): {"token": upload.token}}}
            self.record("upload answer", self.spec.check_object("PhotoTokens", answer))
        else:
            answer = {"token": upload.token}
            self.record("upload answer", self.spec.check_object("UploadedInfo", answer))
        return web.json_response(answer)

    async def _download(self, request: web.Request) -> web.Response:
        upload = self.uploads.by_key.get(request.match_info["key"])
        if upload is None or upload.content is None:
            raise web.HTTPNotFound()
        headers = {}
        if upload.filename:
            from urllib.parse import quote

            headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(upload.filename)}"
        return web.Response(body=upload.content, content_type=upload.mime_type or "application/octet-stream",
                            headers=headers)


def _spec_template(spec: max_spec.MaxSpec, path: str) -> str | None:
    """The description's path template (`/chats/{chatId}`) that a concrete path matches."""
    for template in spec.data["paths"]:
        pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path):
            return template
    return None
