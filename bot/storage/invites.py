"""Personal invite links: who may join a program as what.

A token is `secrets.token_urlsafe` (32 characters of [A-Za-z0-9_-], fits Telegram's
64-character `start` payload). Only its sha256 is stored, so a copy of the database
hands out no working links. Tokens are single-use, expire, and can be revoked; a new
link for the same party replaces the previous unused one, so only the latest link
a coordinator forwarded works.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.storage import joining
from bot.storage.database import Database
from bot.storage.timestamps import instant_from_db, instant_to_db

DEFAULT_INVITE_TTL = timedelta(days=14)


class InviteRole(StrEnum):
    COORDINATOR = "coordinator"
    RESPONSIBLE = "responsible"


class InviteProblem(StrEnum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"


class InviteError(Exception):
    def __init__(self, problem: InviteProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class IssuedInvite:
    id: int
    token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RedeemedInvite:
    program_id: int
    role: InviteRole
    party_id: int | None
    organization_id: int | None
    already_yours: bool  # the same person opened their link again
    waits_for_coordinator: bool = False  # a second account for a party someone holds: not bound yet


@dataclass(frozen=True, slots=True)
class InviteTarget:
    """One invitable party, a per-school role expanded to one target per school."""

    party_id: int
    organization_id: int | None
    kind: str
    label: str
    joined_person_ids: tuple[int, ...]
    party_name: str = ""
    school: str | None = None  # the school of a per-school role's target


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    return 16 <= len(text) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in text)


class InviteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def targets(self, program_id: int) -> list[InviteTarget]:
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT pa.id AS party_id, org.id AS organization_id, pa.kind, pa.name AS party_name,
                          org.name AS org_name,
                          (SELECT group_concat(b.person_id) FROM party_bindings b
                           WHERE b.party_id = pa.id AND b.revoked_at IS NULL
                             AND b.organization_id IS org.id) AS joined
                   FROM parties pa
                   LEFT JOIN organizations org ON pa.per_organization = 1 AND org.program_id = pa.program_id
                                              AND org.participating = 1
                   WHERE pa.program_id = ?
                     AND (pa.added_at IS NOT NULL  -- added in the chat: invitable before any activity
                          OR EXISTS (SELECT 1 FROM activity_parties ap JOIN activities a ON a.id = ap.activity_id
                                     WHERE ap.party_id = pa.id AND a.removed_at IS NULL))
                     AND (pa.per_organization = 0 OR org.id IS NOT NULL)
                   ORDER BY CASE pa.kind WHEN 'person' THEN 0 WHEN 'role' THEN 1 ELSE 2 END,
                            pa.name, org.position""",
                (program_id,),
            )
        return [
            InviteTarget(
                party_id=r["party_id"],
                organization_id=r["organization_id"],
                kind=r["kind"],
                label=r["party_name"] + (f" — {r['org_name']}" if r["org_name"] else ""),
                joined_person_ids=tuple(int(x) for x in (r["joined"] or "").split(",") if x),
                party_name=r["party_name"],
                school=r["org_name"],
            )
            for r in rows
        ]

    async def issue(
        self,
        program_id: int,
        role: InviteRole,
        *,
        party_id: int | None,
        organization_id: int | None,
        created_by: int | None,
        now: datetime,
        ttl: timedelta = DEFAULT_INVITE_TTL,
    ) -> IssuedInvite:
        token = secrets.token_urlsafe(24)
        expires = now + ttl
        async with self._db.transaction() as conn:
            await conn.execute(
                """UPDATE invites SET revoked_at = ?
                   WHERE program_id = ? AND role = ? AND party_id IS ? AND organization_id IS ?
                     AND used_at IS NULL AND revoked_at IS NULL""",
                (instant_to_db(now), program_id, role.value, party_id, organization_id),
            )
            cursor = await conn.execute(
                """INSERT INTO invites (token_hash, program_id, role, party_id, organization_id,
                                        created_by, created_at, expires_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (token_hash(token), program_id, role.value, party_id, organization_id, created_by,
                 instant_to_db(now), instant_to_db(expires)),
            )
            invite_id = cursor.lastrowid
        assert invite_id is not None
        return IssuedInvite(id=invite_id, token=token, expires_at=instant_from_db(instant_to_db(expires)))

    async def revoke(self, invite_id: int, *, now: datetime) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE invites SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
                (instant_to_db(now), invite_id),
            )
            return cursor.rowcount > 0

    async def redeem(self, token: str, person_id: int, *, now: datetime,
                     configured: frozenset[int] = frozenset()) -> RedeemedInvite:
        """Bind the person to what the invite names, in one transaction with using it up; the
        coordinators hear of the join within the hour. A party someone else holds is not bound:
        the coordinator is asked first (bot.storage.joining)."""
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                """SELECT id, program_id, role, party_id, organization_id, expires_at, used_at, used_by, revoked_at
                   FROM invites WHERE token_hash = ?""",
                (token_hash(token),),
            )
            if not rows:
                raise InviteError(InviteProblem.UNKNOWN)
            row = rows[0]
            redeemed = RedeemedInvite(
                program_id=row["program_id"], role=InviteRole(row["role"]), party_id=row["party_id"],
                organization_id=row["organization_id"], already_yours=row["used_by"] == person_id,
            )
            if row["used_at"] is not None:
                if row["used_by"] == person_id:
                    return redeemed
                raise InviteError(InviteProblem.USED)
            if row["revoked_at"] is not None:
                raise InviteError(InviteProblem.REVOKED)
            if row["expires_at"] <= stamp:
                raise InviteError(InviteProblem.EXPIRED)
            await conn.execute("UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?", (stamp, person_id, row["id"]))
            if redeemed.role is InviteRole.COORDINATOR:
                await conn.execute(
                    "INSERT OR IGNORE INTO program_coordinators (program_id, person_id, created_at) VALUES (?, ?, ?)",
                    (redeemed.program_id, person_id, stamp),
                )
            elif await joining.others_holding(conn, redeemed.party_id, redeemed.organization_id, person_id):
                await joining.request_second_account(
                    conn, invite_id=row["id"], program_id=redeemed.program_id, person_id=person_id,
                    party_id=redeemed.party_id, organization_id=redeemed.organization_id, configured=configured,
                    now=now)
                return dataclasses.replace(redeemed, waits_for_coordinator=True)
            else:
                await conn.execute(
                    """INSERT INTO party_bindings (person_id, party_id, organization_id, created_at)
                       VALUES (?, ?, ?, ?)
                       ON CONFLICT (person_id, party_id, coalesce(organization_id, 0))
                       DO UPDATE SET revoked_at = NULL, created_at = excluded.created_at""",
                    (person_id, redeemed.party_id, redeemed.organization_id, stamp),
                )
                await joining.note_join(conn, redeemed.program_id, person_id, configured=configured, now=now)
        return redeemed
