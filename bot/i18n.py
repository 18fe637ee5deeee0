"""User-facing texts: Fluent files under locales/<lang>/, CLDR plural rules included.

Fluent (Mozilla's localisation format) chooses Russian plural forms (one / few / many)
by CLDR rules, so a text like «5 мероприятий» is written once in the .ftl file
instead of being assembled in code.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LOCALE = "ru"


class MissingText(KeyError):
    """A key that no .ftl file defines: a programming error, caught by the tests."""


class Texts:
    def __init__(self, locale: str = DEFAULT_LOCALE, directory: Path = LOCALES_DIR) -> None:
        self.locale = locale
        # use_isolating=False: Telegram shows Unicode bidi marks as garbage.
        self._bundle = FluentBundle([locale], use_isolating=False)
        files = sorted((directory / locale).glob("*.ftl"))
        if not files:
            raise FileNotFoundError(f"no .ftl files in {directory / locale}")
        for path in files:
            self._bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))

    def has(self, key: str) -> bool:
        return self._bundle.has_message(key)

    def __call__(self, key: str, **args: object) -> str:
        if not self._bundle.has_message(key):
            raise MissingText(key)
        message = self._bundle.get_message(key)
        if message.value is None:
            raise MissingText(key)
        text, errors = self._bundle.format_pattern(message.value, {k: _fluent_arg(v) for k, v in args.items()})
        if errors:
            raise ValueError(f"text {key!r}: {errors}")
        return text


def _fluent_arg(value: object) -> object:
    # Fluent formats numbers and strings; everything else is passed as its text.
    if isinstance(value, (int, float, str)):
        return value
    if value is None:
        return ""
    return str(value)


@lru_cache(maxsize=4)
def texts(locale: str = DEFAULT_LOCALE) -> Texts:
    return Texts(locale)


MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)


def format_date(day: date) -> str:
    """«30 сентября 2023»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"
