"""A coordinator loads a roadmap from the chat: read → review → «Загрузить» (all or nothing).

Files are read by `bot.importing.guard.import_untrusted` (a worker process with limits), so a
hostile or huge file never stops the bot for others. A file whose title states no program
period waits as a draft (bytes in SQLite, not on disk) until the coordinator picks one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.models import ImportResult, Period
from bot.importing.guard import import_untrusted
from bot.services.errors import AccessDenied, AlreadyDecided, NotFound
from bot.storage.database import Database
from bot.storage.people import Person
from bot.storage.programs import ProgramRepository, SaveReport
from bot.storage.timestamps import instant_to_db

ROADMAP_EXTENSIONS = (".xlsx", ".docx", ".txt")
DRAFT_LIFETIME = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PendingUpload:
    id: int
    result: ImportResult


@dataclass(frozen=True, slots=True)
class Draft:
    file_name: str
    content: bytes
    options: list[Period]


class RoadmapUploads:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._programs = ProgramRepository(db)

    async def read(self, person: Person, content: bytes, file_name: str, *, now: datetime, default_timezone: str,
                   period: Period | None = None) -> PendingUpload:
        """Raises RoadmapImportError (a Russian message) when the file is not a roadmap, and
        PeriodNotFound (with `options`) when its title states no period."""
        result = await import_untrusted(content, file_name, period=period)
        if not result.timezone_found:
            result.program.timezone = default_timezone
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO roadmap_uploads (person_id, file_name, program_json, created_at) VALUES (?, ?, ?, ?)",
                (person.id, file_name, result.model_dump_json(), instant_to_db(now)),
            )
        assert cursor.lastrowid is not None
        return PendingUpload(id=cursor.lastrowid, result=result)

    async def save_draft(self, person: Person, file_name: str, content: bytes, options: list[Period], *,
                         now: datetime) -> int:
        encoded = json.dumps([[p.start.isoformat(), p.end.isoformat()] for p in options])
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM roadmap_drafts WHERE created_at < ?", (instant_to_db(now - DRAFT_LIFETIME),))
            cursor = await conn.execute(
                "INSERT INTO roadmap_drafts (person_id, file_name, content, options_json, created_at) VALUES (?, ?, ?, ?, ?)",
                (person.id, file_name, content, encoded, instant_to_db(now)),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def take_draft(self, person: Person, draft_id: int) -> Draft:
        """The draft, removed: it is read once, with the period the coordinator chose."""
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id, file_name, content, options_json FROM roadmap_drafts WHERE id = ?", (draft_id,))
            if not rows:
                raise NotFound(f"draft {draft_id}")
            if rows[0][0] != person.id:
                raise AccessDenied(f"draft {draft_id}")
            await conn.execute("DELETE FROM roadmap_drafts WHERE id = ?", (draft_id,))
        options = [Period(start=date.fromisoformat(a), end=date.fromisoformat(b)) for a, b in json.loads(rows[0][3])]
        return Draft(file_name=rows[0][1], content=bytes(rows[0][2]), options=options)

    async def pending(self, person: Person, upload_id: int) -> ImportResult:
        """A read roadmap still waiting for «Загрузить» / «Отмена»."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id, program_json, outcome FROM roadmap_uploads WHERE id = ?", (upload_id,))
        if not rows:
            raise NotFound(f"upload {upload_id}")
        if rows[0][0] != person.id:
            raise AccessDenied(f"upload {upload_id}")
        if rows[0][2] is not None:
            raise AlreadyDecided(f"upload {upload_id}")
        return ImportResult.model_validate_json(rows[0][1])

    async def set_timezone(self, person: Person, upload_id: int, zone: str) -> ImportResult:
        result = await self.pending(person, upload_id)
        result.program.timezone = zone
        result.timezone_found = True
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE roadmap_uploads SET program_json = ? WHERE id = ? AND outcome IS NULL",
                (result.model_dump_json(), upload_id))
            if cursor.rowcount == 0:
                raise AlreadyDecided(f"upload {upload_id}")
        return result

    async def decide(self, person: Person, upload_id: int, *, load: bool, now: datetime) -> SaveReport | None:
        program = (await self.pending(person, upload_id)).program
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

