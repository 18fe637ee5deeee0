"""The same deadline again and again: «еженедельно», «каждую пятницу», «ежемесячно до 5 числа»,
«ежеквартально», «по четвертям», «по полугодиям», «ежегодно».

Due dates are every occurrence inside the span the cell names (its years, or for weekdays and
days of the month also its months or quarters), clipped to the program period. start..end is
that span; for weekdays and days of the month, whose occurrences are single days, it is the
first..last due day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.calendar_spans import calendar_spans, has_calendar_quarter, quarter_month
from bot.domain.deadline_reading import Reading, clipped, named_years
from bot.domain.deadline_text import (
    MONTH_WORD, WEEKDAY_WORD, day_in_month, month_end, month_of, months_in, safe_date, weekdays_in,
)
from bot.domain.models import Period, Schedule, ScheduleKind
from bot.domain.school_calendar import SCHOOL_QUARTER_ENDS, every_school_quarter

_WEEKLY = re.compile(r"еженедельн|каждую неделю|раз в неделю")
_MONTHLY = re.compile(r"ежемесячн|кажд[а-я]*\s+месяц|раз в месяц")
_QUARTERLY = re.compile(r"ежеквартальн|раз в квартал|каждый квартал|поквартальн")
_HALF_YEARLY = re.compile(r"кажд\w* полугоди|по полугоди|раз в полугоди|2 раза в год|два раза в год")
_YEARLY = re.compile(r"ежегодн|каждый год|раз в год")
# «20 числа», «20-го числа», «1-е число», «до 20-го каждого месяца»
_DAY_OF_MONTH = re.compile(r"(?<![\d.])(\d{1,2})(?:\s*-\s*(?:го|е|ое|ого))?\s+числ"
                           r"|(?<![\d.])(\d{1,2})\s*-\s*го(?![а-я])")
_EVERY_WEEK = re.compile(r"кажд|еженедельн|по\s+" + WEEKDAY_WORD)
_NTH_WEEKDAY = re.compile(r"(перв|втор|трет|четверт|последн)(?:ой|ую|ый|ая|ий|юю|ее|ей|ом|ие|ые|ым)\s+(?="
                          + WEEKDAY_WORD + r")")
# «каждую пятницу», «по средам», «в четверг»: a weekday word alone («среда» of a school) is not one
_WEEKDAY_CONTEXT = re.compile(r"(?<![а-я])(?:кажд[а-я]*|по|в|во)\s+(?:(?:перв|втор|трет|четверт|последн)[а-я]*\s+)?"
                              + WEEKDAY_WORD)
_NTH = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "последн": -1}
_DAY_AND_MONTH = re.compile(r"(?<![\d.])(\d{1,2})\s+(" + MONTH_WORD + r")(?!\s*\d)")


def read_recurrence(norm: str, period: Period, reading: Reading) -> Schedule | None:
    if (_WEEKDAY_CONTEXT.search(norm) or _WEEKLY.search(norm)) and (weekdays := weekdays_in(norm)):
        start, end = _named_span(norm, period, reading)
        return _finish_days(_weekday_dues(norm, weekdays, start, end, reading), start, end, period, reading)
    day = _day_of_month(norm)
    if day and not (_WEEKLY.search(norm) or _HALF_YEARLY.search(norm) or _YEARLY.search(norm)):
        start, end = _named_span(norm, period, reading)
        return _finish_days(_day_of_month_dues(norm, day, start, end, reading), start, end, period, reading)
    start, end = clipped(named_years(norm, period), period)
    listed = [month_of(m.group(0)) for m in re.finditer(MONTH_WORD, norm)]
    months = [m for m in listed if m]
    if _WEEKLY.search(norm):
        due = _every_weekday(4, start, end)  # Fridays
    elif _MONTHLY.search(norm):
        due = [month_end(y, m) for y, m in months_in(start, end)]
    elif every_school_quarter(norm) and not has_calendar_quarter(norm):
        due = [month_end(y, m) for y, m in months_in(start, end) if (m, month_end(y, m).day) in SCHOOL_QUARTER_ENDS]
    elif _QUARTERLY.search(norm):
        wanted = set(months) if months else {3, 6, 9, 12}
        due = [month_end(y, m) for y, m in months_in(start, end) if m in wanted]
    elif _HALF_YEARLY.search(norm):
        due = [month_end(y, m) for y, m in months_in(start, end) if m in {6, 12}]
    elif _YEARLY.search(norm):
        due = _yearly_dues(norm, months, start, end)
    else:
        return None
    return _finish(due, start, end, period, reading)


def _finish(due: list[date], start: date, end: date, period: Period, reading: Reading) -> Schedule:
    due = [d for d in due if start <= d <= end]
    if not due:
        reading.review("в периоде программы нет ни одного такого срока")
    return reading.make(ScheduleKind.RECURRING, start, end, due, period)


def _day_of_month(norm: str) -> int | None:
    if match := _DAY_OF_MONTH.search(norm):
        day = int(match.group(1) or match.group(2))
        return day if 1 <= day <= 31 else None
    return None


def _finish_days(due: list[date], start: date, end: date, period: Period, reading: Reading) -> Schedule:
    due = sorted(d for d in due if start <= d <= end)
    return _finish(due, due[0], due[-1], period, reading) if due else _finish(due, start, end, period, reading)


def _named_span(norm: str, period: Period, reading: Reading) -> tuple[date, date]:
    """«по пятницам в течение 1 четверти»: the years, else the months or quarters the cell names."""
    span = named_years(norm, period)
    if span == (period.start, period.end) and (spans := calendar_spans(norm, period, reading)):
        span = (min(s for s, _ in spans), max(e for _, e in spans))
    return clipped(span, period)


def _every_weekday(weekday: int, start: date, end: date) -> list[date]:
    day, found = start + timedelta(days=(weekday - start.weekday()) % 7), []
    while day <= end:
        found.append(day)
        day += timedelta(days=7)
    return found


def _weekday_dues(norm: str, weekdays: list[int], start: date, end: date, reading: Reading) -> list[date]:
    if nth := _NTH_WEEKDAY.search(norm):  # «каждую первую пятницу месяца»
        which = _NTH[nth.group(1)]
        due = []
        for year, month in months_in(start, end):
            for weekday in weekdays:
                days = _every_weekday(weekday, date(year, month, 1), month_end(year, month))
                if len(days) >= which > 0:
                    due.append(days[which - 1])
                elif which < 0:
                    due.append(days[-1])
        return due
    if not _EVERY_WEEK.search(norm):
        reading.review("не сказано «каждую неделю» — взят каждый такой день недели")
    return [day for weekday in weekdays for day in _every_weekday(weekday, start, end)]


def _day_of_month_dues(norm: str, day: int, start: date, end: date, reading: Reading) -> list[date]:
    if _QUARTERLY.search(norm):
        if re.search(r"последн[а-я]*\s+месяц", norm):
            months = {3, 6, 9, 12}
        else:  # «до 10 числа месяца, следующего за отчётным (кварталом)»
            months = {1, 4, 7, 10}
            if not re.search(r"следующ|перв[а-я]*\s+месяц", norm):
                reading.review("не сказано, какого месяца квартала — взят месяц, следующий за кварталом")
    else:
        months = set(range(1, 13))
        if not _MONTHLY.search(norm):
            reading.review("не сказано, как часто — взято это число каждого месяца")
    due = [day_in_month(y, m, day) for y, m in months_in(start, end) if m in months]
    if any(d.day != day for d in due):
        reading.review(f"в коротких месяцах {day} числа нет — взят последний день месяца")
    return due


def _yearly_dues(norm: str, months: list[int], start: date, end: date) -> list[date]:
    """«ежегодно до 10 марта» → every 10 March; «сентябрь, ежегодно», «4 квартал, ежегодно»."""
    days = [(month_of(word), int(day)) for day, word in _DAY_AND_MONTH.findall(norm) if month_of(word)]
    if days:
        return [d for year in range(start.year, end.year + 1) for month, dom in days
                if (d := safe_date(year, month, dom))]
    quarter = quarter_month(norm)
    wanted = set(months) if months else {quarter} if quarter else {12}
    return [month_end(y, m) for y, m in months_in(start, end) if m in wanted]
