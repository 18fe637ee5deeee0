"""The program's title, period and municipality, read from the document's own words."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.models import Period
from bot.importing.source import SourceDocument

_SCHOOL_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*[-–—/]\s*(20\d\d)\s*учебн", re.IGNORECASE)
_YEARS = re.compile(r"\bна\s+(20\d\d)\s*[-–—]\s*(20\d\d)\s*(?:гг|годы|год|г)?", re.IGNORECASE)
_ONE_YEAR = re.compile(r"\bна\s+(20\d\d)\s*(?:год|г)\b", re.IGNORECASE)
_TITLE = re.compile(r"^(?:муниципальн\w* |региональн\w* |школьн\w* )?(?:программ\w*|дорожн\w* карт\w*|план\w* мероприяти\w*|комплекс\w* мер)",
                    re.IGNORECASE)
_MUNICIPALITY = (
    re.compile(r"МО\s*«[^»]{3,60}»"),
    re.compile(r"(?<![А-ЯЁа-яё])г\.\s*[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?"),
    re.compile(r"[А-ЯЁ][а-яё]+(?:ский|цкий) (?:район|муниципальный округ)"),
    re.compile(r"[А-ЯЁ][а-яё]+(?:ского|цкого) района"),
    re.compile(r"города [А-ЯЁ][а-яё]+"),
)


def _is_prose(line) -> bool:  # type: ignore[no-untyped-def]
    # A title typed into one cell of a spreadsheet row is prose too.
    return sum(1 for cell in line.cells if cell) <= 1


def _head(document: SourceDocument, lines: int = 80) -> list[str]:
    return [line.text for line in document.lines[:lines] if _is_prose(line)]


def find_period(document: SourceDocument) -> Period | None:
    text = " ".join(_head(document, 400))
    if match := _SCHOOL_YEAR.search(text):
        first, last = int(match.group(1)), int(match.group(2))
        return Period(start=date(first, 9, 1), end=date(last, 8, 31))
    if match := _YEARS.search(text):
        first, last = sorted((int(match.group(1)), int(match.group(2))))
        return Period(start=date(first, 1, 1), end=date(last, 12, 31))
    if match := _ONE_YEAR.search(text):
        year = int(match.group(1))
        return Period(start=date(year, 1, 1), end=date(year, 12, 31))
    return None


def find_title(document: SourceDocument) -> str:
    """The first paragraph that names a program / roadmap, with its continuation lines."""
    prose = [line for line in document.lines[:150] if _is_prose(line)]
    for index, line in enumerate(prose):
        text = line.text.replace("**", "").strip()
        if not _TITLE.search(text):
            continue
        parts = [text]
        for extra in prose[index + 1 : index + 5]:
            if extra.blank_before or extra.number - prose[index].number > 6:
                break
            parts.append(extra.text.replace("**", "").strip())
            if extra.text.rstrip().endswith(("**", ".")):
                break
        title = " ".join(" ".join(parts).split()).strip(" .")
        if len(title) > 20:
            return title
    return document.name


def find_municipality(document: SourceDocument) -> str | None:
    text = " ".join(_head(document, 200)) + " " + " ".join(line.text for line in document.lines)
    for pattern in _MUNICIPALITY:
        if match := pattern.search(text):
            return match.group(0).strip()
    return None
