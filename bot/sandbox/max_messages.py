"""The MAX emulator's message methods: send, edit, delete, get, answer a callback; and how a
message looks (the description's `Message`) for both directions."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox.max_errors import attachment_not_ready, bad_request, chat_denied, forbidden, not_found
from bot.sandbox.max_markup import render
from bot.sandbox.max_state import MaxCallbackRecord, MaxChatRecord, MaxUserRecord, Upload, now_ms

if TYPE_CHECKING:
    from bot.sandbox.max_server import MaxEmulator


def file_attachment(upload: Upload, base_url: str) -> dict[str, Any]:
    url = f"{base_url}/max-files/{upload.key}"
    if upload.kind == "image":
        return {"type": "image", "payload": {"photo_id": upload.photo_id, "token": upload.token, "url": url}}
    return {"type": "file", "payload": {"url": url, "token": upload.token}, "filename": upload.filename or "file",
            "size": upload.size}


class MessagesMixin:
    """Mixed into `MaxEmulator` (state lives there)."""

    # ─── lookups ───────────────────────────────────────────────────────────

    def _recipient_user(self: MaxEmulator, query: dict[str, str]) -> MaxUserRecord:
        if ("user_id" in query) == ("chat_id" in query):
            raise bad_request("exactly one of user_id, chat_id is required")
        if "user_id" in query:
            user = self.users.get(int(query["user_id"]))
        else:
            user = next((u for u in self.users.values() if u.chat_id == int(query["chat_id"])), None)
        if user is None:
            raise not_found("chat.not.found")
        return user

    def find_message(self: MaxEmulator, mid: str) -> tuple[MaxUserRecord, MaxChatRecord]:
        for user_id, records in self.chats.items():
            for record in records:
                if record.mid == mid and not record.deleted:
                    return self.users[user_id], record
        raise not_found(f"message {mid} not found")

    # ─── building messages ─────────────────────────────────────────────────

    def new_record(self: MaxEmulator, user: MaxUserRecord, *, from_bot: bool, text: str | None,
                   attachments: list[dict[str, Any]] | None, markup: list[dict[str, Any]] | None = None,
                   notify: bool = True) -> MaxChatRecord:
        seq = self.next_seq()
        mid = f"mid.{user.chat_id:016x}{seq:016x}"
        body: dict[str, Any] = {"mid": mid, "seq": seq, "text": text, "attachments": attachments or None}
        if markup:
            body["markup"] = markup
        if from_bot:
            sender = self.bot_user()
            recipient = {"chat_id": user.chat_id, "chat_type": "dialog", "user_id": user.user_id}
        else:
            sender = user.as_user()
            recipient = {"chat_id": user.chat_id, "chat_type": "dialog", "user_id": self.bot_id}
        message = {"sender": sender, "recipient": recipient, "timestamp": now_ms(), "body": body}
        record = MaxChatRecord(mid=mid, from_bot=from_bot, message=message, notify=notify)
        self.chats.setdefault(user.user_id, []).append(record)
        self.notify()
        return record

    def _body_parts(self: MaxEmulator, body: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]] | None,
                                                                      list[dict[str, Any]] | None]:
        """NewMessageBody → the text, markup and attachments recipients see (None: not given)."""
        text, markup = render(body.get("text"), body.get("format"))
        attachments = None
        if body.get("attachments") is not None:
            attachments, uploaded = [], False
            keyboards = [a for a in body["attachments"] if a["type"] == "inline_keyboard"]
            if len(keyboards) > 1:
                raise bad_request("only one inline_keyboard attachment is allowed")
            for item in body["attachments"]:
                kind = item["type"]
                if kind == "inline_keyboard":
                    attachments.append({"type": "inline_keyboard", "payload": {"buttons": item["payload"]["buttons"]}})
                elif kind in ("file", "image"):
                    token = (item.get("payload") or {}).get("token")
                    upload = self.uploads.by_token.get(token or "")
                    if upload is None or upload.kind != kind:
                        raise bad_request(f"{kind} attachment: unknown token (only tokens from uploads are "
                                          "supported by the emulator)")
                    uploaded = True
                    attachments.append(file_attachment(upload, self.base_url))
                else:
                    raise bad_request(f"attachment type {kind!r} is not supported by the emulator")
            if uploaded and self.attachment_not_ready > 0:
                self.attachment_not_ready -= 1
                raise attachment_not_ready()
        return text, markup, attachments

    def _apply_edit(self: MaxEmulator, record: MaxChatRecord, body: dict[str, Any]) -> None:
        text, markup, attachments = self._body_parts(body)
        current = record.message["body"]
        if "text" in body and body["text"] is not None:
            current["text"] = text
            current.pop("markup", None)
            if markup:
                current["markup"] = markup
        if attachments is not None:  # null/absent keeps them, [] removes them
            current["attachments"] = attachments or None
        if not current.get("text") and not current.get("attachments"):
            raise bad_request("text or attachments required")
        record.edited = True
        record.version += 1
        self.notify()

    # ─── the Bot API methods ───────────────────────────────────────────────

    async def _send_message(self: MaxEmulator, request: web.Request, query: dict[str, str],
                            body: dict[str, Any]) -> dict[str, Any]:
        user = self._recipient_user(query)
        if user.blocked:
            raise chat_denied()
        text, markup, attachments = self._body_parts(body)
        if not text and not attachments:
            raise bad_request("text or attachments required")
        record = self.new_record(user, from_bot=True, text=text, attachments=attachments, markup=markup,
                                 notify=body.get("notify", True))
        return {"message": record.message}

    async def _edit_message(self: MaxEmulator, request: web.Request, query: dict[str, str],
                            body: dict[str, Any]) -> dict[str, Any]:
        user, record = self.find_message(query["message_id"])
        if not record.from_bot:
            raise forbidden("a bot can edit only its own messages")
        if user.blocked:
            raise chat_denied()
        self._apply_edit(record, body)
        return {"success": True}

    async def _delete_message(self: MaxEmulator, request: web.Request, query: dict[str, str],
                              body: Any) -> dict[str, Any]:
        _, record = self.find_message(query["message_id"])
        if not record.from_bot:
            raise forbidden("a bot can delete only its own messages in a dialog")
        record.deleted = True
        record.version += 1
        self.notify()
        return {"success": True}

    async def _get_message(self: MaxEmulator, request: web.Request, query: dict[str, str],
                           body: Any) -> dict[str, Any]:
        _, record = self.find_message(request.match_info["messageId"])
        return record.message

    async def _answer_callback(self: MaxEmulator, request: web.Request, query: dict[str, str],
                               body: dict[str, Any]) -> dict[str, Any]:
        callback = self.callbacks.get(query["callback_id"])
        if callback is None:
            raise not_found("callback not found")
        if body.get("message") is None and body.get("notification") is None:
            raise bad_request("message or notification required")
        if body.get("message") is not None:
            _, record = self.find_message(callback.mid)
            self._apply_edit(record, body["message"])
            callback.edited_message = True
        if body.get("notification") is not None:
            callback.notification = body["notification"]
        callback.answered = True
        self.notify()
        return {"success": True}

    # ─── what users do (max_user_api.py calls these) ───────────────────────

    def user_message(self: MaxEmulator, user: MaxUserRecord, text: str | None,
                     attachments: list[dict[str, Any]] | None = None) -> MaxChatRecord:
        record = self.new_record(user, from_bot=False, text=text, attachments=attachments)
        self.push_update({"update_type": "message_created", "timestamp": now_ms(), "message": record.message,
                          "user_locale": user.locale})
        return record

    def user_start(self: MaxEmulator, user: MaxUserRecord, payload: str | None) -> None:
        user.started = True
        user.blocked = False
        update: dict[str, Any] = {"update_type": "bot_started", "timestamp": now_ms(), "chat_id": user.chat_id,
                                  "user": user.as_user(), "user_locale": user.locale}
        if payload is not None and len(payload) <= 512:  # longer payloads are not passed (the description)
            update["payload"] = payload
        self.push_update(update)

    def user_press(self: MaxEmulator, user: MaxUserRecord, record: MaxChatRecord, payload: str) -> MaxCallbackRecord:
        callback = MaxCallbackRecord(callback_id=secrets.token_urlsafe(16), user_id=user.user_id, mid=record.mid,
                                     payload=payload)
        self.callbacks[callback.callback_id] = callback
        self.push_update({"update_type": "message_callback", "timestamp": now_ms(),
                          "callback": {"timestamp": now_ms(), "callback_id": callback.callback_id,
                                       "payload": payload, "user": user.as_user()},
                          "message": record.message, "user_locale": user.locale})
        return callback
