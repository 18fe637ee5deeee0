"""Dates people type in a chat: «15.10.2023», «15.10.23», «15.10», «15 октября», «2023-10-15»."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([а-яё]+)(?:\s+(\d{4}))?$")


def _month(word: str) -> int | None:
    word = word.replace("ё", "е")
    for stem, number in sorted(_MONTHS.items(), key=lambda item: -len(item[0])):
        if word.startswith(stem):
            return number
    return None


def parse_user_date(text: str, today: date) -> date | None:
    """The date meant, or None. Without a year: the next such day from `today` on."""
    cleaned = re.sub(r"\s*(г\.?|года?)$", "", text.strip().casefold().rstrip("."))
    day = month = year = None
    if match := _ISO.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.match(cleaned):
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            year = int(match.group(3)) + (2000 if len(match.group(3)) == 2 else 0)
    elif match := _WORDS.match(cleaned):
        day, month = int(match.group(1)), _month(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
    if day is None or month is None:
        return None
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None
