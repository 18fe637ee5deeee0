"""Rows → domain: a stored program read back as `Program`, exactly as it was saved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import aiosqlite

from bot.domain.models import Activity, Party, PartyKind, Period, Program, Schedule, ScheduleKind, Section
from bot.storage.errors import ProgramNotFound
from bot.storage.timestamps import date_from_db, optional_date_from_db


@dataclass(frozen=True, slots=True)
class StoredActivity:
    id: int
    position: int
    removed: bool
    activity: Activity


async def fetch_program_row(conn: aiosqlite.Connection, program_id: int) -> aiosqlite.Row:
    async with conn.execute("SELECT * FROM programs WHERE id = ?", (program_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise ProgramNotFound(program_id)
    return row


async def read_program(conn: aiosqlite.Connection, program_id: int) -> Program:
    row = await fetch_program_row(conn, program_id)
    activities = await read_activities(conn, program_id, include_removed=False)
    return Program(
        title=row["title"],
        municipality=row["municipality"],
        period=Period(start=date_from_db(row["period_start"]), end=date_from_db(row["period_end"])),
        timezone=row["timezone"],
        sections=await read_sections(conn, program_id),
        activities=[stored.activity for stored in activities],
        organizations=await read_organizations(conn, program_id),
        source=row["source"],
        composed=bool(row["composed"]),
    )


async def read_sections(conn: aiosqlite.Connection, program_id: int) -> list[Section]:
    rows = await conn.execute_fetchall(
        "SELECT number, title FROM sections WHERE program_id = ? ORDER BY position", (program_id,)
    )
    return [Section(number=r["number"], title=r["title"]) for r in rows]


async def read_organizations(conn: aiosqlite.Connection, program_id: int) -> list[str]:
    rows = await conn.execute_fetchall(
        "SELECT name FROM organizations WHERE program_id = ? AND participating = 1 ORDER BY position",
        (program_id,),
    )
    return [r["name"] for r in rows]


async def read_activities(
    conn: aiosqlite.Connection, program_id: int, *, include_removed: bool
) -> list[StoredActivity]:
    rows = await conn.execute_fetchall(
        "SELECT * FROM activities WHERE program_id = ?"
        + ("" if include_removed else " AND removed_at IS NULL")
        + " ORDER BY removed_at IS NOT NULL, position, id",
        (program_id,),
    )
    responsible: dict[int, list[Party]] = defaultdict(list)
    for r in await conn.execute_fetchall(
        """SELECT ap.activity_id, ap.name, p.kind, p.normalized
           FROM activity_parties ap JOIN parties p ON p.id = ap.party_id
           WHERE p.program_id = ? ORDER BY ap.activity_id, ap.position""",
        (program_id,),
    ):
        party = Party(kind=PartyKind(r["kind"]), name=r["name"], normalized=r["normalized"])
        responsible[r["activity_id"]].append(party)
    due: dict[int, list[date]] = defaultdict(list)
    for r in await conn.execute_fetchall(
        """SELECT o.activity_id, o.planned_date
           FROM occurrences o JOIN activities a ON a.id = o.activity_id
           WHERE a.program_id = ? AND o.kind = 'due' AND o.removed_at IS NULL
           ORDER BY o.activity_id, o.planned_date""",
        (program_id,),
    ):
        due[r["activity_id"]].append(date_from_db(r["planned_date"]))
    return [
        StoredActivity(
            id=r["id"],
            position=r["position"],
            removed=r["removed_at"] is not None,
            activity=_activity(r, responsible[r["id"]], due[r["id"]]),
        )
        for r in rows
    ]


def _activity(row: aiosqlite.Row, responsible: list[Party], due: list[date]) -> Activity:
    first, last = row["source_first_line"], row["source_last_line"]
    return Activity(
        number=row["number"],
        section=row["section"],
        title=row["title"],
        deadline=Schedule(
            kind=ScheduleKind(row["schedule_kind"]),
            start=optional_date_from_db(row["schedule_start"]),
            end=optional_date_from_db(row["schedule_end"]),
            due=tuple(due),
            needs_review=bool(row["needs_review"]),
            source=row["schedule_text"],
            review_reason=row["review_reason"],
        ),
        responsible=responsible,
        result=row["result"],
        source_lines=(first, last) if first is not None else None,
    )
