"""What a person did, whatever the messenger: a command, a text, a press, files, a deep-link start."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.config import Settings
from bot.conversations.state import StateStore
from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.storage.people import Person

TELEGRAM = "telegram"
MAX = "max"


@dataclass(frozen=True, slots=True)
class Command:
    name: str  # without the slash
    args: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Pressed:
    """The message a button was pressed on: its plain text and the data of all its buttons."""

    text: str = ""
    button_data: tuple[str, ...] = ()
    html: str = ""  # the text with its markup, where the messenger gives it (Telegram); else empty


@dataclass(frozen=True, slots=True)
class Press:
    data: str
    message: Pressed | None = None  # None: the message is gone (too old, deleted)


@dataclass(frozen=True, slots=True)
class Upload:
    """One incoming file. `fetch(limit)` downloads the bytes (at most `limit`, else raises
    `TooBig`); `size` is what the messenger announced (None: unknown until downloaded)."""

    name: str
    mime_type: str | None
    size: int | None
    file_id: str  # what the channel needs to send it again (Telegram file_id, «max:…» reference)
    unique_id: str  # stable per file content on the channel (dedup per task)
    fetch: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class Files:
    upload: Upload
    group_id: str | None = None  # an album (Telegram media_group_id; MAX: the message's mid)


@dataclass(frozen=True, slots=True)
class Start:
    payload: str = ""  # the deep link's payload (an invite token), or empty


@dataclass(slots=True)
class Turn:
    """Everything a conversation function may use for one event."""

    channel: str
    person: Person
    services: Services
    clock: Clock
    texts: Texts
    settings: Settings
    state: StateStore
    extra: dict[str, Any] = field(default_factory=dict)
