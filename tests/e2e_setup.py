"""What an end-to-end test stores before the bot starts: programs loaded the way `load` would."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.models import Program
from bot.storage import Database, ProgramRepository


async def store_programs(bot_settings: dict[str, Any], now: datetime, *programs: Program,
                         slugs: list[str] | None = None) -> None:
    bot_settings["data_dir"].mkdir(parents=True, exist_ok=True)
    db = await Database.open(bot_settings["database_path"])
    try:
        repository = ProgramRepository(db)
        for index, program in enumerate(programs):
            await repository.save_program(program, now=now, slug=slugs[index] if slugs else None)
    finally:
        await db.close()
