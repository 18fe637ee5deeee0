"""A coordinator uploads a roadmap nobody prepared for the bot (issue 10): the review shows
the deadlines as understood with the doubtful rows first, pages through every activity,
asks for the program period when the title states none and for the timezone when the
region is unknown — with buttons, never a dead end."""

from __future__ import annotations

import pytest

from bot.storage import Database, ProgramRepository

COORDINATOR_ID = 7101

# A school plan as schools write them: no region, no period in the title, a column-number row.
NO_PERIOD = "\n".join([
    "План мероприятий по повышению качества образования МБОУ «Школа № 7»",
    "№ п/п\tМероприятие\tСроки\tОтветственные",
    "1\t2\t3\t4",
    "1.\tАнализ результатов ВПР 2024 года\tдо 15.10.2024\tЗаместитель директора по УВР",
    "2.\tПробный ОГЭ по математике\tдекабрь 2024\tРуководитель ШМО",
    "3.\tСовещание при директоре по итогам полугодия\t27.12.2024\tДиректор",
    "4.\tРодительское собрание выпускников\tмарт 2025\tКлассные руководители",
]).encode()

# Period stated, region not: the zone is asked.
NO_REGION = "\n".join([
    "Дорожная карта школы на 2024-2025 учебный год",
    "№\tМероприятие\tСрок\tОтветственный",
    *[f"{n}.\tМероприятие номер {n} по плану работы школы\tдо {n % 28 + 1:02d}.11.2024\tЗаместитель директора по УВР"
      for n in range(1, 41)],
]).encode()


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def programs(bot_settings):
    db = await Database.open(bot_settings["database_path"])
    try:
        return await ProgramRepository(db).list_programs()
    finally:
        await db.close()


async def test_a_roadmap_without_a_period_asks_for_it_with_buttons(e2e, coordinator, bot_settings):
    await coordinator.send_document(NO_PERIOD, "план школы 7.txt")
    question = await coordinator.next_message(timeout=15)
    assert "не указан период программы" in question.text and "план школы 7.txt" in question.text
    assert question.button("2024/2025 учебный год")  # the likely school year, from the deadlines
    await coordinator.press(question, text="2024/2025 учебный год")
    review = await coordinator.next_message_containing("Период: 01.09.2024 – 31.08.2025", timeout=15)
    assert "Мероприятий: 4" in review.text and "понято 4 из 4" in review.text
    await coordinator.press(review, text="Загрузить")
    await coordinator.next_message_containing("загружена")
    assert len(await programs(bot_settings)) == 1


async def test_cancelling_the_period_question_stores_nothing(e2e, coordinator, bot_settings):
    await coordinator.send_document(NO_PERIOD, "план.txt")
    question = await coordinator.next_message(timeout=15)
    await coordinator.press(question, text="Отмена")
    assert "ничего не сохранено" in (await coordinator.next_message()).text
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            assert (await conn.execute_fetchall("SELECT count(*) FROM roadmap_drafts"))[0][0] == 0
    finally:
        await db.close()
    assert await programs(bot_settings) == []
    pressed = await coordinator.press(question, data=question.button("2024/2025 учебный год")[1], forge=True)  # stale
    assert "устарел" in (await coordinator.callback_answer(pressed))["text"]


async def test_unknown_region_offers_zones_and_the_review_pages_every_activity(e2e, coordinator, bot_settings):
    await coordinator.send_document(NO_REGION, "карта.txt")
    review = await coordinator.next_message(timeout=15)
    assert "регион не распознан" in review.text and "Москва, UTC+3" in review.text
    assert len(review.text) <= 4096
    await coordinator.press(review, text="Якутск, UTC+9")
    review = await coordinator.wait_edit(review)
    assert "Часовой пояс: Якутск, UTC+9" in review.text and "регион не распознан" not in review.text
    await coordinator.press(review, text="Все мероприятия")
    page = await coordinator.wait_edit(review)
    assert "стр. 1 из" in page.text and "1 Мероприятие номер 1" in page.text and "02.11.2024" in page.text
    assert len(page.text) <= 4096
    pages = int(page.text.split("стр. 1 из ", 1)[1].split(")", 1)[0])
    seen = page.text
    for _ in range(pages - 1):
        await coordinator.press(page, text="▶️")
        page = await coordinator.wait_edit(page)
        seen += page.text
    assert "40 Мероприятие номер 40" in seen and "не понят" not in seen
    await coordinator.press(page, text="Загрузить")
    await coordinator.next_message_containing("загружена")
    (record,) = await programs(bot_settings)
    db = await Database.open(bot_settings["database_path"])
    try:
        program = await ProgramRepository(db).get_program(record.id)
    finally:
        await db.close()
    assert program.timezone == "Asia/Yakutsk"
