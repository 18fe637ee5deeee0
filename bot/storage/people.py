"""People: Telegram accounts the bot knows, coordinators, and who is bound to which party."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.database import Database
from bot.storage.sql import person_label, placeholders
from bot.storage.timestamps import instant_to_db, optional_instant_from_db


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    telegram_user_id: int | None
    display_name: str
    username: str | None
    unreachable_at: datetime | None

    @property
    def reachable(self) -> bool:
        return self.unreachable_at is None


@dataclass(frozen=True, slots=True)
class ProgramMember:
    """A person of a program, with what they answer for («Руководитель ОО — МОАУ СОШ № 1»)."""

    person: Person
    roles: tuple[str, ...]  # «Руководитель ОО — МОАУ СОШ № 1», for the lists that are not by school
    is_coordinator: bool
    name: str = ""  # «roadmap name (Telegram name)» in this program (migration 0008)
    bound: tuple[tuple[str, str | None], ...] = ()  # (party, school or None) — /people groups by school

    @property
    def label(self) -> str:
        return self.name or self.person.display_name


def _person(row: aiosqlite.Row) -> Person:
    return Person(
        id=row["id"],
        telegram_user_id=row["telegram_user_id"],
        display_name=row["display_name"],
        username=row["username"],
        unreachable_at=optional_instant_from_db(row["unreachable_at"]),
    )


_COLUMNS = "id, telegram_user_id, display_name, username, unreachable_at"


async def person_ids_for_telegram(conn: aiosqlite.Connection, telegram_ids: Collection[int]) -> list[int]:
    """People rows of these Telegram accounts (e.g. COORDINATOR_IDS), inside a caller's read."""
    rows = await conn.execute_fetchall(
        f"SELECT id FROM people WHERE telegram_user_id IN ({placeholders(telegram_ids)}) ORDER BY id",
        tuple(telegram_ids),
    )
    return [r[0] for r in rows]


async def label_in(conn: aiosqlite.Connection, person_id: int, program_id: int) -> str:
    """How the person is named in the program (see migration 0008), inside a caller's transaction."""
    rows = await conn.execute_fetchall(f"SELECT {person_label('?', '?')}", (person_id, program_id, person_id))
    return rows[0][0] or ""


class PeopleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, person_id: int) -> Person | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(f"SELECT {_COLUMNS} FROM people WHERE id = ?", (person_id,))
        return _person(rows[0]) if rows else None

    async def by_telegram(self, telegram_user_id: int) -> Person | None:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM people WHERE telegram_user_id = ?", (telegram_user_id,)
            )
        return _person(rows[0]) if rows else None

    async def upsert_telegram(
        self, telegram_user_id: int, display_name: str, username: str | None, *, now: datetime,
        reachable: bool = True,
    ) -> Person:
        """The person behind a Telegram account, created on first contact; the name and
        username follow what Telegram says now. Writing to us also means reachable again
        (`reachable=False` for updates that are not the person writing, e.g. a block)."""
        name = display_name.strip() or (f"@{username}" if username else str(telegram_user_id))
        # Most updates change nothing: a read, not a write transaction per tap (a crowd of taps
        # would otherwise queue behind each other's commits on the one connection).
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(f"SELECT {_COLUMNS} FROM people WHERE telegram_user_id = ?",
                                               (telegram_user_id,))
        if rows:
            known = _person(rows[0])
            if known.display_name == name and known.username == username and (known.reachable or not reachable):
                return known
        clear = ", unreachable_at = NULL, unreachable_reason = NULL" if reachable else ""
        async with self._db.transaction() as conn:
            await conn.execute(
                f"""INSERT INTO people (telegram_user_id, display_name, username, created_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (telegram_user_id) DO UPDATE SET
                        display_name = excluded.display_name, username = excluded.username{clear}""",
                (telegram_user_id, name, username, instant_to_db(now)),
            )
            rows = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM people WHERE telegram_user_id = ?", (telegram_user_id,)
            )
        return _person(rows[0])

    async def mark_unreachable(self, telegram_user_id: int, *, reason: str, now: datetime) -> bool:
        """Telegram said 403 (blocked, deactivated). Returns whether the person is known."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """UPDATE people SET unreachable_at = coalesce(unreachable_at, ?), unreachable_reason = ?
                   WHERE telegram_user_id = ?""",
                (instant_to_db(now), reason, telegram_user_id),
            )
            if cursor.rowcount:
                return True
            # Somebody we never stored blocked us: remember it, so nothing is sent to them.
            await conn.execute(
                """INSERT INTO people (telegram_user_id, display_name, created_at, unreachable_at, unreachable_reason)
                   VALUES (?, ?, ?, ?, ?)""",
                (telegram_user_id, str(telegram_user_id), instant_to_db(now), instant_to_db(now), reason),
            )
            return False

    async def mark_reachable(self, telegram_user_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE people SET unreachable_at = NULL, unreachable_reason = NULL WHERE telegram_user_id = ?",
                (telegram_user_id,),
            )

    # ─── coordinators ───────────────────────────────────────────────────────

    async def add_coordinator(self, program_id: int, person_id: int, *, now: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO program_coordinators (program_id, person_id, created_at) VALUES (?, ?, ?)",
                (program_id, person_id, instant_to_db(now)),
            )

    async def coordinator_ids(self, program_id: int) -> list[int]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id FROM program_coordinators WHERE program_id = ? ORDER BY person_id", (program_id,)
            )
        return [r[0] for r in rows]

    async def coordinated_program_ids(self, person_id: int) -> list[int]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                "SELECT program_id FROM program_coordinators WHERE person_id = ? ORDER BY program_id", (person_id,)
            )
        return [r[0] for r in rows]

    async def member_program_ids(self, person_id: int) -> list[int]:
        """Programs where the person answers for something (binding or direct assignment)."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT p.program_id FROM party_bindings b JOIN parties p ON p.id = b.party_id
                   WHERE b.person_id = ? AND b.revoked_at IS NULL
                   UNION
                   SELECT a.program_id FROM assignments s JOIN activities a ON a.id = s.activity_id
                   WHERE s.person_id = ? AND s.revoked_at IS NULL
                   ORDER BY 1""",
                (person_id, person_id),
            )
        return [r[0] for r in rows]

    async def program_members(self, program_id: int) -> list[ProgramMember]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                f"""SELECT {", ".join("pe." + c.strip() for c in _COLUMNS.split(","))},
                           group_concat(pa.name || char(31) || coalesce(org.name, ''), char(30)) AS bound,
                           EXISTS (SELECT 1 FROM program_coordinators c
                                   WHERE c.program_id = ? AND c.person_id = pe.id) AS is_coordinator,
                           {person_label("pe.id", "?")} AS label
                    FROM people pe
                    LEFT JOIN party_bindings b ON b.person_id = pe.id AND b.revoked_at IS NULL
                    LEFT JOIN parties pa ON pa.id = b.party_id AND pa.program_id = ?
                    LEFT JOIN organizations org ON org.id = b.organization_id
                    WHERE pa.id IS NOT NULL
                       OR pe.id IN (SELECT person_id FROM program_coordinators WHERE program_id = ?)
                       OR pe.id IN (SELECT s.person_id FROM assignments s JOIN activities a ON a.id = s.activity_id
                                    WHERE a.program_id = ? AND s.revoked_at IS NULL)
                    GROUP BY pe.id ORDER BY label""",
                (program_id, program_id, program_id, program_id, program_id),
            )
        members = []
        for r in rows:
            bound = sorted({(party, school or None) for party, school in
                            (item.split("\x1f") for item in (r["bound"] or "").split("\x1e") if item)},
                           key=lambda pair: (pair[1] or "", pair[0]))
            members.append(ProgramMember(
                person=_person(r),
                roles=tuple(sorted({party + (f" — {school}" if school else "") for party, school in bound})),
                is_coordinator=bool(r["is_coordinator"]),
                name=r["label"],
                bound=tuple(bound),
            ))
        return members
