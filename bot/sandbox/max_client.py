"""The user side of the MAX emulator in Python: tests play MAX users through
`/sandbox/max/api/` (see `max_user_api.py`), as `bot.sandbox.client` does for Telegram."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.sandbox.client import SandboxHttp, WaitsForMessages
from bot.sandbox.max_user_api import PREFIX


@dataclass
class MaxChatMessage:
    mid: str
    seq: int
    from_bot: bool
    text: str | None
    markup: list[dict[str, Any]] | None
    attachments: list[dict[str, Any]]
    button_rows: list[list[dict[str, Any]]]
    edited: bool
    deleted: bool
    version: int
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, data: dict[str, Any]) -> MaxChatMessage:
        return cls(mid=data["mid"], seq=data["seq"], from_bot=data["from_bot"], text=data.get("text"),
                   markup=data.get("markup"), attachments=data.get("attachments") or [],
                   button_rows=data.get("buttons") or [], edited=data.get("edited", False),
                   deleted=data.get("deleted", False), version=data.get("version", 0), raw=data)

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """(text, callback payload or link URL) by row."""
        return [[(b["text"], b.get("payload") or b.get("url")) for b in row] for row in self.button_rows]

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    def button(self, text_part: str) -> tuple[str, str | None]:
        for row in self.buttons:
            for text, data in row:
                if text_part in text:
                    return text, data
        raise AssertionError(f"no button with {text_part!r} in {self.button_texts} (message: {self.text!r})")

    @property
    def body(self) -> str:
        return self.text or ""

    @property
    def file(self) -> dict[str, Any] | None:
        return next((a for a in self.attachments if a["type"] in ("file", "image")), None)


class MaxUser(WaitsForMessages):
    def __init__(self, client: MaxSandboxClient, info: dict[str, Any]) -> None:
        self._client = client
        self.user_id: int = info["user_id"]
        self.chat_id: int = info["chat_id"]
        self.info = info
        self._last_seq = 0

    def _path(self, tail: str) -> str:
        return f"{PREFIX}/users/{self.user_id}/{tail}"

    async def start(self, payload: str | None = None) -> None:
        """Opens the bot (the Start button) or follows a deep link max.ru/<bot>?start=<payload>."""
        await self._client.post(self._path("start"), json={"payload": payload} if payload is not None else {})

    async def send(self, text: str) -> str:
        return (await self._client.post(self._path("messages"), json={"text": text}))["mid"]

    async def send_file(self, content: bytes, name: str, mime_type: str | None = None, *, kind: str = "file",
                        text: str | None = None) -> str:
        form = aiohttp.FormData(quote_fields=False)
        form.add_field("kind", kind)
        if text:
            form.add_field("text", text)
        form.add_field("file", content, filename=name, content_type=mime_type or "application/octet-stream")
        return (await self._client.post(self._path("files"), data=form))["mid"]

    async def send_image(self, content: bytes, name: str = "photo.jpg", text: str | None = None) -> str:
        return await self.send_file(content, name, "image/jpeg", kind="image", text=text)

    async def press(self, message: MaxChatMessage, *, text: str | None = None, payload: str | None = None,
                    forge: bool = False) -> str:
        chosen = payload if payload is not None else message.button(text or "")[1]
        result = await self._client.post(self._path("press"),
                                         json={"mid": message.mid, "payload": chosen, "forge": forge})
        return result["callback_id"]

    async def callback_answer(self, callback_id: str, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            answer = await self._client.get(f"{PREFIX}/callbacks/{callback_id}")
            if answer["answered"] or time.monotonic() > deadline:
                return answer
            await asyncio.sleep(0.02)

    async def block(self) -> None:
        await self._client.post(self._path("block"), json={})

    async def unblock(self) -> None:
        await self._client.post(self._path("unblock"), json={})

    async def messages(self) -> list[MaxChatMessage]:
        return [MaxChatMessage.of(m) for m in await self._client.get(f"{PREFIX}/chats/{self.user_id}/messages")]

    async def bot_messages(self) -> list[MaxChatMessage]:
        return [m for m in await self.messages() if m.from_bot and not m.deleted]

    async def next_message(self, timeout: float = 5.0) -> MaxChatMessage:
        """The next new bot message after the last one this helper returned."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            found = await self._client.get(f"{PREFIX}/chats/{self.user_id}/wait",
                                           params={"after": self._last_seq, "timeout": max(0.0, remaining)})
            if found:
                message = MaxChatMessage.of(found[0])
                self._last_seq = message.seq
                return message
            if remaining <= 0:
                shown = "\n".join(f"  [{m.seq}] {'бот' if m.from_bot else 'я'}: {m.body[:200]!r}"
                                  for m in await self.messages())
                raise AssertionError(f"no new bot message within {timeout}s; the chat shows:\n{shown}")

    async def message(self, mid: str) -> MaxChatMessage:
        for m in await self.messages():
            if m.mid == mid:
                return m
        raise AssertionError(f"message {mid} not in the chat")

    async def wait_edit(self, message: MaxChatMessage, timeout: float = 5.0) -> MaxChatMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = await self.message(message.mid)
            if current.version > message.version:
                return current
            await asyncio.sleep(0.03)
        raise AssertionError(f"message {message.mid} was not edited within {timeout}s")

    async def download(self, message: MaxChatMessage) -> bytes:
        item = message.file
        assert item is not None, "the message has no file"
        return await self._client.get_bytes(item["payload"]["url"])


class MaxSandboxClient(SandboxHttp):
    async def create_user(self, first_name: str, **fields: Any) -> MaxUser:
        return MaxUser(self, await self.post(f"{PREFIX}/users", json={"first_name": first_name, **fields}))

    async def control(self, **body: Any) -> dict[str, Any]:
        return await self.post(f"{PREFIX}/control", json=body)

    async def bot_info(self) -> dict[str, Any]:
        return await self.get(f"{PREFIX}/bot")
