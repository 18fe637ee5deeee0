"""One cell being read: the review reasons gathered on the way, and the Schedule built at the end.

Also the guesses every reader shares: which year a yearless month, day or span falls in
(its first occurrence inside the program period, flagged when it occurs more than once).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.deadline_text import (
    MONTH_WORD, SCHOOL_YEAR, SINGLE_YEAR, SLASH_YEARS, YEAR_RANGE, months_in, safe_date,
)
from bot.domain.models import Period, Schedule, ScheduleKind


class Reading:
    def __init__(self, source: str) -> None:
        self.source = source
        self.reasons: list[str] = []

    def review(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def make(self, kind: ScheduleKind, start: date | None, end: date | None, due: list[date] | tuple[date, ...],
             period: Period) -> Schedule:
        due = sorted(set(due))
        if any(not period.contains(d) for d in due) or (
            kind is ScheduleKind.CONTINUOUS and start and end and (start < period.start or end > period.end)
            and not (start <= period.start and end >= period.end)
        ):
            self.review(f"дата вне периода программы {period.start:%d.%m.%Y}–{period.end:%d.%m.%Y}")
        if kind is ScheduleKind.UNSPECIFIED:
            self.review("срок не распознан")
        return Schedule(kind=kind, start=start, end=end, due=tuple(due), needs_review=bool(self.reasons),
                        source=self.source, review_reason="; ".join(self.reasons) or None)


def named_years(norm: str, period: Period) -> tuple[date, date]:
    """The span the cell's years name («2020-2023», «2023/2024 уч. г.», «2024»), else the program period."""
    if match := SCHOOL_YEAR.search(norm) or SLASH_YEARS.search(norm):
        return date(int(match.group(1)), 9, 1), date(int(match.group(2)), 8, 31)
    if match := YEAR_RANGE.search(norm):
        return date(int(match.group(1)), 1, 1), date(int(match.group(2)), 12, 31)
    years = [int(y) for y in SINGLE_YEAR.findall(norm)]
    if len(years) == 1 and not re.search(MONTH_WORD, norm):
        return date(years[0], 1, 1), date(years[0], 12, 31)
    return period.start, period.end


def clipped(span: tuple[date, date], period: Period) -> tuple[date, date]:
    """A named span cut to the program period (kept whole when it misses the period: then it is flagged)."""
    start, end = span
    if start <= period.end and end >= period.start:
        return max(start, period.start), min(end, period.end)
    return start, end


def written_year(norm: str) -> tuple[int, bool] | None:
    """The one year a cell writes: (year, True) for a school year «2023/2024» (its first year)."""
    if match := SCHOOL_YEAR.search(norm) or SLASH_YEARS.search(norm):
        return int(match.group(1)), True
    if (match := YEAR_RANGE.search(norm)) and int(match.group(2)) == int(match.group(1)) + 1:
        return int(match.group(1)), True
    years = set(SINGLE_YEAR.findall(norm))
    return (int(years.pop()), False) if len(years) == 1 else None


def first_year_in_period(month: int, period: Period, reading: Reading, label: str) -> int:
    """The year of the first `month` inside the period; a guess if it occurs again."""
    years = [y for y, m in months_in(period.start, period.end) if m == month]
    if not years:
        reading.review(f"год не указан, а в периоде программы нет месяца «{label}»")
        return period.start.year
    if len(years) > 1:
        reading.review("год не указан — взят первый такой месяц в периоде программы")
    return years[0]


def yearly_span(first: tuple[int, int], last: tuple[int, int], start_year: int) -> tuple[date, date] | None:
    """(month, day)..(month, day) starting in `start_year`; `last` before `first` means the next year."""
    start = safe_date(start_year, *first)
    end = safe_date(start_year + (1 if last < first else 0), *last)
    return (start, end) if start and end else None


def spans_in_period(first: tuple[int, int], last: tuple[int, int], period: Period) -> list[tuple[date, date]]:
    """Every such yearly span lying wholly inside the period, earliest first."""
    found = []
    for year in range(period.start.year - 1, period.end.year + 1):
        span = yearly_span(first, last, year)
        if span and period.start <= span[0] and span[1] <= period.end:
            found.append(span)
    return found


def first_span_in_period(first: tuple[int, int], last: tuple[int, int], period: Period, reading: Reading,
                         label: str) -> tuple[date, date] | None:
    """A yearless day or span: its first occurrence in the period; a guess when it recurs or is absent."""
    inside = spans_in_period(first, last, period)
    if len(inside) > 1:
        reading.review(f"год не указан — взят первый в периоде программы срок «{label}»")
    if inside:
        return inside[0]
    reading.review(f"год не указан, а в периоде программы нет срока «{label}»")
    for year in range(period.start.year - 1, period.end.year + 1):  # one that overlaps the period
        span = yearly_span(first, last, year)
        if span and span[0] <= period.end and span[1] >= period.start:
            return span
    for year in range(period.start.year, period.start.year + 8):  # 29 February needs a leap year
        if span := yearly_span(first, last, year):
            return span
    return None


def span_in_year(first: tuple[int, int], last: tuple[int, int], year: int,
                 school_year: bool) -> tuple[date, date] | None:
    """The span a written year names: the calendar year it ends in, or for «2023/2024 учебный год»
    the school year that starts in `year` (September–December in `year`, January–August after)."""
    if school_year:
        return yearly_span(first, last, year if first[0] >= 9 else year + 1)
    return yearly_span(first, last, year - (1 if last < first else 0))


def place_yearly(first: tuple[int, int], last: tuple[int, int], norm: str, period: Period, reading: Reading,
                 label: str) -> tuple[date, date] | None:
    """A yearly span (school quarter, holidays, …) in the year the cell writes, else its first in the period."""
    if written := written_year(norm):
        return span_in_year(first, last, *written)
    return first_span_in_period(first, last, period, reading, label)


def schedule_from_spans(spans: list[tuple[date, date]], period: Period, reading: Reading,
                        join_adjacent: bool = True) -> Schedule:
    """One span (or adjacent ones) → `period`; separate spans → `recurring` on each end."""
    spans = sorted(spans)
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1] + timedelta(days=1 if join_adjacent else 0):  # adjacent spans join
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if len(merged) == 1:
        start, end = merged[0]
        return reading.make(ScheduleKind.PERIOD, start, end, (end,), period)
    return reading.make(ScheduleKind.RECURRING, merged[0][0], merged[-1][1], [end for _, end in merged], period)
