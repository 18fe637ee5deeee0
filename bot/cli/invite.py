"""python -m bot invite --role coordinator --program SLUG_OR_ID [--db PATH] [--bot USERNAME]

Prints a personal deep link; the first coordinator of a program usually comes from here
(or from COORDINATOR_IDS)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli.program_ref import known_programs, resolve_program
from bot.config import Settings
from bot.domain.clock import SystemClock
from bot.storage import Database
from bot.storage.invites import InviteRepository, InviteRole

HELP = "выдать ссылку-приглашение координатора программы (печатает ссылку t.me/…?start=…)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", choices=["coordinator"], default="coordinator", help="роль (пока только coordinator)")
    parser.add_argument("--program", required=True, help="программа: её slug или номер (id)")
    parser.add_argument("--db", type=Path, default=None, help="файл базы данных (по умолчанию DATABASE_PATH)")
    parser.add_argument("--bot", default="", help="имя бота в Telegram без @, для ссылки t.me/<бот>")


async def _issue(db_path: Path, program_ref: str, bot_name: str) -> int:
    if not db_path.exists():
        print(f"База данных {db_path} не найдена. Сначала загрузите программу: python -m bot load …", file=sys.stderr)
        return 2
    async with await Database.open(db_path) as db:
        record = await resolve_program(db, program_ref)
        if record is None:
            print(f"Программа «{program_ref}» не найдена. Есть: {await known_programs(db)}.", file=sys.stderr)
            return 2
        issued = await InviteRepository(db).issue(record.id, InviteRole.COORDINATOR, party_id=None,
                                                  organization_id=None, created_by=None, now=SystemClock().now())
    link = f"https://t.me/{bot_name}?start={issued.token}" if bot_name else f"/start {issued.token}"
    print(link)
    print(f"Ссылка координатора программы «{record.title}», одноразовая, действует до "
          f"{issued.expires_at:%d.%m.%Y}.", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    return asyncio.run(_issue(args.db or settings.database_path, args.program, args.bot))
