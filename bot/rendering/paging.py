"""Long lists as pages of one message each: the text within PAGE_CHARS, the keyboard within
PAGE_BUTTONS (navigation and a list's fixed buttons included), and a navigation row
«◀ Назад · стр. X из Y · Дальше ▶» whose buttons edit the message in place.

`split_pages` cuts a list of items — rendered lines, buttons, or (line, button) pairs —
into pages; `page_of` picks one (a stale page number lands on the last page);
`navigation_row` is the row of buttons, given how to make a page's callback data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from bot.conversations.replies import Button
from bot.i18n import Texts

if TYPE_CHECKING:  # aiogram only for the Telegram-side `navigation_row` (conversations import this module)
    from aiogram.filters.callback_data import CallbackData
    from aiogram.types import InlineKeyboardButton

T = TypeVar("T")

PAGE_CHARS = 3500  # Telegram's limit is 4096: room for a header, a footer and «стр. X из Y»
PAGE_BUTTONS = 90  # Telegram's limit is 100 buttons
NAVIGATION_BUTTONS = 3


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    number: int  # from 0
    count: int

    @property
    def label_args(self) -> dict[str, int]:
        return {"page": self.number + 1, "pages": self.count}


def split_pages(items: Sequence[T], *, chars: int = PAGE_CHARS, per_page: int = PAGE_BUTTONS - NAVIGATION_BUTTONS,
                length: Callable[[T], int] = lambda item: len(str(item))) -> list[list[T]]:
    """Consecutive items in pages of at most `per_page` items whose lengths (plus a line break
    each) add up to at most `chars`. An item longer than `chars` gets a page of its own (the
    sending middleware splits it as a last resort). Always at least one page."""
    pages: list[list[T]] = [[]]
    used = 0
    for item in items:
        size = length(item) + 1
        current = pages[-1]
        if current and (len(current) >= per_page or used + size > chars):
            pages.append([])
            current, used = pages[-1], 0
        current.append(item)
        used += size
    return pages


def page_of(pages: list[list[T]], number: int) -> Page[T]:
    number = max(0, min(number, len(pages) - 1))
    return Page(items=pages[number], number=number, count=len(pages))


def navigation_row(texts: Texts, page: Page[T], callback: Callable[[int], CallbackData]) -> list[InlineKeyboardButton]:
    """◀ · стр. X из Y · ▶ — empty when everything fits one page. The middle button shows the
    same page again (a refresh)."""
    from aiogram.types import InlineKeyboardButton

    if page.count <= 1:
        return []
    row = []
    if page.number > 0:
        row.append(InlineKeyboardButton(text=texts("tasks-prev"), callback_data=callback(page.number - 1).pack()))
    row.append(InlineKeyboardButton(text=texts("page-of", **page.label_args),
                                    callback_data=callback(page.number).pack()))
    if page.number + 1 < page.count:
        row.append(InlineKeyboardButton(text=texts("tasks-next"), callback_data=callback(page.number + 1).pack()))
    return row


def navigation_buttons(texts: Texts, page: Page[T], data: Callable[[int], str]) -> list[Button]:
    """`navigation_row` as neutral buttons (bot.conversations.replies), `data(n)` the page's button data."""
    if page.count <= 1:
        return []
    row = []
    if page.number > 0:
        row.append(Button(texts("tasks-prev"), data(page.number - 1)))
    row.append(Button(texts("page-of", **page.label_args), data(page.number)))
    if page.number + 1 < page.count:
        row.append(Button(texts("tasks-next"), data(page.number + 1)))
    return row
