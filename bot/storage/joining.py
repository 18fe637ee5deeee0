"""What happens around a person joining a program by an invite (issue 12 «One person, one name»):
the coordinators hear of joins once an hour in one note, and a second account for a party that
someone already holds waits for a coordinator's decision. Everything runs inside the redeeming
or deciding transaction, so the binding and the notes are written together or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.storage.outbox import enqueue_in
from bot.storage.people import person_ids_for_telegram
from bot.storage.sql import person_label
from bot.storage.timestamps import instant_from_db, instant_to_db

DECISIONS = ("both", "replace", "reject")


async def program_coordinators(conn: aiosqlite.Connection, program_id: int, configured: frozenset[int]) -> list[int]:
    rows = await conn.execute_fetchall("SELECT person_id FROM program_coordinators WHERE program_id = ?", (program_id,))
    return sorted({r[0] for r in rows} | set(await person_ids_for_telegram(conn, configured)))


def hour_of(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0)


async def note_join(conn: aiosqlite.Connection, program_id: int, person_id: int, *, configured: frozenset[int],
                    now: datetime) -> None:
    """One «who joined» note per coordinator per hour, sent when the hour is over: the row's key
    names the hour, so the tenth join of the hour adds nothing; the note reads the hour's joins."""
    start = hour_of(now)
    for coordinator in await program_coordinators(conn, program_id, configured):
        if coordinator == person_id:
            continue
        await enqueue_in(conn, key=f"joins:{program_id}:{coordinator}:{instant_to_db(start)}", person_id=coordinator,
                         task_id=None, kind="joins",
                         payload={"program_id": program_id, "since": instant_to_db(start),
                                  "until": instant_to_db(start + timedelta(hours=1))},
                         not_before=start + timedelta(hours=1), now=now)


async def others_holding(conn: aiosqlite.Connection, party_id: int, organization_id: int | None,
                         person_id: int) -> list[int]:
    rows = await conn.execute_fetchall(
        """SELECT person_id FROM party_bindings WHERE party_id = ? AND organization_id IS ? AND revoked_at IS NULL
             AND person_id != ?""",
        (party_id, organization_id, person_id),
    )
    return [r[0] for r in rows]


async def request_second_account(conn: aiosqlite.Connection, *, invite_id: int, program_id: int, person_id: int,
                                 party_id: int, organization_id: int | None, configured: frozenset[int],
                                 now: datetime) -> int:
    cursor = await conn.execute(
        """INSERT INTO join_requests (invite_id, person_id, party_id, organization_id, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (invite_id, person_id, party_id, organization_id, instant_to_db(now)),
    )
    request_id = cursor.lastrowid
    assert request_id is not None
    for coordinator in await program_coordinators(conn, program_id, configured):
        await enqueue_in(conn, key=f"join_request:{request_id}:{coordinator}", person_id=coordinator, task_id=None,
                         kind="join_request", payload={"request_id": request_id}, not_before=now, now=now)
    return request_id


@dataclass(frozen=True, slots=True)
class JoinRequest:
    id: int
    program_id: int
    program_title: str
    person_id: int
    person_name: str  # the new account's Telegram name
    party_label: str  # «Руководитель ОО — МОАУ СОШ № 1»
    holders: tuple[str, ...]  # who holds the party now, as «roadmap name (Telegram name)»
    decision: str | None
    created_at: datetime


async def join_request(conn: aiosqlite.Connection, request_id: int) -> JoinRequest | None:
    rows = await conn.execute_fetchall(
        """SELECT r.id, pa.program_id, pr.title, r.person_id, pe.display_name,
                  pa.name || coalesce(' — ' || org.name, ''), r.decision, r.created_at, r.party_id, r.organization_id
           FROM join_requests r JOIN parties pa ON pa.id = r.party_id JOIN programs pr ON pr.id = pa.program_id
           JOIN people pe ON pe.id = r.person_id LEFT JOIN organizations org ON org.id = r.organization_id
           WHERE r.id = ?""",
        (request_id,),
    )
    if not rows:
        return None
    r = rows[0]
    holders = await conn.execute_fetchall(
        f"""SELECT {person_label("b.person_id", "?")} FROM party_bindings b
            WHERE b.party_id = ? AND b.organization_id IS ? AND b.revoked_at IS NULL AND b.person_id != ?""",
        (r[1], r[8], r[9], r[3]),
    )
    return JoinRequest(id=r[0], program_id=r[1], program_title=r[2], person_id=r[3], person_name=r[4],
                       party_label=r[5], holders=tuple(h[0] for h in holders), decision=r[6],
                       created_at=instant_from_db(r[7]))


async def decide(conn: aiosqlite.Connection, request_id: int, decision: str, *, by: int, now: datetime) -> bool:
    """Apply the coordinator's decision once; False if it was decided already."""
    assert decision in DECISIONS
    stamp = instant_to_db(now)
    cursor = await conn.execute(
        "UPDATE join_requests SET decision = ?, decided_at = ?, decided_by = ? WHERE id = ? AND decided_at IS NULL",
        (decision, stamp, by, request_id),
    )
    if cursor.rowcount == 0:
        return False
    rows = await conn.execute_fetchall(
        "SELECT person_id, party_id, organization_id FROM join_requests WHERE id = ?", (request_id,))
    person_id, party_id, organization_id = rows[0]
    if decision == "replace":
        await conn.execute(
            """UPDATE party_bindings SET revoked_at = ?
               WHERE party_id = ? AND organization_id IS ? AND revoked_at IS NULL AND person_id != ?""",
            (stamp, party_id, organization_id, person_id),
        )
    if decision in ("both", "replace"):
        await conn.execute(
            """INSERT INTO party_bindings (person_id, party_id, organization_id, created_at)
               VALUES (?, ?, ?, ?)
               ON CONFLICT (person_id, party_id, coalesce(organization_id, 0)) DO UPDATE SET revoked_at = NULL""",
            (person_id, party_id, organization_id, stamp),
        )
    await enqueue_in(conn, key=f"join_decision:{request_id}", person_id=person_id, task_id=None,
                     kind="join_decision", payload={"request_id": request_id}, not_before=now, now=now)
    return True


async def joins_between(conn: aiosqlite.Connection, program_id: int, since: str, until: str) -> list[str]:
    """Who joined the program in [since, until), by the one name (roadmap name (Telegram name))."""
    rows = await conn.execute_fetchall(
        """SELECT pa.name || coalesce(' — ' || org.name, '') AS party, pe.display_name
            FROM party_bindings b JOIN parties pa ON pa.id = b.party_id JOIN people pe ON pe.id = b.person_id
            LEFT JOIN organizations org ON org.id = b.organization_id
            WHERE pa.program_id = ? AND b.created_at >= ? AND b.created_at < ? AND b.revoked_at IS NULL
            ORDER BY b.created_at, b.id""",
        (program_id, since, until),
    )
    return [party if party == name else f"{party} ({name})" for party, name in rows]
