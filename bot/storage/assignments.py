"""Direct assignments: the coordinator names who does an activity (or one school's part
of it). A live assignment overrides the roadmap's parties for the tasks it covers (see
the `effective_assignees` view); reassigning revokes the old rows, so history stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.outbox import enqueue_in
from bot.storage.sql import person_label
from bot.storage.timestamps import instant_from_db, instant_to_db, optional_instant_from_db


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    id: int
    activity_id: int
    organization_id: int | None
    person_id: int
    person_name: str
    assigned_by: int | None
    created_at: datetime
    revoked_at: datetime | None


async def _answering(conn, activity_id: int, organization_id: int | None) -> set[int]:  # type: ignore[no-untyped-def]
    """Who answers for the activity (at that school) now: direct assignees, else the roadmap's parties."""
    rows = await conn.execute_fetchall(
        """SELECT DISTINCT ea.person_id FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id
           JOIN effective_assignees ea ON ea.task_id = t.id
           WHERE o.activity_id = ? AND o.removed_at IS NULL AND (? IS NULL OR t.organization_id IS ?)""",
        (activity_id, organization_id, organization_id),
    )
    return {r[0] for r in rows}


class AssignmentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def assign(
        self, activity_id: int, person_ids: list[int], *, organization_id: int | None, by: int | None,
        now: datetime,
    ) -> None:
        """Make exactly `person_ids` the assignees of the activity (at that school); whoever gains
        or loses it hears so, in the same transaction."""
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            before = await _answering(conn, activity_id, organization_id)
            await conn.execute(
                """UPDATE assignments SET revoked_at = ?, revoked_by = ?
                   WHERE activity_id = ? AND organization_id IS ? AND revoked_at IS NULL""",
                (stamp, by, activity_id, organization_id),
            )
            await conn.executemany(
                """INSERT INTO assignments (activity_id, organization_id, person_id, assigned_by, created_at)
                   VALUES (?, ?, ?, ?, ?)""",
                [(activity_id, organization_id, p, by, stamp) for p in dict.fromkeys(person_ids)],
            )
            after = await _answering(conn, activity_id, organization_id)
            activity = (await conn.execute_fetchall(
                "SELECT program_id, number, title FROM activities WHERE id = ?", (activity_id,)))[0]
            payload = {"program_id": activity[0], "number": activity[1], "title": activity[2]}
            for kind, people in (("assigned", after - before), ("unassigned", before - after)):
                for person_id in sorted(people - {by}):
                    await enqueue_in(conn, key=f"{kind}:{activity_id}:{organization_id or 0}:{person_id}:{stamp}",
                                     person_id=person_id, task_id=None, kind=kind, payload=payload,
                                     not_before=now, now=now)

    async def history(self, activity_id: int) -> list[AssignmentRecord]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"""SELECT s.id, s.activity_id, s.organization_id, s.person_id,
                          {person_label("s.person_id", "(SELECT program_id FROM activities WHERE id = s.activity_id)")},
                          s.assigned_by, s.created_at, s.revoked_at
                   FROM assignments s
                   WHERE s.activity_id = ? ORDER BY s.created_at, s.id""",
                (activity_id,),
            )
        return [
            AssignmentRecord(r[0], r[1], r[2], r[3], r[4], r[5], instant_from_db(r[6]), optional_instant_from_db(r[7]))
            for r in rows
        ]


class OrganizationRepository:
    """The schools taking part in a program; per-school roles make one task per school."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def list(self, program_id: int) -> list[tuple[int, str, bool]]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id, name, participating FROM organizations WHERE program_id = ? ORDER BY position",
                (program_id,),
            )
        return [(r[0], r[1], bool(r[2])) for r in rows]

    async def set_participating(self, organization_id: int, participating: bool, *, now: datetime) -> None:
        """Adding a school gives it its tasks of every per-school activity; removing one
        retires them (kept, with their history and files, if it comes back)."""
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE organizations SET participating = ? WHERE id = ?", (int(participating), organization_id)
            )
            per_school_occurrences = await conn.execute_fetchall(
                """SELECT DISTINCT o.id FROM organizations org
                   JOIN activities a ON a.program_id = org.program_id AND a.removed_at IS NULL
                   JOIN occurrences o ON o.activity_id = a.id AND o.removed_at IS NULL AND o.kind IN ('due', 'ongoing')
                   JOIN activity_parties ap ON ap.activity_id = a.id
                   JOIN parties pa ON pa.id = ap.party_id AND pa.per_organization = 1
                   WHERE org.id = ?""",
                (organization_id,),
            )
            for (occurrence_id,) in per_school_occurrences:
                if participating:
                    await conn.execute(
                        """INSERT INTO tasks (occurrence_id, organization_id, created_at) VALUES (?, ?, ?)
                           ON CONFLICT (occurrence_id, coalesce(organization_id, 0)) DO UPDATE SET removed_at = NULL""",
                        (occurrence_id, organization_id, stamp),
                    )
                else:
                    await conn.execute(
                        """UPDATE tasks SET removed_at = ? WHERE occurrence_id = ? AND organization_id = ?
                           AND removed_at IS NULL""",
                        (stamp, occurrence_id, organization_id),
                    )

    async def add(self, program_id: int, name: str, *, now: datetime) -> int:
        from bot.storage.keys import name_key

        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM organizations WHERE program_id = ? AND name_key = ?", (program_id, name_key(name))
            )
            if rows:
                organization_id = rows[0][0]
            else:
                position = (await conn.execute_fetchall(
                    "SELECT coalesce(max(position), 0) + 1 FROM organizations WHERE program_id = ?", (program_id,)
                ))[0][0]
                cursor = await conn.execute(
                    """INSERT INTO organizations (program_id, name, name_key, participating, position)
                       VALUES (?, ?, ?, 0, ?)""",
                    (program_id, name.strip(), name_key(name), position),
                )
                organization_id = cursor.lastrowid
            await self.set_participating(organization_id, True, now=now)
        return organization_id
