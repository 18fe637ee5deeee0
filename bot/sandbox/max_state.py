"""What the emulated MAX knows: users, their dialogs with the bot and messages, uploads, callbacks.

Ids are kept apart on purpose so that an adapter mixing them up fails in tests: a user's dialog
`chat_id` is not their `user_id`; a message id (`mid`) is a string."""

from __future__ import annotations

import itertools
import mimetypes
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

DIALOG_OFFSET = 7_000_000_000  # dialog chat_id = DIALOG_OFFSET + user_id


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class MaxUserRecord:
    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    locale: str = "ru"
    blocked: bool = False  # the user stopped/blocked the bot: sends to them are refused
    started: bool = False

    @property
    def chat_id(self) -> int:
        return DIALOG_OFFSET + self.user_id

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"user_id": self.user_id, "first_name": self.first_name, "username": self.username,
                                "is_bot": False, "last_activity_time": now_ms(), "name": self.name}
        if self.last_name:
            user["last_name"] = self.last_name
        return user

    def public(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "chat_id": self.chat_id, "first_name": self.first_name,
                "last_name": self.last_name, "username": self.username, "locale": self.locale,
                "blocked": self.blocked}


@dataclass
class Upload:
    """One file as MAX keeps it: uploaded by the bot (`token` after the upload step) or sent by a
    user (then it has a token too, and the bot may re-send it)."""

    key: str  # the path part of its download URL
    kind: str  # file | image
    content: bytes | None = None
    filename: str | None = None
    mime_type: str | None = None
    token: str | None = None
    photo_id: int = 0

    @property
    def size(self) -> int:
        return len(self.content or b"")


@dataclass
class MaxChatRecord:
    """One message in a dialog, both directions; `message` is the API's Message object."""

    mid: str
    from_bot: bool
    message: dict[str, Any]
    edited: bool = False
    deleted: bool = False
    version: int = 0
    notify: bool = True


@dataclass
class MaxCallbackRecord:
    callback_id: str
    user_id: int
    mid: str
    payload: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    notification: str | None = None
    edited_message: bool = False


class MaxUploads:
    def __init__(self) -> None:
        self.by_key: dict[str, Upload] = {}
        self.by_token: dict[str, Upload] = {}
        self._photo_ids = itertools.count(5_000_001)

    def reserve(self, kind: str) -> Upload:
        """Step 1 of an upload: a URL to send the bytes to."""
        upload = Upload(key=secrets.token_urlsafe(18), kind=kind)
        self.by_key[upload.key] = upload
        return upload

    def fill(self, upload: Upload, content: bytes, filename: str | None, mime_type: str | None) -> None:
        """Step 2: the bytes arrive; the upload gets its token."""
        upload.content = content
        upload.filename = filename
        upload.mime_type = mime_type or (mimetypes.guess_type(filename)[0] if filename else None)
        upload.token = ("f" if upload.kind == "file" else "i") + secrets.token_urlsafe(30)
        if upload.kind == "image":
            upload.photo_id = next(self._photo_ids)
        self.by_token[upload.token] = upload

    def add(self, kind: str, content: bytes, filename: str | None, mime_type: str | None) -> Upload:
        upload = self.reserve(kind)
        self.fill(upload, content, filename, mime_type)
        return upload
