"""python -m bot export-evidence --program SLUG|ID --out evidence.zip [--db PATH]"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli.program_ref import known_programs
from bot.cli.summary import find_program
from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.reports.evidence_zip import write_evidence_zip
from bot.storage import Database
from bot.storage.summary_queries import program_snapshot

HELP = "архив документов программы для проверки: ZIP по мероприятиям и организациям с описью"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--program", required=True, help="программа: slug или номер (id)")
    parser.add_argument("--out", type=Path, required=True, help="куда записать архив .zip")
    parser.add_argument("--db", type=Path, default=None, help="файл базы данных (по умолчанию DATABASE_PATH)")


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
    written, missing = write_evidence_zip(snapshot, args.out)
    print(f"Архив {args.out}: файлов {written}, не найдено на диске {missing}.", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))
