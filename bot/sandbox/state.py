"""What the emulated Telegram knows: users, chats and their messages, files, updates."""

from __future__ import annotations

import hashlib
import itertools
import mimetypes
import secrets
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SandboxUserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str = "ru"
    blocked: bool = False

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name,
                                "language_code": self.language_code}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        return user

    def as_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "first_name": self.first_name, "last_name": self.last_name,
                "username": self.username, "language_code": self.language_code, "blocked": self.blocked}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    kind: str  # document | photo
    file_path: str

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class ChatRecord:
    """One message in a chat, both directions; `data` is the Bot API Message object."""

    message_id: int
    from_bot: bool
    data: dict[str, Any]
    edited: bool = False
    deleted: bool = False
    version: int = 0


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    created: float = field(default_factory=time.monotonic)
    answered: bool = False
    text: str | None = None
    show_alert: bool = False


class Files:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(self, content: bytes, file_name: str | None, mime_type: str | None, kind: str) -> StoredFile:
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        unique = "AgAD" + hashlib.sha256(kind.encode() + content).hexdigest()[:16]
        prefix = "AgACAgIAAxk" if kind == "photo" else "BQACAgIAAxk"
        file_id = prefix + secrets.token_urlsafe(24)
        ext = (file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else ("jpg" if kind == "photo" else "bin"))
        path = f"{'photos' if kind == 'photo' else 'documents'}/file_{next(self._counter)}.{ext}"
        stored = StoredFile(file_id, unique, content, file_name, mime_type, kind, path)
        self._by_id[file_id] = stored
        self._by_path[path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)
