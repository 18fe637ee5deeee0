"""Everything the conversations use, built once from the database and settings and handed
to handlers as the `services` workflow value."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.access import Access
from bot.services.evidence import EvidenceService
from bot.services.postponement import PostponementService
from bot.services.status import StatusService
from bot.storage.assignments import AssignmentRepository, OrganizationRepository
from bot.storage.database import Database
from bot.storage.invites import InviteRepository
from bot.storage.outbox import OutboxRepository
from bot.storage.people import PeopleRepository
from bot.storage.programs import ProgramRepository
from bot.storage.tasks import TaskRepository


@dataclass(frozen=True, slots=True)
class Services:
    db: Database
    access: Access
    people: PeopleRepository
    invites: InviteRepository
    tasks: TaskRepository
    status: StatusService
    evidence: EvidenceService
    postponements: PostponementService
    assignments: AssignmentRepository
    organizations: OrganizationRepository
    outbox: OutboxRepository
    programs: ProgramRepository

    @classmethod
    def build(cls, db: Database, configured_coordinators: frozenset[int]) -> Services:
        access = Access(db, configured_coordinators)
        return cls(
            db=db,
            access=access,
            people=PeopleRepository(db),
            invites=InviteRepository(db),
            tasks=TaskRepository(db),
            status=StatusService(db, access, configured_coordinators),
            evidence=EvidenceService(db, access),
            postponements=PostponementService(db, access, configured_coordinators),
            assignments=AssignmentRepository(db),
            organizations=OrganizationRepository(db),
            outbox=OutboxRepository(db),
            programs=ProgramRepository(db),
        )
