"""A real program (programs/*.yaml) in a database with work done through the services: statuses,
files, a problem with its comment and an approved postponement. Shared by the справка tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.domain.program_file import load_program_file
from bot.services.access import Access
from bot.services.evidence import EvidenceService, IncomingFile
from bot.services.postponement import PostponementService
from bot.services.status import StatusService
from bot.storage import Database, ProgramRepository
from bot.storage.invites import InviteRepository, InviteRole
from bot.storage.people import PeopleRepository
from bot.storage.tasks import TaskStatus

PROGRAMS = Path(__file__).resolve().parent.parent / "programs"
COORDINATOR_TG = 4242
COORDINATOR_NAME = "Якшина Алла"
PROBLEM = "Нет помещения для проведения"
REASON = "Курсы повышения квалификации"


@dataclass
class World:
    program_id: int
    files: list[tuple[int, str]]  # (task id, file name)
    problem_task: int
    postponed_task: int
    new_date: date
    old_date: date


def a_file(name: str) -> IncomingFile:
    digest = hashlib.sha256(name.encode()).hexdigest()
    return IncomingFile(telegram_file_id=f"id-{digest[:16]}", telegram_file_unique_id=digest[:12], file_name=name,
                        mime_type="application/pdf", size_bytes=1000, sha256=digest, local_path=None)


async def build_world(db: Database, slug: str, now: datetime, *, coordinator_tg: int = COORDINATOR_TG) -> World:
    program = load_program_file(PROGRAMS / f"{slug}.yaml")
    report = await ProgramRepository(db).save_program(program, now=now - timedelta(days=90), slug=slug)
    program_id = report.program_id
    access = Access(db, [coordinator_tg])
    configured = frozenset({coordinator_tg})
    status, evidence = StatusService(db, access, configured), EvidenceService(db, access)
    postpone = PostponementService(db, access, configured)
    people = PeopleRepository(db)
    coordinator = await people.upsert_telegram(coordinator_tg, COORDINATOR_NAME, None, now=now)
    invites = InviteRepository(db)
    issued = await invites.issue(program_id, InviteRole.COORDINATOR, party_id=None, organization_id=None,
                                 created_by=None, now=now - timedelta(days=60))
    await invites.redeem(issued.token, coordinator.id, now=now - timedelta(days=60))
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT task_id, due_date FROM live_tasks WHERE program_id = ? AND due_date IS NOT NULL "
            "ORDER BY due_date, task_id", (program_id,))
    today = now.date()
    past = [r[0] for r in rows if date.fromisoformat(r[1]) < today]
    future = [r[0] for r in rows if date.fromisoformat(r[1]) >= today]
    assert len(past) >= 8 and len(future) >= 2, (len(past), len(future))
    files = []
    for index, task_id in enumerate(past[:6]):
        if index < 3:
            name = f"протокол {index + 1}.pdf"
            await evidence.stage(coordinator, a_file(name), now=now - timedelta(days=10 - index), task_id=task_id)
            files.append((task_id, name))
        await status.change(coordinator, task_id, TaskStatus.DONE, now=now - timedelta(days=5), comment="выполнено")
    problem_task = past[6]
    await status.change(coordinator, problem_task, TaskStatus.PROBLEM, now=now - timedelta(days=3), comment=PROBLEM)
    await status.change(coordinator, future[0], TaskStatus.IN_PROGRESS, now=now - timedelta(days=2))
    postponed_task = past[7]
    async with db.read() as conn:
        old = date.fromisoformat((await conn.execute_fetchall(
            "SELECT due_date FROM live_tasks WHERE task_id = ?", (postponed_task,)))[0][0])
    new_date = today + timedelta(days=20)
    request, _ = await postpone.request(coordinator, postponed_task, new_date, REASON, now=now - timedelta(days=1))
    await postpone.decide(coordinator, request.id, approve=True, now=now - timedelta(hours=20))
    return World(program_id, files, problem_task, postponed_task, new_date, old)
