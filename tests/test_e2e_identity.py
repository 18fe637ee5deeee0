"""One person, one name (issue 12): the coordinator sees «roadmap name (Telegram name)»,
hears once an hour who joined, decides about a second account for a party someone holds,
and a person hears when an activity is given to them or taken away."""

from __future__ import annotations

import re
from datetime import timedelta

from test_e2e_conversations import bot_settings, coordinator, invite, program  # noqa: F401 — shared fixtures


async def link_for(coordinator, label: str, *, confirm: bool = False) -> str:
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text=label)
    if confirm:
        question = await coordinator.next_message_containing("уже в боте")
        await coordinator.press(question, text="Выпустить новую ссылку")
    link = await coordinator.next_message_containing("t.me/")
    return re.search(r"start=([A-Za-z0-9_-]+)", link.text).group(1)


async def test_the_coordinator_hears_of_joins_once_an_hour(program, e2e, sandbox, coordinator, clock):
    first = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, first, "Якшина А.И.")
    second = await sandbox.create_user("Борис")
    await invite(coordinator, second, "Муниципальный координатор")
    before = len(await coordinator.bot_messages())
    clock.advance(timedelta(hours=1))
    note = await coordinator.next_message_containing("Подключились к программе", timeout=5)
    assert "за последний час: 2" in note.text
    assert "• Якшина А.И. (Алла Якшина)" in note.text and "• Муниципальный координатор (Борис)" in note.text
    clock.advance(timedelta(hours=1))
    await coordinator.send("/help")
    await coordinator.next_message_containing("/summary")
    notes = [m for m in (await coordinator.bot_messages())[before:] if "Подключились к программе" in m.body]
    assert len(notes) == 1  # one note for the hour, nothing for an hour without joins


async def test_a_second_account_for_a_party_waits_for_the_coordinator(program, e2e, sandbox, coordinator):
    first = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, first, "Якшина А.И.")
    # The party is held: a new link is asked about first, and opening it binds nobody yet.
    token = await link_for(coordinator, "✅ Якшина А.И.", confirm=True)
    second = await sandbox.create_user("Мария", last_name="Иванова")
    await second.send(f"/start {token}")
    assert "координатора" in (await second.next_message_containing("уже подключён другой аккаунт")).text
    await second.send("/tasks")
    assert "Совещание" not in (await second.next_message()).text
    request = await coordinator.next_message_containing("Второй аккаунт просит подключиться")
    assert "Сейчас подключены: Якшина А.И. (Алла Якшина)" in request.text and "Мария Иванова" in request.text
    both = request.button("Подключить: пусть будут оба")[1]
    await coordinator.press(request, text="Заменить прежний аккаунт новым")
    assert "Прежний аккаунт отключён" in (await coordinator.wait_edit(request)).text
    assert "Координатор подтвердил" in (await second.next_message_containing("Координатор")).text
    await second.send("/tasks")
    assert "1.1 Совещание" in (await second.next_message_containing("Ваши мероприятия")).text
    await first.send("/tasks")
    assert "1.1 Совещание" not in (await first.next_message()).text
    await coordinator.send("/people")
    people = await coordinator.next_message_containing("Участники")
    assert "Якшина А.И. (Мария Иванова)" in people.text and "Алла Якшина" not in people.text
    # A decided request is not decided again (a second tap, another coordinator's old note).
    answer = await coordinator.callback_answer(await coordinator.press(request, data=both, forge=True))
    assert "уже принято решение" in answer["text"]
    # …and a teacher cannot decide one at all.
    own = (await second.bot_messages())[-1]
    answer = await second.callback_answer(await second.press(own, data=both, forge=True))
    assert "только координатор" in answer["text"]


async def test_a_rejected_second_account_stays_out(program, e2e, sandbox, coordinator):
    first = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, first, "Якшина А.И.")
    token = await link_for(coordinator, "✅ Якшина А.И.", confirm=True)
    stranger = await sandbox.create_user("Пётр")
    await stranger.send(f"/start {token}")
    await stranger.next_message_containing("уже подключён другой аккаунт")
    request = await coordinator.next_message_containing("Второй аккаунт просит подключиться")
    await coordinator.press(request, text="Отклонить")
    assert "Запрос отклонён" in (await coordinator.wait_edit(request)).text
    assert "не подтвердил" in (await stranger.next_message_containing("Координатор")).text
    await coordinator.send("/people")
    people = await coordinator.next_message_containing("Участники")
    assert "Якшина А.И. (Алла Якшина)" in people.text and "Пётр" not in people.text


async def test_people_hear_when_an_activity_is_given_or_taken(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    deputy = await sandbox.create_user("Борис")
    await invite(coordinator, deputy, "Муниципальный координатор")
    await coordinator.send("/activity 1.1")
    card = await coordinator.next_message_containing("Совещание с руководителями школ")
    await coordinator.press(card, text="Назначить ответственного")
    pick = await coordinator.next_message_containing("Кому поручить")
    assert "Якшина А.И. (Алла Якшина)" in pick.button_texts  # buttons name people as everywhere else
    await coordinator.press(pick, text="Муниципальный координатор (Борис)")
    given = await deputy.next_message_containing("поручил вам")
    assert "«1.1 Совещание с руководителями школ»" in given.text and "/tasks" in given.text
    taken = await teacher.next_message_containing("поручено другому")
    assert "1.1 Совещание с руководителями школ" in taken.text
