"""The program's title, period and municipality, read from the document's own words."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.models import Period
from bot.importing.source import SourceDocument, SourceLine
from bot.importing.tables import header_column

_TITLE = re.compile(
    r"^(?:муниципальн\w* |региональн\w* |школьн\w* )?(?:программ\w*|дорожн\w* карт\w*|план\w* мероприяти\w*"
    r"|комплекс\w* мер|план\b|план-график\w*|перечень мероприяти\w*|график\w* (?:мероприяти|подготовк|проведени"
    r"|работ|формировани))",
    re.IGNORECASE,
)
# A line that starts a section («1. Организационная работа», «I. …», «Раздел 1») or a label
# («Цель:») is never part of the title.
_NOT_TITLE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+\S|[IVXLC]{1,5}\.\s*\S|раздел\s+[\dIVXLC]+"
                        r"|(?:цел[ьи]|задачи)(?:\s+\w+)?\s*:)", re.IGNORECASE)
_DOCUMENT_WORD = re.compile(r"^(?:Приказ|Утвержд|Приложение|Согласовано)")
_SENTENCE = re.compile(r"^(?:В|Во|На|С|По|Для|От|К)\s")
_MONTHS = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
# «2024/2025», «2024-25», «2023 – 2025»
_PAIR = re.compile(r"(?<!\d)(?<!\d\.)(20\d\d)\s*([-–—/])\s*(20\d\d|\d\d)(?!\d)(?!\.\d)")
_SCHOOL_AFTER = re.compile(r"^\s*(?:г\.?\s*г\.?|гг\.?)?\s*(?:уч(?:еб\w*)?\b\.?)", re.IGNORECASE)
_BEFORE_SPAN = re.compile(r"\bна\s*$", re.IGNORECASE)
# «в 2019 году», «на 2025 год», «2025 год», «на 2025 г.» — not «до 2030 года», not a date's year
_ONE = re.compile(r"(?<![\d.\-–—/])(?<![\-–—/]\s)(20\d\d)\s*(?:год|году|г\.|г)(?![А-ЯЁа-яё])", re.IGNORECASE)
_BEFORE_ONE = re.compile(r"\bна\s+$", re.IGNORECASE)
_DATE_BEFORE = re.compile(r"(?:\d{1,2}\.\d{1,2}\.|" + _MONTHS + r")\s*$", re.IGNORECASE)

_MUNICIPALITY = (
    re.compile(r"МО\s*«[^»]{3,60}»"),
    re.compile(r"(?<![А-ЯЁа-яё\d])(?<!\d\s)г\.\s*[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?"),  # not «2012г. Министерство»
    re.compile(r"[А-ЯЁ][а-яё]+(?:ский|цкий) (?:район|муниципальный округ)"),
    re.compile(r"[А-ЯЁ][а-яё]+(?:ского|цкого) района"),
    re.compile(r"города [А-ЯЁ][а-яё]+"),
)


def _is_prose(line: SourceLine) -> bool:
    # A title typed into one cell of a spreadsheet row is prose too.
    return sum(1 for cell in line.cells if cell) <= 1


def _head(document: SourceDocument, lines: int = 80) -> list[str]:
    return [line.text for line in document.lines[:lines] if _is_prose(line)]


def school_year(first: int) -> Period:
    return Period(start=date(first, 9, 1), end=date(first + 1, 8, 31))


def years(first: int, last: int) -> Period:
    return Period(start=date(first, 1, 1), end=date(last, 12, 31))


def period_in(text: str, *, loose: bool) -> Period | None:
    """The first period `text` states. `loose` (a title): any form — «в 2019 году», «2025 год»,
    «2023–2025»; otherwise (body text, which names other years too) a school year, «на 2023–2025…»
    or «на 2025 год» only."""
    found: list[tuple[int, int, Period]] = []
    for match in _PAIR.finditer(text):
        first, tail = int(match.group(1)), match.group(3)
        last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        if not 0 < last - first <= 10:
            continue
        after, before = text[match.end() : match.end() + 30], text[max(0, match.start() - 12) : match.start()]
        if _SCHOOL_AFTER.match(after) or (match.group(2) == "/" and last == first + 1):
            found.append((match.start(), 0, Period(start=date(first, 9, 1), end=date(last, 8, 31))))
        elif loose or _BEFORE_SPAN.search(before):
            found.append((match.start(), 0, years(first, last)))
    for match in _ONE.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _DATE_BEFORE.search(before) or not (loose or _BEFORE_ONE.search(before)):
            continue
        year = int(match.group(1))
        found.append((match.start(), 1, years(year, year)))
    return min(found, key=lambda item: item[:2])[2] if found else None


def find_period(document: SourceDocument) -> Period | None:
    """The period the title states; else the first one the opening text states plainly."""
    title = _title(document)
    if title and (period := period_in(title, loose=True)):
        return period
    return period_in(" ".join(_head(document, 400)), loose=False)


def _ends_title(line: SourceLine) -> bool:
    text = line.text.replace("**", "").strip()
    if _NOT_TITLE.match(text) or text.startswith("№"):
        return True
    # a sentence of the text after the title («Приказ от …», «В 2019 – 2020 годах школа …».)
    if _DOCUMENT_WORD.match(text) or (_SENTENCE.match(text) and (text.endswith(".") or len(text) > 80)
                                      and not (len(text) <= 40 and period_in(text, loose=True))):
        return True
    # a header word on its own line (PDF: one cell per line): «Мероприятие», «Сроки» (not a
    # title in capitals: «ПЛАН» / «МЕРОПРИЯТИЙ» / «ПО ПОДГОТОВКЕ К ГИА»)
    return len(text.split()) <= 3 and text[:1].isupper() and not text.isupper() and header_column(text) is not None


def _title(document: SourceDocument) -> str | None:
    """The first paragraph that names a program / roadmap, with its continuation lines."""
    prose = [line for line in document.lines[:150] if _is_prose(line)]
    # PDF text with an empty line after every line: there, an empty line ends nothing
    spaced = sum(line.blank_before for line in prose[:40]) > 0.8 * len(prose[:40])
    for index, line in enumerate(prose):
        text = line.text.replace("**", "").strip()
        if not _TITLE.search(text):
            continue
        parts = [text]
        for extra in prose[index + 1 : index + 5]:
            gap = extra.number - prose[index].number > (12 if spaced else 6)
            if (extra.blank_before and not spaced) or gap or _ends_title(extra):
                break
            parts.append(extra.text.replace("**", "").strip())
            if extra.text.rstrip().endswith(("**", ".")):
                break
        title = " ".join(" ".join(parts).split()).strip(" .")
        if len(title) > 20:
            return title
    return None


def find_title(document: SourceDocument) -> str:
    return _title(document) or document.name


def find_municipality(document: SourceDocument) -> str | None:
    text = " ".join(_head(document, 200)) + " " + " ".join(line.text for line in document.lines)
    for pattern in _MUNICIPALITY:
        if match := pattern.search(text):
            return match.group(0).strip()
    return None
