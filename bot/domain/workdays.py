"""Russian working days: weekends, public holidays and the official transfers.

The calendar comes from the `holidays` package (maintained, includes the government's
yearly transfers of days off and working Saturdays). An optional overrides file lets an
operator apply a late decree without a code change:

    holidays: [2026-12-31]      # extra days off
    workdays: [2026-12-26]      # extra working days (e.g. a working Saturday)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import holidays
import yaml


class WorkCalendar:
    def __init__(self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = ()) -> None:
        self._official = holidays.Russia()  # expands years lazily on lookup
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_workdays = frozenset(extra_workdays)
        self._memo: dict[date, bool] = {}  # the planner asks about the same days thousands of times

    @classmethod
    def from_overrides_file(cls, path: Path | None) -> WorkCalendar:
        if path is None or not path.exists():
            return cls()
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(
            extra_holidays=[_as_date(d) for d in data.get("holidays", [])],
            extra_workdays=[_as_date(d) for d in data.get("workdays", [])],
        )

    def is_working_day(self, day: date) -> bool:
        known = self._memo.get(day)
        if known is None:
            if day in self._extra_workdays:
                known = True
            elif day in self._extra_holidays:
                known = False
            else:
                known = self._official.is_working_day(day)
            self._memo[day] = known
        return known

    def on_or_before(self, day: date) -> date:
        """The working day itself, or the last one before it (a Sunday deadline is announced on Friday)."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (count ≥ 1)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        while count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days `end` is after `start`."""
        if end <= start:
            return 0
        return sum(1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(offset)))

    def last_working_day_of_month(self, year: int, month: int) -> date:
        return self.on_or_before(date(year, month, calendar.monthrange(year, month)[1]))


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
