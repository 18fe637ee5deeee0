"""ProgramRepository: programs in and out of the database.

Identity and reloads (see program_writer and matching for the details):
  * a program is identified by its slug — by default the file name of its `source`
    document, or title + municipality for a composed program without one;
  * saving the same program again changes nothing (a content hash short-circuits it);
  * saving a changed one updates it in place: activity ids survive when number and
    title match (or a renumbering / a typo fix is recognised), due dates keep their
    occurrence ids, and nothing attached to them — people, statuses, evidence,
    postponements — is ever deleted by a reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.domain.models import Period, Program
from bot.storage.database import Database
from bot.storage.program_reader import read_program
from bot.storage.keys import slugify
from bot.storage.program_writer import ProgramId, ProgramWriter, SaveOutcome, SaveReport, program_slug
from bot.storage.timestamps import date_from_db, instant_from_db, instant_to_db

__all__ = ["ProgramId", "ProgramRecord", "ProgramRepository", "SaveOutcome", "SaveReport", "program_slug"]


@dataclass(frozen=True, slots=True)
class ProgramRecord:
    """A stored program's own row, without its roadmap."""

    id: ProgramId
    slug: str
    title: str
    municipality: str | None
    period: Period
    timezone: str
    source: str | None
    composed: bool
    content_hash: str
    created_at: datetime
    updated_at: datetime
    activity_count: int


_RECORD_QUERY = """
SELECT p.*, (SELECT count(*) FROM activities a WHERE a.program_id = p.id AND a.removed_at IS NULL) AS activity_count
FROM programs p
"""


class ProgramRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save_program(self, program: Program, *, now: datetime, slug: str | None = None) -> SaveReport:
        """Store or update `program` in one transaction (joins the caller's, as a savepoint)."""
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            return await ProgramWriter(conn, program, slug=slug or program_slug(program), stamp=stamp).write()

    async def slug_for_file(self, program: Program, path: Path) -> str:
        """A program loaded from `programs/X.yaml` is known as «x» (the file's stem), unless the
        database already holds it under the older source-derived slug (kept, so a reload
        updates it instead of making a second program)."""
        by_file = slugify(path.stem)
        if await self.find_by_slug(by_file) is None and await self.find_by_slug(program_slug(program)) is not None:
            return program_slug(program)
        return by_file

    async def get_program(self, program_id: int) -> ProgramRecord | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_RECORD_QUERY + " WHERE p.id = ?", (program_id,))
        return _record(rows[0]) if rows else None

    async def find_by_slug(self, slug: str) -> ProgramRecord | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_RECORD_QUERY + " WHERE p.slug = ?", (slug,))
        return _record(rows[0]) if rows else None

    async def list_programs(self) -> list[ProgramRecord]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(_RECORD_QUERY + " ORDER BY p.title, p.id")
        return [_record(r) for r in rows]

    async def load_program(self, program_id: int) -> Program:
        """The roadmap as the domain model; raises ProgramNotFound."""
        async with self._db.read() as conn:
            return await read_program(conn, program_id)


def _record(row: aiosqlite.Row) -> ProgramRecord:
    return ProgramRecord(
        id=ProgramId(row["id"]),
        slug=row["slug"],
        title=row["title"],
        municipality=row["municipality"],
        period=Period(start=date_from_db(row["period_start"]), end=date_from_db(row["period_end"])),
        timezone=row["timezone"],
        source=row["source"],
        composed=bool(row["composed"]),
        content_hash=row["content_hash"],
        created_at=instant_from_db(row["created_at"]),
        updated_at=instant_from_db(row["updated_at"]),
        activity_count=row["activity_count"],
    )
