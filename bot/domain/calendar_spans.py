"""Spans of the calendar a «Сроки» cell names: quarters, half-years, school quarters, seasons,
months and month ranges — each as (first day, last day).

A span without a year is its first occurrence in the program period (a guess, flagged when
it occurs again). Half-years follow the school year in a program that runs from 1 September.
"""

from __future__ import annotations

import re
from datetime import date

from bot.domain.deadline_reading import Reading, first_year_in_period, written_year
from bot.domain.deadline_text import MONTH_WORD, NUMERAL, ORDINAL_SUFFIX, month_end, month_of, number_of
from bot.domain.models import Period
from bot.domain.school_calendar import is_school_year, school_half_span, school_quarter_spans

_SEASONS = {"зим": (12, 2), "весн": (3, 5), "лет": (6, 8), "осен": (9, 11)}
_QUARTER = re.compile(r"(?<![\w])(" + NUMERAL + r")" + ORDINAL_SUFFIX + r"\s*(?:-\s*(" + NUMERAL + r")"
                      + ORDINAL_SUFFIX + r"\s*)?кв(?:артал\w*|\.)?\s*(\d{4})?")
_HALF = re.compile(r"(?<![\w])(1|2|ii|i|перв[а-я]*|втор[а-я]*)" + ORDINAL_SUFFIX + r"\s*полугоди\w*\s*(\d{4})?")
_SEASON = re.compile(r"(?<![а-я])(зим|весн|лет(?=[оаун])|осен)[а-я]*\s*(\d{4})?")  # «лет» alone is years
_TOKEN = re.compile(r"(" + MONTH_WORD + r")|(?<![\d.])(20\d\d)(?![\d.])|(-)|(,|;|\bи\b)")


def has_calendar_quarter(norm: str) -> bool:
    return bool(_QUARTER.search(norm))


def quarter_month(norm: str) -> int | None:
    """The last month of the (first) quarter named: «4 квартал» → 12."""
    match = _QUARTER.search(norm)
    return number_of(match.group(2) or match.group(1)) * 3 if match else None


def listed_separately(norm: str) -> bool:
    """«апрель 2021 май 2021 июнь 2021»: months each written with its own year are a list, not a range."""
    tokens = [("m" if m.group(1) else "y" if m.group(2) else "-" if m.group(3) else "")
              for m in _TOKEN.finditer(norm)]
    shape = "".join(tokens)
    return shape.count("m") >= 2 and "-" not in shape and shape == "my" * shape.count("m")


def calendar_spans(norm: str, period: Period, reading: Reading) -> list[tuple[date, date]]:
    """Quarters, half-years and school quarters; else seasons; else months."""
    spans: list[tuple[date, date]] = []
    for match in _QUARTER.finditer(norm):
        first, last = number_of(match.group(1)), number_of(match.group(2) or match.group(1))
        if not 1 <= first <= last <= 4:
            continue
        year = (int(match.group(3)) if match.group(3)
                else first_year_in_period(first * 3 - 2, period, reading, "квартал"))
        spans.append((date(year, first * 3 - 2, 1), month_end(year, last * 3)))
    for match in _HALF.finditer(norm):
        half = number_of(match.group(1))
        written = written_year(norm)  # a calendar year written keeps the calendar half
        school = "учебн" in norm or (is_school_year(period) and not (written and not written[1]))
        if school and (span := school_half_span(half, norm, period, reading)):
            spans.append(span)
        elif not school:
            year = int(match.group(2)) if match.group(2) else first_year_in_period(half * 6 - 5, period, reading,
                                                                                  "полугодие")
            spans.append((date(year, half * 6 - 5, 1), month_end(year, half * 6)))
    spans += school_quarter_spans(norm, period, reading)
    if spans:
        return spans
    for match in _SEASON.finditer(norm):
        first, last = _SEASONS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else first_year_in_period(first, period, reading, match.group(0))
        end_year = year + 1 if first == 12 else year
        spans.append((date(year, first, 1), month_end(end_year, last)))
    if spans:
        return spans
    return month_spans(norm, period, reading)


def month_spans(norm: str, period: Period, reading: Reading) -> list[tuple[date, date]]:
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
            item[1] = first_year_in_period(item[0], period, reading, "месяц")
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
