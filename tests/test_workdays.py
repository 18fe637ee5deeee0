from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.domain.clock import FrozenClock, ensure_utc
from bot.domain.workdays import WorkCalendar

cal = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 1, 5), False),  # New Year holidays
        (date(2024, 1, 9), True),
        (date(2024, 3, 8), False),  # Women's Day
        (date(2024, 4, 27), True),  # a working Saturday (transfer)
        (date(2024, 4, 29), False),  # the Monday it was transferred to
        (date(2024, 11, 2), True),  # working Saturday
        (date(2024, 12, 31), False),  # transferred day off
        (date(2023, 9, 30), False),  # ordinary Saturday
    ],
)
def test_russian_production_calendar(day, working):
    assert cal.is_working_day(day) is working


def test_weekend_deadline_is_announced_on_friday():
    assert cal.on_or_before(date(2023, 9, 30)) == date(2023, 9, 29)
    assert cal.on_or_before(date(2024, 5, 12)) == date(2024, 5, 8)  # May holidays and a weekend


def test_counting_working_days():
    assert cal.add_working_days(date(2024, 4, 26), 1) == date(2024, 4, 27)
    assert cal.add_working_days(date(2023, 12, 29), 1) == date(2024, 1, 9)
    assert cal.working_days_between(date(2024, 1, 8), date(2024, 1, 12)) == 4
    assert cal.last_working_day_of_month(2023, 9) == date(2023, 9, 29)


def test_overrides_file(tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text("holidays: [2026-11-25]\nworkdays: [2026-11-28]\n", encoding="utf-8")
    custom = WorkCalendar.from_overrides_file(path)
    assert not custom.is_working_day(date(2026, 11, 25))
    assert custom.is_working_day(date(2026, 11, 28))
    assert WorkCalendar.from_overrides_file(tmp_path / "missing.yaml").is_working_day(date(2026, 11, 25))


def test_clock_refuses_naive_and_normalises_to_utc():
    with pytest.raises(ValueError):
        ensure_utc(datetime(2024, 1, 1, 9, 0))
    yakutsk = timezone(timedelta(hours=9))
    assert ensure_utc(datetime(2024, 1, 1, 9, 0, tzinfo=yakutsk)) == datetime(2024, 1, 1, 0, 0, tzinfo=UTC)
    clock = FrozenClock(datetime(2024, 1, 1, tzinfo=UTC))
    clock.advance(timedelta(hours=1))
    assert clock.now() == datetime(2024, 1, 1, 1, tzinfo=UTC)
