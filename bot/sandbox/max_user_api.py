"""The MAX emulator's user side over HTTP (JSON), for tests (`bot.sandbox.max_client`) and the sandbox:

  GET  /sandbox/max/api/users                          → [user]
  POST /sandbox/max/api/users {first_name, user_id?, last_name?, username?, locale?} → user
  POST /sandbox/max/api/users/{id}/start {payload?}    → {} (bot_started; a deep link or the Start button)
  POST /sandbox/max/api/users/{id}/messages {text}     → {mid}
  POST /sandbox/max/api/users/{id}/files  multipart: file, kind=file|image, text? → {mid}
  POST /sandbox/max/api/users/{id}/press {mid, payload, forge?} → {callback_id}
       (a payload no callback button of that message carries is refused unless `forge`)
  POST /sandbox/max/api/users/{id}/block, /unblock     (block: bot_stopped, then the bot's sends answer 403)
  GET  /sandbox/max/api/callbacks/{id}                 → {answered, notification, edited_message}
  GET  /sandbox/max/api/chats/{user_id}/messages       → [chat message]
  GET  /sandbox/max/api/chats/{user_id}/wait?after=SEQ&timeout=S → bot messages with seq > SEQ, or []
  POST /sandbox/max/api/control {force_429?: {count}, attachment_not_ready?: N}
  GET  /sandbox/max/api/bot                            → {info, commands, off_spec_calls, spec_violations}
A chat message: {mid, seq, from_bot, text, markup, attachments, buttons, edited, deleted, version, notify}.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.max_state import MaxChatRecord, MaxUserRecord, now_ms

if TYPE_CHECKING:
    from bot.sandbox.max_server import MaxEmulator

PREFIX = "/sandbox/max/api"
_user_ids = itertools.count(300001)


def chat_message(record: MaxChatRecord) -> dict[str, Any]:
    body = record.message["body"]
    attachments = body.get("attachments") or []
    buttons = [row for a in attachments if a["type"] == "inline_keyboard" for row in a["payload"]["buttons"]]
    return {"mid": record.mid, "seq": body["seq"], "from_bot": record.from_bot, "text": body.get("text"),
            "markup": body.get("markup"), "attachments": [a for a in attachments if a["type"] != "inline_keyboard"],
            "buttons": buttons, "edited": record.edited, "deleted": record.deleted, "version": record.version,
            "notify": record.notify}


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def add_user_routes(app: web.Application, emulator: MaxEmulator) -> None:
    def user_of(request: web.Request) -> MaxUserRecord:
        user = emulator.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise web.HTTPNotFound(text='{"error": "no such user"}', content_type="application/json")
        return user

    async def list_users(request: web.Request) -> web.Response:
        return web.json_response([u.public() for u in emulator.users.values()])

    async def create_user(request: web.Request) -> web.Response:
        data = await request.json()
        user_id = int(data.get("user_id") or next(_user_ids))
        user = MaxUserRecord(user_id=user_id, first_name=data["first_name"], last_name=data.get("last_name"),
                             username=data.get("username"), locale=data.get("locale", "ru"))
        emulator.users[user_id] = user
        emulator.chats.setdefault(user_id, [])
        return web.json_response(user.public())

    async def start(request: web.Request) -> web.Response:
        data = await request.json() if request.can_read_body else {}
        emulator.user_start(user_of(request), data.get("payload"))
        return web.json_response({})

    async def send_text(request: web.Request) -> web.Response:
        data = await request.json()
        record = emulator.user_message(user_of(request), data["text"])
        return web.json_response({"mid": record.mid})

    async def send_file(request: web.Request) -> web.Response:
        user = user_of(request)
        form = await request.post()
        kind = str(form.get("kind", "file"))
        part = form.get("file")
        if kind not in ("file", "image") or not isinstance(part, web.FileField):
            return _error(400, "kind=file|image and a `file` part are required")
        upload = emulator.uploads.add(kind, part.file.read(), part.filename, part.content_type)
        from bot.sandbox.max_messages import file_attachment

        text = form.get("text")
        record = emulator.user_message(user, str(text) if text else None, [file_attachment(upload, emulator.base_url)])
        return web.json_response({"mid": record.mid})

    async def press(request: web.Request) -> web.Response:
        user = user_of(request)
        data = await request.json()
        record = next((r for r in emulator.chats.get(user.user_id, []) if r.mid == data["mid"]), None)
        if record is None or record.deleted:
            return _error(404, "no such message in this chat")
        payloads = [b.get("payload") for row in chat_message(record)["buttons"] for b in row
                    if b.get("type") == "callback"]
        if data["payload"] not in payloads and not data.get("forge"):
            return _error(400, f"no callback button with payload {data['payload']!r} (buttons carry {payloads})")
        callback = emulator.user_press(user, record, data["payload"])
        return web.json_response({"callback_id": callback.callback_id})

    async def block(request: web.Request) -> web.Response:
        user = user_of(request)
        user.blocked = True
        emulator.push_update({"update_type": "bot_stopped", "timestamp": now_ms(), "chat_id": user.chat_id,
                              "user": user.as_user(), "user_locale": user.locale})
        return web.json_response({})

    async def unblock(request: web.Request) -> web.Response:
        user_of(request).blocked = False
        return web.json_response({})

    async def callback(request: web.Request) -> web.Response:
        found = emulator.callbacks.get(request.match_info["callback_id"])
        if found is None:
            return _error(404, "no such callback")
        return web.json_response({"answered": found.answered, "notification": found.notification,
                                  "edited_message": found.edited_message})

    async def messages(request: web.Request) -> web.Response:
        user = user_of(request)
        return web.json_response([chat_message(r) for r in emulator.chats.get(user.user_id, [])])

    async def wait(request: web.Request) -> web.Response:
        user = user_of(request)
        after = int(request.query.get("after", 0))
        deadline = asyncio.get_running_loop().time() + float(request.query.get("timeout", 5))
        while True:
            found = [chat_message(r) for r in emulator.chats.get(user.user_id, [])
                     if r.from_bot and r.message["body"]["seq"] > after]
            remaining = deadline - asyncio.get_running_loop().time()
            if found or remaining <= 0 or emulator._stopping:
                return web.json_response(found)
            await emulator.wait_change(remaining)

    async def control(request: web.Request) -> web.Response:
        data = await request.json()
        if "force_429" in data:
            emulator.force_429 = int(data["force_429"]["count"])
        if "attachment_not_ready" in data:
            emulator.attachment_not_ready = int(data["attachment_not_ready"])
        return web.json_response({"force_429": emulator.force_429,
                                  "attachment_not_ready": emulator.attachment_not_ready})

    async def bot(request: web.Request) -> web.Response:
        return web.json_response({"info": emulator.bot_info(), "commands": emulator.commands,
                                  "off_spec_calls": emulator.off_spec_calls,
                                  "spec_violations": emulator.spec_violations})

    app.router.add_get(f"{PREFIX}/users", list_users)
    app.router.add_post(f"{PREFIX}/users", create_user)
    app.router.add_post(PREFIX + "/users/{user_id}/start", start)
    app.router.add_post(PREFIX + "/users/{user_id}/messages", send_text)
    app.router.add_post(PREFIX + "/users/{user_id}/files", send_file)
    app.router.add_post(PREFIX + "/users/{user_id}/press", press)
    app.router.add_post(PREFIX + "/users/{user_id}/block", block)
    app.router.add_post(PREFIX + "/users/{user_id}/unblock", unblock)
    app.router.add_get(PREFIX + "/callbacks/{callback_id}", callback)
    app.router.add_get(PREFIX + "/chats/{user_id}/messages", messages)
    app.router.add_get(PREFIX + "/chats/{user_id}/wait", wait)
    app.router.add_post(f"{PREFIX}/control", control)
    app.router.add_get(f"{PREFIX}/bot", bot)
