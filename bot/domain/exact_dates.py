"""Exact days in a «Сроки» cell: «01.11.2023», «10 марта 2024», «к 10 марта», and ranges of
them («14.01.2025 – 28.03.2025», «с 1 по 15 октября 2024», «1-15 октября»).

A day without a year is its first occurrence in the program period (flagged only when it
occurs more than once). A range is one `period`, due on its last day.
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain.deadline_reading import Reading, first_span_in_period, schedule_from_spans
from bot.domain.deadline_text import MONTH_WORD, full_year, month_of, safe_date
from bot.domain.models import Period, Schedule, ScheduleKind

_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)")
_DATE_WORDS = re.compile(r"(?<![\d.])(\d{1,2})\s+(" + MONTH_WORD + r")\s*(\d{4})?")
# One end of a range: «14.01.2025», «14.01», «1 октября 2024», «1 октября», «1».
_POINT = r"(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{4}|\d{2}))?|\s+(" + MONTH_WORD + r")(?:\s*(\d{4}))?)?"
_RANGE = re.compile(r"(?<![\d.])" + _POINT + r"\s*-\s*" + _POINT + r"(?!\d)")
_FROM_TO = re.compile(r"(?<![а-я])с\s+(\d[^,;()]{0,30}?)\s+(?:по|до)\s+(?=\d)")  # «с A по B» → «A - B»

Point = tuple[int, int | None, int | None]  # day, month, year


def read_exact_dates(norm: str, period: Period, reading: Reading) -> Schedule | None:
    text = _FROM_TO.sub(r"\1 - ", norm)
    spans: list[tuple[date, date]] = []
    rest = text
    for match in _RANGE.finditer(text):
        if span := _range(match, period, reading):
            spans.append(span)
            rest = rest[:match.start()] + ";" * len(match.group(0)) + rest[match.end():]  # read once
    days = _single_days(rest, period, reading)
    if spans:
        return schedule_from_spans(spans + [(day, day) for day in days], period, reading)
    if not days:
        return None
    kind = ScheduleKind.DATE if len(set(days)) == 1 else ScheduleKind.RECURRING
    return reading.make(kind, min(days), max(days), days, period)


def _point(groups: tuple[str | None, ...]) -> Point | None:
    day, numeric_month, numeric_year, word, word_year = groups
    month = int(numeric_month) if numeric_month else (month_of(word) if word else None)
    if month is not None and not 1 <= month <= 12:
        return None
    year = numeric_year or word_year
    return int(day), month, full_year(year) if year else None


def _range(match: re.Match[str], period: Period, reading: Reading) -> tuple[date, date] | None:
    first, last = _point(match.groups()[:5]), _point(match.groups()[5:])
    if not first or not last or last[1] is None:  # «3-4 квартал»: not days
        return None
    (first_day, first_month, first_year), (last_day, last_month, last_year) = first, last
    first_month = first_month or last_month
    wraps = (first_month, first_day) > (last_month, last_day)  # «с 20 декабря по 10 января»
    if first_year is None and last_year is not None:
        first_year = last_year - wraps
    elif last_year is None and first_year is not None:
        last_year = first_year + wraps
    if first_year is None or last_year is None:
        label = re.sub(r"\s+", " ", match.group(0))
        return first_span_in_period((first_month, first_day), (last_month, last_day), period, reading, label)
    start, end = safe_date(first_year, first_month, first_day), safe_date(last_year, last_month, last_day)
    if not start or not end:
        return None
    if end < start:
        reading.review("начало срока позже его конца — даты переставлены")
        start, end = end, start
    return start, end


def _single_days(text: str, period: Period, reading: Reading) -> list[date]:
    found = []
    for day, month, year in _DATE_NUMERIC.findall(text):
        if written := safe_date(full_year(year), int(month), int(day)):
            found.append(written)
    for day, word, year in _DATE_WORDS.findall(text):
        month = month_of(word)
        if not month:
            continue
        if year:
            if written := safe_date(int(year), month, int(day)):
                found.append(written)
        elif safe_date(2000, month, int(day)):  # a leap year: 29 февраля is a day too
            span = first_span_in_period((month, int(day)), (month, int(day)), period, reading, f"{day} {word}")
            if span:
                found.append(span[0])
    return found
