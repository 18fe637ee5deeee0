"""The coordinator adds a person or a role the import missed and invites it (issue 12
«One person, one name»): /addperson and «➕ Добавить человека или роль» under /invite."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bot.domain.models import PartyKind
from bot.keyboards.callbacks import AddPartyChoice, AddPartyStart, AddPartyStep
from bot.storage import Database
from bot.storage.party_admin import PartyAdmin
from e2e_setup import store_programs
from story_program import HEAD, story_program

COORDINATOR_ID = 7001
DEPUTY = "Заместитель директора по УВР"


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


def program_with_school_monitoring():
    """The story program, its 2.1 done in each school (a task per school)."""
    program = story_program()
    monitoring = program.activities[2].model_copy(update=dict(responsible=[HEAD]))
    return program.model_copy(update=dict(activities=[*program.activities[:2], monitoring, *program.activities[3:]]))


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), program_with_school_monitoring())


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


def token_of(text: str) -> str:
    return re.search(r"start=([A-Za-z0-9_-]+)", text).group(1)


async def join(teacher, token: str) -> str:
    await teacher.send(f"/start {token}")
    joined = await teacher.next_message()
    assert "вы подключены" in joined.text, joined.text
    return (await teacher.next_message()).text  # the task list


async def add(coordinator, name: str, *, kind_button: str = "Верно", scope: str | None = None,
              numbers: str | None = None):
    """/addperson through to the confirmation; returns the confirmation message."""
    await coordinator.send("/addperson")
    assert "Как зовут человека или как называется роль?" in (await coordinator.next_message()).text
    await coordinator.send(name)
    understood = await coordinator.next_message_containing("Понято так")
    await coordinator.press(understood, text=kind_button)
    if scope is not None:
        question = await coordinator.next_message_containing("в каждой школе")
        await coordinator.press(question, text=scope)
    ask = await coordinator.next_message_containing("За какие мероприятия")
    if numbers is None:
        await coordinator.press(ask, text="Пока ни за какие")
    else:
        await coordinator.send(numbers)
    return await coordinator.next_message_containing("Добавить в программу")


async def test_a_role_in_each_school_is_added_from_invite_and_its_school_link_brings_the_tasks(
        program, e2e, sandbox, coordinator):
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="➕ Добавить человека или роль")
    assert "Как зовут человека" in (await coordinator.next_message()).text
    await coordinator.send(DEPUTY)
    understood = await coordinator.next_message_containing("Понято так")
    assert f"{DEPUTY} — роль" in understood.text
    await coordinator.press(understood, text="Верно")
    scope = await coordinator.next_message_containing("в каждой школе")
    await coordinator.press(scope, text="В каждой школе")
    await coordinator.next_message_containing("За какие мероприятия")
    await coordinator.send("2.1, 9.9")
    confirm = await coordinator.next_message_containing("Добавить в программу")
    assert "Таких мероприятий в программе нет: 9.9" in confirm.text
    assert f"{DEPUTY} — роль в каждой школе" in confirm.text and "Мероприятия: 2.1" in confirm.text
    await coordinator.press(confirm, text="✅ Добавить")
    saved = await coordinator.next_message_containing("Добавлено")
    assert "Мероприятия: 2.1" in saved.text
    links = await coordinator.next_message()
    assert "по школам: 3" in links.caption
    sheet = load_workbook(BytesIO(await coordinator.download(links))).active
    by_school = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(by_school) == {f"{DEPUTY} — МОАУ СОШ № 1", f"{DEPUTY} — МОАУ СОШ № 2", f"{DEPUTY} — МОАУ Лицей № 3"}

    # each school has its button in /invite too
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    assert f"{DEPUTY} — МОАУ СОШ № 2" in menu.button_texts

    teacher = await sandbox.create_user("Мария", last_name="Иванова")
    tasks = await join(teacher, token_of(by_school[f"{DEPUTY} — МОАУ СОШ № 1"]))
    assert "2.1 Мониторинг посещаемости" in tasks and "1.1" not in tasks and "1.2" not in tasks
    await coordinator.send("/activity 2.1")
    activity = await coordinator.next_message_containing("Мониторинг посещаемости")
    lines = [line for line in activity.text.splitlines() if "Мария Иванова" in line]
    assert lines and all("МОАУ СОШ № 1" in line for line in lines), activity.text


async def test_a_person_is_stored_by_surname_and_initials_and_invited(program, e2e, sandbox, coordinator, bot_settings):
    confirm = await add(coordinator, "Петрова Анна Сергеевна", numbers="1.1")
    assert "Петрова А.С. — человек" in confirm.text
    await coordinator.press(confirm, text="✅ Добавить")
    await coordinator.next_message_containing("Добавлено")
    link = await coordinator.next_message_containing("t.me/")
    assert "Ссылка для «Петрова А.С.»" in link.text
    teacher = await sandbox.create_user("Анна", last_name="Петрова")
    tasks = await join(teacher, token_of(link.text))
    assert "1.1 Совещание с руководителями школ" in tasks

    # the same name again: offered, not added twice
    await coordinator.send("/addperson")
    await coordinator.next_message()
    await coordinator.send("Петрова А. С.")
    understood = await coordinator.next_message_containing("Понято так")
    await coordinator.press(understood, text="Верно")
    exists = await coordinator.next_message_containing("уже есть в программе")
    await coordinator.press(exists, text="Выдать ссылку-приглашение")
    # the /invite button's own answer: a link, or (already joined) a question about a new one
    assert "Петрова А.С." in (await coordinator.next_message()).text
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            rows = await conn.execute_fetchall("SELECT count(*) FROM parties WHERE normalized = 'петрова а с'")
        assert rows[0][0] == 1
        assert await PartyAdmin(db).find(1, PartyKind.PERSON, "петрова а с") is not None
    finally:
        await db.close()


async def test_an_existing_roadmap_party_is_offered(program, e2e, coordinator):
    await coordinator.send("/addperson")
    await coordinator.next_message()
    await coordinator.send("Якшина Алла Ивановна")
    understood = await coordinator.next_message_containing("Понято так")
    assert "Якшина А.И. — человек" in understood.text
    await coordinator.press(understood, text="Верно")
    exists = await coordinator.next_message_containing("уже есть в программе")
    assert "Выдать ссылку-приглашение" in exists.button_texts


async def test_corrections_refusals_and_nothing_stored_before_confirmation(program, e2e, coordinator):
    await coordinator.send("/addperson")
    await coordinator.next_message()
    await coordinator.send("МБОУ СОШ № 7")
    assert "похоже на название организации" in (await coordinator.next_message()).text
    await coordinator.send("а" * 151)
    assert "Слишком длинно" in (await coordinator.next_message()).text
    await coordinator.send("Иванова М.П., Сидоров К.К.")
    assert "несколько имён" in (await coordinator.next_message()).text
    await coordinator.send("Иванова М.П.")
    understood = await coordinator.next_message_containing("Понято так")
    assert "Иванова М.П. — человек" in understood.text
    await coordinator.press(understood, text="Это роль")
    scope = await coordinator.next_message_containing("в каждой школе")
    await coordinator.press(scope, text="Одна на программу")
    await coordinator.next_message_containing("За какие мероприятия")
    await coordinator.send("7.7")
    assert "Таких мероприятий в программе нет: 7.7" in (await coordinator.next_message()).text
    await coordinator.send("все")
    confirm = await coordinator.next_message_containing("Добавить в программу")
    assert "Иванова М.П. — роль, одна на программу" in confirm.text
    assert "Мероприятия: 1.1, 1.2, 2.1, 2.2" in confirm.text
    await coordinator.press(confirm, text="Отмена")
    assert "Ничего не добавлено" in (await coordinator.next_message()).text
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    assert not any("Иванова" in b for b in menu.button_texts)


async def test_a_per_school_role_on_a_shared_activity_answers_for_the_shared_task(program, e2e, sandbox, coordinator):
    confirm = await add(coordinator, "Педагог-психолог", scope="В каждой школе", numbers="1.1")
    await coordinator.press(confirm, text="✅ Добавить")
    saved = await coordinator.next_message_containing("Добавлено")
    assert "одна общая задача" in saved.text and "отвечает за эту общую задачу" in saved.text
    links = await coordinator.next_message()
    sheet = load_workbook(BytesIO(await coordinator.download(links))).active
    link = next(row[2] for row in sheet.iter_rows(min_row=2, values_only=True) if "СОШ № 2" in row[0])
    teacher = await sandbox.create_user("Игорь")
    tasks = await join(teacher, token_of(link))
    assert "1.1 Совещание с руководителями школ" in tasks


async def test_a_teacher_cannot_add(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await teacher.send("/addperson")
    answer = await teacher.next_message()
    assert "Как зовут" not in answer.text
    await teacher.send("Заместитель директора по УВР")
    hint = await teacher.next_message()
    assert "Понято так" not in hint.text
    for data in (AddPartyStart(program_id=1).pack(),
                 AddPartyChoice(program_id=1, step=AddPartyStep.SAVE).pack()):
        callback = await teacher.press(hint, data=data, forge=True)
        assert (await teacher.callback_answer(callback))["text"].startswith("Нет доступа")
