"""The reporting period of a справка: this quarter, last quarter, the half-year, the year, the
whole program, or any dates. Pure functions of «today» in the program's zone (the snapshot's
`today`), so the chat, the CLI and the tests agree on what «текущий квартал» is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

ROMAN = ("I", "II", "III", "IV")


class PeriodChoice(StrEnum):
    THIS_QUARTER = "q"
    LAST_QUARTER = "lq"
    HALF_YEAR = "h"
    YEAR = "y"
    PROGRAM = "all"
    DATES = "d"  # any dates (the command line)


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    choice: PeriodChoice
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"period starts after it ends: {self.start} > {self.end}")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def quarter(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def half(self) -> int:
        return 1 if self.start.month <= 6 else 2


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * (quarter - 1) + 1, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, following - timedelta(days=1)


def period_for(choice: PeriodChoice, today: date, program_start: date, program_end: date) -> ReportPeriod:
    """The calendar quarter, half-year or year that contains `today` (the last quarter: the one
    before it); the whole program is its own period. DATES needs `dates_period`."""
    if choice is PeriodChoice.THIS_QUARTER:
        return ReportPeriod(choice, *_quarter_bounds(*_quarter_of(today)))
    if choice is PeriodChoice.LAST_QUARTER:
        year, quarter = _quarter_of(today)
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        return ReportPeriod(choice, *_quarter_bounds(year, quarter))
    if choice is PeriodChoice.HALF_YEAR:
        if today.month <= 6:
            return ReportPeriod(choice, date(today.year, 1, 1), date(today.year, 6, 30))
        return ReportPeriod(choice, date(today.year, 7, 1), date(today.year, 12, 31))
    if choice is PeriodChoice.YEAR:
        return ReportPeriod(choice, date(today.year, 1, 1), date(today.year, 12, 31))
    if choice is PeriodChoice.PROGRAM:
        return ReportPeriod(choice, program_start, program_end)
    raise ValueError("any dates: use dates_period(start, end)")


def dates_period(start: date, end: date) -> ReportPeriod:
    """Any dates; a calendar quarter, half-year or year given as dates is named as such."""
    for choice, (first, last) in (
        (PeriodChoice.THIS_QUARTER, _quarter_bounds(*_quarter_of(start))),
        (PeriodChoice.HALF_YEAR, (date(start.year, 1, 1), date(start.year, 6, 30))),
        (PeriodChoice.HALF_YEAR, (date(start.year, 7, 1), date(start.year, 12, 31))),
        (PeriodChoice.YEAR, (date(start.year, 1, 1), date(start.year, 12, 31))),
    ):
        if (start, end) == (first, last):
            return ReportPeriod(choice, start, end)
    return ReportPeriod(PeriodChoice.DATES, start, end)


def period_words(period: ReportPeriod) -> tuple[str, dict[str, object]]:
    """The text key and arguments that name the period in the справка's title («за III квартал
    2023 года»); the words themselves are in locales/ru/spravka.ftl."""
    if period.choice in (PeriodChoice.THIS_QUARTER, PeriodChoice.LAST_QUARTER):
        return "spravka-period-quarter", {"quarter": ROMAN[period.quarter - 1], "year": str(period.start.year)}
    if period.choice is PeriodChoice.HALF_YEAR:
        return "spravka-period-half", {"half": ROMAN[period.half - 1], "year": str(period.start.year)}
    if period.choice is PeriodChoice.YEAR:
        return "spravka-period-year", {"year": str(period.start.year)}
    return "spravka-period-dates", {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"}
