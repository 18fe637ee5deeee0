"""python -m bot import FILE [--period …] [--timezone …] [--out programs/x.yaml]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.domain.models import Period
from bot.domain.program_file import dump_program
from bot.importing import RoadmapImportError, import_file

HELP = "прочитать дорожную карту (.docx, .xlsx, .txt) и показать или сохранить её как файл программы (YAML)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="файл дорожной карты")
    parser.add_argument("--period", help="период программы ГГГГ-ММ-ДД:ГГГГ-ММ-ДД, если в названии его нет")
    parser.add_argument("--timezone", help="часовой пояс IANA, например Asia/Yakutsk")
    parser.add_argument("--out", type=Path, help="куда записать файл программы (YAML); без него — вывод на экран")


def run(args: argparse.Namespace) -> int:
    try:
        period = Period.parse(args.period) if args.period else None
    except ValueError:
        print(f"Период «{args.period}» не понят. Пример: --period 2023-09-01:2024-08-31.", file=sys.stderr)
        return 2
    try:
        result = import_file(args.file, period=period, timezone=args.timezone)
    except RoadmapImportError as error:
        print(error.message, file=sys.stderr)
        return 1
    except ValueError as error:  # e.g. an unknown timezone
        print(f"Не удалось загрузить: {error}", file=sys.stderr)
        return 2
    program = result.program
    text = dump_program(program)
    print(f"«{program.title}»: мероприятий {len(program.activities)}, требуют проверки {len(result.needs_review)}, "
          f"период {program.period.start:%d.%m.%Y}–{program.period.end:%d.%m.%Y}, {program.timezone}.",
          file=sys.stderr)
    for warning in result.warnings:
        print(f"  • {warning.message}", file=sys.stderr)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"Записано: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
