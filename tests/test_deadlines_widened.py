"""«Сроки» cells beyond the seeds (issue 10): yearless days, ranges of days, day-of-month and
weekday recurrences, school quarters / half-years / holidays, педсовет and ГИА — read as the
conventions table in tests/corpus/README.md says, every guess flagged with a Russian reason."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from datetime import date

import pytest

from bot.domain.deadlines import parse_deadline
from bot.domain.models import Period, ScheduleKind

SCHOOL = Period(start=date(2023, 9, 1), end=date(2024, 8, 31))  # «2023/2024 учебный год»
SCHOOL_NEXT = Period(start=date(2024, 9, 1), end=date(2025, 8, 31))
CALENDAR = Period(start=date(2023, 1, 1), end=date(2024, 12, 31))  # «на 2023-2024 годы»: every day twice
Q1_2024 = Period(start=date(2024, 1, 1), end=date(2024, 3, 31))
AUTUMN_2023 = Period(start=date(2023, 9, 1), end=date(2023, 12, 31))  # no March in it
NBSP = "\xa0"

QUARTER_ENDS = ["2023-10-31", "2023-12-31", "2024-03-31", "2024-05-31"]

CASES = [
    # text, period, kind, start, end, due (every date, or how many), needs_review
    # 1. A day and month without a year: that day, first in the period.
    ("к 10 марта", SCHOOL, "date", "2024-03-10", "2024-03-10", ["2024-03-10"], False),
    ("до 15 мая", SCHOOL, "date", "2024-05-15", "2024-05-15", ["2024-05-15"], False),
    ("10 марта", SCHOOL, "date", "2024-03-10", "2024-03-10", ["2024-03-10"], False),
    ("К 10 МАРТА", SCHOOL, "date", "2024-03-10", "2024-03-10", ["2024-03-10"], False),
    (f"до{NBSP}15{NBSP}мая", SCHOOL, "date", "2024-05-15", "2024-05-15", ["2024-05-15"], False),
    ("Не позднее 20 октября.", SCHOOL, "date", "2023-10-20", "2023-10-20", ["2023-10-20"], False),
    ("к 10 марта", CALENDAR, "date", "2023-03-10", "2023-03-10", ["2023-03-10"], True),  # 2023 and 2024
    ("до 29 февраля", CALENDAR, "date", "2024-02-29", "2024-02-29", ["2024-02-29"], False),  # only 2024 has it
    ("к 10 марта", AUTUMN_2023, "date", "2023-03-10", "2023-03-10", ["2023-03-10"], True),  # not in the period
    ("до 15 мая 2024 г.", CALENDAR, "date", "2024-05-15", "2024-05-15", ["2024-05-15"], False),
    ("к 10 марта 2024 года", CALENDAR, "date", "2024-03-10", "2024-03-10", ["2024-03-10"], False),
    ("10 марта, 15 мая", SCHOOL, "recurring", "2024-03-10", "2024-05-15", ["2024-03-10", "2024-05-15"], False),
    # 2. A range of exact days: one period, due on its last day.
    ("14.01.2025 – 28.03.2025", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("14.01.2025 — 28.03.2025", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("14.01.2025-28.03.2025", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("14.01.2025 г. – 28.03.2025 г.", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("с 14.01.2025 по 28.03.2025", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("С 14.01.2025г. по 28.03.2025г.", SCHOOL_NEXT, "period", "2025-01-14", "2025-03-28", ["2025-03-28"], False),
    ("с 1 по 15 октября 2024", SCHOOL_NEXT, "period", "2024-10-01", "2024-10-15", ["2024-10-15"], False),
    ("с 1 по 15 октября 2024 года", SCHOOL_NEXT, "period", "2024-10-01", "2024-10-15", ["2024-10-15"], False),
    ("c 1 по 15 октября 2024 г.", SCHOOL_NEXT, "period", "2024-10-01", "2024-10-15", ["2024-10-15"], False),  # Latin c
    ("с 1 октября по 15 ноября", SCHOOL, "period", "2023-10-01", "2023-11-15", ["2023-11-15"], False),
    ("1-15 октября", SCHOOL, "period", "2023-10-01", "2023-10-15", ["2023-10-15"], False),
    ("1–15 октября", SCHOOL, "period", "2023-10-01", "2023-10-15", ["2023-10-15"], False),
    (f"1{NBSP}—{NBSP}15 Октября", SCHOOL, "period", "2023-10-01", "2023-10-15", ["2023-10-15"], False),
    ("1-15 октября", CALENDAR, "period", "2023-10-01", "2023-10-15", ["2023-10-15"], True),  # 2023 and 2024
    ("с 20 декабря по 10 января", SCHOOL, "period", "2023-12-20", "2024-01-10", ["2024-01-10"], False),
    ("14.01-28.03.2024", CALENDAR, "period", "2024-01-14", "2024-03-28", ["2024-03-28"], False),
    # 3. The same day of every month (or quarter): start..end = first..last due day.
    ("до 20-го числа каждого месяца", SCHOOL, "recurring", "2023-09-20", "2024-08-20", 12, False),
    ("до 20-го числа каждого месяца", Q1_2024, "recurring", "2024-01-20", "2024-03-20",
     ["2024-01-20", "2024-02-20", "2024-03-20"], False),
    ("ежемесячно до 5 числа", SCHOOL, "recurring", "2023-09-05", "2024-08-05", 12, False),
    ("Ежемесячно не позднее 3 числа", SCHOOL, "recurring", "2023-09-03", "2024-08-03", 12, False),
    ("ежеквартально до 10 числа месяца, следующего за отчётным", SCHOOL, "recurring", "2023-10-10",
     "2024-07-10", ["2023-10-10", "2024-01-10", "2024-04-10", "2024-07-10"], False),
    ("Ежеквартально до 10 числа месяца, следующего за отчетным", CALENDAR, "recurring", "2023-01-10",
     "2024-10-10", 8, False),
    ("ежеквартально до 10 числа", SCHOOL, "recurring", "2023-10-10", "2024-07-10", 4, True),  # which month?
    ("ежемесячно до 31 числа", Q1_2024, "recurring", "2024-01-31", "2024-03-31",
     ["2024-01-31", "2024-02-29", "2024-03-31"], True),  # February has no 31st
    ("до 25 числа", SCHOOL, "recurring", "2023-09-25", "2024-08-25", 12, True),  # how often?
    # 4. Weekdays: every such weekday in the period.
    ("каждую пятницу", SCHOOL, "recurring", "2023-09-01", "2024-08-30", 53, False),
    ("каждую пятницу", Q1_2024, "recurring", "2024-01-05", "2024-03-29", 13, False),
    ("по понедельникам", SCHOOL, "recurring", "2023-09-04", "2024-08-26", 52, False),
    ("еженедельно по средам", SCHOOL, "recurring", "2023-09-06", "2024-08-28", 52, False),
    ("Каждый вторник", SCHOOL, "recurring", "2023-09-05", "2024-08-27", 52, False),
    ("по понедельникам и четвергам", SCHOOL, "recurring", "2023-09-04", "2024-08-29", 104, False),
    ("каждую первую пятницу месяца", Q1_2024, "recurring", "2024-01-05", "2024-03-01",
     ["2024-01-05", "2024-02-02", "2024-03-01"], False),
    ("в пятницу", Q1_2024, "recurring", "2024-01-05", "2024-03-29", 13, True),  # «каждую» not said
    # 5. School quarters, half-years, the start of the school year, holidays.
    ("1 четверть", SCHOOL, "period", "2023-09-01", "2023-10-31", ["2023-10-31"], False),
    ("в течение 1 четверти", SCHOOL, "period", "2023-09-01", "2023-10-31", ["2023-10-31"], False),
    ("1-я четверть", SCHOOL, "period", "2023-09-01", "2023-10-31", ["2023-10-31"], False),
    ("II четверть", SCHOOL, "period", "2023-11-01", "2023-12-31", ["2023-12-31"], False),
    ("по итогам 3 четверти", SCHOOL, "period", "2024-01-01", "2024-03-31", ["2024-03-31"], False),
    ("IV четверть", SCHOOL, "period", "2024-04-01", "2024-05-31", ["2024-05-31"], False),
    ("1 четверть", CALENDAR, "period", "2023-09-01", "2023-10-31", ["2023-10-31"], True),  # 2023 and 2024
    ("3 четверть 2024 г.", CALENDAR, "period", "2024-01-01", "2024-03-31", ["2024-03-31"], False),
    ("по четвертям", SCHOOL, "recurring", "2023-09-01", "2024-08-31", QUARTER_ENDS, False),
    ("ежечетвертно", SCHOOL, "recurring", "2023-09-01", "2024-08-31", QUARTER_ENDS, False),
    ("По итогам четверти", SCHOOL, "recurring", "2023-09-01", "2024-08-31", QUARTER_ENDS, False),
    ("к началу учебного года", SCHOOL, "date", "2023-09-01", "2023-09-01", ["2023-09-01"], False),
    ("до начала учебного года", SCHOOL, "date", "2023-09-01", "2023-09-01", ["2023-09-01"], False),
    ("К началу учебного года", CALENDAR, "date", "2023-09-01", "2023-09-01", ["2023-09-01"], True),
    ("по итогам I полугодия", SCHOOL, "period", "2023-09-01", "2023-12-31", ["2023-12-31"], False),
    ("I полугодие", SCHOOL, "period", "2023-09-01", "2023-12-31", ["2023-12-31"], False),
    ("II полугодие", SCHOOL, "period", "2024-01-01", "2024-05-31", ["2024-05-31"], False),
    ("I полугодие", CALENDAR, "period", "2023-01-01", "2023-06-30", ["2023-06-30"], True),  # calendar half
    ("по итогам I полугодия 2023/2024 учебного года", CALENDAR, "period", "2023-09-01", "2023-12-31",
     ["2023-12-31"], False),
    ("в каникулы", SCHOOL, "recurring", "2023-09-01", "2024-08-31",
     ["2023-11-03", "2024-01-08", "2024-03-31", "2024-08-31"], True),
    ("осенние каникулы", SCHOOL, "period", "2023-10-28", "2023-11-03", ["2023-11-03"], True),
    ("Зимние каникулы", SCHOOL, "period", "2023-12-30", "2024-01-08", ["2024-01-08"], True),
    ("в период летних каникул", SCHOOL, "period", "2024-06-01", "2024-08-31", ["2024-08-31"], True),
    ("во время осенних и весенних каникул", SCHOOL, "recurring", "2023-10-28", "2024-03-31",
     ["2023-11-03", "2024-03-31"], True),
    # 6. Events: the month rules when a month is written, else the usual dates (flagged).
    ("август (педсовет)", SCHOOL, "period", "2024-08-01", "2024-08-31", ["2024-08-31"], False),
    ("Август (педсовет)", SCHOOL_NEXT, "period", "2025-08-01", "2025-08-31", ["2025-08-31"], False),
    ("май — июнь (ГИА)", SCHOOL, "period", "2024-05-01", "2024-06-30", ["2024-06-30"], False),
    ("май-июнь (ГИА)", SCHOOL, "period", "2024-05-01", "2024-06-30", ["2024-06-30"], False),
    ("педсовет", SCHOOL, "period", "2024-08-01", "2024-08-31", ["2024-08-31"], True),
    ("к педсовету", SCHOOL, "period", "2024-08-01", "2024-08-31", ["2024-08-31"], True),
    ("ГИА", SCHOOL, "period", "2024-05-25", "2024-06-30", ["2024-06-30"], True),
    ("в период ГИА", SCHOOL, "period", "2024-05-25", "2024-06-30", ["2024-06-30"], True),
    # Wrong readings of before, put right on the way.
    ("прямая линия", SCHOOL, "unspecified", None, None, [], True),  # not May
    ("в течение 3 лет", SCHOOL, "continuous", "2023-09-01", "2024-08-31", [], False),  # not summer
    ("четвертый квартал 2023", CALENDAR, "period", "2023-10-01", "2023-12-31", ["2023-12-31"], False),
    ("1-е полугодие 2024", CALENDAR, "period", "2024-01-01", "2024-06-30", ["2024-06-30"], False),
    ("апрель 2021г. май 2021г. июнь 2021г.", Period(start=date(2020, 9, 1), end=date(2021, 8, 31)), "recurring",
     "2021-04-01", "2021-06-30", ["2021-04-30", "2021-05-31", "2021-06-30"], False),
    ("ежегодно до 10 марта", CALENDAR, "recurring", "2023-01-01", "2024-12-31", ["2023-03-10", "2024-03-10"], False),
]


@pytest.mark.parametrize(("text", "period", "kind", "start", "end", "due", "review"), CASES,
                         ids=[f"{c[0][:40]}@{c[1].start:%Y-%m}" for c in CASES])
def test_a_widened_cell_reads_as_the_conventions_say(text, period, kind, start, end, due, review):
    schedule = parse_deadline(text, period)
    got = schedule.to_json_dict()
    assert (got["kind"], got["start"], got["end"]) == (kind, start, end)
    if isinstance(due, int):
        assert len(got["due"]) == due
        assert (got["due"][0], got["due"][-1]) == (start, end)
    else:
        assert got["due"] == due
    assert got["needs_review"] is review, schedule.review_reason
    assert got["source"] == text.replace(NBSP, " ")
    if review:  # never a silent guess: the reason is written, in Russian
        assert schedule.review_reason and re.search("[а-яё]", schedule.review_reason)
    else:
        assert schedule.review_reason is None


@pytest.mark.parametrize(("text", "period", "reason"), [
    ("к 10 марта", CALENDAR, "год не указан — взят первый в периоде программы срок «10 марта»"),
    ("1-15 октября", CALENDAR, "год не указан — взят первый в периоде программы срок"),
    ("1 четверть", CALENDAR, "год не указан — взят первый в периоде программы срок «1 четверть»"),
    ("к 10 марта", AUTUMN_2023, "год не указан, а в периоде программы нет срока «10 марта»"),
    ("в каникулы", SCHOOL, "каникулы: даты взяты по обычному календарю, проверьте"),
    ("осенние каникулы", SCHOOL, "каникулы: даты взяты по обычному календарю, проверьте"),
    ("педсовет", SCHOOL, "педсовет: взят август"),
    ("ГИА", SCHOOL, "ГИА: взят обычный период 25.05–30.06"),
    ("до 25 числа", SCHOOL, "не сказано, как часто"),
    ("ежеквартально до 10 числа", SCHOOL, "не сказано, какого месяца квартала"),
    ("ежемесячно до 31 числа", SCHOOL, "в коротких месяцах 31 числа нет"),
    ("в пятницу", SCHOOL, "не сказано «каждую неделю»"),
])
def test_each_guess_says_why_in_russian(text, period, reason):
    schedule = parse_deadline(text, period)
    assert schedule.needs_review and reason in schedule.review_reason


def test_weekday_recurrences_fall_on_that_weekday():
    for text, weekdays in [("каждую пятницу", {4}), ("по понедельникам", {0}), ("еженедельно по средам", {2}),
                           ("каждый вторник", {1}), ("по субботам", {5}), ("по понедельникам и четвергам", {0, 3})]:
        assert {d.weekday() for d in parse_deadline(text, SCHOOL).due} == weekdays, text
    assert parse_deadline("создание образовательной среды", SCHOOL).kind is ScheduleKind.UNSPECIFIED


HOSTILE = ["", " ", None, "\x00", "\u200b", "💥", "<script>alert(1)</script>", "&nbsp;&amp;", "0 числа",
           "до 99-го числа", "31.02.2024 - 30.02.2024", "с 0 по 0 октября 0000", "с 31 по 1 февраля",
           "29 февраля", "5 квартал", "0 четверть", "V четверть", "с 1 по", "по", "с", "-", "—", "()",
           "13.13.2024", "1-", "ежемесячно до 5 числа" * 50, "каникулы " * 200, "1-" * 3000]
WORDS = ["к", "до", "с", "по", "не позднее", "10", "1", "15", "20-го", "31", "29", "0", "марта", "мая", "октября",
         "февраля", "декабря", "января", "2024", "2025", "г.", "года", "14.01.2025", "28.03.2025", "01.09", "–", "—",
         "-", ",", ";", "и", "(", ")", "числа", "каждого", "месяца", "ежемесячно", "ежеквартально", "еженедельно",
         "ежегодно", "следующего за отчётным", "каждую", "пятницу", "по понедельникам", "средам", "четвергам",
         "первую", "последнюю", "четверть", "четверти", "I", "II", "IV", "1-я", "по итогам", "ежечетвертно",
         "полугодие", "полугодия", "к началу учебного года", "учебного", "каникулы", "осенние", "летних", "зимние",
         "педсовет", "ГИА", "август", "май", "в течение", "квартал", "2023/2024", NBSP, "\t", "\n", "<p>", "&nbsp;"]


def test_parse_deadline_never_raises_on_random_and_hostile_text():
    rng = random.Random(20231001)
    periods = [SCHOOL, SCHOOL_NEXT, CALENDAR, Q1_2024, AUTUMN_2023, Period(start=date(2024, 2, 29),
                                                                             end=date(2024, 2, 29))]
    texts = list(HOSTILE)
    while len(texts) < 2000:
        if rng.random() < 0.7:
            texts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))))
        else:
            texts.append("".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x400, 0x45F),
                                                 rng.randint(0x2000, 0x206F), rng.randint(0, 0x10FFFF)]))
                                 for _ in range(rng.randint(0, 40))).encode("utf-8", "replace").decode("utf-8",
                                                                                                     "replace"))
    for text in texts:
        schedule = parse_deadline(text, rng.choice(periods))
        assert list(schedule.due) == sorted(set(schedule.due)), text
        assert schedule.needs_review == bool(schedule.review_reason), text
        if schedule.start and schedule.end:
            assert schedule.start <= schedule.end, text
            assert all(schedule.start <= d <= schedule.end for d in schedule.due), text
        if schedule.kind is ScheduleKind.UNSPECIFIED:
            assert schedule.needs_review, text


def test_the_cli_prints_a_widened_reading():
    done = subprocess.run([sys.executable, "-m", "bot", "parse-deadline", "с 1 по 15 октября 2024",
                           "--period", "2024-09-01:2025-08-31"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"kind": "period", "start": "2024-10-01", "end": "2024-10-15",
                                       "due": ["2024-10-15"], "needs_review": False,
                                       "source": "с 1 по 15 октября 2024"}
