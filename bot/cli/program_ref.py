"""`--program` as people give it: the number `load` printed, the identifier (slug), or the
program file itself (`programs/zeya-shnor-2023-2024.yaml`)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.program_file import ProgramFileError, load_program_file
from bot.storage import Database, ProgramRepository
from bot.storage.programs import ProgramRecord, program_slug
from bot.storage.keys import slugify


async def resolve_program(db: Database, ref: str) -> ProgramRecord | None:
    programs = ProgramRepository(db)
    ref = ref.strip()
    if ref.isdigit() and (record := await programs.get_program(int(ref))) is not None:
        return record
    if (record := await programs.find_by_slug(ref)) is not None:
        return record
    path = Path(ref)
    if path.suffix.lower() in {".yaml", ".yml"}:
        if (record := await programs.find_by_slug(slugify(path.stem))) is not None:
            return record
        if path.exists():  # loaded before program files named the slug: the source-derived one
            try:
                return await programs.find_by_slug(program_slug(load_program_file(path)))
            except ProgramFileError:
                return None
    return await programs.find_by_slug(slugify(ref))


async def known_programs(db: Database) -> str:
    """«zeya-shnor-2023-2024 (№ 1), …» for a «не найдена» message."""
    return ", ".join(f"{p.slug} (№ {p.id})" for p in await ProgramRepository(db).list_programs()) or "нет ни одной"
