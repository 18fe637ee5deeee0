"""The user side in Python: tests (and scripts) play Telegram users through the
emulator's `/sandbox/api/` HTTP endpoints."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp


@dataclass
class ChatMessage:
    message_id: int
    from_bot: bool
    text: str | None
    html: str | None
    reply_markup: dict[str, Any] | None
    document: dict[str, Any] | None
    photo: dict[str, Any] | None
    caption: str | None
    media_group_id: str | None
    edited: bool
    deleted: bool
    version: int = 0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, data: dict[str, Any]) -> ChatMessage:
        return cls(
            message_id=data["message_id"], from_bot=data["from_bot"], text=data.get("text"), html=data.get("html"),
            reply_markup=data.get("reply_markup"), document=data.get("document"), photo=data.get("photo"),
            caption=data.get("caption"), media_group_id=data.get("media_group_id"), edited=data.get("edited", False),
            deleted=data.get("deleted", False), version=data.get("version", 0), raw=data,
        )

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [[(b["text"], b.get("callback_data") or b.get("url")) for b in row] for row in rows]

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
        return self.text or self.caption or ""


class WaitsForMessages:
    """`next_message_containing` over a user's own `next_message`: one loop for both emulators' users."""

    async def next_message_containing(self, text: str, timeout: float = 5.0):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        skipped = []
        while True:
            message = await self.next_message(max(0.05, deadline - time.monotonic()))  # type: ignore[attr-defined]
            if text in message.body:
                return message
            skipped.append(message.body[:120])
            if time.monotonic() > deadline:
                raise AssertionError(f"no bot message containing {text!r}; got {skipped}")


class SandboxUser(WaitsForMessages):
    def __init__(self, client: SandboxClient, info: dict[str, Any]) -> None:
        self._client = client
        self.id: int = info["id"]
        self.info = info
        self._last_seen = 0

    async def send(self, text: str) -> int:
        result = await self._client.post(f"/sandbox/api/users/{self.id}/messages", json={"text": text})
        return result["message_id"]

    async def _files(self, files: list[tuple[bytes, str, str | None]], kind: str, caption: str | None,
                     forwarded: bool = False) -> dict[str, Any]:
        form = aiohttp.FormData(quote_fields=False)  # UTF-8 file names, as Telegram apps send them
        form.add_field("kind", kind)
        if caption:
            form.add_field("caption", caption)
        if forwarded:
            form.add_field("forwarded", "1")
        for content, name, mime in files:
            form.add_field("file", content, filename=name, content_type=mime or "application/octet-stream")
        return await self._client.post(f"/sandbox/api/users/{self.id}/files", data=form)

    async def send_document(self, content: bytes, name: str, mime_type: str | None = None,
                            caption: str | None = None) -> dict[str, Any]:
        return (await self._files([(content, name, mime_type)], "document", caption))["messages"][0]

    async def forward_document(self, content: bytes, name: str, mime_type: str | None = None) -> dict[str, Any]:
        return (await self._files([(content, name, mime_type)], "document", None, forwarded=True))["messages"][0]

    async def send_photo(self, content: bytes, name: str = "photo.jpg", caption: str | None = None) -> dict[str, Any]:
        return (await self._files([(content, name, "image/jpeg")], "photo", caption))["messages"][0]

    async def send_album(self, files: list[tuple[bytes, str, str | None]], kind: str = "photo") -> dict[str, Any]:
        return await self._files(files, kind, None)

    async def press(self, message: ChatMessage, *, text: str | None = None, data: str | None = None,
                    forge: bool = False) -> str:
        body: dict[str, Any] = {"message_id": message.message_id, "forge": forge}
        if data is not None:
            body["callback_data"] = data
        else:
            body["callback_data"] = message.button(text or "")[1]
        result = await self._client.post(f"/sandbox/api/users/{self.id}/press", json=body)
        return result["callback_query_id"]

    async def callback_answer(self, callback_query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            answer = await self._client.get(f"/sandbox/api/callbacks/{callback_query_id}")
            if answer["answered"] or time.monotonic() > deadline:
                return answer
            await asyncio.sleep(0.02)

    async def block(self) -> None:
        await self._client.post(f"/sandbox/api/users/{self.id}/block", json={})

    async def unblock(self) -> None:
        await self._client.post(f"/sandbox/api/users/{self.id}/unblock", json={})

    async def messages(self) -> list[ChatMessage]:
        return [ChatMessage.of(m) for m in await self._client.get(f"/sandbox/api/chats/{self.id}/messages")]

    async def bot_messages(self) -> list[ChatMessage]:
        return [m for m in await self.messages() if m.from_bot and not m.deleted]

    async def next_message(self, timeout: float = 5.0) -> ChatMessage:
        """The next new bot message after the last one this helper returned."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            found = await self._client.get(
                f"/sandbox/api/chats/{self.id}/wait", params={"after": self._last_seen, "timeout": max(0.0, remaining)}
            )
            fresh = [ChatMessage.of(m) for m in found if m["message_id"] > self._last_seen]
            if fresh:
                self._last_seen = fresh[0].message_id
                return fresh[0]
            if remaining <= 0:
                shown = "\n".join(f"  [{m.message_id}] {'бот' if m.from_bot else 'я'}: {m.body[:200]!r}"
                                  for m in await self.messages())
                raise AssertionError(f"no new bot message within {timeout}s; the chat shows:\n{shown}")

    async def message(self, message_id: int) -> ChatMessage:
        for m in await self.messages():
            if m.message_id == message_id:
                return m
        raise AssertionError(f"message {message_id} not in the chat")

    async def wait_edit(self, message: ChatMessage, timeout: float = 5.0) -> ChatMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            current = await self.message(message.message_id)
            if current.version > message.version:
                return current
            await asyncio.sleep(0.03)
        raise AssertionError(f"message {message.message_id} was not edited within {timeout}s")

    async def download(self, message: ChatMessage) -> bytes:
        item = message.document or message.photo
        assert item is not None, "the message has no file"
        return await self._client.get_bytes(item["url"])


class SandboxHttp:
    """The HTTP plumbing both emulators' user-side clients share: one session, JSON answers
    (an error status raises SandboxRefused), raw bytes for downloads."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self):  # type: ignore[no-untyped-def]
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None, f"use `async with {type(self).__name__}(url)`"
        return self._session

    async def _json(self, response: aiohttp.ClientResponse) -> Any:
        data = await response.json()
        if response.status >= 400:
            raise SandboxRefused(response.status, data)
        return data

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        async with self.session.get(self.base_url + path, params=params) as response:
            return await self._json(response)

    async def post(self, path: str, **kwargs: Any) -> Any:
        async with self.session.post(self.base_url + path, **kwargs) as response:
            return await self._json(response)

    async def get_bytes(self, url_or_path: str) -> bytes:
        url = url_or_path if url_or_path.startswith("http") else self.base_url + url_or_path
        async with self.session.get(url) as response:
            response.raise_for_status()
            return await response.read()


class SandboxClient(SandboxHttp):
    async def create_user(self, first_name: str, **fields: Any) -> SandboxUser:
        return SandboxUser(self, await self.post("/sandbox/api/users", json={"first_name": first_name, **fields}))

    async def control(self, **body: Any) -> dict[str, Any]:
        return await self.post("/sandbox/api/control", json=body)

    async def bot_info(self) -> dict[str, Any]:
        return await self.get("/sandbox/api/bot")


class SandboxRefused(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body
