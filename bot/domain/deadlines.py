"""Understanding a roadmap's «Сроки» cell: text + the program period → a Schedule.

The conventions (README «Как бот читает сроки»; tests/corpus/README.md has the full table):
  exact date («до 01.11.2023», «10 марта 2024») → `date`;
  a month, month range, quarter, half-year, season, school quarter («1 четверть»), range of
  exact dates («14.01.2025 – 28.03.2025», «с 1 по 15 октября») → `period`, due on its last day;
  the same thing several times → `recurring`, due on every occurrence inside the program
  period (or inside the span the cell names, clipped to the program): listed months,
  «еженедельно» (Fridays), «каждую пятницу» / «по понедельникам» (that weekday),
  «ежемесячно» (month ends), «до 20-го числа каждого месяца» (that day of every month),
  «ежеквартально» (31.03, 30.06, 30.09, 31.12; «… до 10 числа месяца, следующего за
  отчётным» → the 10th of Jan, Apr, Jul, Oct), «по четвертям» (31.10, 31.12, 31.03, 31.05),
  «по полугодиям», «ежегодно», «в каникулы» (03.11, 08.01, 31.03, 31.08);
  «постоянно», «в течение года», «весь период» → `continuous`; anything else → `unspecified`.
School year: quarters 01.09–31.10, 01.11–31.12, 01.01–31.03, 01.04–31.05; half-years
01.09–31.12 and 01.01–31.05 when the program starts on 1 September (else calendar halves);
«к началу учебного года» → 1 September; named holidays, «педсовет» (August) and «ГИА»
(25.05–30.06) come from the ordinary calendar and are always flagged for review.
A month, day or span without a year is its first occurrence inside the program period, flagged
for review only when it occurs more than once there. Every other guess is flagged too, with a
Russian `review_reason`: a cell is never guessed silently.
`parse_deadline` never raises: a roadmap cell must never stop an import.
"""

from __future__ import annotations

import html
import re

from bot.domain.calendar_spans import calendar_spans, listed_separately
from bot.domain.deadline_reading import Reading, named_years, schedule_from_spans
from bot.domain.deadline_text import SLASH_YEARS, normalize
from bot.domain.exact_dates import read_exact_dates
from bot.domain.models import Period, Schedule, ScheduleKind
from bot.domain.recurrences import read_recurrence
from bot.domain.school_calendar import read_school_dates, read_school_events

_QUALIFIERS = re.compile(r"по согласовани|по мере необходимост|при необходимост|по запросу|по графику|ориентировочно")
_CONTINUOUS = re.compile(r"постоянн|в течени|весь период|на протяжени|в период реализации|систематическ|регулярн")


def parse_deadline(text: str | None, period: Period) -> Schedule:
    source = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text or ""))).strip()
    reading = Reading(source)
    try:
        return _parse(normalize(source), period, reading)
    except Exception:  # a cell must never stop an import; say so instead
        reading.reasons = ["срок не распознан"]
        return reading.make(ScheduleKind.UNSPECIFIED, None, None, (), period)


def _parse(norm: str, period: Period, reading: Reading) -> Schedule:
    if not norm:
        return reading.make(ScheduleKind.UNSPECIFIED, None, None, (), period)
    if qualifier := _QUALIFIERS.search(norm):
        reading.review(f"оговорка: «{qualifier.group(0)}…»")
    # Most specific first: a repetition, then exact days, then school words (before seasons:
    # «осенние каникулы» is not autumn), then calendar spans, then the vaguer words.
    for read in (read_recurrence, read_exact_dates, read_school_dates):
        if (schedule := read(norm, period, reading)) is not None:
            return schedule
    if spans := calendar_spans(norm, period, reading):
        return schedule_from_spans(spans, period, reading, join_adjacent=not listed_separately(norm))
    if _CONTINUOUS.search(norm) or re.fullmatch(r"(20\d\d)(-20\d\d)?", norm) or SLASH_YEARS.fullmatch(norm):
        start, end = named_years(norm, period)
        return reading.make(ScheduleKind.CONTINUOUS, start, end, (), period)
    if (schedule := read_school_events(norm, period, reading)) is not None:  # «педсовет», «ГИА» alone
        return schedule
    return reading.make(ScheduleKind.UNSPECIFIED, None, None, (), period)
