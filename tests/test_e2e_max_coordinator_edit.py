"""The coordinator's editing features on MAX (issue 14): a MAX person made coordinator by a
coordinator link loads a Word roadmap (review → load), fixes a deadline, assigns an activity to
a MAX teacher (who hears of it), toggles a school, adds one, changes /reminders by buttons and
adds a role with /addperson. The same conversations as on Telegram (bot/conversations); every
MAX request and answer is checked against the MAX OpenAPI description, and no handler may fail."""

from __future__ import annotations

import re

import pytest

from bot.storage import Database, ProgramRepository
from bot.storage.invites import InviteRepository, InviteRole
from channel_users import MAX_TOKEN, ChannelUser
from channel_users import max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401  (fixtures)
from e2e_setup import store_programs
from hostile_files import roadmap_docx
from story_program import story_program
from test_e2e_conversations import COORDINATOR_ID, coordinator  # noqa: F401  (fixtures)
from test_e2e_max_teacher import invite_token


@pytest.fixture
def bot_settings(bot_settings, max_emulator):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["max_bot_token"] = MAX_TOKEN
    bot_settings["max_api_url"] = max_emulator.base_url
    return bot_settings


@pytest.fixture
async def coordinator_link(bot_settings, clock) -> str:
    """The story program saved, and a one-time coordinator link for it: its token."""
    await store_programs(bot_settings, clock.now(), story_program())
    db = await Database.open(bot_settings["database_path"])
    try:
        issued = await InviteRepository(db).issue(1, InviteRole.COORDINATOR, party_id=None, organization_id=None,
                                                  created_by=None, now=clock.now())
    finally:
        await db.close()
    return issued.token


async def max_coordinator(max_users, token: str) -> ChannelUser:
    boss = ChannelUser("max", await max_users.create_user("Ирина", last_name="Завуч"))
    await boss.follow_invite(token)
    assert "вы координатор программы" in (await boss.next_message()).text
    return boss


async def test_a_max_coordinator_loads_a_word_roadmap(coordinator_link, max_checked, e2e, max_users, bot_settings):
    boss = await max_coordinator(max_users, coordinator_link)
    await boss.send_document(roadmap_docx(), "дорожная карта.docx",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    review = await boss.next_message(timeout=15)  # read in the guarded worker
    assert "Дорожная карта программы поддержки школ г. Минусинска" in review.text, review.text
    assert "Загрузить" in " ".join(review.button_texts)
    await boss.press(review, text="Все мероприятия")
    page = await boss.wait_edit(review)
    assert "Назначение муниципального координатора" in page.text
    await boss.press(page, text="К проверке")
    review = await boss.wait_edit(page)
    await boss.press(review, text="Загрузить")
    loaded = await boss.next_message_containing("загружена")
    assert "Минусинска" in loaded.text
    assert not (await boss.message(review.mid)).buttons  # the review's buttons are gone: decided
    db = await Database.open(bot_settings["database_path"])
    try:
        titles = [p.title for p in await ProgramRepository(db).list_programs()]
    finally:
        await db.close()
    assert len(titles) == 2 and any("Минусинска" in t for t in titles)
    answer = await boss.callback_answer(await boss.press(review, payload=review.button("Загрузить")[1], forge=True))
    assert answer["notification"]  # decided already: a notification, nothing loaded twice


async def test_a_roadmap_without_a_period_and_a_too_big_one_on_max(coordinator_link, max_checked, e2e, max_users):
    from test_e2e_roadmap_review import NO_PERIOD

    boss = await max_coordinator(max_users, coordinator_link)
    await boss.send_document(NO_PERIOD, "план школы 7.txt", "text/plain")
    question = await boss.next_message(timeout=15)
    assert "не указан период программы" in question.text and "план школы 7.txt" in question.text
    await boss.press(question, text="2024/2025 учебный год")
    review = await boss.next_message_containing("Период: 01.09.2024 – 31.08.2025", timeout=15)
    assert not (await boss.message(question.mid)).buttons  # the question is answered
    assert "Мероприятий: 4" in review.text
    await boss.press(review, text="Отмена")
    assert "ничего не сохранено" in (await boss.next_message()).text

    await boss.send_document(b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024 + 10), "огромная карта.docx")
    refusal = await boss.next_message(timeout=15)
    assert "Не получилось прочитать «огромная карта.docx»" in refusal.text and "больше 20 МБ" in refusal.text


