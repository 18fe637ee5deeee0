"""MAX updates → neutral events: who writes (our `people` row, via bot/storage/channels.py),
commands, texts, files (downloaded from the attachment URL, never more than the evidence limit)
and the message a press came from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from bot.config import Settings
from bot.conversations.events import MAX, Command, Pressed, Turn, Upload
from bot.conversations.state import SqliteStateStore, state_key
from bot.domain.clock import Clock
from bot.domain.evidence_rules import MAX_EVIDENCE_BYTES
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.storage.channels import ChannelRepository
from bot.storage.fsm import FsmStateRepository


@dataclass(slots=True)
class Runtime:
    services: Services
    clock: Clock
    texts: Texts
    settings: Settings
    downloads: aiohttp.ClientSession  # no Authorization header: file URLs may point anywhere

    async def turn(self, user: Any, chat_id: int | None) -> Turn:
        """`user`: maxapi's User (user_id, first_name, last_name, username)."""
        name = " ".join(p for p in (user.first_name, getattr(user, "last_name", None)) if p) or "—"
        person_id = await ChannelRepository(self.services.db).person_id_for(
            MAX, user.user_id, display_name=name, username=getattr(user, "username", None), chat_id=chat_id,
            now=self.clock.now())
        person = await self.services.people.get(person_id)
        assert person is not None
        state = SqliteStateStore(FsmStateRepository(self.services.db), state_key(MAX, user.user_id), self.clock)
        return Turn(channel=MAX, person=person, services=self.services, clock=self.clock, texts=self.texts,
                    settings=self.settings, state=state)

    async def known_chat(self, user_id: int) -> int | None:
        """The dialog with this MAX account, as last seen."""
        chat = await ChannelRepository(self.services.db).chat_of(MAX, user_id)
        return int(chat) if chat is not None else None

    def fetcher(self, url: str, limit: int = MAX_EVIDENCE_BYTES + 1) -> Callable[[], Awaitable[bytes]]:
        """Reads at most `limit` bytes: a bigger file comes back cut at the limit (and is refused
        as too big by the gate), never read whole into memory."""

        async def fetch() -> bytes:
            async with self.downloads.get(url) as response:
                response.raise_for_status()
                chunks, size = [], 0
                async for chunk in response.content.iter_chunked(64 * 1024):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size >= limit:
                        break
                return b"".join(chunks)[:limit]

        return fetch


def command_of(text: str | None) -> Command | None:
    if not text or not text.startswith("/"):
        return None
    head, _, args = text[1:].partition(" ")
    return Command(head.split("@", 1)[0].lower(), args.strip())


def uploads_of(runtime: Runtime, attachments: list[Any] | None, mid: str) -> list[Upload]:
    """File and image attachments (others — stickers, locations… — are not evidence)."""
    found = []
    for index, item in enumerate(attachments or []):
        kind = getattr(item, "type", None)
        kind = getattr(kind, "value", kind)
        payload = getattr(item, "payload", None)
        url = getattr(payload, "url", None)
        if kind not in ("file", "image") or not url:
            continue
        token = getattr(payload, "token", None) or f"{mid}-{index}"
        if kind == "file":
            name, mime, size = getattr(item, "filename", None) or f"документ-{index + 1}", None, getattr(item, "size", None)
        else:
            photo_id = getattr(payload, "photo_id", None) or index + 1
            name, mime, size = f"фото-{photo_id}.jpg", "image/jpeg", None
        found.append(Upload(name=name, mime_type=mime, size=size, file_id=f"max:{token}",
                            unique_id=f"max:{token}"[:200], fetch=runtime.fetcher(url)))
    return found


def pressed_of(message: Any) -> Pressed | None:
    """The message a press came from (maxapi's Message), or None when MAX did not include it."""
    if message is None or message.body is None:
        return None
    data: list[str] = []
    for attachment in message.body.attachments or []:
        kind = getattr(getattr(attachment, "type", None), "value", getattr(attachment, "type", None))
        if kind == "inline_keyboard":
            for row in attachment.payload.buttons:
                data += [b.payload for b in row if getattr(b, "payload", None)]
    return Pressed(text=message.body.text or "", button_data=tuple(data))
