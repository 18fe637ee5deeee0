"""Domain → rows: store a `Program`, or reconcile a reloaded one with what is stored.

Runs inside the caller's transaction. Nothing a person may have touched is deleted:
activities, occurrences and tasks that leave the roadmap get `removed_at` and keep their
statuses, files and postponements; organizations that leave get `participating = 0`;
parties stay (people are bound to them). Sections and the activity ↔ party links carry
nothing else and are simply rewritten.

Longer than the project's usual module: every reconcile step (program row, organizations,
parties, sections, activities, occurrences, tasks) shares one writer's state and transaction.
The seam for a split is the parties/organizations sync into a module of its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

import aiosqlite

from bot.domain.models import Activity, Party, PartyKind, Program, Schedule
from bot.storage.keys import name_key, slugify, source_file_name
from bot.storage.matching import IncomingKey, StoredDate, StoredKey, match_activities, match_dates
from bot.storage.party_scope import applies_per_organization
from bot.storage.program_reader import read_activities, read_sections
from bot.storage.timestamps import date_from_db, date_to_db, optional_date_to_db

ProgramId = NewType("ProgramId", int)

# Bump when the way a Program maps to rows changes, so an identical file is re-stored once.
_STORAGE_MAPPING_VERSION = 1


class SaveOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class SaveReport:
    """What `save_program` did; the counts describe the roadmap as loaded now."""

    program_id: ProgramId
    slug: str
    outcome: SaveOutcome
    activities: int
    due_dates: int
    activities_added: int = 0  # new, or back after having been removed
    activities_removed: int = 0
    activities_changed: int = 0  # content changed; a shifted position or source line is not a change
    due_dates_added: int = 0
    due_dates_removed: int = 0
    organizations_added: int = 0
    organizations_removed: int = 0
    # program-level fields that changed: title, municipality, period, timezone, source, composed, sections
    changed_fields: tuple[str, ...] = ()


def program_slug(program: Program) -> str:
    """A program is identified by the document it came from; a composed program without
    one, by its title and municipality."""
    if program.source:
        return slugify(source_file_name(program.source))
    return slugify(" ".join(part for part in (program.title, program.municipality) if part))


def content_hash(program: Program) -> str:
    canonical = json.dumps(
        [_STORAGE_MAPPING_VERSION, program.model_dump(mode="json")], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def due_date_count(program: Program) -> int:
    return sum(len(set(a.deadline.due)) for a in program.activities)


@dataclass(frozen=True, slots=True)
class _PartyRow:
    id: int
    per_organization: bool
    organization_id: int | None


@dataclass(slots=True)
class _Counts:
    activities_added: int = 0
    activities_removed: int = 0
    activities_changed: int = 0
    due_dates_added: int = 0
    due_dates_removed: int = 0
    organizations_added: int = 0
    organizations_removed: int = 0
    changed_fields: list[str] = field(default_factory=list)


class ProgramWriter:
    def __init__(self, conn: aiosqlite.Connection, program: Program, *, slug: str, stamp: str) -> None:
        self._conn = conn
        self._program = program
        self._slug = slug
        self._stamp = stamp
        self._hash = content_hash(program)
        self._counts = _Counts()
        self._program_id = 0
        # activity id → the organizations its tasks are for (None: one shared task)
        self._task_targets: dict[int, set[int | None]] = {}

    async def write(self) -> SaveReport:
        async with self._conn.execute("SELECT * FROM programs WHERE slug = ?", (self._slug,)) as cursor:
            existing = await cursor.fetchone()
        if existing is not None and existing["content_hash"] == self._hash:
            return self._report(ProgramId(existing["id"]), SaveOutcome.UNCHANGED)

        if existing is None:
            self._program_id = await self._insert_program()
            outcome = SaveOutcome.CREATED
        else:
            self._program_id = existing["id"]
            await self._note_program_changes(existing)
            await self._update_program()
            outcome = SaveOutcome.UPDATED

        organizations = await self._sync_organizations()
        parties = await self._sync_parties(organizations)
        await self._replace_sections()
        await self._sync_activities(parties, participating=list(organizations.values()))
        await self._sync_tasks()
        return self._report(ProgramId(self._program_id), outcome)

    def _report(self, program_id: ProgramId, outcome: SaveOutcome) -> SaveReport:
        c = self._counts
        return SaveReport(
            program_id=program_id,
            slug=self._slug,
            outcome=outcome,
            activities=len(self._program.activities),
            due_dates=due_date_count(self._program),
            activities_added=c.activities_added,
            activities_removed=c.activities_removed,
            activities_changed=c.activities_changed,
            due_dates_added=c.due_dates_added,
            due_dates_removed=c.due_dates_removed,
            organizations_added=c.organizations_added,
            organizations_removed=c.organizations_removed,
            changed_fields=tuple(c.changed_fields),
        )

    # ─── the program row ────────────────────────────────────────────────────

    def _program_values(self) -> tuple[object, ...]:
        p = self._program
        return (
            p.title, p.municipality, date_to_db(p.period.start), date_to_db(p.period.end),
            p.timezone, p.source, int(p.composed), self._hash, self._stamp,
        )

    async def _insert_program(self) -> int:
        cursor = await self._conn.execute(
            """INSERT INTO programs (title, municipality, period_start, period_end, timezone, source,
                                     composed, content_hash, updated_at, slug, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (*self._program_values(), self._slug, self._stamp),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def _update_program(self) -> None:
        await self._conn.execute(
            """UPDATE programs SET title = ?, municipality = ?, period_start = ?, period_end = ?, timezone = ?,
                                   source = ?, composed = ?, content_hash = ?, updated_at = ?
               WHERE id = ?""",
            (*self._program_values(), self._program_id),
        )

    async def _note_program_changes(self, row: aiosqlite.Row) -> None:
        p = self._program
        before = {
            "title": row["title"],
            "municipality": row["municipality"],
            "period": (row["period_start"], row["period_end"]),
            "timezone": row["timezone"],
            "source": row["source"],
            "composed": bool(row["composed"]),
            "sections": await read_sections(self._conn, self._program_id),
        }
        after = {
            "title": p.title,
            "municipality": p.municipality,
            "period": (date_to_db(p.period.start), date_to_db(p.period.end)),
            "timezone": p.timezone,
            "source": p.source,
            "composed": p.composed,
            "sections": p.sections,
        }
        self._counts.changed_fields = [name for name in before if before[name] != after[name]]

    # ─── organizations, parties, sections ───────────────────────────────────

    async def _sync_organizations(self) -> dict[str, int]:
        """Returns name key → id of the participating organizations, in roadmap order."""
        rows = await self._conn.execute_fetchall(
            "SELECT id, name_key, participating FROM organizations WHERE program_id = ?", (self._program_id,)
        )
        stored = {r["name_key"]: r for r in rows}
        wanted: dict[str, str] = {}
        for name in self._program.organizations:
            wanted.setdefault(name_key(name), name)
        result: dict[str, int] = {}
        for position, (key, name) in enumerate(wanted.items()):
            row = stored.get(key)
            if row is None:
                cursor = await self._conn.execute(
                    """INSERT INTO organizations (program_id, name, name_key, participating, position)
                       VALUES (?, ?, ?, 1, ?)""",
                    (self._program_id, name, key, position),
                )
                assert cursor.lastrowid is not None
                result[key] = cursor.lastrowid
                self._counts.organizations_added += 1
            else:
                await self._conn.execute(
                    "UPDATE organizations SET name = ?, participating = 1, position = ? WHERE id = ?",
                    (name, position, row["id"]),
                )
                result[key] = row["id"]
                self._counts.organizations_added += not row["participating"]
        for key, row in stored.items():
            if key not in wanted and row["participating"]:
                await self._conn.execute("UPDATE organizations SET participating = 0 WHERE id = ?", (row["id"],))
                self._counts.organizations_removed += 1
        return result

    async def _sync_parties(self, organizations: dict[str, int]) -> dict[tuple[str, str], _PartyRow]:
        """Upsert every party the roadmap names; returns (kind, normalized) → row."""
        rows = await self._conn.execute_fetchall(
            "SELECT id, kind, name, normalized FROM parties WHERE program_id = ?", (self._program_id,)
        )
        by_normalized = {(r["kind"], r["normalized"]): r["id"] for r in rows}
        # Fallback for a changed normaliser: the same kind and (folded) name is the same party.
        by_name = {(r["kind"], name_key(r["name"])): r["id"] for r in rows}
        used: set[int] = set()
        result: dict[tuple[str, str], _PartyRow] = {}
        named_in_text = [named.party for named in self._program.text_parties]
        for party in _distinct_parties(self._program.activities, also=named_in_text):
            key = (party.kind.value, party.normalized)
            per_organization = applies_per_organization(party)
            organization_id = organizations.get(name_key(party.name)) if party.kind is PartyKind.ORGANIZATION else None
            party_id = by_normalized.get(key)
            if party_id is None:
                candidate = by_name.get((party.kind.value, name_key(party.name)))
                party_id = candidate if candidate not in used else None
            if party_id is None:
                cursor = await self._conn.execute(
                    """INSERT INTO parties (program_id, kind, name, normalized, per_organization, organization_id)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (self._program_id, party.kind.value, party.name, party.normalized,
                     int(per_organization), organization_id),
                )
                assert cursor.lastrowid is not None
                party_id = cursor.lastrowid
            else:
                await self._conn.execute(
                    """UPDATE parties SET name = ?, normalized = ?, per_organization = ?, organization_id = ?
                       WHERE id = ?""",
                    (party.name, party.normalized, int(per_organization), organization_id, party_id),
                )
            used.add(party_id)
            result[key] = _PartyRow(party_id, per_organization, organization_id)
        return result

    async def _replace_sections(self) -> None:
        await self._conn.execute("DELETE FROM sections WHERE program_id = ?", (self._program_id,))
        await self._conn.executemany(
            "INSERT INTO sections (program_id, position, number, title) VALUES (?, ?, ?, ?)",
            [(self._program_id, i, s.number, s.title) for i, s in enumerate(self._program.sections)],
        )

    # ─── activities and their occurrences ───────────────────────────────────

    async def _sync_activities(self, parties: dict[tuple[str, str], _PartyRow], participating: list[int]) -> None:
        stored = await read_activities(self._conn, self._program_id, include_removed=True)
        by_id = {s.id: s for s in stored}
        matches = match_activities(
            [StoredKey(s.id, s.activity.number, s.activity.title, s.removed) for s in stored],
            [IncomingKey(a.number, a.title) for a in self._program.activities],
        )
        due_before = {(s.id, day) for s in stored if not s.removed for day in s.activity.deadline.due}
        due_after: set[tuple[int, date]] = set()

        for position, activity in enumerate(self._program.activities):
            activity_id = matches.get(position)
            if activity_id is None:
                activity_id = await self._insert_activity(activity, position)
                self._counts.activities_added += 1
            else:
                old = by_id[activity_id]
                changed = _content(old.activity) != _content(activity)
                if old.removed:
                    self._counts.activities_added += 1
                elif changed:
                    self._counts.activities_changed += 1
                await self._update_activity(activity_id, activity, position, touched=changed or old.removed)
            await self._link_parties(activity_id, activity.responsible, parties)
            await self._sync_occurrences(activity_id, activity.deadline)
            self._task_targets[activity_id] = _task_targets(activity.responsible, parties, participating)
            due_after.update((activity_id, day) for day in activity.deadline.due)

        kept = set(matches.values())
        for old in stored:
            if not old.removed and old.id not in kept:
                await self._conn.execute(
                    "UPDATE activities SET removed_at = ?, updated_at = ? WHERE id = ?",
                    (self._stamp, self._stamp, old.id),
                )
                self._counts.activities_removed += 1
        self._counts.due_dates_added = len(due_after - due_before)
        self._counts.due_dates_removed = len(due_before - due_after)

    @staticmethod
    def _activity_values(activity: Activity, position: int) -> tuple[object, ...]:
        d = activity.deadline
        first, last = activity.source_lines or (None, None)
        return (
            position, activity.number, activity.section, activity.title, d.kind.value,
            optional_date_to_db(d.start), optional_date_to_db(d.end), d.source, int(d.needs_review),
            d.review_reason, activity.result, first, last,
        )

    async def _insert_activity(self, activity: Activity, position: int) -> int:
        cursor = await self._conn.execute(
            """INSERT INTO activities (position, number, section, title, schedule_kind, schedule_start, schedule_end,
                                       schedule_text, needs_review, review_reason, result,
                                       source_first_line, source_last_line, program_id, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (*self._activity_values(activity, position), self._program_id, self._stamp, self._stamp),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def _update_activity(self, activity_id: int, activity: Activity, position: int, *, touched: bool) -> None:
        await self._conn.execute(
            """UPDATE activities SET position = ?, number = ?, section = ?, title = ?, schedule_kind = ?,
                                     schedule_start = ?, schedule_end = ?, schedule_text = ?, needs_review = ?,
                                     review_reason = ?, result = ?, source_first_line = ?, source_last_line = ?,
                                     removed_at = NULL,
                                     updated_at = CASE WHEN ? THEN ? ELSE updated_at END
               WHERE id = ?""",
            (*self._activity_values(activity, position), int(touched), self._stamp, activity_id),
        )

    async def _link_parties(
        self, activity_id: int, responsible: list[Party], parties: dict[tuple[str, str], _PartyRow]
    ) -> None:
        # Links the coordinator added in the chat (added_at set) survive; the roadmap's are rewritten.
        await self._conn.execute("DELETE FROM activity_parties WHERE activity_id = ? AND added_at IS NULL",
                                 (activity_id,))
        linked: dict[int, tuple[int, str]] = {}
        for position, party in enumerate(responsible):
            party_id = parties[(party.kind.value, party.normalized)].id
            linked.setdefault(party_id, (position, party.name))
        await self._conn.executemany(
            "INSERT OR REPLACE INTO activity_parties (activity_id, party_id, position, name) VALUES (?, ?, ?, ?)",
            [(activity_id, party_id, position, name) for party_id, (position, name) in linked.items()],
        )

    async def _sync_occurrences(self, activity_id: int, schedule: Schedule) -> None:
        """Dated schedules get one 'due' occurrence per date; the others one 'ongoing'."""
        rows = await self._conn.execute_fetchall(
            """SELECT id, kind, planned_date, removed_at FROM occurrences
               WHERE activity_id = ? AND kind IN ('due', 'ongoing')""",
            (activity_id,),
        )
        dated = [StoredDate(r["id"], date_from_db(r["planned_date"]), r["removed_at"] is not None)
                 for r in rows if r["kind"] == "due"]
        ongoing = next((r for r in rows if r["kind"] == "ongoing"), None)

        plan = match_dates(dated, schedule.due)
        for day, occurrence_id in plan.keep.items():
            await self._conn.execute(
                "UPDATE occurrences SET planned_date = ?, removed_at = NULL WHERE id = ?",
                (date_to_db(day), occurrence_id),
            )
        await self._conn.executemany(
            "INSERT INTO occurrences (activity_id, kind, planned_date, created_at) VALUES (?, 'due', ?, ?)",
            [(activity_id, date_to_db(day), self._stamp) for day in plan.add],
        )
        await self._retire("occurrences", plan.retire)

        if schedule.due:
            if ongoing is not None and ongoing["removed_at"] is None:
                await self._retire("occurrences", [ongoing["id"]])
        elif ongoing is None:
            await self._conn.execute(
                "INSERT INTO occurrences (activity_id, kind, planned_date, created_at) VALUES (?, 'ongoing', NULL, ?)",
                (activity_id, self._stamp),
            )
        elif ongoing["removed_at"] is not None:
            await self._conn.execute("UPDATE occurrences SET removed_at = NULL WHERE id = ?", (ongoing["id"],))

    async def _retire(self, table: str, ids: Iterable[int]) -> None:
        assert table in {"occurrences", "tasks"}
        await self._conn.executemany(
            f"UPDATE {table} SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
            [(self._stamp, row_id) for row_id in ids],
        )

    # ─── tasks: occurrence × organization ───────────────────────────────────

    async def _sync_tasks(self) -> None:
        occurrences = await self._conn.execute_fetchall(
            """SELECT o.id, o.activity_id FROM occurrences o JOIN activities a ON a.id = o.activity_id
               WHERE a.program_id = ? AND a.removed_at IS NULL AND o.removed_at IS NULL
                 AND o.kind IN ('due', 'ongoing')""",
            (self._program_id,),
        )
        wanted = {
            (r["id"], organization_id)
            for r in occurrences
            for organization_id in self._task_targets.get(r["activity_id"], {None})
        }
        # Check-in tasks belong to the planner; reloading leaves them alone.
        stored = await self._conn.execute_fetchall(
            """SELECT t.id, t.occurrence_id, t.organization_id, t.removed_at
               FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id JOIN activities a ON a.id = o.activity_id
               WHERE a.program_id = ? AND o.kind IN ('due', 'ongoing')""",
            (self._program_id,),
        )
        present: set[tuple[int, int | None]] = set()
        for r in stored:
            key = (r["occurrence_id"], r["organization_id"])
            present.add(key)
            if key in wanted and r["removed_at"] is not None:
                await self._conn.execute("UPDATE tasks SET removed_at = NULL WHERE id = ?", (r["id"],))
            elif key not in wanted:
                await self._retire("tasks", [r["id"]])
        await self._conn.executemany(
            "INSERT INTO tasks (occurrence_id, organization_id, created_at) VALUES (?, ?, ?)",
            [(occurrence_id, organization_id, self._stamp) for occurrence_id, organization_id in sorted(
                wanted - present, key=lambda k: (k[0], k[1] or 0))],
        )


def _distinct_parties(activities: Iterable[Activity], also: Iterable[Party] = ()) -> list[Party]:
    """The table's parties, then those named only in the program's text (invitable too)."""
    seen: dict[tuple[str, str], Party] = {}
    for activity in activities:
        for party in activity.responsible:
            seen.setdefault((party.kind.value, party.normalized), party)
    for party in also:
        seen.setdefault((party.kind.value, party.normalized), party)
    return list(seen.values())


def _task_targets(
    responsible: list[Party], parties: dict[tuple[str, str], _PartyRow], participating: list[int]
) -> set[int | None]:
    """A per-school role: a task for every participating school; a program organization:
    its own task; anyone else (or nobody named): one shared task."""
    targets: set[int | None] = set()
    for party in responsible:
        row = parties[(party.kind.value, party.normalized)]
        if row.per_organization:
            targets.update(participating)
        elif row.organization_id is not None:
            targets.add(row.organization_id)
        else:
            targets.add(None)
    return targets or {None}


def _content(activity: Activity) -> tuple[object, ...]:
    """What counts as a change of an activity (its position and source lines do not)."""
    d = activity.deadline
    return (
        activity.number, activity.section, activity.title, activity.result,
        d.kind, d.start, d.end, tuple(sorted(set(d.due))), d.needs_review, d.source, d.review_reason,
        tuple((p.kind, p.name) for p in activity.responsible),
    )
