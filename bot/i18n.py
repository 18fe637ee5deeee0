"""User-facing texts: Fluent files under locales/<lang>/, CLDR plural rules included.

Fluent (Mozilla's localisation format) chooses Russian plural forms (one / few / many)
by CLDR rules, so a text like «5 мероприятий» is written once in the .ftl file
instead of being assembled in code.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Junk

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LOCALE = "ru"


# Fluent refuses a placeable longer than this (a memory guard of fluent.runtime); user input
# such as a 4,000-character /activity argument is cut with «…» before it gets there.
FLUENT_PLACEABLE_LIMIT = 2500
MAX_ARG_CHARS = 2000


class MissingText(KeyError):
    """A key that no .ftl file defines: a programming error, caught by the tests."""


class Texts:
    """Formats a text by key. With `html=True` (the bot's parse mode) string arguments are
    escaped, so a name like «ООО <Ромашка>» cannot break the message markup."""

    def __init__(self, locale: str = DEFAULT_LOCALE, directory: Path = LOCALES_DIR, *, html: bool = True) -> None:
        self.locale = locale
        self.html = html
        # use_isolating=False: Telegram shows Unicode bidi marks as garbage.
        self._bundle = FluentBundle([locale], use_isolating=False)
        files = sorted((directory / locale).glob("*.ftl"))
        if not files:
            raise FileNotFoundError(f"no .ftl files in {directory / locale}")
        for path in files:
            resource = FluentResource(path.read_text(encoding="utf-8"))
            # Fluent skips a malformed entry silently; a typo must fail loudly instead.
            junk = [entry for entry in resource.body if isinstance(entry, Junk)]
            if junk:
                raise ValueError(f"{path.name}: cannot parse {junk[0].content[:60]!r}")
            self._bundle.add_resource(resource)

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def __call__(self, key: str, **args: object) -> str:
        if not self._bundle.has_message(key):
            raise MissingText(key)
        message = self._bundle.get_message(key)
        if message.value is None:
            raise MissingText(key)
        text, errors = self._bundle.format_pattern(message.value, {k: self._arg(v) for k, v in args.items()})
        if errors:
            raise ValueError(f"text {key!r}: {errors}")
        return Rendered(text) if self.html else text


    def _arg(self, value: object) -> object:
        # Fluent formats numbers itself; everything else is passed as (escaped) text.
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        if isinstance(value, Rendered):  # one text inside another: escaped once, when it was made
            return value if len(value) <= FLUENT_PLACEABLE_LIMIT else _cut_rendered(value)
        text = shorten("" if value is None else str(value), MAX_ARG_CHARS)
        return _escaped_within_limit(text) if self.html else text


def _escaped_within_limit(text: str) -> str:
    escaped = html.escape(text, quote=False)
    while len(escaped) > FLUENT_PLACEABLE_LIMIT:  # «&amp;» is five characters for one
        text = shorten(text, len(text) * FLUENT_PLACEABLE_LIMIT // len(escaped) - 1)
        escaped = html.escape(text, quote=False)
    return escaped


class Rendered(str):
    """A text `Texts` produced for HTML: its arguments are escaped already, so passing it as an
    argument to another text must not escape it again («&amp;amp;»)."""


def _cut_rendered(text: str) -> Rendered:
    """Within Fluent's placeable limit: cut at a line break, so no tag is split (our texts keep
    tags within a line); one enormous line loses its markup instead."""
    head = text[: FLUENT_PLACEABLE_LIMIT - 2]
    if "\n" in head:
        return Rendered(head[: head.rfind("\n")] + "\n…")
    plain = html.unescape(re.sub(r"<[^>]*>", "", head))
    return Rendered(_escaped_within_limit(shorten(plain, MAX_ARG_CHARS)))


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, «…» marking a cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


@lru_cache(maxsize=8)
def texts(locale: str = DEFAULT_LOCALE, *, html: bool = True) -> Texts:
    return Texts(locale, html=html)


MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)


def format_date(day: date) -> str:
    """«30 сентября 2023»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"
