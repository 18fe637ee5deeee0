"""`python -m bot load programs/FILE.yaml [--db PATH]`: store a reviewed program file.

The file is read and checked before the database is opened, so a broken file leaves the
database untouched (not even created); the program is stored in one transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.domain.models import Program
from bot.domain.program_file import ProgramFileError, load_program_file
from bot.i18n import texts
from bot.storage import Database, ProgramRepository, SaveOutcome, SaveReport, StorageError

HELP = "загрузить проверенный файл программы (programs/*.yaml) в базу данных"

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="файл программы, например programs/shnor-2023.yaml")
    parser.add_argument(
        "--db", type=Path, default=None, help="файл базы данных (по умолчанию DATABASE_PATH из настроек)"
    )


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    try:
        program = load_program_file(Path(args.file), default_timezone=settings.default_timezone)
    except ProgramFileError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    db_path: Path = args.db or settings.database_path
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        report, slug = asyncio.run(_store(db_path, program, Path(args.file)))
    except StorageError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as exc:
        print(_say("load-storage-failed", path=db_path, error=exc), file=sys.stderr)
        return 1
    print(describe(program, report))
    print(_say("load-identity", id=str(report.program_id), slug=slug))
    return 0


async def _store(db_path: Path, program: Program, path: Path) -> tuple[SaveReport, str]:
    async with await Database.open(db_path) as db:
        repository = ProgramRepository(db)
        slug = await repository.slug_for_file(program, path)
        return await repository.save_program(program, now=SystemClock().now(), slug=slug), slug


def describe(program: Program, report: SaveReport) -> str:
    """What happened, in Russian, for the coordinator's console."""
    title = " ".join(program.title.split())
    counts = {"activities": _activities(report.activities), "due_dates": _due_dates(report.due_dates)}
    if report.outcome is SaveOutcome.UNCHANGED:
        return _say("load-unchanged", title=title)
    if report.outcome is SaveOutcome.CREATED:
        lines = [_say("load-created", title=title, **counts)]
        if program.organizations:
            lines.append(_say("load-organizations", count=len(program.organizations)))
    elif _only_order_changed(report):
        lines = [_say("load-updated-order-only", title=title)]
    else:
        lines = [
            _say(
                "load-updated", title=title, added=report.activities_added,
                removed=report.activities_removed, changed=report.activities_changed,
            )
        ]
        if report.due_dates_added or report.due_dates_removed:
            lines.append(_say("load-updated-due-dates", added=report.due_dates_added, removed=report.due_dates_removed))
        if report.organizations_added or report.organizations_removed:
            lines.append(_say(
                "load-updated-organizations", added=report.organizations_added, removed=report.organizations_removed,
            ))
        if report.changed_fields:
            fields = ", ".join(_field_name(name) for name in report.changed_fields)
            lines.append(_say("load-updated-fields", fields=fields))
        lines.append(_say("load-totals", **counts))
    to_review = [a for a in program.activities if a.deadline.needs_review]
    if to_review:
        numbers = ", ".join(a.number or _say("load-unnumbered") for a in to_review)
        lines.append(_say("load-needs-review", activities=_activities(len(to_review)), numbers=numbers))
    return "\n".join(lines)


def _field_name(name: str) -> str:
    key = f"load-field-{name}"
    return _say(key) if texts(html=False).has(key) else name


def _only_order_changed(report: SaveReport) -> bool:
    return not any((
        report.activities_added, report.activities_removed, report.activities_changed,
        report.due_dates_added, report.due_dates_removed,
        report.organizations_added, report.organizations_removed, report.changed_fields,
    ))


def _say(key: str, **args: object) -> str:
    return texts(html=False)(key, **args)


def _activities(count: int) -> str:
    return _say("activities-count", count=count)


def _due_dates(count: int) -> str:
    return _say("due-dates-count", count=count)
