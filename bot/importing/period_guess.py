"""A roadmap whose title states no period: the likely periods, from the years its deadline
cells (and, failing those, its text) name, and the message that offers them."""

from __future__ import annotations

import re
from collections import Counter

from bot.domain.models import Period
from bot.importing.period import school_year, years
from bot.importing.source import PeriodNotFound

_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(20\d\d|\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_TOKEN = re.compile(r"(?<!\d)(?P<year>20\d\d)(?!\d)|\b(?P<month>январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр"
                    r"|октябр|ноябр|декабр)\w*", re.IGNORECASE)
MAX_OPTIONS = 4


def _month(word: str) -> int:
    word = word.casefold()
    return next(i for i, stem in enumerate(_MONTHS, start=1) if word.startswith(stem))


def _points(cells: list[str]) -> tuple[list[tuple[int, int | None]], set[int]]:
    """(year, month or None) of every dated deadline, and the months named without a year."""
    points: list[tuple[int, int | None]] = []
    loose_months: set[int] = set()
    for cell in cells:
        dates = [(int(y) if len(y) == 4 else 2000 + int(y), int(m)) for _, m, y in _DATE.findall(cell)]
        points += [(y, m) for y, m in dates if 1 <= m <= 12]
        pending: list[int] = []  # «декабрь 2024 – январь 2025»: a month takes the year after it
        for token in _TOKEN.finditer(_DATE.sub(" ", cell)):
            if token.group("year"):
                year = int(token.group("year"))
                points += [(year, m) for m in pending] or [(year, None)]
                pending = []
            else:
                pending.append(_month(token.group("month")))
        loose_months.update(pending)
    return points, loose_months


def _coverage(period: Period, points: list[tuple[int, int | None]]) -> float:
    inside = 0.0
    for year, month in points:
        if month is not None:
            inside += period.start <= period.start.replace(year=year, month=month, day=1) <= period.end
        elif period.start.year <= year <= period.end.year:
            inside += 1.0 if period.start.month == 1 else 0.5  # a bare year is half in a school year
    return inside / len(points)


def period_options(deadline_cells: list[str], text: str) -> list[Period]:
    """Likely program periods, best first: the school year or calendar year(s) that hold the
    deadlines' dates (September→May dates: the school year first)."""
    points, loose_months = _points(deadline_cells)
    if not points:  # no dated deadline: the years the text names
        points = [(int(y), None) for y in _YEAR.findall(text)]
    if not points:
        return []
    counts = Counter(year for year, _ in points)
    first, last = min(counts), max(counts)
    if last - first > 10:  # a stray year (a law's date) among the program's: keep the common ones
        common = [y for y, _ in counts.most_common(3)]
        first, last = min(common), max(common)
        points = [p for p in points if first <= p[0] <= last]
    autumn_to_spring = any(m >= 9 for m in loose_months) and any(m <= 5 for m in loose_months)
    candidates = [school_year(y) for y in range(first - 1, last + 1)] + [years(y, y) for y in range(first, last + 1)]
    scored = []
    for period in candidates:
        score = _coverage(period, points)
        if period.start.month == 9 and autumn_to_spring:
            score += 0.2
        if score > 0:
            scored.append((score, period.start.month == 1, period))
    scored.sort(key=lambda item: (-item[0], item[1]))
    options = [period for _, _, period in scored]
    dated = any(month for _, month in points)
    if dated and last > first and (not scored or scored[0][0] < 0.9):  # dates over several years: the span first
        options.insert(0, years(first, last))
    return options[:MAX_OPTIONS]


def describe(period: Period) -> str:
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (9, 1, 8, 31) and end.year == start.year + 1:
        return f"{start.year}/{end.year} учебный год"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year} год" if start.year == end.year else f"{start.year}–{end.year} годы"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def period_not_found(deadline_cells: list[str], text: str) -> PeriodNotFound:
    options = period_options(deadline_cells, text)
    example = options[0] if options else school_year(2024)
    message = ("Не удалось понять период программы: в названии нет ни года, ни учебного года (например, "
               "«на 2024/2025 учебный год» или «на 2025 год»). ")
    if options:
        message += "По датам в документе это, скорее всего: " + "; ".join(describe(p) for p in options) + ". "
    message += (f"Укажите период явно: --period {example.start.isoformat()}:{example.end.isoformat()} "
                "(начало:конец) — или допишите его в название программы.")
    return PeriodNotFound(message, options)
