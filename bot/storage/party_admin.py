"""People and roles the coordinator adds in the chat (issue 12 «One person, one name»).

The import sometimes misses a person or a role. The coordinator names it, says whether a role
is one per school or one for the program, and which activities it answers for. The party and
its links are marked with who added them and when (migration 0009): a roadmap reload keeps
them (`ProgramWriter._link_parties` rewrites only its own links), and such a party can be
invited before it answers for anything. A name the program already has is never stored twice:
`find` gives the stored party (same kind and normalized name, as the importer keys it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain.models import PartyKind
from bot.storage.database import Database
from bot.storage.timestamps import instant_to_db

ALL_ACTIVITIES = ("все", "всё", "все мероприятия", "всё мероприятия")
_NUMBER_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True, slots=True)
class StoredParty:
    id: int
    kind: PartyKind
    name: str
    per_organization: bool
    added_in_chat: bool
    linked: bool  # answers for a live activity


@dataclass(frozen=True, slots=True)
class ActivityRef:
    """A live activity a new party may answer for, with the kinds of tasks it has."""

    id: int
    number: str
    title: str
    has_shared_task: bool
    has_school_tasks: bool


@dataclass(frozen=True, slots=True)
class NumberLookup:
    found: tuple[ActivityRef, ...]
    unknown: tuple[str, ...]


def activity_number(text: str | None) -> str:
    """«2.1.» and «2.1» are one number."""
    return (text or "").strip().rstrip(".")


def split_numbers(text: str) -> list[str]:
    """«2.1, 3.4; 5» → ["2.1", "3.4", "5"], each once, in order."""
    seen: dict[str, None] = {}
    for piece in _NUMBER_SEPARATORS.split(text):
        number = activity_number(piece)
        if number:
            seen.setdefault(number, None)
    return list(seen)


def wants_all(text: str) -> bool:
    return " ".join(text.casefold().split()).strip(" .!") in ALL_ACTIVITIES


class PartyAdmin:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, program_id: int, kind: PartyKind, normalized: str) -> StoredParty | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT p.id, p.kind, p.name, p.per_organization, p.added_at IS NOT NULL AS added_in_chat,
                          EXISTS (SELECT 1 FROM activity_parties ap JOIN activities a ON a.id = ap.activity_id
                                  WHERE ap.party_id = p.id AND a.removed_at IS NULL) AS linked
                   FROM parties p WHERE p.program_id = ? AND p.kind = ? AND p.normalized = ?""",
                (program_id, kind.value, normalized),
            )
        if not rows:
            return None
        r = rows[0]
        return StoredParty(id=r["id"], kind=PartyKind(r["kind"]), name=r["name"],
                           per_organization=bool(r["per_organization"]), added_in_chat=bool(r["added_in_chat"]),
                           linked=bool(r["linked"]))

    async def activities(self, program_id: int) -> list[ActivityRef]:
        """The program's live numbered activities, in roadmap order."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT a.id, a.number, a.title,
                          EXISTS (SELECT 1 FROM occurrences o JOIN tasks t ON t.occurrence_id = o.id
                                  WHERE o.activity_id = a.id AND o.removed_at IS NULL AND t.removed_at IS NULL
                                    AND t.organization_id IS NULL) AS shared,
                          EXISTS (SELECT 1 FROM occurrences o JOIN tasks t ON t.occurrence_id = o.id
                                  WHERE o.activity_id = a.id AND o.removed_at IS NULL AND t.removed_at IS NULL
                                    AND t.organization_id IS NOT NULL) AS schools
                   FROM activities a
                   WHERE a.program_id = ? AND a.removed_at IS NULL AND a.number IS NOT NULL
                   ORDER BY a.position""",
                (program_id,),
            )
        return [ActivityRef(id=r["id"], number=activity_number(r["number"]), title=r["title"],
                            has_shared_task=bool(r["shared"]), has_school_tasks=bool(r["schools"])) for r in rows]

    async def lookup(self, program_id: int, text: str) -> NumberLookup:
        """The activities «2.1, 3.4» (or «все») names; numbers the program lacks come back as unknown."""
        activities = await self.activities(program_id)
        if wants_all(text):
            return NumberLookup(found=tuple(activities), unknown=())
        by_number: dict[str, ActivityRef] = {}
        for activity in activities:
            by_number.setdefault(activity.number, activity)
        numbers = split_numbers(text)
        return NumberLookup(found=tuple(by_number[n] for n in numbers if n in by_number),
                            unknown=tuple(n for n in numbers if n not in by_number))

    async def add(self, program_id: int, *, kind: PartyKind, name: str, normalized: str, per_organization: bool,
                  activity_ids: list[int], by: int | None, now: datetime) -> int:
        """Store the party (or take the stored one of the same kind and name) and link it to
        the activities; one transaction. Returns the party's id."""
        if kind not in (PartyKind.PERSON, PartyKind.ROLE):
            raise ValueError(f"only a person or a role is added in the chat, not {kind}")
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM parties WHERE program_id = ? AND kind = ? AND normalized = ?",
                (program_id, kind.value, normalized),
            )
            if rows:
                party_id = int(rows[0]["id"])
                # A stored party unlinked so far becomes invitable; its name and scope stay.
                await conn.execute("UPDATE parties SET added_by = ?, added_at = ? WHERE id = ? AND added_at IS NULL",
                                   (by, stamp, party_id))
            else:
                cursor = await conn.execute(
                    """INSERT INTO parties (program_id, kind, name, normalized, per_organization, added_by, added_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (program_id, kind.value, name, normalized, int(per_organization and kind is PartyKind.ROLE),
                     by, stamp),
                )
                assert cursor.lastrowid is not None
                party_id = cursor.lastrowid
            for activity_id in dict.fromkeys(activity_ids):
                await conn.execute(
                    """INSERT OR IGNORE INTO activity_parties
                           (activity_id, party_id, position, name, added_by, added_at)
                       SELECT a.id, ?, coalesce((SELECT max(position) + 1 FROM activity_parties
                                                 WHERE activity_id = a.id), 0), ?, ?, ?
                       FROM activities a WHERE a.id = ? AND a.program_id = ? AND a.removed_at IS NULL""",
                    (party_id, name, by, stamp, activity_id, program_id),
                )
        return party_id
