"""Stories over the service layer: invite → redeem → my tasks → status → evidence →
postponement, with rights checked on every call."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from bot.domain.evidence_rules import FileRefusal, refusal_by_content, refusal_by_metadata, requires_document
from bot.services.access import Access
from bot.services.errors import AccessDenied, AlreadyDecided, InvalidInput, NotFound
from bot.services.evidence import EvidenceService, IncomingFile, safe_file_name, store_bytes
from bot.services.postponement import PostponementService
from bot.services.status import StatusService
from bot.storage import Database, ProgramRepository
from bot.storage.assignments import AssignmentRepository, OrganizationRepository
from bot.storage.invites import InviteError, InviteProblem, InviteRepository, InviteRole, token_hash
from bot.storage.outbox import OutboxRepository
from bot.storage.people import PeopleRepository
from bot.storage.tasks import TaskRepository, TaskStatus
from story_program import NOW, story_program

COORDINATOR_TG = 1000


@pytest.fixture
async def world(tmp_path):
    db = await Database.open(tmp_path / "bot.sqlite3")
    report = await ProgramRepository(db).save_program(story_program(), now=NOW)
    access = Access(db, [COORDINATOR_TG])
    people = PeopleRepository(db)
    w = type("World", (), {})()
    w.db, w.program_id, w.access, w.people = db, report.program_id, access, people
    w.invites, w.tasks, w.outbox = InviteRepository(db), TaskRepository(db), OutboxRepository(db)
    w.status = StatusService(db, access, frozenset({COORDINATOR_TG}))
    w.evidence = EvidenceService(db, access)
    w.postpone = PostponementService(db, access, frozenset({COORDINATOR_TG}))
    w.coordinator = await people.upsert_telegram(COORDINATOR_TG, "Координатор", None, now=NOW)
    yield w
    await db.close()


async def join(w, telegram_id: int, name: str, label: str):
    target = next(t for t in await w.invites.targets(w.program_id) if t.label == label)
    issued = await w.invites.issue(w.program_id, InviteRole.RESPONSIBLE, party_id=target.party_id,
                                   organization_id=target.organization_id, created_by=w.coordinator.id, now=NOW)
    person = await w.people.upsert_telegram(telegram_id, name, None, now=NOW)
    await w.invites.redeem(issued.token, person.id, now=NOW)
    return person


def a_file(content: bytes, name: str = "протокол.pdf") -> IncomingFile:
    return IncomingFile(telegram_file_id=f"id-{hashlib.md5(content).hexdigest()}",
                        telegram_file_unique_id=hashlib.md5(content).hexdigest()[:12], file_name=name,
                        mime_type="application/pdf", size_bytes=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), local_path=None)


async def test_invite_targets_expand_per_school_roles(world):
    labels = [t.label for t in await world.invites.targets(world.program_id)]
    assert labels == [
        "Якшина А.И.",  # persons first, then roles by name, per-school roles once per school
        "Муниципальный координатор",
        "Руководитель ОО — МОАУ СОШ № 1", "Руководитель ОО — МОАУ СОШ № 2", "Руководитель ОО — МОАУ Лицей № 3",
    ]


async def test_invite_link_to_first_tasks(world):
    head = await join(world, 501, "Петрова Анна", "Руководитель ОО — МОАУ СОШ № 2")
    page = await world.tasks.page_for_person(head.id, now=NOW, offset=0, limit=5)
    assert [(t.number, t.organization_name) for t in page.items] == [("1.2", "МОАУ СОШ № 2")]
    yakshina = await join(world, 502, "Якшина Алла", "Якшина А.И.")
    page = await world.tasks.page_for_person(yakshina.id, now=NOW, offset=0, limit=5)
    # dated first, the continuous one last
    assert [t.number for t in page.items] == ["1.1", "2.2"]
    assert [m.person.display_name for m in await world.people.program_members(world.program_id)] == [
        "Петрова Анна", "Якшина Алла"]


async def test_a_recurring_activity_lists_overdue_and_the_next_occurrence_only(world):
    person = await join(world, 503, "Сидоров", "Муниципальный координатор")
    later = NOW + timedelta(days=40)  # 30 Oct: 29 Sep is overdue, 31 Oct is next
    page = await world.tasks.page_for_person(person.id, now=later, offset=0, limit=10)
    assert [t.due_date.isoformat() for t in page.items] == ["2023-09-29", "2023-10-31"]
    assert page.items[0].is_overdue(later)


async def test_tokens_are_single_use_expire_and_can_be_revoked(world):
    target = (await world.invites.targets(world.program_id))[0]
    kw = dict(party_id=target.party_id, organization_id=None, created_by=world.coordinator.id)
    first = await world.invites.issue(world.program_id, InviteRole.RESPONSIBLE, now=NOW, **kw)
    second = await world.invites.issue(world.program_id, InviteRole.RESPONSIBLE, now=NOW, **kw)
    a = await world.people.upsert_telegram(601, "А", None, now=NOW)
    b = await world.people.upsert_telegram(602, "Б", None, now=NOW)
    with pytest.raises(InviteError) as replaced:
        await world.invites.redeem(first.token, a.id, now=NOW)
    assert replaced.value.problem is InviteProblem.REVOKED  # a newer link replaced it
    assert not (await world.invites.redeem(second.token, a.id, now=NOW)).already_yours
    assert (await world.invites.redeem(second.token, a.id, now=NOW)).already_yours
    with pytest.raises(InviteError) as used:
        await world.invites.redeem(second.token, b.id, now=NOW)
    assert used.value.problem is InviteProblem.USED
    third = await world.invites.issue(world.program_id, InviteRole.RESPONSIBLE, now=NOW, **kw)
    with pytest.raises(InviteError) as expired:
        await world.invites.redeem(third.token, b.id, now=NOW + timedelta(days=15))
    assert expired.value.problem is InviteProblem.EXPIRED
    with pytest.raises(InviteError) as unknown:
        await world.invites.redeem("x" * 32, b.id, now=NOW)
    assert unknown.value.problem is InviteProblem.UNKNOWN
    async with world.db.read() as conn:
        stored = [r[0] for r in await conn.execute_fetchall("SELECT token_hash FROM invites")]
    assert token_hash(second.token) in stored and second.token not in stored
    assert len(second.token) <= 64


async def test_coordinator_invite_makes_a_coordinator(world):
    issued = await world.invites.issue(world.program_id, InviteRole.COORDINATOR, party_id=None,
                                       organization_id=None, created_by=None, now=NOW)
    person = await world.people.upsert_telegram(700, "Новый координатор", None, now=NOW)
    assert not await world.access.is_coordinator(person, world.program_id)
    await world.invites.redeem(issued.token, person.id, now=NOW)
    assert await world.access.is_coordinator(person, world.program_id)


async def test_per_school_progress_and_double_tap(world):
    heads = [await join(world, 800 + i, f"Директор {i}", f"Руководитель ОО — {school}")
             for i, school in enumerate(["МОАУ СОШ № 1", "МОАУ СОШ № 2"])]
    task_ids = [(await world.tasks.for_person(h.id))[0].task_id for h in heads]
    for head, task_id in zip(heads, task_ids, strict=True):
        await world.evidence.stage(head, a_file(f"программа {head.id}".encode()), now=NOW, task_id=task_id)
        change = await world.status.change(head, task_id, TaskStatus.DONE, now=NOW)
        assert change.changed
    assert (change.progress.done, change.progress.total) == (2, 3)
    again = await world.status.change(heads[1], task_ids[1], TaskStatus.DONE, now=NOW)
    assert not again.changed
    assert len(await world.tasks.history(task_ids[1])) == 1


async def test_done_needs_the_document_or_a_comment(world):
    yakshina = await join(world, 900, "Якшина", "Якшина А.И.")
    task = next(t for t in await world.tasks.for_person(yakshina.id) if t.number == "1.1")
    with pytest.raises(InvalidInput) as refused:
        await world.status.change(yakshina, task.task_id, TaskStatus.DONE, now=NOW)
    assert refused.value.reason == "document_required"
    change = await world.status.change(yakshina, task.task_id, TaskStatus.DONE, now=NOW,
                                       comment="Протокол сдан на бумаге")
    assert change.changed and change.new is TaskStatus.DONE
    assert (await world.tasks.history(task.task_id))[0].comment == "Протокол сдан на бумаге"


async def test_a_foreign_task_is_refused_and_unchanged(world):
    head = await join(world, 1001, "Директор", "Руководитель ОО — МОАУ СОШ № 1")
    other = await join(world, 1002, "Якшина", "Якшина А.И.")
    foreign = (await world.tasks.for_person(other.id))[0]
    with pytest.raises(AccessDenied):
        await world.status.change(head, foreign.task_id, TaskStatus.IN_PROGRESS, now=NOW)
    with pytest.raises(NotFound):
        await world.status.change(head, 999_999, TaskStatus.IN_PROGRESS, now=NOW)
    assert (await world.tasks.get(foreign.task_id)).status is TaskStatus.NOT_STARTED
    # the coordinator may act on any task of the program
    await world.status.change(world.coordinator, foreign.task_id, TaskStatus.IN_PROGRESS, now=NOW)


async def test_a_problem_reaches_the_coordinator_once(world):
    person = await join(world, 1100, "Якшина", "Якшина А.И.")
    task = (await world.tasks.for_person(person.id))[0]
    with pytest.raises(InvalidInput):
        await world.status.change(person, task.task_id, TaskStatus.PROBLEM, now=NOW)
    await world.status.change(person, task.task_id, TaskStatus.PROBLEM, now=NOW, comment="Нет помещения")
    await world.status.change(person, task.task_id, TaskStatus.PROBLEM, now=NOW, comment="Нет помещения")
    claimed = await world.outbox.claim_due(NOW)
    assert [(c.kind, c.person_id, c.payload["comment"]) for c in claimed] == [
        ("problem", world.coordinator.id, "Нет помещения")]


async def test_stale_status_is_refused_by_the_database(world):
    import sqlite3

    person = await join(world, 1200, "Якшина", "Якшина А.И.")
    task = (await world.tasks.for_person(person.id))[0]
    with pytest.raises(sqlite3.IntegrityError):
        async with world.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO status_history (task_id, old_status, new_status, at) VALUES (?, 'done', 'problem', ?)",
                (task.task_id, "2023-09-20T01:00:00+00:00"))


async def test_postponement_approved_moves_the_due_date(world):
    person = await join(world, 1300, "Якшина", "Якшина А.И.")
    task = next(t for t in await world.tasks.for_person(person.id) if t.number == "1.1")
    for bad, reason in [(NOW.date() - timedelta(days=1), "date_in_past"), (task.due_date, "not_later")]:
        with pytest.raises(InvalidInput) as refused:
            await world.postpone.request(person, task.task_id, bad, "Болезнь", now=NOW)
        assert refused.value.reason == reason
    request, notified = await world.postpone.request(person, task.task_id, task.due_date + timedelta(days=14),
                                                     "Болезнь педагога", now=NOW)
    assert notified == [world.coordinator.id]
    with pytest.raises(InvalidInput):
        await world.postpone.request(person, task.task_id, task.due_date + timedelta(days=20), "Ещё", now=NOW)
    with pytest.raises(AccessDenied):
        await world.postpone.decide(person, request.id, approve=True, now=NOW)
    decided = await world.postpone.decide(world.coordinator, request.id, approve=True, now=NOW)
    assert decided.status == "approved"
    with pytest.raises(AlreadyDecided):
        await world.postpone.decide(world.coordinator, request.id, approve=False, now=NOW)
    moved = await world.tasks.get(task.task_id)
    assert moved.due_date == task.due_date + timedelta(days=14) and moved.postponed
    kinds = sorted(c.kind for c in await world.outbox.claim_due(NOW))
    assert kinds == ["postpone_decision", "postpone_request"]


async def test_album_without_context_waits_for_its_activity(world, tmp_path):
    person = await join(world, 1400, "Якшина", "Якшина А.И.")
    task = (await world.tasks.for_person(person.id))[0]
    staged = [await world.evidence.stage(person, a_file(bytes([i]) * 10, f"фото{i}.jpg"), now=NOW,
                                         media_group_id="album-1") for i in range(3)]
    assert [s.is_new for s in staged] == [True, False, False]
    assert staged[-1].file_count == 3 and len({s.id for s in staged}) == 1
    assert await world.evidence.assign(person, staged[0].id, task.task_id, now=NOW) == 3
    # the same file again on the same task is not duplicated
    again = await world.evidence.stage(person, a_file(bytes([0]) * 10, "фото0.jpg"), now=NOW, task_id=task.task_id)
    assert not again.added
    assert len(await world.tasks.files(task.task_id)) == 3
    stranger = await world.people.upsert_telegram(1401, "Чужой", None, now=NOW)
    with pytest.raises((AccessDenied, NotFound)):
        await world.evidence.assign(stranger, staged[0].id, task.task_id, now=NOW)


async def test_direct_assignment_overrides_the_parties(world):
    yakshina = await join(world, 1500, "Якшина", "Якшина А.И.")
    deputy = await world.people.upsert_telegram(1501, "Заместитель", None, now=NOW)
    task = next(t for t in await world.tasks.for_person(yakshina.id) if t.number == "1.1")
    await AssignmentRepository(world.db).assign(task.activity_id, [deputy.id], organization_id=None,
                                                by=world.coordinator.id, now=NOW)
    assert [t.number for t in await world.tasks.for_person(deputy.id)] == ["1.1"]
    assert "1.1" not in [t.number for t in await world.tasks.for_person(yakshina.id)]
    assert len(await AssignmentRepository(world.db).history(task.activity_id)) == 1


async def test_adding_a_school_gives_it_its_tasks(world):
    orgs = OrganizationRepository(world.db)
    before = len(await world.tasks.for_program(world.program_id))
    new_id = await orgs.add(world.program_id, "МОАУ ООШ № 9", now=NOW)
    assert len(await world.tasks.for_program(world.program_id)) == before + 1
    await orgs.set_participating(new_id, False, now=NOW)
    assert len(await world.tasks.for_program(world.program_id)) == before


async def test_outbox_claim_protocol_survives_a_crash(world):
    await world.outbox.enqueue("k1", world.coordinator.id, None, "summary", {}, not_before=NOW, now=NOW)
    assert not await world.outbox.enqueue("k1", world.coordinator.id, None, "summary", {}, not_before=NOW, now=NOW)
    await world.outbox.enqueue("k2", world.coordinator.id, None, "summary", {}, not_before=NOW, now=NOW)
    first, second = await world.outbox.claim_due(NOW)
    assert await world.outbox.claim_due(NOW) == []  # claimed rows are nobody else's
    await world.outbox.mark_sent(first.id, 42, now=NOW)
    # crash: `second` stays in 'sending'; on restart it is released, `first` never again
    assert await world.outbox.release_stale(claimed_before=NOW) == 1
    assert [i.key for i in await world.outbox.claim_due(NOW)] == ["k2"]


def test_requires_document_reads_the_seed_phrasings():
    for result in ["Протокол заседания", "Аналитическая справка", "Приказ", "Отчёт о проведении", "План мероприятий",
                   "Программа развития", "Информация в МОиН"]:
        assert requires_document(result), result
    for result in [None, "", "Повышение качества образования", "Участие педагогов"]:
        assert not requires_document(result), result


def test_file_refusals():
    assert refusal_by_metadata("a.pdf", 0) is FileRefusal.EMPTY
    assert refusal_by_metadata("a.pdf", 25 * 1024 * 1024) is FileRefusal.TOO_BIG
    assert refusal_by_metadata("setup.EXE", 10) is FileRefusal.EXECUTABLE
    assert refusal_by_content("report.pdf", b"MZ\x90\x00") is FileRefusal.EXECUTABLE
    assert refusal_by_content("report.pdf", b"%PDF-1.4") is None


def test_safe_names_and_collisions(tmp_path):
    climbing = safe_file_name("../../etc/passwd")
    assert "/" not in climbing and not climbing.startswith(".") and climbing.endswith("etc_passwd")
    assert safe_file_name("<b>отчёт</b>&<i>.pdf") == "_b_отчёт__b_&_i_.pdf"  # no words lost
    assert safe_file_name("con.txt") == "_con.txt"
    assert safe_file_name("Протокол №1.pdf") == "Протокол №1.pdf"
    assert len(safe_file_name("я" * 500 + ".docx")) <= 120 and safe_file_name("я" * 500 + ".docx").endswith(".docx")
    first = store_bytes(tmp_path, "отчёт.pdf", b"1")
    second = store_bytes(tmp_path, "отчёт.pdf", b"2")
    assert first != second and first.suffix == second.suffix == ".pdf"  # generated names, never the person's
    assert "отчёт" not in first.name and first.read_bytes() == b"1"
    assert second.read_bytes() == b"2"
