"""How «Сроки» cells from the seeds (and the same phrasings written differently) read."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date

import pytest

from bot.domain.deadlines import parse_deadline
from bot.domain.models import Period

ZEYA = Period(start=date(2023, 1, 1), end=date(2024, 12, 31))  # «на 2023–2024 годы»
MAGDAGACHI = Period(start=date(2020, 1, 1), end=date(2023, 12, 31))
MINUSINSK = Period(start=date(2020, 1, 1), end=date(2022, 12, 31))
TUROCHAK = Period(start=date(2023, 9, 1), end=date(2024, 8, 31))  # учебный год

CASES = [
    # text, period, kind, start, end, due (first.. / count), needs_review
    ("01.10.2023", ZEYA, "date", "2023-10-01", "2023-10-01", ["2023-10-01"], False),
    ("До 01.11.2023", ZEYA, "date", "2023-11-01", "2023-11-01", ["2023-11-01"], False),
    ("до 01.11.23 г.", ZEYA, "date", "2023-11-01", "2023-11-01", ["2023-11-01"], False),
    ("не позднее 5 марта 2024", ZEYA, "date", "2024-03-05", "2024-03-05", ["2024-03-05"], False),
    ("к 1 сентября 2023", ZEYA, "date", "2023-09-01", "2023-09-01", ["2023-09-01"], False),
    ("До 20 .11.2020г", MINUSINSK, "date", "2020-11-20", "2020-11-20", ["2020-11-20"], False),
    ("01.10.2025", ZEYA, "date", "2025-10-01", "2025-10-01", ["2025-10-01"], True),
    ("Сентябрь 2023", ZEYA, "period", "2023-09-01", "2023-09-30", ["2023-09-30"], False),
    ("сентябрь 2023 г.", ZEYA, "period", "2023-09-01", "2023-09-30", ["2023-09-30"], False),
    ("<p>Сентябрь&nbsp;2023</p>", ZEYA, "period", "2023-09-01", "2023-09-30", ["2023-09-30"], False),
    ("Март – май 2023", ZEYA, "period", "2023-03-01", "2023-05-31", ["2023-05-31"], False),
    ("МАРТ-МАЙ 2023 года.", ZEYA, "period", "2023-03-01", "2023-05-31", ["2023-05-31"], False),
    ("Сентябрь 2023 – март 2024", ZEYA, "period", "2023-09-01", "2024-03-31", ["2024-03-31"], False),
    ("Июль –август 2023", ZEYA, "period", "2023-07-01", "2023-08-31", ["2023-08-31"], False),
    ("Апрель, май 2021", MINUSINSK, "period", "2021-04-01", "2021-05-31", ["2021-05-31"], False),
    ("2 квартал 2020", MAGDAGACHI, "period", "2020-04-01", "2020-06-30", ["2020-06-30"], False),
    ("3-4 квартал 2020 г", MAGDAGACHI, "period", "2020-07-01", "2020-12-31", ["2020-12-31"], False),
    ("IV квартал 2023", ZEYA, "period", "2023-10-01", "2023-12-31", ["2023-12-31"], False),
    ("1 полугодие 2021", MINUSINSK, "period", "2021-01-01", "2021-06-30", ["2021-06-30"], False),
    ("Лето 2021", MINUSINSK, "period", "2021-06-01", "2021-08-31", ["2021-08-31"], False),
    ("Август 2022, 2023", MAGDAGACHI, "recurring", "2022-08-01", "2023-08-31", ["2022-08-31", "2023-08-31"], False),
    ("Сентябрь, декабрь 2023", ZEYA, "recurring", "2023-09-01", "2023-12-31", ["2023-09-30", "2023-12-31"], False),
    ("Сентябрь", TUROCHAK, "period", "2023-09-01", "2023-09-30", ["2023-09-30"], False),
    ("октябрь - ноябрь", TUROCHAK, "period", "2023-10-01", "2023-11-30", ["2023-11-30"], False),
    ("Сентябрь", ZEYA, "period", "2023-09-01", "2023-09-30", ["2023-09-30"], True),  # recurs in 2024: a guess
    ("Ежемесячно", TUROCHAK, "recurring", "2023-09-01", "2024-08-31", 12, False),
    ("В течение года, ежемесячно.", TUROCHAK, "recurring", "2023-09-01", "2024-08-31", 12, False),
    ("Еженедельно", TUROCHAK, "recurring", "2023-09-01", "2024-08-31", 53, False),  # 1 Sep 2023 is a Friday
    ("Еженедельно (либо по согласованию) до конца реализации Проекта", TUROCHAK, "recurring", "2023-09-01",
     "2024-08-31", 53, True),
    ("Ежеквартально", ZEYA, "recurring", "2023-01-01", "2024-12-31", 8, False),
    ("1 раз в квартал", ZEYA, "recurring", "2023-01-01", "2024-12-31", 8, False),
    ("Ежеквартально 2020-2023", MAGDAGACHI, "recurring", "2020-01-01", "2023-12-31", 16, False),
    ("Ежеквартально сентябрь ноябрь, январь апрель июнь", TUROCHAK, "recurring", "2023-09-01", "2024-08-31",
     ["2023-09-30", "2023-11-30", "2024-01-31", "2024-04-30", "2024-06-30"], False),
    ("В течение срока реализации Проекта, раз в четверть", TUROCHAK, "recurring", "2023-09-01", "2024-08-31",
     ["2023-10-31", "2023-12-31", "2024-03-31", "2024-05-31"], False),
    ("В конце каждого полугодия", ZEYA, "recurring", "2023-01-01", "2024-12-31",
     ["2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31"], False),
    ("Ежегодно", ZEYA, "recurring", "2023-01-01", "2024-12-31", ["2023-12-31", "2024-12-31"], False),
    ("Сентябрь, ежегодно", ZEYA, "recurring", "2023-01-01", "2024-12-31", ["2023-09-30", "2024-09-30"], False),
    ("4 квартал, ежегодно", ZEYA, "recurring", "2023-01-01", "2024-12-31", ["2023-12-31", "2024-12-31"], False),
    ("Постоянно", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("Постоянно.", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("В течение года", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("В течение учебного года", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("В течение всего периода", ZEYA, "continuous", "2023-01-01", "2024-12-31", [], False),
    ("В течение срока реализации Проекта", ZEYA, "continuous", "2023-01-01", "2024-12-31", [], False),
    ("Весь период 2023/2024", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("в течение 2023-2024 учебного года", TUROCHAK, "continuous", "2023-09-01", "2024-08-31", [], False),
    ("2020-2022", MINUSINSK, "continuous", "2020-01-01", "2022-12-31", [], False),
    ("В рамках соглашения со школами", TUROCHAK, "unspecified", None, None, [], True),
    ("В период заполнения РАОП", TUROCHAK, "unspecified", None, None, [], True),
    ("по согласованию", TUROCHAK, "unspecified", None, None, [], True),
    ("", TUROCHAK, "unspecified", None, None, [], True),
]


@pytest.mark.parametrize(("text", "period", "kind", "start", "end", "due", "review"), CASES,
                         ids=[c[0][:40] or "empty" for c in CASES])
def test_a_deadline_cell_reads_as_the_convention_says(text, period, kind, start, end, due, review):
    schedule = parse_deadline(text, period).to_json_dict()
    assert (schedule["kind"], schedule["start"], schedule["end"]) == (kind, start, end)
    if isinstance(due, int):
        assert len(schedule["due"]) == due
    else:
        assert schedule["due"] == due
    assert schedule["needs_review"] is review
    assert schedule["source"] == text.replace("<p>", "").replace("</p>", "").replace("&nbsp;", " ").strip()


def test_weekly_means_fridays_and_review_reasons_are_russian():
    schedule = parse_deadline("Еженедельно", TUROCHAK)
    assert {d.weekday() for d in schedule.due} == {4}
    assert "вне периода" in parse_deadline("01.10.2025", ZEYA).review_reason
    assert parse_deadline("Сентябрь", ZEYA).review_reason.startswith("год не указан")


def test_garbage_never_raises_and_dues_stay_within_the_span():
    rng = random.Random(2023)
    alphabet = "0123456789.-–— ,;/IVXкварталполугодиесентябрьмайежегодноеженедельнов течение<p>&nbsp;гг."
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        schedule = parse_deadline(text, ZEYA)
        assert list(schedule.due) == sorted(set(schedule.due))
        if schedule.start and schedule.end:
            assert all(schedule.start <= d <= schedule.end for d in schedule.due), text
    assert parse_deadline("x" * 100_000, ZEYA).kind.value == "unspecified"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "parse-deadline", *args], capture_output=True, text=True,
                          timeout=60)


def test_the_cli_prints_one_json_object():
    done = run_cli("Сентябрь 2023 – март 2024", "--period", "2023-09-01:2024-08-31")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"kind": "period", "start": "2023-09-01", "end": "2024-03-31",
                                       "due": ["2024-03-31"], "needs_review": False,
                                       "source": "Сентябрь 2023 – март 2024"}
    unspecified = run_cli("по согласованию", "--period", "2023-09-01:2024-08-31")
    assert unspecified.returncode == 0 and json.loads(unspecified.stdout)["kind"] == "unspecified"


def test_the_cli_explains_a_bad_period_in_russian():
    done = run_cli("Сентябрь 2023", "--period", "2024-01-01")
    assert done.returncode == 2 and "Период «2024-01-01» не понят" in done.stderr and not done.stdout
