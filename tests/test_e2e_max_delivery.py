"""Delivery across both messengers (issue 14: «people across both», «outbox per channel»): the real
bot polls Telegram and MAX and drains the outbox per channel, through both emulators over HTTP; every
MAX request and answer is checked against the MAX OpenAPI description (`max_checked`), every
Telegram one against the Bot API description (`e2e`)."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bot.domain.models import Schedule, ScheduleKind
from bot.storage import Database
from bot.storage.channels import ChannelRepository
from bot.storage.people import PeopleRepository
from channel_users import MAX_TOKEN
from channel_users import max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401  (fixtures)
from e2e_setup import store_programs
from story_program import story_program
from test_e2e_conversations import COORDINATOR_ID, coordinator  # noqa: F401  (fixtures)
from test_e2e_max_teacher import invite_token

NOT_DELIVERED = "Не могу доставить"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def bot_settings(bot_settings, max_emulator):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["max_bot_token"] = MAX_TOKEN
    bot_settings["max_api_url"] = max_emulator.base_url
    return bot_settings


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), story_program())


async def move(clock, when: str) -> None:
    clock.set(at(when))
    await asyncio.sleep(0.8)  # a planner pass and a sender pass on each channel


async def quiet(user, seconds: float = 0.8) -> None:
    before = len(await user.bot_messages())
    await asyncio.sleep(seconds)
    after = await user.bot_messages()
    assert len(after) == before, f"unexpected: {[m.body[:80] for m in after[before:]]}"


def reminders(messages) -> list:
    return [m for m in messages if "Напоминание" in m.body]


async def join_max(coordinator, teacher, label: str = "Якшина А.И.") -> None:
    await teacher.start(await invite_token(coordinator, label))
    assert "вы подключены" in (await teacher.next_message()).text
    await teacher.next_message()  # the task list


async def join_telegram(coordinator, teacher, label: str = "Якшина А.И.") -> None:
    await teacher.send("/start " + await invite_token(coordinator, label))
    await teacher.next_message_containing("вы подключены")
    await teacher.next_message()


async def link_max(telegram_user, max_user) -> None:
    """/channels → «Подключить MAX» → the one-time link, opened in MAX."""
    await telegram_user.send("/channels")
    screen = await telegram_user.next_message_containing("Куда присылать напоминания")
    await telegram_user.press(screen, text="Подключить MAX")
    link = await telegram_user.next_message_containing("max.ru/")
    token = re.search(r"https://max\.ru/(\w+)\?start=([\w-]+)", link.text)
    assert token is not None, link.text
    await max_user.start(token.group(2))
    assert "подключён к вашему профилю" in (await max_user.next_message()).text


async def choose(telegram_user, button: str) -> str:
    """The choice pressed on a fresh /channels screen; the screen as edited (its text and buttons)."""
    await telegram_user.send("/channels")
    screen = await telegram_user.next_message_containing("Куда присылать напоминания")
    await telegram_user.press(screen, text=button)
    edited = await telegram_user.wait_edit(screen)
    return edited.text + "\n" + " | ".join(edited.button_texts)


async def test_max_reminders_at_nine_local_with_the_weekend_rule(bot_settings, clock, max_checked, e2e, coordinator,
                                                                 max_users):
    clock.set(at("2023-09-29T01:00"))  # Friday 10:00 in Yakutsk
    program = story_program()
    program.activities[0] = program.activities[0].model_copy(update={"deadline": Schedule(
        kind=ScheduleKind.DATE, start=date(2023, 10, 8), end=date(2023, 10, 8), due=(date(2023, 10, 8),),
        source="до 08.10.2023")})
    await store_programs(bot_settings, clock.now(), program)
    teacher = await max_users.create_user("Алла", last_name="Якшина")
    await join_max(coordinator, teacher)
    await move(clock, "2023-10-05T23:59")  # Friday 08:59 in Yakutsk: not yet
    assert not [m for m in await teacher.bot_messages() if "выходной" in m.body]
    await move(clock, "2023-10-06T00:00")  # Friday 09:00 before Sunday 8 October
    friday = await teacher.next_message_containing("выходной")
    assert "срок 8 октября 2023 приходится на выходной: сдайте сегодня" in friday.text
    assert "Открыть 1.1" in " ".join(friday.button_texts)  # the keyboard, as MAX buttons
    await move(clock, "2023-10-07T00:00")
    await move(clock, "2023-10-08T00:00")
    await quiet(teacher, 0.5)
    assert len([m for m in await teacher.bot_messages() if "выходной" in m.body]) == 1
    assert not reminders(await coordinator.bot_messages())  # a MAX-only teacher: nothing on Telegram


async def test_the_monday_summary_with_the_report_on_max(bot_settings, program, clock, max_checked, e2e, max_users):
    boss = await max_users.create_user("Ольга", last_name="Максимова")
    await boss.start()
    await boss.next_message()  # the greeting: the person row exists now
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            program_id = (await conn.execute_fetchall("SELECT id FROM programs"))[0][0]
            person_id = (await conn.execute_fetchall(
                "SELECT person_id FROM person_channels WHERE external_user_id = ?", (str(boss.user_id),)))[0][0]
        await PeopleRepository(db).add_coordinator(program_id, person_id, now=clock.now())
    finally:
        await db.close()
    await move(clock, "2023-09-25T00:00")  # Monday 25 September, 09:00 in Yakutsk
    summary = await boss.next_message_containing("Сводка:", timeout=8)
    assert "Данные на 25 сентября 2023" in summary.text
    chart = await boss.next_message(timeout=8)
    assert chart.file is not None and chart.file["type"] == "image"
    report = await boss.next_message_containing("Отчёт по программе", timeout=8)
    assert report.file["filename"] == "сводка 2023-09-25.xlsx"  # its own name, no guessed extension added
    workbook = load_workbook(BytesIO(await boss.download(report)))
    assert workbook.sheetnames == ["Сводка", "Мероприятия", "Просрочено", "Документы"]
    await move(clock, "2023-09-25T02:00")
    assert len([m for m in await boss.bot_messages() if "Сводка:" in m.body]) == 1


async def test_a_429_storm_on_max_delivers_every_reminder_once(bot_settings, program, clock, max_checked, e2e,
                                                               max_users):
    users = [await max_users.create_user(f"Учитель {i}") for i in range(12)]
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
        for user in users:
            person = await ChannelRepository(db).person_id_for("max", user.user_id, display_name=user.info["first_name"],
                                                               username=None, chat_id=user.chat_id, now=clock.now())
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                                   (person, party, "2023-09-20T01:00:00+00:00"))
    finally:
        await db.close()
    await max_users.control(force_429={"count": 10})
    await move(clock, "2023-09-22T00:00")  # Friday 09:00: a week before 1.1
    for _ in range(30):
        got = [bool(reminders(await user.bot_messages())) for user in users]
        if all(got):
            break
        clock.advance(timedelta(seconds=5))
        await asyncio.sleep(0.7)
    assert all(got)
    await asyncio.sleep(1.0)
    for user in users:
        assert len(reminders(await user.bot_messages())) == 1, user.user_id


async def test_a_blocked_max_teacher_is_reported_to_the_coordinator(program, clock, max_checked, e2e, coordinator,
                                                                    max_users):
    teacher = await max_users.create_user("Алла", last_name="Якшина")
    await join_max(coordinator, teacher)
    await teacher.block()
    await move(clock, "2023-09-22T00:00")
    note = await coordinator.next_message_containing(NOT_DELIVERED, timeout=5)
    assert "Алла Якшина" in note.text
    await move(clock, "2023-09-28T00:00")
    await move(clock, "2023-09-29T00:00")
    assert len([m for m in await coordinator.bot_messages() if NOT_DELIVERED in m.body]) == 1
    await coordinator.send("/summary")  # the summary's health line names them too (no channel reaches them)
    summary = await coordinator.next_message_containing("Сводка:")
    assert "Сообщения не доходят (бот заблокирован): Якшина А.И. (Алла Якшина)" in summary.text, summary.text


async def test_a_person_on_both_gets_each_reminder_once_and_falls_back_to_telegram(
        program, clock, max_checked, e2e, sandbox, coordinator, max_users):
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    on_max = await max_users.create_user("Алла", last_name="Якшина")
    await join_telegram(coordinator, on_telegram)
    await link_max(on_telegram, on_max)
    screen = await choose(on_telegram, "MAX")
    assert "Сейчас: в MAX" in screen and "Подключено: Telegram, MAX" in screen
    await move(clock, "2023-09-22T00:00")  # a week before 1.1
    week = await on_max.next_message_containing("Напоминание")
    assert "через неделю срок (29 сентября 2023)" in week.text
    await quiet(on_telegram, 0.3)
    assert not reminders(await on_telegram.bot_messages())
    await on_max.block()
    await move(clock, "2023-09-28T00:00")  # MAX refuses: the reminder comes on Telegram, once
    tomorrow = await on_telegram.next_message_containing("Напоминание")
    assert "завтра срок (29 сентября 2023)" in tomorrow.text
    await asyncio.sleep(0.5)
    assert len(reminders(await on_telegram.bot_messages())) == 1
    assert len(reminders(await on_max.bot_messages())) == 1
    assert not [m for m in await coordinator.bot_messages() if NOT_DELIVERED in m.body]  # Telegram reaches her


async def test_a_person_on_both_falls_back_to_max_when_telegram_blocks(
        program, clock, max_checked, e2e, sandbox, coordinator, max_users):
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    on_max = await max_users.create_user("Алла", last_name="Якшина")
    await join_telegram(coordinator, on_telegram)
    await link_max(on_telegram, on_max)
    screen = await choose(on_telegram, "Telegram")
    assert "Сейчас: в Telegram" in screen
    await move(clock, "2023-09-22T00:00")
    await on_telegram.next_message_containing("Напоминание")
    assert not reminders(await on_max.bot_messages())  # chosen: Telegram only
    await on_telegram.block()
    await move(clock, "2023-09-28T00:00")
    tomorrow = await on_max.next_message_containing("Напоминание")
    assert "завтра срок (29 сентября 2023)" in tomorrow.text
    await asyncio.sleep(0.5)
    assert len(reminders(await on_telegram.bot_messages())) == 1 and len(reminders(await on_max.bot_messages())) == 1
    assert not [m for m in await coordinator.bot_messages() if NOT_DELIVERED in m.body]
    await on_max.block()  # now nothing reaches her: the coordinator is told
    await move(clock, "2023-09-29T00:00")
    await coordinator.next_message_containing(NOT_DELIVERED, timeout=5)


async def test_channels_choice_and_where_i_last_wrote(program, clock, max_checked, e2e, sandbox, coordinator,
                                                       max_users):
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    on_max = await max_users.create_user("Алла", last_name="Якшина")
    await join_telegram(coordinator, on_telegram)
    await on_telegram.send("/channels")
    screen = await on_telegram.next_message_containing("Куда присылать напоминания")
    assert "Подключено: Telegram." in screen.text and "Подключить MAX" in screen.button_texts
    answer = await on_telegram.callback_answer(await on_telegram.press(screen, text="MAX"))
    assert "Сначала подключите MAX" in answer["text"]  # not linked yet: refused with a hint
    await link_max(on_telegram, on_max)
    assert "Сейчас: в Telegram" in await choose(on_telegram, "Telegram")
    screen = await choose(on_telegram, "Где я писал последним")
    assert "туда, где вы писали последним" in screen and "✓ Где я писал последним" in screen
    clock.advance(timedelta(minutes=10))
    await on_max.send("/channels")  # the latest message is on MAX now
    shown = await on_max.next_message_containing("Куда присылать напоминания")
    assert "где вы писали последним (в MAX)" in shown.text
    await move(clock, "2023-09-22T00:00")
    await on_max.next_message_containing("Напоминание")
    assert not reminders(await on_telegram.bot_messages())


async def test_a_link_into_an_account_that_answers_for_something_is_refused(
        program, clock, max_checked, e2e, sandbox, coordinator, max_users):
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    other = await max_users.create_user("Завуч")
    await join_telegram(coordinator, on_telegram)
    await join_max(coordinator, other, "Руководитель ОО — МОАУ СОШ № 1")
    await on_telegram.send("/channels")
    screen = await on_telegram.next_message_containing("Куда присылать напоминания")
    await on_telegram.press(screen, text="Подключить MAX")
    link = await on_telegram.next_message_containing("max.ru/")
    await other.start(re.search(r"start=([\w-]+)", link.text).group(1))
    assert "Не могу объединить" in (await other.next_message()).text


async def test_a_max_first_person_links_telegram_and_chooses_it_on_max(
        program, clock, max_checked, e2e, sandbox, coordinator, max_users):
    on_max = await max_users.create_user("Алла", last_name="Якшина")
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    await join_max(coordinator, on_max)
    await on_max.send("/channels")
    screen = await on_max.next_message_containing("Куда присылать напоминания")
    assert "Подключено: MAX." in screen.text and "Подключить Telegram" in screen.button_texts
    await on_max.press(screen, text="Подключить Telegram")
    link = await on_max.next_message_containing("t.me/")
    token = re.search(r"https://t\.me/\w+\?start=([\w-]+)", link.text).group(1)
    await on_telegram.send(f"/start {token}")
    assert "Telegram подключён к вашему профилю" in (await on_telegram.next_message()).text
    await on_max.send("/channels")
    screen = await on_max.next_message_containing("Куда присылать напоминания")
    assert "Подключено: Telegram, MAX." in screen.text
    await on_max.press(screen, text="Telegram")
    edited = await on_max.wait_edit(screen)
    assert "Сейчас: в Telegram" in edited.text and "✓ Telegram" in edited.button_texts
    await move(clock, "2023-09-22T00:00")
    week = await on_telegram.next_message_containing("Напоминание")
    assert "через неделю срок (29 сентября 2023)" in week.text
    await asyncio.sleep(0.3)
    assert not reminders(await on_max.bot_messages())
