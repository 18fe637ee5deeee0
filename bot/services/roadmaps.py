"""A coordinator loads a roadmap from the chat: read → review → «Загрузить» (all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.domain.models import ImportResult, Program
from bot.importing import import_file
from bot.services.errors import AccessDenied, AlreadyDecided, NotFound
from bot.storage.database import Database
from bot.storage.people import Person
from bot.storage.programs import ProgramRepository, SaveReport
from bot.storage.timestamps import instant_to_db

ROADMAP_EXTENSIONS = (".xlsx", ".docx", ".txt")


@dataclass(frozen=True, slots=True)
class PendingUpload:
    id: int
    result: ImportResult


class RoadmapUploads:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._programs = ProgramRepository(db)

    async def read(self, person: Person, path: Path, file_name: str, *, now: datetime,
                   default_timezone: str) -> PendingUpload:
        """Raises RoadmapImportError (a Russian message) when the file is not a roadmap."""
        result = import_file(path)
        if result.program.timezone == "Europe/Moscow" and default_timezone != "Europe/Moscow":
            result.program.timezone = default_timezone
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO roadmap_uploads (person_id, file_name, program_json, created_at) VALUES (?, ?, ?, ?)",
                (person.id, file_name, result.model_dump_json(), instant_to_db(now)),
            )
        assert cursor.lastrowid is not None
        return PendingUpload(id=cursor.lastrowid, result=result)

    async def decide(self, person: Person, upload_id: int, *, load: bool, now: datetime) -> SaveReport | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id, program_json, outcome FROM roadmap_uploads WHERE id = ?", (upload_id,)
            )
        if not rows:
            raise NotFound(f"upload {upload_id}")
        if rows[0][0] != person.id:
            raise AccessDenied(f"upload {upload_id}")
        if rows[0][2] is not None:
            raise AlreadyDecided(f"upload {upload_id}")
        program = ImportResult.model_validate_json(rows[0][1]).program
        async with self._db.transaction() as conn:  # the program, its coordinator and the decision: one unit
            cursor = await conn.execute(
                "UPDATE roadmap_uploads SET decided_at = ?, outcome = ? WHERE id = ? AND outcome IS NULL",
                (instant_to_db(now), "loaded" if load else "cancelled", upload_id),
            )
            if cursor.rowcount == 0:
                raise AlreadyDecided(f"upload {upload_id}")
            if not load:
                return None
            report = await self._programs.save_program(program, now=now)
            await conn.execute(
                "INSERT OR IGNORE INTO program_coordinators (program_id, person_id, created_at) VALUES (?, ?, ?)",
                (report.program_id, person.id, instant_to_db(now)),
            )
            await conn.execute("UPDATE roadmap_uploads SET program_id = ? WHERE id = ?", (report.program_id, upload_id))
        return report


def looks_like_roadmap(file_name: str | None) -> bool:
    return bool(file_name) and file_name.lower().endswith(ROADMAP_EXTENSIONS)  # type: ignore[union-attr]


def summary_numbers(program: Program) -> tuple[int, int, int]:
    activities = len(program.activities)
    review = sum(1 for a in program.activities if a.deadline.needs_review)
    return activities, activities - review, review
