"""The school year in a «Сроки» cell: quarters («1 четверть»), school half-years, the start of
the school year, holidays («в каникулы») and the usual school events (педсовет, ГИА).

The dates are the ordinary Russian school calendar; a school's own calendar may differ, so
whatever is taken from this calendar rather than from the cell is flagged for review.
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain.deadline_reading import (
    Reading, clipped, first_year_in_period, named_years, place_yearly, schedule_from_spans, written_year,
)
from bot.domain.deadline_text import NUMERAL, ORDINAL_SUFFIX, month_end, number_of, safe_date
from bot.domain.models import Period, Schedule, ScheduleKind

Day = tuple[int, int]  # (month, day)
SCHOOL_QUARTERS: dict[int, tuple[Day, Day]] = {
    1: ((9, 1), (10, 31)), 2: ((11, 1), (12, 31)), 3: ((1, 1), (3, 31)), 4: ((4, 1), (5, 31)),
}
SCHOOL_QUARTER_ENDS = tuple(last for _, last in SCHOOL_QUARTERS.values())
SCHOOL_HALVES: dict[int, tuple[Day, Day]] = {1: ((9, 1), (12, 31)), 2: ((1, 1), (5, 31))}
HOLIDAYS: dict[str, tuple[Day, Day]] = {  # the usual dates; only the ends are in the README's table
    "осен": ((10, 28), (11, 3)), "зим": ((12, 30), (1, 8)), "весен": ((3, 24), (3, 31)), "лет": ((6, 1), (8, 31)),
}
EXAM_SEASON: tuple[Day, Day] = ((5, 25), (6, 30))  # ГИА: the main period of ОГЭ and ЕГЭ

_QUARTER_NOUN = r"четверт(?:ь|и|ей|ью|ям|ями|ях)(?![а-я])"
_NUMBERED_QUARTERS = re.compile(
    r"(?<![\w.])(" + NUMERAL + ORDINAL_SUFFIX + r"(?:(?:\s*[-,]\s*|\s+и\s+)" + NUMERAL + ORDINAL_SUFFIX + r"){0,3})\s*"
    + _QUARTER_NOUN)
_NUMERAL_IN_LIST = re.compile(r"(" + NUMERAL + r")" + ORDINAL_SUFFIX + r"(\s*-\s*(?=[\divпвтч]))?")
_ANY_SCHOOL_QUARTER = re.compile(r"ежечетвертн|" + _QUARTER_NOUN)
_SCHOOL_YEAR_START = re.compile(
    r"(?:(к|до|перед|в)\s+)?начал[а-я]*\s+(?:нового\s+)?(?:20\d\d\s*[/-]\s*20\d\d\s+)?учебн")
_HOLIDAY_WORD = r"(?<![а-я])(осен|зим|весен|лет)н[а-я]*"
_NAMED_HOLIDAYS = re.compile(  # «осенние каникулы», «осенних и весенних каникул»
    _HOLIDAY_WORD + r"(?=(?:\s*(?:,|и)\s*(?:осен|зим|весен|лет)н[а-я]*){0,3}\s+(?:школьн[а-я]*\s+)?каникул)")
_HOLIDAY_NAMES = {"осен": "осенние каникулы", "зим": "зимние каникулы", "весен": "весенние каникулы",
                  "лет": "летние каникулы"}
_HOLIDAYS = re.compile(r"каникул")
_TEACHERS_COUNCIL = re.compile(r"педсовет|педагогическ[а-я]*\s+совет")
_EXAMS = re.compile(r"(?<![а-я])гиа(?![а-я])")


def is_school_year(period: Period) -> bool:
    """A program whose period starts on 1 September runs by school years."""
    return (period.start.month, period.start.day) == (9, 1)


def every_school_quarter(norm: str) -> bool:
    """«по четвертям», «ежечетвертно», «по итогам четверти»: quarters not numbered."""
    return bool(_ANY_SCHOOL_QUARTER.search(norm)) and not _NUMBERED_QUARTERS.search(norm)


def school_quarter_spans(norm: str, period: Period, reading: Reading) -> list[tuple[date, date]]:
    """«1 четверть», «II четверть», «в течение 1-2 четверти», «по итогам 1 и 3 четверти»."""
    spans = []
    for match in _NUMBERED_QUARTERS.finditer(norm):
        previous_dashed = False
        for item in _NUMERAL_IN_LIST.finditer(match.group(1)):
            number = number_of(item.group(1))
            if number not in SCHOOL_QUARTERS:
                continue
            first, last = SCHOOL_QUARTERS[number]
            span = place_yearly(first, last, norm, period, reading, f"{number} четверть")
            if span and previous_dashed and spans:  # «1-2 четверть»: one span
                spans[-1] = (spans[-1][0], max(spans[-1][1], span[1]))
            elif span:
                spans.append(span)
            previous_dashed = bool(item.group(2))
    return spans


def school_half_span(half: int, norm: str, period: Period, reading: Reading) -> tuple[date, date] | None:
    """«I полугодие» of a school year: 01.09–31.12 or 01.01–31.05."""
    first, last = SCHOOL_HALVES[half]
    return place_yearly(first, last, norm, period, reading, f"{half} полугодие")


def read_school_dates(norm: str, period: Period, reading: Reading) -> Schedule | None:
    """The start of the school year and the holidays."""
    if start := _SCHOOL_YEAR_START.search(norm):
        if start.group(1) in (None, "в"):
            reading.review("начало учебного года: взято 1 сентября, проверьте")
        span = place_yearly((9, 1), (9, 1), norm, period, reading, "1 сентября")
        return reading.make(ScheduleKind.DATE, span[0], span[0], (span[0],), period) if span else None
    if not _HOLIDAYS.search(norm):
        return None
    reading.review("каникулы: даты взяты по обычному календарю, проверьте")
    named = [(_HOLIDAY_NAMES[m.group(1)], *HOLIDAYS[m.group(1)]) for m in _NAMED_HOLIDAYS.finditer(norm)]
    if named:
        spans = [span for label, first, last in named
                 if (span := place_yearly(first, last, norm, period, reading, label))]
        return schedule_from_spans(spans, period, reading) if spans else None
    start, end = clipped(named_years(norm, period), period)
    due = [day for year in range(start.year, end.year + 1) for _, (month, dom) in HOLIDAYS.values()
           if (day := safe_date(year, month, dom)) and start <= day <= end]
    if not due:
        reading.review("в периоде программы нет ни одного такого срока")
    return reading.make(ScheduleKind.RECURRING, start, end, due, period)


def read_school_events(norm: str, period: Period, reading: Reading) -> Schedule | None:
    """«педсовет» alone → August; «ГИА» alone → 25.05–30.06. Both are guesses."""
    if _TEACHERS_COUNCIL.search(norm):
        reading.review("педсовет: взят август (августовский педсовет), проверьте дату")
        written = written_year(norm)  # «2023/2024»: the August before that school year
        year = written[0] if written else first_year_in_period(8, period, reading, "август")
        return schedule_from_spans([(date(year, 8, 1), month_end(year, 8))], period, reading)
    if _EXAMS.search(norm):
        reading.review("ГИА: взят обычный период 25.05–30.06, проверьте по расписанию")
        span = place_yearly(*EXAM_SEASON, norm, period, reading, "ГИА")
        return schedule_from_spans([span], period, reading) if span else None
    return None

