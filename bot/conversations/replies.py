"""What the bot answers, whatever the messenger. Texts are our HTML subset (<b>, <i>, <a href>),
escaped once by `Texts`; button data are the compact strings of `data.py` (≤ 64 bytes).
Files the bot makes (.xlsx, .docx, .zip, a chart .png): `SendDocument` / `SendPhoto` (bytes in memory)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str


Keyboard = tuple[tuple[Button, ...], ...]


def keyboard(*rows: list[Button] | tuple[Button, ...]) -> Keyboard:
    return tuple(tuple(row) for row in rows if row)


@dataclass(frozen=True, slots=True)
class Send:
    """A new message. `remember` gets the sent message's id (to edit it later)."""

    text: str
    keyboard: Keyboard | None = None
    remember: Callable[[int | str], Awaitable[None]] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Edit:
    """The message the press came from, in place (a refused edit becomes a new message)."""

    text: str
    keyboard: Keyboard | None = None


@dataclass(frozen=True, slots=True)
class EditById:
    """A message the bot sent before (its id remembered through `Send.remember`)."""

    message_id: int | str
    text: str
    keyboard: Keyboard | None = None


@dataclass(frozen=True, slots=True)
class DropKeyboard:
    """The pressed message keeps its text and loses its buttons (a question answered)."""


@dataclass(frozen=True, slots=True)
class Notice:
    """The answer to a press: a short pop-up (plain text after unescaping). Sent at once, so a
    Notice before slower replies stops the client's spinner first."""

    text: str
    alert: bool = False


@dataclass(frozen=True, slots=True)
class StoredFile:
    channel_file_id: str  # as received («max:…» for MAX, a Telegram file_id otherwise)
    local_path: str | None
    name: str
    caption: str  # HTML, built with Texts


@dataclass(frozen=True, slots=True)
class SendFiles:
    files: tuple[StoredFile, ...]


@dataclass(frozen=True, slots=True)
class SendDocument:
    """A file the bot made (a report .xlsx, a справка .docx, an export .zip), sent from memory.
    `caption` is HTML built with Texts (≤ 1024 characters: Telegram's caption limit)."""

    content: bytes = field(repr=False)
    name: str
    caption: str = ""
    keyboard: Keyboard | None = None


@dataclass(frozen=True, slots=True)
class SendPhoto:
    """A picture the bot made (a progress chart .png), sent from memory; caption as SendDocument's."""

    content: bytes = field(repr=False)
    name: str = "chart.png"
    caption: str = ""
    keyboard: Keyboard | None = None


@dataclass(frozen=True, slots=True)
class CoordinatorMenu:
    """The person became a coordinator: their chat's command menu should list the coordinator's commands."""


Reply = Send | Edit | EditById | DropKeyboard | Notice | SendFiles | SendDocument | SendPhoto | CoordinatorMenu
