"""python -m bot summary --program SLUG|ID --out report.xlsx [--db PATH]"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.i18n import texts
from bot.reports.summary_text import summary_text
from bot.reports.xlsx_report import build_report
from bot.storage import Database
from bot.cli.program_ref import known_programs, resolve_program
from bot.storage.summary_queries import program_snapshot

HELP = "сводка по программе: текст на экран и отчёт Excel в файл"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--program", required=True, help="программа: номер, идентификатор или файл программы (programs/X.yaml)")
    parser.add_argument("--out", type=Path, required=True, help="куда записать отчёт .xlsx")
    parser.add_argument("--db", type=Path, default=None, help="файл базы данных (по умолчанию DATABASE_PATH)")


async def find_program(db: Database, ref: str) -> int | None:
    record = await resolve_program(db, ref)
    return record.id if record else None


async def _run(args: argparse.Namespace) -> int:
    path = args.db or Settings().database_path
    if not Path(path).exists():
        print(f"База данных {path} не найдена.", file=sys.stderr)
        return 2
    async with await Database.open(path) as db:
        program_id = await find_program(db, args.program)
        if program_id is None:
            print(f"Программа «{args.program}» не найдена. Есть: {await known_programs(db)}.", file=sys.stderr)
            return 2
        snapshot = await program_snapshot(db, program_id, now=SystemClock().now())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(build_report(snapshot))
    print(summary_text(snapshot, texts(html=False)).replace("<b>", "").replace("</b>", ""))
    print(f"Отчёт: {args.out}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))
