"""Parties the coordinator adds in the chat: stored once, invitable, linked to activities,
kept by a roadmap reload, and reaching the tasks the activity has."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.models import PartyKind
from bot.storage import Database, ProgramRepository
from bot.storage.invites import InviteRepository, InviteRole
from bot.storage.party_admin import PartyAdmin, split_numbers, wants_all
from story_program import NOW, story_program

DEPUTY = "заместитель директора по увр"


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def rows(db: Database, sql: str, *params) -> list[tuple]:
    async with db.read() as conn:
        return [tuple(r) for r in await conn.execute_fetchall(sql, params)]


async def activity_id(db: Database, number: str) -> int:
    return (await rows(db, "SELECT id FROM activities WHERE number = ?", number))[0][0]


async def add_deputy(db: Database, program_id: int, *numbers: str) -> int:
    return await PartyAdmin(db).add(
        program_id, kind=PartyKind.ROLE, name="Заместитель директора по УВР", normalized=DEPUTY,
        per_organization=True, activity_ids=[await activity_id(db, n) for n in numbers], by=None, now=NOW)


async def join(db: Database, program_id: int, party_id: int, organization_id: int | None, name: str) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute("INSERT INTO people (display_name, created_at) VALUES (?, ?)",
                                    (name, "2023-09-20T01:00:00+00:00"))
        person_id = cursor.lastrowid
    invites = InviteRepository(db)
    issued = await invites.issue(program_id, InviteRole.RESPONSIBLE, party_id=party_id,
                                 organization_id=organization_id, created_by=None, now=NOW)
    await invites.redeem(issued.token, person_id, now=NOW + timedelta(minutes=1))
    return person_id


async def task_numbers(db: Database, person_id: int) -> list[tuple]:
    return await rows(db, """
        SELECT a.number, org.name FROM effective_assignees ea JOIN tasks t ON t.id = ea.task_id
        JOIN occurrences o ON o.id = t.occurrence_id JOIN activities a ON a.id = o.activity_id
        LEFT JOIN organizations org ON org.id = t.organization_id
        WHERE ea.person_id = ? GROUP BY a.number, org.name ORDER BY a.number, org.name""", person_id)


def test_numbers_are_read_as_written():
    assert split_numbers("2.1, 3.4;5.  2.1") == ["2.1", "3.4", "5"]
    assert wants_all(" Все ") and not wants_all("все 2.1")


async def test_a_role_added_in_the_chat_survives_reloads_with_its_links(db):
    repository = ProgramRepository(db)
    program_id = (await repository.save_program(story_program(), now=NOW)).program_id
    party_id = await add_deputy(db, program_id, "1.2")
    linked = "SELECT a.number FROM activity_parties ap JOIN activities a ON a.id = ap.activity_id WHERE ap.party_id = ?"
    assert await rows(db, linked, party_id) == [("1.2",)]

    await repository.save_program(story_program(), now=NOW + timedelta(days=1))  # the same file again
    changed = story_program(title="Программа поддержки ШНОР (редакция 2)")
    await repository.save_program(changed, now=NOW + timedelta(days=2))  # a changed file: links rewritten
    assert await rows(db, linked, party_id) == [("1.2",)]
    assert await rows(db, "SELECT name, per_organization, added_at IS NOT NULL FROM parties WHERE id = ?",
                      party_id) == [("Заместитель директора по УВР", 1, 1)]
    # the roadmap's own links are rewritten as before
    assert await rows(db, """SELECT count(*) FROM activity_parties ap JOIN parties p ON p.id = ap.party_id
                             WHERE p.normalized = 'руководитель оо'""") == [(1,)]


async def test_an_added_party_is_invitable_even_without_activities(db):
    program_id = (await ProgramRepository(db).save_program(story_program(), now=NOW)).program_id
    party_id = await PartyAdmin(db).add(program_id, kind=PartyKind.PERSON, name="Петрова А.С.",
                                        normalized="петрова а с", per_organization=False, activity_ids=[],
                                        by=None, now=NOW)
    targets = [t for t in await InviteRepository(db).targets(program_id) if t.party_id == party_id]
    assert [(t.label, t.organization_id) for t in targets] == [("Петрова А.С.", None)]
    # added again: the same party, not a second one
    again = await PartyAdmin(db).add(program_id, kind=PartyKind.PERSON, name="Петрова А.С.",
                                     normalized="петрова а с", per_organization=False, activity_ids=[],
                                     by=None, now=NOW)
    assert again == party_id
    found = await PartyAdmin(db).find(program_id, PartyKind.PERSON, "петрова а с")
    assert found is not None and found.added_in_chat and not found.linked


async def test_a_per_school_role_covers_its_school_and_a_shared_only_activity(db):
    program_id = (await ProgramRepository(db).save_program(story_program(), now=NOW)).program_id
    # 1.2 has a task per school; 2.1 only a shared task (the municipal coordinator's)
    party_id = await add_deputy(db, program_id, "1.2", "2.1")
    schools = await InviteRepository(db).targets(program_id)
    assert [t.school for t in schools if t.party_id == party_id] == ["МОАУ СОШ № 1", "МОАУ СОШ № 2", "МОАУ Лицей № 3"]
    school_1 = (await rows(db, "SELECT id FROM organizations WHERE name = 'МОАУ СОШ № 1'"))[0][0]
    person_id = await join(db, program_id, party_id, school_1, "Зам СОШ 1")
    assert await task_numbers(db, person_id) == [("1.2", "МОАУ СОШ № 1"), ("2.1", None)]


async def test_an_added_person_covers_every_school_of_a_per_school_only_activity(db):
    program_id = (await ProgramRepository(db).save_program(story_program(), now=NOW)).program_id
    party_id = await PartyAdmin(db).add(program_id, kind=PartyKind.PERSON, name="Петрова А.С.",
                                        normalized="петрова а с", per_organization=False,
                                        activity_ids=[await activity_id(db, "1.2"), await activity_id(db, "1.1")],
                                        by=None, now=NOW)
    person_id = await join(db, program_id, party_id, None, "Анна Петрова")
    assert await task_numbers(db, person_id) == [
        ("1.1", None), ("1.2", "МОАУ Лицей № 3"), ("1.2", "МОАУ СОШ № 1"), ("1.2", "МОАУ СОШ № 2")]
