"""python -m bot parse-deadline "TEXT" --period 2023-09-01:2024-08-31 → one JSON schedule."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from bot.domain.clock import SystemClock
from bot.domain.deadlines import parse_deadline
from bot.domain.models import Period

HELP = (
    "Показать, как бот понимает срок из дорожной карты: печатает JSON "
    '{"kind", "start", "end", "due", "needs_review", "source"}. '
    "Без --period берётся текущий учебный год (1 сентября – 31 августа)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="текст ячейки «Сроки», например «Сентябрь 2023 – март 2024»")
    parser.add_argument("--period", help="период программы: ГГГГ-ММ-ДД:ГГГГ-ММ-ДД")


def current_school_year(today: date) -> Period:
    first = today.year if today.month >= 9 else today.year - 1
    return Period(start=date(first, 9, 1), end=date(first + 1, 8, 31))


def run(args: argparse.Namespace) -> int:
    if args.period:
        try:
            period = Period.parse(args.period)
        except ValueError:
            print(f"Период «{args.period}» не понят. Укажите его так: --period 2023-09-01:2024-08-31 "
                  "(начало и конец включительно, конец не раньше начала).", file=sys.stderr)
            return 2
    else:
        period = current_school_year(SystemClock().now().date())
    schedule = parse_deadline(args.text, period)
    print(json.dumps(schedule.to_json_dict(), ensure_ascii=False))
    return 0
