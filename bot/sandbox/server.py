"""The emulator's HTTP server: the Bot API for the bot, `/sandbox/api/` for users.

Longer than the project's usual module: one class holds the emulator's state and every Bot API
method it answers, which share that state; limits and spec checks live in checks.py and spec.py.
The next split is by method family (messages, files, callbacks, updates).

User-side HTTP API (JSON; the sandbox chat page and `bot.sandbox.client` use it):
  GET  /sandbox/api/users                         → [user]
  POST /sandbox/api/users {first_name, id?, last_name?, username?, language_code?} → user
  POST /sandbox/api/users/{id}/messages {text}    → {message_id, update_id}
  POST /sandbox/api/users/{id}/files  multipart: file parts, kind=document|photo, caption?
                                                  → {messages: [{message_id, file_id, file_unique_id}], media_group_id}
  POST /sandbox/api/users/{id}/press {message_id, callback_data | button_text, forge?} → {callback_query_id}
       (a press that matches no button is refused, unless `forge: true` plays a modified client)
  POST /sandbox/api/users/{id}/block, /unblock
  GET  /sandbox/api/callbacks/{id}                → {answered, text, show_alert}
  GET  /sandbox/api/chats/{id}/messages?after=N   → [chat message]
  GET  /sandbox/api/chats/{id}/wait?after=N&timeout=S → bot messages after N (new or edited), or []
  GET  /sandbox/api/files/{file_id}               → the bytes
  POST /sandbox/api/control {deliver_updates?, limits?, force_429?: {count, retry_after}}
  GET  /sandbox/api/bot                           → {commands, scoped_commands, menu_button, webhook}
       (commands: the default scope's; scoped_commands: every scope set, keyed "default",
       "all_private_chats", "chat:<id>", "chat_member:<chat>:<user>"…, plus "|<language_code>")
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox import spec
from bot.sandbox.checks import (
    ApiError,
    bad,
    check_callback_answer_text,
    check_media_group,
    check_reply_markup,
)
from bot.sandbox.entities import ParseError, parse, to_html, utf16_len
from bot.sandbox.limits import Limits, TokenBucket, retry_after_seconds
from bot.sandbox.state import CallbackRecord, ChatRecord, Files, SandboxUserRecord

log = logging.getLogger(__name__)
STRICT_SPEC_ENV = "SANDBOX_STRICT_SPEC"  # "1": strict_spec for emulators that don't pass it
_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")

BOT_FIRST_NAME = "Дорожная карта"
BOT_USERNAME = "roadmap_sandbox_bot"


_bad = bad
__all__ = ["ApiError", "Emulator"]


class Emulator:
    """`strict_spec`: every Bot API request is checked against the official description
    (`bot.sandbox.spec`) before it is served, a violation answered 400 and recorded in
    `spec_violations`; every answer, and every update as it is queued, is checked too, a
    violation recorded. Tests turn it on and assert the list stays empty; `make run` and the
    benchmarks leave it off (None: on when $SANDBOX_STRICT_SPEC is 1)."""

    def __init__(self, limits: Limits | None = None, tokens: set[str] | None = None, *,
                 strict_spec: bool | None = None) -> None:
        if strict_spec is None:
            strict_spec = os.environ.get(STRICT_SPEC_ENV, "").lower() in {"1", "true", "yes"}
        self.strict_spec = strict_spec
        self.spec_violations: list[str] = []
        if strict_spec:
            spec.load_spec()  # fail now, not on the first request, if the description is missing
        self.limits = limits or Limits()
        self.tokens = tokens  # None: any token that looks like a bot token
        self.users: dict[int, SandboxUserRecord] = {}
        self.chats: dict[int, list[ChatRecord]] = {}
        self.files = Files()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.updates: list[dict[str, Any]] = []
        # setMyCommands per scope (and language), as Telegram keeps them: see `_scope_key`.
        self.scoped_commands: dict[str, list[dict[str, Any]]] = {}
        self.menu_button: dict[str, Any] = {"type": "default"}
        self.webhook: dict[str, Any] | None = None
        self.deliver_updates = True
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}
        self._user_ids = itertools.count(100001)
        self._media_groups = itertools.count(1)
        # Replaced on every change: waiters take the current one, then check, then wait.
        self._tick = asyncio.Event()
        self._version = 0
        self._poller: asyncio.Future[None] | None = None
        self._force_429: list[int] = []
        self._global_bucket = TokenBucket(self.limits.global_per_second, self.limits.global_burst)
        self._chat_buckets: dict[int, TokenBucket] = {}
        self._runner: web.AppRunner | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self.base_url = ""
        self.bot_id = 0
        self.too_many_requests = 0  # 429s answered, for benchmarks
        self.extra_routes: list[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]]] = []

    # ─── lifecycle ─────────────────────────────────────────────────────────

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=self.limits.upload_bytes + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._add_user_api(app)
        for method, path, handler in self.extra_routes:
            app.router.add_route(method, path, handler)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        actual = sockets[0].getsockname()[1]
        self.base_url = f"http://{host}:{actual}"
        return self.base_url

    async def stop(self) -> None:
        if self._webhook_task is not None:
            self._webhook_task.cancel()
        if self._poller is not None and not self._poller.done():
            self._poller.cancel()
        self._tick.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ─── shared state helpers ──────────────────────────────────────────────

    async def _notify(self) -> None:
        self._version += 1
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def _wait_change(self, timeout: float, *also: asyncio.Future[None]) -> None:
        waiter = asyncio.ensure_future(self._tick.wait())
        try:
            await asyncio.wait({waiter, *also}, timeout=max(0.0, timeout), return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME}

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return [r.data for r in self.chats.get(chat_id, []) if r.from_bot and not r.deleted]

    def _record(self, chat_id: int, message_id: int) -> ChatRecord | None:
        for record in self.chats.get(chat_id, []):
            if record.message_id == message_id:
                return record
        return None

    async def _push_update(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, **update}
        if self.strict_spec:  # once per update, however it is delivered (getUpdates checks its answer too)
            self._record_violations([f"Update {update_id}: {p}" for p in spec.check_object("Update", update)])
        self.updates.append(update)
        await self._notify()
        return update_id

    # ─── the Bot API ───────────────────────────────────────────────────────

    async def _bot_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not _TOKEN.match(token) or (self.tokens is not None and token not in self.tokens):
            return ApiError(401, "Unauthorized").response()
        self.bot_id = int(token.split(":")[0])
        method = request.match_info["method"]
        handler = _METHODS.get(method.lower())
        if handler is None:
            if self.strict_spec:
                known = spec.load_spec().method(method) is not None
                self._spec_violation(method, "request", ["not implemented by the emulator" if known
                                                         else f"unknown method {method!r}"])
            return ApiError(404, "Not Found").response()
        try:
            params = await self._params(request)
            if self.strict_spec:
                problems = spec.check_request(method, params)
                if problems:
                    self._spec_violation(method, "request", problems)
                    raise _bad(f"the request breaks the Bot API description ({spec.load_spec().version}): "
                               + "; ".join(problems))
            result = await handler(self, params)
        except ApiError as error:
            return error.response()
        except (KeyError, ValueError, TypeError) as error:
            return _bad(f"invalid parameters: {error}").response()
        if self.strict_spec:
            self._spec_violation(method, "result", spec.check_result(method, result))
        return web.json_response({"ok": True, "result": result})

    def _spec_violation(self, method: str, side: str, problems: list[str]) -> None:
        described = spec.load_spec().method(method)
        name = described["name"] if described else method
        self._record_violations([f"{name} {side}: {problem}" for problem in problems])

    def _record_violations(self, entries: list[str]) -> None:
        for entry in entries:
            if entry not in self.spec_violations:  # a poll repeats unconfirmed updates: once is enough
                log.warning("Bot API spec violation: %s", entry)
                self.spec_violations.append(entry)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.content_type == "application/x-www-form-urlencoded":
            params.update(dict(await request.post()))
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if part.filename is not None:  # an uploaded file
                    content = await part.read(decode=False)
                    if len(content) > self.limits.upload_bytes:
                        raise ApiError(413, "Request Entity Too Large")
                    params[part.name] = (spec.UPLOAD_MARKER, part.filename, bytes(content),
                                         part.headers.get("Content-Type"))
                else:
                    params[part.name] = await part.text()
        return params

    def _chat(self, params: dict[str, Any]) -> SandboxUserRecord:
        chat_id = int(params["chat_id"])
        user = self.users.get(chat_id)
        if user is None:
            raise _bad("chat not found")
        if user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return user

    def _rate_limit(self, chat_id: int) -> None:
        if self._force_429:
            self.too_many_requests += 1
            retry = self._force_429.pop(0)
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        if not self.limits.rate_limits:
            return
        bucket = self._chat_buckets.setdefault(chat_id, TokenBucket(self.limits.chat_per_second, self.limits.chat_burst))
        wait = max(self._global_bucket.take(), bucket.take())
        if wait > 0:
            self.too_many_requests += 1
            retry = retry_after_seconds(wait)
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry_after=retry)

    @staticmethod
    def _json(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def _markup(self, params: dict[str, Any]) -> dict[str, Any] | None:
        try:
            markup = self._json(params.get("reply_markup"))
        except ValueError:
            raise _bad("can't parse reply keyboard markup JSON object") from None  # the official server's words
        if not markup:
            return None
        check_reply_markup(markup, self.limits.callback_data_bytes)
        return markup

    def _text(self, params: dict[str, Any], key: str, limit: int, *, required: bool) -> tuple[str | None, list]:
        raw = params.get(key)
        if raw is None or raw == "":
            if required:
                raise _bad("message text is empty")
            return None, []
        entities_param = self._json(params.get(key + "_entities" if key == "caption" else "entities"))
        try:
            text, entities = parse(str(raw), params.get("parse_mode"))
        except ParseError as error:
            raise _bad(f"can't parse entities: {error}") from None
        if entities_param:
            entities = entities_param
        if required and not text.strip():
            raise _bad("message text is empty")
        if len(text) > limit:
            raise _bad("message is too long" if key == "text" else "message caption is too long")
        return text, entities

    def _store_bot_message(self, user: SandboxUserRecord, body: dict[str, Any], markup: dict | None) -> dict[str, Any]:
        message_id = self._next_message_id(user.id)
        message = {"message_id": message_id, "from": self._bot_user(), "chat": user.as_chat(),
                   "date": int(time.time()), **body}
        if markup is not None:
            message["reply_markup"] = markup
        self.chats.setdefault(user.id, []).append(ChatRecord(message_id, True, message))
        return message

    async def send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self._chat(params)
        text, entities = self._text(params, "text", self.limits.message_text, required=True)
        markup = self._markup(params)
        self._rate_limit(user.id)
        body: dict[str, Any] = {"text": text}
        if entities:
            body["entities"] = entities
        message = self._store_bot_message(user, body, markup)
        await self._notify()
        return message

    def _input_file(self, value: Any, kind: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        if isinstance(value, str) and value.startswith("attach://") and params is not None:
            value = params.get(value.removeprefix("attach://"))  # multipart upload under another name
        if spec.is_upload(value):
            _, name, content, mime = value
            stored = self.files.add(content, name, mime, kind)
        else:
            stored = self.files.get(str(value))
            if stored is None:
                raise _bad("wrong file identifier/HTTP URL specified")
            if stored.kind != kind and kind == "document" and stored.kind == "photo":
                raise _bad("can't use file of type Photo as Document")
        if kind == "photo":
            return {"photo": self._photo_sizes(stored)}
        document = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size}
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return {"document": document}

    @staticmethod
    def _photo_sizes(stored) -> list[dict[str, Any]]:
        return [
            {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "width": w, "height": h,
             "file_size": stored.size}
            for w, h in ((90, 67), (320, 240), (1280, 960))
        ]

    async def _send_media(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        user = self._chat(params)
        caption, entities = self._text(params, "caption", self.limits.caption, required=False)
        markup = self._markup(params)
        body = self._input_file(params[kind], kind, params)
        self._rate_limit(user.id)
        if caption:
            body["caption"] = caption
            if entities:
                body["caption_entities"] = entities
        message = self._store_bot_message(user, body, markup)
        await self._notify()
        return message

    async def send_media_group(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        user = self._chat(params)
        if not params.get("media"):
            raise _bad('parameter "media" is required')  # the official server's words
        try:
            media = self._json(params["media"])
        except ValueError:
            raise _bad("can't parse media JSON object") from None  # the official server's words
        kinds = check_media_group(media)
        captions = []
        for item in media:  # captions are parsed with the request, before any file (as Telegram does)
            caption, entities = self._text(item, "caption", self.limits.caption, required=False)
            captions.append((caption, entities))
        bodies = []
        for item, kind in zip(media, kinds):
            ref = item.get("media")
            if isinstance(ref, str) and ref.startswith("attach://"):
                ref = params.get(ref.removeprefix("attach://"))
            if not ref:
                raise _bad("can't parse InputMedia: media not found")  # the official server's words
            bodies.append(self._input_file(ref, "photo" if kind == "photo" else "document"))
        self._rate_limit(user.id)
        group = str(next(self._media_groups) + 10_000_000)
        sent = []
        for body, (caption, entities) in zip(bodies, captions):
            body["media_group_id"] = group
            if caption:
                body["caption"] = caption
                if entities:
                    body["caption_entities"] = entities
            sent.append(self._store_bot_message(user, body, None))
        await self._notify()
        return sent

    def _editable(self, params: dict[str, Any]) -> ChatRecord:
        user = self._chat(params)
        record = self._record(user.id, int(params["message_id"]))
        if record is None or record.deleted:
            raise _bad("message to edit not found")
        if not record.from_bot:
            raise _bad("message can't be edited")
        return record

    async def edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        record = self._editable(params)
        text, entities = self._text(params, "text", self.limits.message_text, required=True)
        markup = self._markup(params)
        if "text" not in record.data:
            raise _bad("there is no text in the message to edit")
        if (text == record.data.get("text") and entities == record.data.get("entities", [])
                and markup == record.data.get("reply_markup")):
            raise _bad("message is not modified: specified new message content and reply markup are exactly "
                       "the same as a current content and reply markup of the message")
        record.data["text"] = text
        record.data["entities"] = entities
        if not entities:
            record.data.pop("entities")
        self._set_markup(record, markup)
        return await self._edited(record)

    async def edit_message_caption(self, params: dict[str, Any]) -> dict[str, Any]:
        record = self._editable(params)
        caption, entities = self._text(params, "caption", self.limits.caption, required=False)
        markup = self._markup(params)
        if (caption == record.data.get("caption") and entities == record.data.get("caption_entities", [])
                and markup == record.data.get("reply_markup")):
            raise _bad("message is not modified: specified new message content and reply markup are exactly "
                       "the same as a current content and reply markup of the message")
        for key, value in (("caption", caption), ("caption_entities", entities)):
            if value:
                record.data[key] = value
            else:
                record.data.pop(key, None)
        self._set_markup(record, markup)
        return await self._edited(record)

    async def edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        record = self._editable(params)
        markup = self._markup(params)
        if markup == record.data.get("reply_markup"):
            raise _bad("message is not modified: specified new message content and reply markup are exactly "
                       "the same as a current content and reply markup of the message")
        self._set_markup(record, markup)
        return await self._edited(record)

    @staticmethod
    def _set_markup(record: ChatRecord, markup: dict | None) -> None:
        if markup is None or not markup.get("inline_keyboard"):
            record.data.pop("reply_markup", None)
        else:
            record.data["reply_markup"] = markup

    async def _edited(self, record: ChatRecord) -> dict[str, Any]:
        record.edited = True
        record.version += 1
        record.data["edit_date"] = int(time.time())
        await self._notify()
        return record.data

    async def delete_message(self, params: dict[str, Any]) -> bool:
        user = self._chat(params)
        record = self._record(user.id, int(params["message_id"]))
        if record is None or record.deleted:
            raise _bad("message to delete not found")
        record.deleted = True
        record.version += 1
        await self._notify()
        return True

    async def answer_callback_query(self, params: dict[str, Any]) -> bool:
        record = self.callbacks.get(str(params["callback_query_id"]))
        too_old = _bad("query is too old and response timeout expired or query ID is invalid")
        if record is None or record.answered:
            raise too_old
        if time.monotonic() - record.created > self.limits.callback_answer_seconds:
            raise too_old
        text = params.get("text")
        check_callback_answer_text(text)
        record.answered = True
        record.text = text
        record.show_alert = str(params.get("show_alert", "false")).lower() in {"true", "1"}
        await self._notify()
        return True

    async def get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = int(params.get("offset", 0) or 0)
        limit = max(1, min(100, int(params.get("limit", 100) or 100)))
        timeout = max(0.0, float(params.get("timeout", 0) or 0))
        allowed = self._json(params.get("allowed_updates"))
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        # Telegram keeps one poller: a newer request terminates the one still waiting.
        if self._poller is not None and not self._poller.done():
            self._poller.set_exception(ApiError(
                409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
                     "is running"))
        me: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._poller = me
        deadline = time.monotonic() + timeout
        try:
            while True:
                if me.done():
                    me.result()  # raises the 409 when a newer poller took over
                ready = self._ready(allowed)[:limit] if self.deliver_updates else []
                if ready or time.monotonic() >= deadline:
                    return ready
                await self._wait_change(deadline - time.monotonic(), me)
        finally:
            if self._poller is me:
                self._poller = None

    def _ready(self, allowed: list[str] | None) -> list[dict[str, Any]]:
        if allowed:
            self.updates = [u for u in self.updates if any(k in u for k in allowed)]
        return list(self.updates)

    async def set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token"),
                        "allowed_updates": self._json(params.get("allowed_updates"))}
        if str(params.get("drop_pending_updates", "")).lower() in {"true", "1"}:
            self.updates.clear()
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._deliver_webhook())
        return True

    async def delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            self._webhook_task = None
        if str(params.get("drop_pending_updates", "")).lower() in {"true", "1"}:
            self.updates.clear()
        return True

    async def get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook["url"] if self.webhook else "", "has_custom_certificate": False,
                "pending_update_count": len(self.updates)}

    async def _deliver_webhook(self) -> None:
        async with aiohttp.ClientSession() as session:
            while self.webhook is not None:
                hook = self.webhook
                if self.updates and self.deliver_updates:
                    update = self.updates[0]
                    headers = {}
                    if hook.get("secret_token"):
                        headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
                    try:
                        async with session.post(hook["url"], json=update, headers=headers) as response:
                            delivered = response.status < 300
                    except aiohttp.ClientError:
                        delivered = False
                    if delivered:
                        self.updates.pop(0)
                        continue
                    await asyncio.sleep(0.2)  # Telegram retries later
                    continue
                await self._wait_change(1.0)

    async def get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self.files.get(str(params["file_id"]))
        if stored is None:
            raise _bad("invalid file_id")
        if stored.size > self.limits.download_bytes:
            raise _bad("file is too big")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size,
                "file_path": stored.file_path}

    async def _download(self, request: web.Request) -> web.StreamResponse:
        stored = self.files.by_path(request.match_info["path"])
        if stored is None:
            return ApiError(404, "Not Found").response()
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")

    async def get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._bot_user(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    @property
    def commands(self) -> list[dict[str, Any]]:
        """The default scope's commands (what a chat with no narrower scope shows)."""
        return self.scoped_commands.get("default", [])

    def commands_for_chat(self, chat_id: int) -> list[dict[str, Any]]:
        """The menu a private chat shows: its own scope, else all private chats, else default."""
        for key in (f"chat:{chat_id}", "all_private_chats", "default"):
            if key in self.scoped_commands:
                return self.scoped_commands[key]
        return []

    def _scope_key(self, params: dict[str, Any]) -> str:
        scope = self._json(params.get("scope")) or {"type": "default"}
        kind = scope.get("type", "default")
        if kind in ("chat", "chat_administrators", "chat_member"):
            chat = scope.get("chat_id")
            if isinstance(chat, int) or (isinstance(chat, str) and chat.lstrip("-").isdigit()):
                if int(chat) > 0 and int(chat) not in self.users:
                    raise _bad("chat not found")
                chat = int(chat)
            kind = f"{kind}:{chat}" + (f":{scope.get('user_id')}" if kind == "chat_member" else "")
        language = params.get("language_code")
        return kind + (f"|{language}" if language else "")

    async def set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = self._json(params["commands"])
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]) or not 1 <= len(command["description"]) <= 256:
                raise _bad("BOT_COMMAND_INVALID")
        key = self._scope_key(params)
        if commands:
            self.scoped_commands[key] = commands
        else:  # an empty list removes the scope's commands, as deleteMyCommands does
            self.scoped_commands.pop(key, None)
        return True

    async def get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.scoped_commands.get(self._scope_key(params), [])

    async def delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.scoped_commands.pop(self._scope_key(params), None)
        return True

    async def set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        self.menu_button = self._json(params.get("menu_button")) or {"type": "default"}
        return True

    async def get_chat_menu_button(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.menu_button

    async def send_chat_action(self, params: dict[str, Any]) -> bool:
        self._chat(params)
        return True

    async def get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(int(params["chat_id"]))
        if user is None:
            raise _bad("chat not found")
        # Every field ChatFullInfo requires, as a private chat with a user shows them.
        return {**user.as_chat(), "accent_color_id": user.id % 7, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": True, "limited_gifts": True, "unique_gifts": True,
                                        "premium_subscription": True, "gifts_from_channels": True}}

    async def harmless(self, params: dict[str, Any]) -> bool:
        return True

    # ─── the user side ─────────────────────────────────────────────────────

    def _add_user_api(self, app: web.Application) -> None:
        r = app.router
        r.add_get("/sandbox/api/users", self._api_users)
        r.add_post("/sandbox/api/users", self._api_create_user)
        r.add_post("/sandbox/api/users/{user_id}/messages", self._api_send)
        r.add_post("/sandbox/api/users/{user_id}/files", self._api_files)
        r.add_post("/sandbox/api/users/{user_id}/press", self._api_press)
        r.add_post("/sandbox/api/users/{user_id}/block", self._api_block)
        r.add_post("/sandbox/api/users/{user_id}/unblock", self._api_unblock)
        r.add_get("/sandbox/api/callbacks/{callback_id}", self._api_callback)
        r.add_get("/sandbox/api/chats/{chat_id}/messages", self._api_messages)
        r.add_get("/sandbox/api/chats/{chat_id}/wait", self._api_wait)
        r.add_get("/sandbox/api/files/{file_id}", self._api_file)
        r.add_post("/sandbox/api/control", self._api_control)
        r.add_get("/sandbox/api/bot", self._api_bot)

    def create_user(self, first_name: str, *, id: int | None = None, last_name: str | None = None,
                    username: str | None = None, language_code: str = "ru") -> SandboxUserRecord:
        user_id = id if id is not None else next(self._user_ids)
        user = SandboxUserRecord(user_id, first_name, last_name, username, language_code)
        self.users[user_id] = user
        self.chats.setdefault(user_id, [])
        return user

    def _user(self, request: web.Request) -> SandboxUserRecord:
        user = self.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise web.HTTPNotFound(text=json.dumps({"error": "unknown user"}), content_type="application/json")
        return user

    async def _api_users(self, request: web.Request) -> web.Response:
        return web.json_response([u.public() for u in self.users.values()])

    async def _api_create_user(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.create_user(body.get("first_name") or "Пользователь", id=body.get("id"),
                                last_name=body.get("last_name"), username=body.get("username"),
                                language_code=body.get("language_code") or "ru")
        return web.json_response(user.public())

    async def user_message(self, user: SandboxUserRecord, body: dict[str, Any]) -> tuple[int, int]:
        message_id = self._next_message_id(user.id)
        message = {"message_id": message_id, "from": user.as_user(), "chat": user.as_chat(),
                   "date": int(time.time()), **body}
        self.chats.setdefault(user.id, []).append(ChatRecord(message_id, False, message))
        update_id = await self._push_update({"message": message})
        return message_id, update_id

    async def _api_send(self, request: web.Request) -> web.Response:
        user = self._user(request)
        body = await request.json()
        text = str(body.get("text", ""))
        if not text.strip():
            return web.json_response({"error": "empty message"}, status=400)
        message: dict[str, Any] = {"text": text}
        command = _COMMAND.match(text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}]
        if body.get("forward_from"):
            message["forward_origin"] = {"type": "user", "date": int(time.time()), "sender_user": body["forward_from"]}
        message_id, update_id = await self.user_message(user, message)
        return web.json_response({"message_id": message_id, "update_id": update_id})

    async def _api_files(self, request: web.Request) -> web.Response:
        user = self._user(request)
        reader = await request.multipart()
        parts: list[tuple[str | None, bytes, str | None]] = []
        kind, caption, forward = "document", None, False
        while (part := await reader.next()) is not None:
            if part.name == "file":
                parts.append((part.filename, bytes(await part.read(decode=False)), part.headers.get("Content-Type")))
            elif part.name == "kind":
                kind = await part.text()
            elif part.name == "caption":
                caption = await part.text()
            elif part.name == "forwarded":
                forward = (await part.text()).lower() in {"1", "true"}
        if not parts or kind not in {"document", "photo"}:
            return web.json_response({"error": "send one or more 'file' parts, kind=document|photo"}, status=400)
        group = str(next(self._media_groups) + 20_000_000) if len(parts) > 1 else None
        sent = []
        for index, (name, content, mime) in enumerate(parts):
            stored = self.files.add(content, name, mime if mime != "application/octet-stream" else None, kind)
            body: dict[str, Any] = (
                {"photo": self._photo_sizes(stored)} if kind == "photo" else {"document": {
                    "file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": stored.size,
                    **({"file_name": stored.file_name} if stored.file_name else {}),
                    **({"mime_type": stored.mime_type} if stored.mime_type else {})}}
            )
            if group:
                body["media_group_id"] = group
            if caption and index == 0:
                body["caption"] = caption
            if forward:
                body["forward_origin"] = {"type": "hidden_user", "date": int(time.time()), "sender_user_name": "Коллега"}
            message_id, _ = await self.user_message(user, body)
            sent.append({"message_id": message_id, "file_id": stored.file_id, "file_unique_id": stored.file_unique_id})
        return web.json_response({"messages": sent, "media_group_id": group})

    async def _api_press(self, request: web.Request) -> web.Response:
        user = self._user(request)
        body = await request.json()
        record = self._record(user.id, int(body.get("message_id", 0)))
        if record is None or not record.from_bot or record.deleted:
            return web.json_response({"error": "no such bot message in this chat"}, status=400)
        buttons = [b for row in (record.data.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
        if "callback_data" in body:
            match = next((b for b in buttons if b.get("callback_data") == body["callback_data"]), None)
        else:
            match = next((b for b in buttons if body.get("button_text") and body["button_text"] in b.get("text", "")
                          and "callback_data" in b), None)
        if match is None and body.get("forge") and "callback_data" in body:
            # A modified client can send any callback data: tests check the bot refuses it.
            match = {"callback_data": str(body["callback_data"])}
        if match is None:
            return web.json_response({"error": "the message has no such inline button"}, status=400)
        callback_id = str(secrets.randbits(63))
        self.callbacks[callback_id] = CallbackRecord(callback_id, user.id)
        await self._push_update({"callback_query": {
            "id": callback_id, "from": user.as_user(), "message": record.data,
            "chat_instance": str(user.id * 7 + 1), "data": match["callback_data"]}})
        return web.json_response({"callback_query_id": callback_id})

    async def _api_callback(self, request: web.Request) -> web.Response:
        record = self.callbacks.get(request.match_info["callback_id"])
        if record is None:
            return web.json_response({"error": "unknown callback query"}, status=404)
        return web.json_response({"answered": record.answered, "text": record.text, "show_alert": record.show_alert})

    async def _membership(self, user: SandboxUserRecord, blocked: bool) -> None:
        user.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        stamp = int(time.time())
        await self._push_update({"my_chat_member": {
            "chat": user.as_chat(), "from": user.as_user(), "date": stamp,
            "old_chat_member": {"status": old, "user": self._bot_user(), **({"until_date": 0} if old == "kicked" else {})},
            "new_chat_member": {"status": new, "user": self._bot_user(), **({"until_date": 0} if new == "kicked" else {})},
        }})

    async def _api_block(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if not user.blocked:
            await self._membership(user, True)
        return web.json_response(user.public())

    async def _api_unblock(self, request: web.Request) -> web.Response:
        user = self._user(request)
        if user.blocked:
            await self._membership(user, False)
        return web.json_response(user.public())

    def _public_message(self, record: ChatRecord) -> dict[str, Any]:
        data = record.data
        text = data.get("text")

        def file_view(key: str) -> dict[str, Any] | None:
            value = data.get(key)
            if not value:
                return None
            item = value[-1] if isinstance(value, list) else value
            return {**item, "url": f"/sandbox/api/files/{item['file_id']}"}

        return {
            "message_id": record.message_id, "from_bot": record.from_bot, "date": data.get("date"), "text": text,
            "html": to_html(text, data.get("entities")) if text is not None else None,
            "entities": data.get("entities", []), "reply_markup": data.get("reply_markup"),
            "document": file_view("document"), "photo": file_view("photo"), "caption": data.get("caption"),
            "media_group_id": data.get("media_group_id"), "edited": record.edited, "deleted": record.deleted,
            "version": record.version,
        }

    async def _api_messages(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        after = int(request.query.get("after", 0))
        return web.json_response([self._public_message(r) for r in self.chats.get(chat_id, [])
                                  if r.message_id > after])

    async def _api_wait(self, request: web.Request) -> web.Response:
        chat_id = int(request.match_info["chat_id"])
        after = int(request.query.get("after", 0))
        seen_version = int(request.query.get("version", -1))
        deadline = time.monotonic() + min(60.0, float(request.query.get("timeout", 10)))
        while True:
            fresh = [r for r in self.chats.get(chat_id, []) if r.from_bot and (
                r.message_id > after or (seen_version >= 0 and r.version > 0 and r.message_id <= after
                                          and r.version > seen_version))]
            remaining = deadline - time.monotonic()
            if fresh or remaining <= 0:
                return web.json_response([self._public_message(r) for r in fresh])
            await self._wait_change(remaining)

    async def _api_file(self, request: web.Request) -> web.Response:
        stored = self.files.get(request.match_info["file_id"])
        if stored is None:
            return web.json_response({"error": "unknown file"}, status=404)
        name = stored.file_name or stored.file_path.rsplit("/", 1)[-1]
        from urllib.parse import quote

        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream",
                            headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}"})

    async def _api_control(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "deliver_updates" in body:
            self.deliver_updates = bool(body["deliver_updates"])
        if body.get("limits"):
            self.limits.update(body["limits"])
            self._global_bucket = TokenBucket(self.limits.global_per_second, self.limits.global_burst)
            self._chat_buckets.clear()
        if body.get("force_429"):
            self.force_429(int(body["force_429"]["count"]), int(body["force_429"].get("retry_after", 1)))
        await self._notify()
        return web.json_response({"deliver_updates": self.deliver_updates, "pending_updates": len(self.updates)})

    def force_429(self, count: int, retry_after: int = 1) -> None:
        """The next `count` sends answer 429 with this retry_after."""
        self._force_429.extend([retry_after] * count)

    async def _api_bot(self, request: web.Request) -> web.Response:
        return web.json_response({"commands": self.commands, "scoped_commands": self.scoped_commands,
                                  "menu_button": self.menu_button,
                                  "webhook": self.webhook, "pending_updates": len(self.updates)})


Handler = Callable[[Emulator, dict[str, Any]], Awaitable[Any]]
_METHODS: dict[str, Handler] = {
    name.lower(): handler
    for name, handler in {
        "getMe": Emulator.get_me, "getUpdates": Emulator.get_updates, "setWebhook": Emulator.set_webhook,
        "deleteWebhook": Emulator.delete_webhook, "getWebhookInfo": Emulator.get_webhook_info,
        "sendMessage": Emulator.send_message,
        "sendDocument": lambda self, p: self._send_media(p, "document"),
        "sendPhoto": lambda self, p: self._send_media(p, "photo"),
        "sendMediaGroup": Emulator.send_media_group, "editMessageText": Emulator.edit_message_text,
        "editMessageCaption": Emulator.edit_message_caption,
        "editMessageReplyMarkup": Emulator.edit_message_reply_markup, "deleteMessage": Emulator.delete_message,
        "answerCallbackQuery": Emulator.answer_callback_query, "getFile": Emulator.get_file,
        "setMyCommands": Emulator.set_my_commands, "getMyCommands": Emulator.get_my_commands,
        "deleteMyCommands": Emulator.delete_my_commands, "setChatMenuButton": Emulator.set_chat_menu_button,
        "getChatMenuButton": Emulator.get_chat_menu_button, "sendChatAction": Emulator.send_chat_action,
        "getChat": Emulator.get_chat, "close": Emulator.harmless, "logOut": Emulator.harmless,
    }.items()
}