async def test_a_max_coordinator_edits_the_roadmap(coordinator_link, max_checked, e2e, max_users, coordinator):
    boss = await max_coordinator(max_users, coordinator_link)
    teacher = ChannelUser("max", await max_users.create_user("Алла", last_name="Якшина"))
    await teacher.follow_invite(await invite_token(coordinator, "Якшина А.И."))
    assert "вы подключены" in (await teacher.next_message()).text
    await teacher.next_message()  # the task list
    deputy = ChannelUser("max", await max_users.create_user("Борис"))
    await deputy.follow_invite(await invite_token(coordinator, "Муниципальный координатор"))
    assert "вы подключены" in (await deputy.next_message()).text

    # «Исправить срок» on /activity 1.1: asked, not understood, understood.
    await boss.send("/activity 1.1")
    card = await boss.next_message_containing("Совещание с руководителями школ")
    await boss.press(card, text="Исправить срок")
    assert "Срок сейчас: «до 29.09.2023»" in (await boss.next_message()).text
    await boss.send("по согласованию")
    assert "не удалось понять" in (await boss.next_message()).text
    await boss.send("До 13.10.2023")
    assert "теперь: до 13 октября 2023" in (await boss.next_message()).text

    # «Назначить ответственного»: people on MAX are among the buttons and hear of it on MAX.
    await boss.press(card, text="Назначить ответственного")
    pick = await boss.next_message_containing("Кому поручить")
    assert "Якшина А.И. (Алла Якшина)" in pick.button_texts
    await boss.press(pick, text="Муниципальный координатор (Борис)")
    assert "поручено: Муниципальный координатор (Борис)" in (await boss.wait_edit(pick)).text
    given = await deputy.next_message_containing("поручил вам", timeout=10)
    assert "«1.1 Совещание с руководителями школ»" in given.text and "/tasks" in given.text
    taken = await teacher.next_message_containing("поручено другому", timeout=10)
    assert "1.1 Совещание с руководителями школ" in taken.text

    # /schools: a press toggles a school and shows the list again in place; /addschool adds one.
    await boss.send("/schools")
    menu = await boss.next_message_containing("Школы программы")
    assert menu.button_texts == ["✅ МОАУ СОШ № 1", "✅ МОАУ СОШ № 2", "✅ МОАУ Лицей № 3"]
    await boss.press(menu, text="МОАУ СОШ № 2")
    menu = await boss.wait_edit(menu)
    assert "➖ МОАУ СОШ № 2" in menu.button_texts
    await boss.send("/addschool МОАУ ООШ № 9")
    assert "добавлена" in (await boss.next_message_containing("МОАУ ООШ № 9")).text

    # /reminders by buttons: a lead day on, the repeat, off.
    await boss.send("/reminders")
    policy = await boss.next_message_containing("Напоминания:")
    assert "за 14" in " ".join(policy.button_texts) and "✅ за 14" not in " ".join(policy.button_texts)
    await boss.next_message_containing("Изменить")
    await boss.press(policy, text="за 14")
    policy = await boss.wait_edit(policy)
    assert "✅ за 14" in " ".join(policy.button_texts) and "14" in policy.text
    await boss.press(policy, text="↻ 7")
    policy = await boss.wait_edit(policy)
    assert any(t.startswith("✅ ↻ 7") for t in policy.button_texts)
    await boss.press(policy, text="Выключить напоминания")
    policy = await boss.wait_edit(policy)
    assert "Включить напоминания" in " ".join(policy.button_texts) and "Напоминания выключены" in policy.text
    await boss.send("/reminders повтор=3 напоминания=да")  # the typed syntax too
    saved = await boss.next_message()
    assert "Сохранено." in saved.text and "Напоминания выключены" not in saved.text

    # /addperson: a role for the program, with an invite link for MAX too.
    await boss.send("/addperson")  # a person or role the roadmap missed
    assert "Как зовут человека или как называется роль?" in (await boss.next_message()).text
    await boss.send("Педагог-психолог")
    understood = await boss.next_message_containing("Понято так")
    await boss.press(understood, text="Верно")
    scope = await boss.next_message_containing("в каждой школе")
    await boss.press(scope, text="Одна на программу")
    await boss.next_message_containing("За какие мероприятия")
    await boss.send("2.2")
    confirm = await boss.next_message_containing("Добавить в программу")
    await boss.press(confirm, text="Добавить")
    assert "Добавлено" in (await boss.next_message_containing("Добавлено")).text
    link = await boss.next_message_containing("Ссылка для")
    token = re.search(r"max\.ru/[\w-]+\?start=([\w-]+)", link.text)
    assert token is not None, link.text
    psychologist = ChannelUser("max", await max_users.create_user("Вера"))
    await psychologist.follow_invite(token.group(1))
    assert "вы подключены" in (await psychologist.next_message()).text
