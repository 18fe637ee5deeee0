"""The coordinator's current program (issue 12 «Many programs»): with several programs the
first command that needs one asks, the choice is remembered, later commands use it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.programs import ProgramRecord
from bot.storage.timestamps import instant_to_db

LABEL_CHARS = 60


def shorten_words(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary, «…» marking a cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–—-") + "…"


def program_label(program: ProgramRecord, limit: int = LABEL_CHARS) -> str:
    """Titles of municipal programs often start the same way: lead with the place, then the
    title shortened at a word boundary."""
    if not program.municipality:
        return shorten_words(program.title, limit)
    place = shorten_words(program.municipality, limit // 2)
    return f"{place} — {shorten_words(program.title, max(10, limit - len(place) - 3))}"


class CurrentProgramRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, person_id: int) -> int | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT program_id FROM current_programs WHERE person_id = ?", (person_id,))
        return rows[0][0] if rows else None

    async def set(self, person_id: int, program_id: int, *, now: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                """INSERT INTO current_programs (person_id, program_id, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET program_id = excluded.program_id,
                                                         updated_at = excluded.updated_at""",
                (person_id, program_id, instant_to_db(now)),
            )


@dataclass(frozen=True)
class Choice:
    """The coordinator's programs (by title) and the current one, if any is chosen and still
    theirs; with a single program it is the current one without asking."""

    programs: list[ProgramRecord]
    current: ProgramRecord | None

    @property
    def several(self) -> bool:
        return len(self.programs) > 1


async def coordinator_choice(services, person) -> Choice:  # type: ignore[no-untyped-def]
    ids = set(await services.access.coordinated_programs(person))
    programs = [p for p in await services.programs.list_programs() if p.id in ids]
    if len(programs) == 1:
        return Choice(programs, programs[0])
    chosen = await CurrentProgramRepository(services.db).get(person.id)
    return Choice(programs, next((p for p in programs if p.id == chosen), None))
