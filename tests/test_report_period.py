"""Issue 13: the справка's period choices are pure functions of «today» in the program's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import texts
from bot.reports.report_period import PeriodChoice, ReportPeriod, period_for
from bot.reports.spravka import period_text

START, END = date(2023, 9, 1), date(2024, 8, 31)


@pytest.mark.parametrize(("today", "choice", "start", "end", "words"), [
    (date(2023, 12, 20), PeriodChoice.THIS_QUARTER, date(2023, 10, 1), date(2023, 12, 31), "за IV квартал 2023 года"),
    (date(2024, 1, 1), PeriodChoice.THIS_QUARTER, date(2024, 1, 1), date(2024, 3, 31), "за I квартал 2024 года"),
    (date(2024, 1, 15), PeriodChoice.LAST_QUARTER, date(2023, 10, 1), date(2023, 12, 31), "за IV квартал 2023 года"),
    (date(2024, 5, 31), PeriodChoice.LAST_QUARTER, date(2024, 1, 1), date(2024, 3, 31), "за I квартал 2024 года"),
    (date(2024, 6, 30), PeriodChoice.HALF_YEAR, date(2024, 1, 1), date(2024, 6, 30), "за I полугодие 2024 года"),
    (date(2023, 9, 20), PeriodChoice.HALF_YEAR, date(2023, 7, 1), date(2023, 12, 31), "за II полугодие 2023 года"),
    (date(2023, 9, 20), PeriodChoice.YEAR, date(2023, 1, 1), date(2023, 12, 31), "за 2023 год"),
    (date(2023, 9, 20), PeriodChoice.PROGRAM, START, END, "за период с 01.09.2023 по 31.08.2024"),
])
def test_period_choices(today, choice, start, end, words):
    period = period_for(choice, today, START, END)
    assert (period.start, period.end) == (start, end)
    assert period_text(period, texts(html=False)) == words


def test_the_quarter_is_the_programs_own_today():
    # 31 March 20:00 UTC is already 1 April in Yakutsk: the program's quarter is the second one.
    moment = datetime(2024, 3, 31, 20, 0, tzinfo=UTC)
    today = moment.astimezone(ZoneInfo("Asia/Yakutsk")).date()
    assert period_for(PeriodChoice.THIS_QUARTER, today, START, END).start == date(2024, 4, 1)
    assert period_for(PeriodChoice.THIS_QUARTER, moment.date(), START, END).start == date(2024, 1, 1)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        ReportPeriod(PeriodChoice.DATES, date(2024, 1, 2), date(2024, 1, 1))
    with pytest.raises(ValueError):
        period_for(PeriodChoice.DATES, date(2024, 1, 1), START, END)
