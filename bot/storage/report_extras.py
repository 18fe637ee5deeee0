"""What the справка needs beyond the summary, read in the same read transaction as the rest
of the snapshot (bot.storage.summary_queries.program_snapshot): approved postponements with
the new date, the program's coordinators, the roadmap's responsible parties per activity and
the sections in order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import aiosqlite

from bot.reports.model import PostponementRow
from bot.storage.timestamps import date_from_db, instant_from_db


@dataclass
class ReportExtras:
    approved_postponements: list[PostponementRow] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    responsible: dict[int, tuple[str, ...]] = field(default_factory=dict)
    sections: list[tuple[str | None, str]] = field(default_factory=list)


async def read_report_extras(conn: aiosqlite.Connection, program_id: int) -> ReportExtras:
    approved = await conn.execute_fetchall(
        """SELECT a.number, a.title, org.name, pe.display_name, lt.planned_date, po.requested_date, po.reason,
                  po.requested_at, lt.task_id
           FROM postponements po JOIN live_tasks lt ON lt.task_id = po.task_id
           JOIN activities a ON a.id = lt.activity_id LEFT JOIN organizations org ON org.id = lt.organization_id
           LEFT JOIN people pe ON pe.id = po.requested_by
           WHERE lt.program_id = ? AND po.status = 'approved' ORDER BY po.decided_at, po.id""",
        (program_id,),
    )
    coordinators = [r[0] for r in await conn.execute_fetchall(
        """SELECT pe.display_name FROM program_coordinators pc JOIN people pe ON pe.id = pc.person_id
           WHERE pc.program_id = ? ORDER BY pc.created_at, pe.id""",
        (program_id,),
    )]
    responsible: dict[int, list[str]] = defaultdict(list)
    for activity_id, name in await conn.execute_fetchall(
        """SELECT ap.activity_id, ap.name FROM activity_parties ap JOIN activities a ON a.id = ap.activity_id
           WHERE a.program_id = ? AND a.removed_at IS NULL ORDER BY ap.activity_id, ap.position""",
        (program_id,),
    ):
        responsible[activity_id].append(name)
    sections = [(r[0], r[1]) for r in await conn.execute_fetchall(
        "SELECT number, title FROM sections WHERE program_id = ? ORDER BY position", (program_id,))]
    return ReportExtras(
        approved_postponements=[
            PostponementRow(activity_number=r[0], activity_title=r[1], organization=r[2], person=r[3],
                            old_date=date_from_db(r[4]) if r[4] else None, requested_date=date_from_db(r[5]),
                            reason=r[6], requested_at=instant_from_db(r[7]), task_id=r[8], status="approved")
            for r in approved],
        coordinators=coordinators,
        responsible={k: tuple(v) for k, v in responsible.items()},
        sections=sections,
    )
