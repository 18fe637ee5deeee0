"""Understanding a roadmap's «Сроки» cell: text + the program period → a Schedule.

The conventions (see README, «Как бот читает сроки»):
  exact date → `date`; month / month range / quarter / half-year / season → `period`
  (due on its last day); the same month in several years, or non-adjacent months →
  `recurring`; «еженедельно», «ежемесячно», «ежеквартально», «раз в четверть»,
  «по полугодиям», «ежегодно» → `recurring`, clipped to the program period (or the
  span the cell names); «постоянно», «в течение …», «весь период …» → `continuous`;
  anything else → `unspecified` with the raw text kept.
A month without a year is the first such month inside the program period (a guess,
flagged for review when the month occurs more than once in the period).
`parse_deadline` never raises: a roadmap cell must never stop an import.
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date, timedelta

from bot.domain.models import Period, Schedule, ScheduleKind

MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
_MONTH_WORD = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SEASONS = {"зим": (12, 2), "весн": (3, 5), "лет": (6, 8), "осен": (9, 11)}
SCHOOL_QUARTER_ENDS = ((10, 31), (12, 31), (3, 31), (5, 31))

_QUALIFIERS = re.compile(r"по согласовани|по мере необходимост|при необходимост|по запросу|по графику|ориентировочно")
_WEEKLY = re.compile(r"еженедельн|каждую неделю|раз в неделю")
_MONTHLY = re.compile(r"ежемесячн|каждый месяц|раз в месяц")
_QUARTERLY = re.compile(r"ежеквартальн|раз в квартал|каждый квартал|поквартальн")
_SCHOOL_QUARTERS = re.compile(r"четверт")
_HALF_YEARLY = re.compile(r"кажд\w* полугоди|по полугоди|раз в полугоди|2 раза в год|два раза в год")
_YEARLY = re.compile(r"ежегодн|каждый год|раз в год")
_CONTINUOUS = re.compile(r"постоянн|в течени|весь период|на протяжени|в период реализации|систематическ|регулярн")
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)")
_DATE_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(" + _MONTH_WORD + r")\s*(\d{4})?")
_QUARTER = re.compile(r"(?<![\w])(\d|iv|iii|ii|i)\s*(?:-\s*(\d|iv|iii|ii|i)\s*)?(?:й|-й)?\s*кв(?:артал\w*|\.)?\s*(\d{4})?")
_HALF = re.compile(r"(?<![\w])(1|2|i|ii|перв\w*|втор\w*)\s*(?:-?е\s*)?полугоди\w*\s*(\d{4})?")
_SEASON = re.compile(r"(зим|весн|лет|осен)[а-я]*\s*(\d{4})?")
_SCHOOL_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*[/-]\s*(20\d\d)\s*уч")
_SLASH_YEARS = re.compile(r"(?<!\d)(20\d\d)\s*/\s*(20\d\d)(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s*-\s*(20\d\d)(?!\d)")
_YEAR = re.compile(r"(?<![\d.])(20\d\d)(?![\d.])")
_TOKEN = re.compile(r"(" + _MONTH_WORD + r")|(?<![\d.])(20\d\d)(?![\d.])|(-)|(,|;|\bи\b)")


def normalize(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = html.unescape(text).replace("\xa0", " ")
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"[‐‑‒–—―−]", "-", text)
    text = re.sub(r"(\d)\s*\.\s*(?=\d)", r"\1.", text)  # «20 .11.2020» → «20.11.2020»
    text = re.sub(r"(20\d\d)\s*(?:гг|г|года|год)\b\.?", r"\1", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"(\d) - (\d)", r"\1-\2", text)
    return re.sub(r"\s+", " ", text).strip(" .;,")


def month_of(word: str) -> int | None:
    for stem, number in MONTH_STEMS:
        if word.startswith(stem):
            return number
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(norm: str, period: Period) -> tuple[date, date]:
    """The span the cell names, else the program period."""
    if match := _SCHOOL_YEAR.search(norm) or _SLASH_YEARS.search(norm):
        return date(int(match.group(1)), 9, 1), date(int(match.group(2)), 8, 31)
    if match := _YEAR_RANGE.search(norm):
        return date(int(match.group(1)), 1, 1), date(int(match.group(2)), 12, 31)
    years = [int(y) for y in _YEAR.findall(norm)]
    if len(years) == 1 and not re.search(_MONTH_WORD, norm):
        return date(years[0], 1, 1), date(years[0], 12, 31)
    return period.start, period.end


def _months_in(start: date, end: date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class _Result:
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


def parse_deadline(text: str | None, period: Period) -> Schedule:
    source = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text or ""))).strip()
    result = _Result(source)
    try:
        return _parse(normalize(source), period, result)
    except Exception:  # a cell must never stop an import; say so instead
        result.reasons = ["срок не распознан"]
        return result.make(ScheduleKind.UNSPECIFIED, None, None, (), period)


def _parse(norm: str, period: Period, result: _Result) -> Schedule:
    if not norm:
        return result.make(ScheduleKind.UNSPECIFIED, None, None, (), period)
    if qualifier := _QUALIFIERS.search(norm):
        result.review(f"оговорка: «{qualifier.group(0)}…»")
    recurring = _recurring(norm, period, result)
    if recurring is not None:
        return recurring
    dates = _exact_dates(norm)
    if dates:
        kind = ScheduleKind.DATE if len(dates) == 1 else ScheduleKind.RECURRING
        return result.make(kind, min(dates), max(dates), dates, period)
    spans = _calendar_spans(norm, period, result)
    if spans:
        return _from_spans(spans, period, result)
    if _CONTINUOUS.search(norm) or re.fullmatch(r"(20\d\d)(-20\d\d)?", norm) or _SLASH_YEARS.fullmatch(norm):
        start, end = _span(norm, period)
        return result.make(ScheduleKind.CONTINUOUS, start, end, (), period)
    return result.make(ScheduleKind.UNSPECIFIED, None, None, (), period)


def _exact_dates(norm: str) -> list[date]:
    found = []
    for day, month, year in _DATE_NUMERIC.findall(norm):
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        try:
            found.append(date(full_year, int(month), int(day)))
        except ValueError:
            continue
    for day, word, year in _DATE_WORDS.findall(norm):
        month = month_of(word)
        if month and year:
            try:
                found.append(date(int(year), month, int(day)))
            except ValueError:
                continue
    return found


def _recurring(norm: str, period: Period, result: _Result) -> Schedule | None:
    start, end = _span(norm, period)
    if start <= period.end and end >= period.start:  # clip a named span to the program
        start, end = max(start, period.start), min(end, period.end)
    listed = [month_of(m.group(0)) for m in re.finditer(_MONTH_WORD, norm)]
    months = [m for m in listed if m]
    due: list[date] = []
    if _WEEKLY.search(norm):
        day = start + timedelta(days=(4 - start.weekday()) % 7)  # Fridays
        while day <= end:
            due.append(day)
            day += timedelta(days=7)
    elif _MONTHLY.search(norm):
        due = [month_end(y, m) for y, m in _months_in(start, end)]
    elif _SCHOOL_QUARTERS.search(norm) and not _QUARTER.search(norm):
        due = [month_end(y, m) for y, m in _months_in(start, end) if (m, month_end(y, m).day) in SCHOOL_QUARTER_ENDS]
    elif _QUARTERLY.search(norm):
        wanted = set(months) if months else {3, 6, 9, 12}
        due = [month_end(y, m) for y, m in _months_in(start, end) if m in wanted]
    elif _HALF_YEARLY.search(norm):
        due = [month_end(y, m) for y, m in _months_in(start, end) if m in {6, 12}]
    elif _YEARLY.search(norm):
        if months:
            wanted = set(months)
        elif quarter := _QUARTER.search(norm):
            wanted = {_number(quarter.group(2) or quarter.group(1)) * 3}
        else:
            wanted = {12}
        due = [month_end(y, m) for y, m in _months_in(start, end) if m in wanted]
    else:
        return None
    due = [d for d in due if start <= d <= end]
    if not due:
        result.review("в периоде программы нет ни одного такого срока")
    return result.make(ScheduleKind.RECURRING, start, end, due, period)


def _number(token: str) -> int:
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    return 1 if token.startswith("перв") else 2


def _first_in_period(month: int, period: Period, result: _Result, label: str) -> int:
    """The year of the first `month` inside the period; a guess if it occurs again."""
    years = [y for y, m in _months_in(period.start, period.end) if m == month]
    if not years:
        result.review(f"год не указан, а в периоде программы нет месяца «{label}»")
        return period.start.year
    if len(years) > 1:
        result.review("год не указан — взят первый такой месяц в периоде программы")
    return years[0]


def _calendar_spans(norm: str, period: Period, result: _Result) -> list[tuple[date, date]]:
    """Quarters, half-years, seasons and months, each as (first day, last day)."""
    spans: list[tuple[date, date]] = []
    for match in _QUARTER.finditer(norm):
        first, last = _number(match.group(1)), _number(match.group(2) or match.group(1))
        year = int(match.group(3)) if match.group(3) else _first_in_period(first * 3 - 2, period, result, "квартал")
        spans.append((date(year, first * 3 - 2, 1), month_end(year, last * 3)))
    for match in _HALF.finditer(norm):
        half = _number(match.group(1))
        year = int(match.group(2)) if match.group(2) else _first_in_period(half * 6 - 5, period, result, "полугодие")
        spans.append((date(year, half * 6 - 5, 1), month_end(year, half * 6)))
    if spans:
        return spans
    for match in _SEASON.finditer(norm):
        first, last = _SEASONS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else _first_in_period(first, period, result, match.group(0))
        end_year = year + 1 if first == 12 else year
        spans.append((date(year, first, 1), month_end(end_year, last)))
    if spans:
        return spans
    return _month_spans(norm, period, result)


def _month_spans(norm: str, period: Period, result: _Result) -> list[tuple[date, date]]:
    """«Март - май 2023», «сентябрь 2023 - март 2024», «апрель, май 2019», «август 2022, 2023»."""
    items: list[list] = []  # [month, year | None, joined_by_dash]
    pending_dash = False
    bare_years: list[int] = []
    for match in _TOKEN.finditer(norm):
        word, year, dash = match.group(1), match.group(2), match.group(3)
        if word:
            items.append([month_of(word), None, pending_dash])
            pending_dash = False
        elif year:
            without = [item for item in items if item[1] is None]
            if without:
                for item in without:
                    item[1] = int(year)
            elif items:
                bare_years.append(int(year))  # «август 2022, 2023»: the same month again
        elif dash:
            pending_dash = bool(items)
    if not items:
        return []
    for item in items:
        if item[1] is None:
            item[1] = _first_in_period(item[0], period, result, "месяц")
    # A later month without its own year written before an earlier one: «ноябрь - январь 2024».
    for before, after in zip(items, items[1:], strict=False):
        if after[2] and (before[1], before[0]) > (after[1], after[0]) and before[1] == after[1]:
            before[1] -= 1
    spans: list[tuple[date, date]] = []
    for month, year, dashed in items:
        if dashed and spans:
            spans[-1] = (spans[-1][0], month_end(year, month))
        else:
            spans.append((date(year, month, 1), month_end(year, month)))
    for year in bare_years:
        month = items[-1][0]
        spans.append((date(year, month, 1), month_end(year, month)))
    return spans


def _from_spans(spans: list[tuple[date, date]], period: Period, result: _Result) -> Schedule:
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start <= merged[-1][1] + timedelta(days=1):  # adjacent or overlapping months join
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if len(merged) == 1:
        start, end = merged[0]
        return result.make(ScheduleKind.PERIOD, start, end, (end,), period)
    return result.make(ScheduleKind.RECURRING, merged[0][0], merged[-1][1], [end for _, end in merged], period)
