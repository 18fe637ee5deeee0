"""Reminders through the emulator with a clock the test moves: Zeya's roadmap, a teacher
in Asia/Yakutsk, 09:00 local on working days, exactly once."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.domain.models import Schedule, ScheduleKind
from bot.domain.program_file import load_program_file
from bot.storage import Database
from e2e_setup import store_programs
from story_program import story_program

COORDINATOR_ID = 7001
ZEYA = Path(__file__).resolve().parent.parent / "programs" / "zeya-shnor-2023-2024.yaml"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def clock(clock):
    clock.set(at("2023-09-29T01:00"))  # Friday 10:00 in Yakutsk
    return clock


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


async def save(bot_settings, program, clock) -> None:
    await store_programs(bot_settings, clock.now(), program)


@pytest.fixture
async def zeya(bot_settings, clock):
    await save(bot_settings, load_program_file(ZEYA), clock)


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", id=COORDINATOR_ID)


async def join(coordinator, user, label: str) -> None:
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text=label)
    link = await coordinator.next_message_containing("t.me/")
    await user.send("/start " + re.search(r"start=([\w-]+)", link.text).group(1))
    await user.next_message_containing("вы подключены")
    await user.next_message()  # the task list


async def move(clock, when: str) -> None:
    clock.set(at(when))
    await asyncio.sleep(0.7)  # a planner pass and a sender pass


async def quiet(user, seconds: float = 1.0) -> None:
    before = len(await user.bot_messages())
    await asyncio.sleep(seconds)
    after = await user.bot_messages()
    assert len(after) == before, f"unexpected: {[m.body[:80] for m in after[before:]]}"


async def test_zeya_teacher_gets_reminders_at_nine_and_nothing_after_done(zeya, e2e, sandbox, coordinator, clock):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await join(coordinator, teacher, "Якшина А.И.")
    await move(clock, "2023-10-01T23:59")  # Monday 08:59 in Yakutsk: not yet
    await quiet(teacher, 0.5)
    await move(clock, "2023-10-02T00:00")  # Monday 09:00: the period starts
    start = await teacher.next_message()
    assert "2.3 Мастер – класс" in start.text and "начинается сегодня, срок 31 октября 2023" in start.text
    await move(clock, "2023-10-24T00:00")  # Tuesday a week before
    week = await teacher.next_message()
    assert "через неделю срок (31 октября 2023)" in week.text
    await move(clock, "2023-10-30T00:00")
    assert "завтра срок (31 октября 2023)" in (await teacher.next_message()).text
    await move(clock, "2023-10-31T00:00")
    today = await teacher.next_message()
    assert "сегодня срок (31 октября 2023)" in today.text
    await teacher.press(today, text="Открыть 2.3")
    card = await teacher.wait_edit(today)
    await teacher.press(card, text="Выполнено")
    card = await teacher.wait_edit(card)
    if "Без документа" in card.button_texts:
        await teacher.press(card, text="Без документа")
        await teacher.next_message_containing("Почему без документа")
        await teacher.send("Проведён, протокол у завуча")
        await teacher.next_message_containing("Выполнено")
    await move(clock, "2023-11-01T00:00")  # the first overdue day: nothing, it is done
    await move(clock, "2023-11-07T00:00")
    await quiet(teacher)
    bodies = [m.body for m in await teacher.bot_messages()]
    assert not [b for b in bodies if "срок прошёл" in b]  # done: no overdue reminders
    assert sum("Напоминание" in b for b in bodies) == 3  # the fourth became the card the teacher opened


async def test_a_weekend_deadline_is_announced_on_friday(bot_settings, clock, e2e, sandbox, coordinator):
    program = story_program()
    first = program.activities[0]
    program.activities[0] = first.model_copy(update={"deadline": Schedule(
        kind=ScheduleKind.DATE, start=date(2023, 10, 8), end=date(2023, 10, 8), due=(date(2023, 10, 8),),
        source="до 08.10.2023")})
    await save(bot_settings, program, clock)
    teacher = await sandbox.create_user("Алла")
    await join(coordinator, teacher, "Якшина А.И.")
    await move(clock, "2023-10-06T00:00")  # Friday 09:00 before Sunday 8 October
    friday = await teacher.next_message_containing("Напоминание")
    assert "срок 8 октября 2023 приходится на выходной: сдайте сегодня" in friday.text
    assert "завтра" not in friday.text  # one message, the more urgent reminder only
    await move(clock, "2023-10-07T00:00")
    await move(clock, "2023-10-08T00:00")
    await quiet(teacher, 0.5)


async def test_after_downtime_only_the_overdue_reminder_comes(zeya, e2e, sandbox, coordinator, clock):
    teacher = await sandbox.create_user("Алла")
    await join(coordinator, teacher, "Якшина А.И.")
    await e2e.stop()  # down for a month: the start, «неделя», «завтра», «сегодня», the first overdue day pass
    clock.set(at("2023-11-02T02:00"))  # Thursday 11:00 in Yakutsk
    await e2e.start()
    reminder = await teacher.next_message_containing("Напоминание", timeout=5)
    assert "срок прошёл 31 октября 2023, просрочено на 2 дня" in reminder.text
    await quiet(teacher)
    bodies = " ".join(m.body for m in await teacher.bot_messages())
    assert "завтра срок" not in bodies and "сегодня срок" not in bodies


async def test_a_429_storm_delivers_every_reminder_once(bot_settings, clock, e2e, sandbox, emulator):
    program = story_program()
    await save(bot_settings, program, clock)
    db = await Database.open(bot_settings["database_path"])
    users = [await sandbox.create_user(f"Учитель {i}") for i in range(12)]
    try:
        from bot.storage.people import PeopleRepository

        people = PeopleRepository(db)
        async with db.read() as conn:
            party = (await conn.execute_fetchall("SELECT id FROM parties WHERE kind = 'person'"))[0][0]
        for user in users:
            person = await people.upsert_telegram(user.id, user.info["first_name"], None, now=clock.now())
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO party_bindings (person_id, party_id, created_at) VALUES (?, ?, ?)",
                                   (person.id, party, "2023-09-29T01:00:00+00:00"))
    finally:
        await db.close()
    emulator.force_429(8, retry_after=1)
    await move(clock, "2023-10-06T00:00")  # 1.1 is a week overdue
    # The retry middleware waits out what it can; what it gave up on is due again a moment
    # later, so let time pass while the storm settles.
    for _ in range(30):
        got = [any("Напоминание" in m.body for m in await user.bot_messages()) for user in users]
        if all(got):
            break
        clock.advance(timedelta(seconds=2))
        await asyncio.sleep(1)
    assert all(got)
    await asyncio.sleep(1.5)
    for user in users:
        reminders = [m for m in await user.bot_messages() if "Напоминание" in m.body]
        assert len(reminders) == 1, (user.id, [m.body for m in reminders])


async def test_a_blocked_teacher_is_reported_to_the_coordinator_once(zeya, e2e, sandbox, coordinator, clock):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await join(coordinator, teacher, "Якшина А.И.")
    await teacher.block()
    await move(clock, "2023-10-02T00:00")
    note = await coordinator.next_message_containing("Не могу доставить", timeout=5)
    assert "Алла Якшина" in note.text
    await move(clock, "2023-10-24T00:00")
    await move(clock, "2023-10-30T00:00")
    notes = [m for m in await coordinator.bot_messages() if "Не могу доставить" in m.body]
    assert len(notes) == 1


async def test_the_monday_summary_arrives_with_a_correct_report(zeya, e2e, sandbox, coordinator, clock):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await join(coordinator, teacher, "Якшина А.И.")
    await move(clock, "2023-10-09T00:00")  # Monday 9 October, 09:00 in Yakutsk
    summary = await coordinator.next_message_containing("Сводка:", timeout=5)
    assert "Данные на 9 октября 2023" in summary.text and "⏰ просрочено:" in summary.text
    report = await coordinator.next_message_containing("Отчёт по программе", timeout=5)
    workbook = load_workbook(BytesIO(await coordinator.download(report)))
    assert workbook.sheetnames == ["Сводка", "Мероприятия", "Просрочено", "Документы"]
    sheet = workbook["Мероприятия"]
    rows = {(r[1], r[6]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    masterclass = rows[("2.3", "Якшина А.И. (Алла Якшина)")]  # one person, one name (issue 12)
    assert masterclass[4] == datetime(2023, 10, 31) and masterclass[7] == "Не начато"
    assert workbook["Просрочено"].max_row > 1  # September's activities are overdue
    await move(clock, "2023-10-09T02:00")
    assert len([m for m in await coordinator.bot_messages() if "Сводка:" in m.body]) == 1


async def test_the_coordinator_changes_the_reminder_policy(bot_settings, clock, e2e, sandbox, coordinator):
    program = story_program()
    program.activities[0] = program.activities[0].model_copy(update={"deadline": Schedule(
        kind=ScheduleKind.DATE, start=date(2023, 10, 13), end=date(2023, 10, 13), due=(date(2023, 10, 13),),
        source="до 13.10.2023")})
    await save(bot_settings, program, clock)
    teacher = await sandbox.create_user("Алла")
    await join(coordinator, teacher, "Якшина А.И.")
    await coordinator.send("/reminders")
    shown = await coordinator.next_message_containing("Напоминания:")
    assert "за 7, 1 дн. и в день срока" in shown.text
    await coordinator.next_message_containing("Изменить")
    await coordinator.send("/reminders за=3 время=25:00")
    assert "Не понял «время=25:00»" in (await coordinator.next_message()).text
    await coordinator.send("/reminders за=3 время=10:00")
    saved = await coordinator.next_message_containing("Сохранено")
    assert "за 3 дн." in saved.text and "время отправки: 10:00" in saved.text
    # Let a planner pass (every 0.2 s here) re-plan with the new policy before jumping the clock: a
    # jump straight to the old 09:00 moment races the sender against the re-plan, which real time
    # (seconds between saving and a moment days away) never does.
    await asyncio.sleep(0.6)
    await move(clock, "2023-10-06T00:00")  # the default «a week before» moment: nothing now
    await move(clock, "2023-10-10T00:00")  # Tuesday 09:00: not yet, the hour is 10:00 now
    # (2.2's monthly check-in may come as a catch-up whenever a planner pass runs: only 1.1 matters)
    assert not [m for m in await teacher.bot_messages() if "через 3 дня срок" in m.body]
    await move(clock, "2023-10-10T01:00")
    reminder = await teacher.next_message_containing("через 3 дня срок")
    assert "1.1 Совещание с руководителями школ — через 3 дня срок (13 октября 2023)" in reminder.text
