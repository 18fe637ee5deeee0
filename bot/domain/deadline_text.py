"""The words of a «Сроки» cell: normalisation, months, weekdays, numerals, calendar arithmetic.

Everything here is pure text or pure date arithmetic; the readings live in the modules that
use it (deadlines, exact_dates, calendar_spans, school_calendar, recurrences).
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date

MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
# A month name starts a word: «прямая» must not read as May.
MONTH_WORD = r"(?<![а-я])(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
# «1», «II», «первая»: the numbers that count quarters and school quarters. Ordinals only with an
# adjective's ending, so that the noun «четверть» never reads as «четвертый».
_ADJECTIVE_END = r"(?:ый|ой|ая|ое|ую|ого|ому|ым|ом|ые|ых)(?![а-я])"
NUMERAL = r"(?:[1-4]|iv|iii|ii|i|(?:перв|втор|четверт)" + _ADJECTIVE_END + r"|трет(?:ий|ь[а-я]*))"
ORDINAL_SUFFIX = r"(?:\s*-\s*(?:я|й|ый|ой|ая|е|ое)(?![а-я]))?"  # «1-я», «2-й», «1-е» (normalised as «1 - я»)
SCHOOL_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*[/-]\s*(20\d\d)\s*уч")  # «2023/2024 учебный год»
SLASH_YEARS = re.compile(r"(?<!\d)(20\d\d)\s*/\s*(20\d\d)(?!\d)")  # «2023/2024»: a school year too
YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s*-\s*(20\d\d)(?!\d)")
SINGLE_YEAR = re.compile(r"(?<![\d.])(20\d\d)(?![\d.])")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL_STEMS = (("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4))

WEEKDAYS = (  # the forms a weekday takes in «каждую пятницу», «по средам», «в четверг»
    (0, r"понедельник[а-я]*"), (1, r"вторник[а-я]*"), (2, r"сред(?:а|у|ам|ой|ы)"),
    (3, r"четверг(?:а|ам|и|у)?"), (4, r"пятниц[а-я]*"), (5, r"суббот[а-я]*"), (6, r"воскресень[а-я]*"),
)
WEEKDAY_WORD = r"(?<![а-я])(?:" + "|".join(form for _, form in WEEKDAYS) + r")(?![а-я])"


def normalize(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = html.unescape(text).replace("\xa0", " ")
    text = text.casefold().replace("ё", "е").replace("і", "i")  # Ukrainian і typed for a Roman I
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    text = re.sub(r"(\d)\s*\.\s*(?=\d)", r"\1.", text)  # «20 .11.2020» → «20.11.2020»
    text = re.sub(r"(20\d\d)\s*(?:гг|г|года|год)\b\.?", r"\1", text)
    text = re.sub(r"(?<![a-zа-я])c(?=\s+\d)", "с", text)  # a Latin «c» typed for «с 1 октября»
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"(\d) - (\d)", r"\1-\2", text)
    return re.sub(r"\s+", " ", text).strip(" .;,")


def month_of(word: str) -> int | None:
    for stem, number in MONTH_STEMS:
        if word.startswith(stem):
            return number
    return None


def number_of(token: str) -> int:
    """«2», «ii», «второе» → 2."""
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    for stem, number in _ORDINAL_STEMS:
        if token.startswith(stem):
            return number
    return 2


def weekdays_in(text: str) -> list[int]:
    """Every weekday named in the text, in week order."""
    return [day for day, form in WEEKDAYS if re.search(r"(?<![а-я])" + form + r"(?![а-я])", text)]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day_in_month(year: int, month: int, day: int) -> date:
    """That day of the month, or the month's last day when the month is shorter."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_year(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def months_in(start: date, end: date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
