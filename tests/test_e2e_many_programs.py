"""Issue 12 «Many programs»: a coordinator of six programs reaches each of them — the newest
too — by /summary, /export, /activity, /reminders; the chosen program is remembered (a restart
too); «Все программы» is one message and one file."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from bot.storage import Database, ProgramRepository
from story_program import story_program

COORDINATOR_ID = 7001
CITIES = ["Зея", "Тында", "Свободный", "Шимановск", "Белогорск", "Райчихинск"]  # saved in this order: the last is newest


def title(city: str) -> str:
    return f"Программа поддержки ШНОР {city} на 2023–2024 учебный год"


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def programs(bot_settings, clock):
    bot_settings["data_dir"].mkdir(parents=True, exist_ok=True)
    db = await Database.open(bot_settings["database_path"])
    try:
        for index, city in enumerate(CITIES, start=1):
            await ProgramRepository(db).save_program(
                story_program(title=title(city), municipality=f"г. {city}"), now=clock.now(), slug=f"program-{index}")
    finally:
        await db.close()


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def pick(user, city: str):
    question = await user.next_message_containing("программ")
    assert len([b for b in question.button_texts if b.lstrip("✅ ").startswith("г. ")]) == len(CITIES)
    await user.press(question, text=f"г. {city} —")
    assert f"Программа: г. {city}" in (await user.wait_edit(question)).text
    return question


async def test_the_coordinator_reaches_each_of_six_programs(programs, e2e, coordinator):
    # The first command that needs a program asks; the newest (sixth) program is one of the buttons.
    await coordinator.send("/summary")
    question = await coordinator.next_message_containing("Какая программа")
    assert "📚 Все программы" in question.button_texts
    await coordinator.press(question, text="г. Райчихинск —")
    summary = await coordinator.next_message_containing("Сводка:")
    assert title("Райчихинск") in summary.text and "🔁 Сменить программу" in summary.button_texts
    report = await coordinator.next_message_containing("Отчёт по программе")
    assert report.document["file_name"] == "сводка Райчихинск 2023-09-20.xlsx"
    assert "Программа: г. Райчихинск" in report.body and "/program" in report.body
    # …and is remembered: the next commands do not ask.
    await coordinator.send("/activity 1.1")
    activity = await coordinator.next_message_containing("Совещание с руководителями школ")
    assert title("Райчихинск") in activity.text and "Программа: г. Райчихинск" in activity.text

    for city in CITIES:
        await coordinator.send("/program")
        await pick(coordinator, city)
        await coordinator.send("/summary")
        assert title(city) in (await coordinator.next_message_containing("Сводка:")).text
        report = await coordinator.next_message_containing("Отчёт по программе")
        assert report.document["file_name"] == f"сводка {city} 2023-09-20.xlsx"
        await coordinator.send("/export")
        assert title(city) in (await coordinator.next_message_containing("нет документов")).text
        await coordinator.send("/activity 2.1")
        activity = await coordinator.next_message_containing("Мониторинг посещаемости")
        assert title(city) in activity.text
        await coordinator.send("/overdue")
        overdue = await coordinator.next_message_containing("Просрочен")
        assert f"Программа: г. {city}" in overdue.text and "🔁 Сменить программу" in overdue.button_texts
        await coordinator.send("/reminders")
        assert title(city) in (await coordinator.next_message_containing("Напоминания:")).text
        usage = await coordinator.next_message_containing("Изменить")
        assert f"Программа: г. {city}" in usage.text and "🔁 Сменить программу" in usage.button_texts

    # «🔁 Сменить программу» is one tap, and the command goes on for the new program.
    await coordinator.press(usage, text="🔁 Сменить программу")
    await pick(coordinator, "Тында")
    assert title("Тында") in (await coordinator.next_message_containing("Напоминания:")).text
    await coordinator.send("/addschool МОАУ ООШ № 9")
    assert title("Тында") in (await coordinator.next_message_containing("добавлена")).text
    await coordinator.send("/schools")
    schools = await coordinator.next_message_containing("Школы программы")
    assert title("Тында") in schools.text and "✅ МОАУ ООШ № 9" in schools.button_texts

    # The choice survives a restart of the bot.
    await e2e.restart()
    await coordinator.send("/summary")
    assert title("Тында") in (await coordinator.next_message_containing("Сводка:")).text


async def test_all_programs_is_one_message_and_one_file(programs, e2e, coordinator):
    await coordinator.send("/summary")
    question = await coordinator.next_message_containing("Какая программа")
    before = {m.message_id for m in await coordinator.bot_messages()}
    await coordinator.press(question, text="Все программы")
    report = await coordinator.next_message_containing("Отчёт по всем программам")
    assert report.document["file_name"] == "сводка все программы 2023-09-20.xlsx"
    new = [m for m in await coordinator.bot_messages() if m.message_id not in before]
    texts = [m for m in new if m.document is None]
    assert len(texts) == 1 and len(new) == 2  # one message, one file (the picker is edited, not resent)
    text = texts[0].text
    assert text.startswith("Сводка по всем программам (6)") and len(text) <= 4096
    assert all(f"г. {city} —" in text for city in CITIES)
    workbook = load_workbook(BytesIO(await coordinator.download(report)))
    assert workbook.sheetnames[0] == "Программы" and len(workbook.sheetnames) == 1 + len(CITIES)
    assert all(name.startswith("Сводка ") for name in workbook.sheetnames[1:])
    # «Все программы» is not remembered as the current program: the next /summary asks again…
    await coordinator.send("/export")
    question = await coordinator.next_message_containing("Какая программа")
    assert "📚 Все программы" in question.button_texts
    # …and /export все is the explicit way too.
    await coordinator.send("/export все")
    assert "пока нет документов" in (await coordinator.next_message_containing("документов")).text
