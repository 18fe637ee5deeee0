"""python -m bot report --program SLUG|ID [--from DATE --to DATE | --period q|lq|h|y|all] --out справка.docx"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date, datetime
from pathlib import Path

from bot.cli.program_ref import known_programs, resolve_program
from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.reports.report_period import PeriodChoice, ReportPeriod, dates_period, period_for
from bot.storage import Database
from bot.storage.summary_queries import program_snapshot

HELP = "справка о ходе реализации дорожной карты (.docx) за период, с диаграммами"
CHOICES = {"q": PeriodChoice.THIS_QUARTER, "lq": PeriodChoice.LAST_QUARTER, "h": PeriodChoice.HALF_YEAR,
           "y": PeriodChoice.YEAR, "all": PeriodChoice.PROGRAM}


def parse_day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"дата «{text}» не понята: пишите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--program", required=True, help="программа: номер, идентификатор или файл программы (programs/X.yaml)")
    parser.add_argument("--from", dest="start", type=parse_day, help="начало отчётного периода (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)")
    parser.add_argument("--to", dest="end", type=parse_day, help="конец отчётного периода")
    parser.add_argument("--period", choices=sorted(CHOICES), default=None,
                        help="вместо дат: q — текущий квартал, lq — прошлый квартал, h — полугодие, y — год, "
                             "all — вся программа (по умолчанию, если даты не указаны)")
    parser.add_argument("--department", default=None, help="орган управления образованием в шапке справки")
    parser.add_argument("--out", type=Path, required=True, help="куда записать справку .docx")
    parser.add_argument("--db", type=Path, default=None, help="файл базы данных (по умолчанию DATABASE_PATH)")


def choose_period(args: argparse.Namespace, today: date, start: date, end: date) -> ReportPeriod:
    if args.start or args.end:
        return dates_period(args.start or start, args.end or end)
    return period_for(CHOICES[args.period or "all"], today, start, end)


async def _run(args: argparse.Namespace) -> int:
    from bot.reports.spravka import build_spravka  # python-docx and matplotlib only for this command

    if args.period and (args.start or args.end):
        print("Укажите либо --period, либо --from/--to.", file=sys.stderr)
        return 2
    path = args.db or Settings().database_path
    if not Path(path).exists():
        print(f"База данных {path} не найдена.", file=sys.stderr)
        return 2
    async with await Database.open(path) as db:
        record = await resolve_program(db, args.program)
        if record is None:
            print(f"Программа «{args.program}» не найдена. Есть: {await known_programs(db)}.", file=sys.stderr)
            return 2
        snapshot = await program_snapshot(db, record.id, now=SystemClock().now())
    try:
        period = choose_period(args, snapshot.today, snapshot.period_start, snapshot.period_end)
    except ValueError:
        print("Начало периода позже его конца.", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(build_spravka(snapshot, period, department=args.department))
    print(f"Справка: {args.out} (период {period.start:%d.%m.%Y} – {period.end:%d.%m.%Y})")
    return 0


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))
