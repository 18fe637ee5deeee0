"""People's stories through the emulator: invite → /tasks → done with a protocol,
albums, problems, postponements, forged buttons, big files, a restart mid-question."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.storage import Database, ProgramRepository
from e2e_setup import store_programs
from story_program import story_program

COORDINATOR_ID = 7001


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), story_program())


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def invite(coordinator, teacher, label: str):
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text=label)
    link = await coordinator.next_message_containing("t.me/")
    token = re.search(r"start=([A-Za-z0-9_-]+)", link.text).group(1)
    await teacher.send(f"/start {token}")
    joined = await teacher.next_message()
    assert "вы подключены" in joined.text, joined.text
    return await teacher.next_message()  # the task list


async def open_card(user, listing, number: str):
    await user.press(listing, text=number)
    return await user.wait_edit(listing)


async def test_an_invite_leads_to_the_first_tasks(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    tasks = await invite(coordinator, teacher, "Якшина А.И.")
    assert "Ваши мероприятия: 2 открытых" in tasks.text
    assert "1.1 Совещание с руководителями школ — до 29 сентября 2023, через 9 дней" in tasks.text
    # the same link again: a friendly answer, not an error
    await coordinator.send("/people")
    people = await coordinator.next_message_containing("Участники")
    assert "✅ Якшина А.И. (Алла Якшина)" in people.text
    # by school, joined and not joined, gender-neutral (issue 12)
    assert "Подключились: 1 из 5" in people.text
    assert "МОАУ СОШ № 1\n⏳ Руководитель ОО — ещё не в боте" in people.text


async def test_done_with_a_protocol_upload(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    assert "Ожидаемый результат: Протокол совещания" in card.text
    await teacher.press(card, text="Выполнено")
    card = await teacher.wait_edit(card)
    assert "пришлите документ" in card.text and "Без документа" in card.button_texts
    await teacher.press(card, text="Прикрепить документ")
    assert "Пришлите документ (Протокол совещания)" in (await teacher.next_message()).text
    await teacher.send_document(b"%PDF-1.4 protocol", "Протокол №1.pdf", "application/pdf")
    assert "Принято для «Совещание с руководителями школ»: 1 файл" in (await teacher.next_message()).text
    assert "отмечаю «Выполнено»" in (await teacher.next_message()).text
    final = await teacher.next_message()
    assert "Статус: ✅ Выполнено" in final.text and "Документы: 1 файл" in final.text
    await teacher.press(final, text="Файлы")
    resent = await teacher.next_message()
    assert await teacher.download(resent) == b"%PDF-1.4 protocol"


async def test_an_album_is_one_submission(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_album([(bytes([i]) * 100, f"фото{i}.jpg", "image/jpeg") for i in range(3)])
    question = await teacher.next_message()
    await asyncio.sleep(0.3)
    question = await teacher.message(question.message_id)
    assert "Получено: 3 файла" in question.text
    assert len([m for m in await teacher.bot_messages() if "Получено" in m.body]) == 1
    await teacher.press(question, text="1.1")
    done = await teacher.wait_edit(question)
    assert "Принято для «Совещание с руководителями школ»: 3 файла" in done.text


async def test_a_problem_reaches_the_coordinator(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Проблема")
    assert "Опишите проблему" in (await teacher.next_message()).text
    await teacher.send("Нет помещения для совещания")
    assert "координатор уведомлён" in (await teacher.next_message()).text
    note = await coordinator.next_message_containing("Проблема", timeout=5)
    assert "Якшина А.И. (Алла Якшина)" in note.text and "Нет помещения для совещания" in note.text  # one name


async def test_a_postponement_approved_shows_the_new_date(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Перенести срок")
    assert "На какую дату" in (await teacher.next_message()).text
    await teacher.send("10.09.2023")
    assert "уже прошла" in (await teacher.next_message()).text
    await teacher.send("13 октября")
    assert "Почему нужен перенос на 13 октября 2023" in (await teacher.next_message()).text
    await teacher.send("Директора на курсах")
    assert "Запрос отправлен" in (await teacher.next_message()).text
    request = await coordinator.next_message_containing("Запрос на перенос")
    assert "Якшина А.И. (Алла)" in request.text  # the roadmap's name and the Telegram name, as everywhere
    await coordinator.press(request, text="Одобрить")
    decided = await coordinator.wait_edit(request)
    assert "Перенос одобрен" in decided.text
    await coordinator.press(decided, data=request.button("Отклонить")[1], forge=True)  # a stale second tap
    note = await teacher.next_message_containing("одобрил перенос")
    assert "13 октября 2023" in note.text
    await teacher.send("/tasks")
    tasks = await teacher.next_message_containing("Ваши мероприятия")
    assert "до 13 октября 2023, через 23 дня (перенесён с 29 сентября 2023)" in tasks.text


async def test_a_forged_callback_is_refused(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    head = await sandbox.create_user("Пётр")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    own = await invite(coordinator, head, "Руководитель ОО — МОАУ СОШ № 1")
    foreign_data = listing.button("1.1")[1]
    callback = await head.press(own, data=foreign_data, forge=True)
    answer = await head.callback_answer(callback)
    assert answer["text"] == "Нет доступа: это мероприятие не из ваших." and answer["show_alert"]
    status_data = foreign_data.replace("tc:", "ta:") + ":done"
    answer = await head.callback_answer(await head.press(own, data=status_data, forge=True))
    assert "Нет доступа" in answer["text"]
    card = await open_card(teacher, listing, "1.1")
    assert "Статус: ⚪ Не начато" in card.text


async def test_a_25_mb_file_is_refused_politely(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_document(b"0" * (25 * 1024 * 1024), "скан.pdf", "application/pdf")
    reply = await teacher.next_message(timeout=10)
    assert "больше 20 МБ" in reply.text and "скан.pdf" in reply.text


async def test_a_restart_mid_conversation_is_resumed(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Проблема")
    await teacher.next_message()
    await e2e.restart()
    await teacher.send("Заболел докладчик")
    assert "координатор уведомлён" in (await teacher.next_message()).text


async def test_double_tap_changes_the_status_once(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "2.2")
    first = await teacher.press(card, text="В работе")
    second = await teacher.press(card, text="В работе")
    assert "В работе" in (await teacher.callback_answer(first))["text"]
    assert "уже «В работе»" in (await teacher.callback_answer(second))["text"]
    card = await teacher.wait_edit(card)
    await teacher.press(card, text="История")
    history = await teacher.next_message_containing("История")
    assert history.text.count("Не начато → В работе") == 1


async def test_the_coordinator_loads_a_roadmap_from_an_xlsx(e2e, sandbox, coordinator, bot_settings):
    from bot.importing.template import roadmap_template

    await coordinator.send("/template")
    template = await coordinator.next_message()
    assert template.document["file_name"] == "шаблон дорожной карты.xlsx"
    content = roadmap_template("Дорожная карта школы № 3 на 2023-2024 учебный год")
    await coordinator.send_document(content, "карта.xlsx")
    review = await coordinator.next_message(timeout=10)
    assert "Дорожная карта школы № 3" in review.text and "Мероприятий: 2" in review.text
    await coordinator.press(review, text="Загрузить")
    loaded = await coordinator.next_message_containing("загружена")
    assert "2 мероприятия" in loaded.text
    await coordinator.send("/programs")
    programs = (await coordinator.next_message_containing("Ваши программы")).text
    assert "Дорожная карта школы № 3" in programs and "Москва, UTC+3" in programs  # a city, not «Europe/Moscow»


async def test_a_corrupt_roadmap_is_rejected_and_nothing_is_stored(e2e, sandbox, coordinator, bot_settings):
    await coordinator.send_document(b"PK\x03\x04 broken", "карта.xlsx")
    reply = await coordinator.next_message(timeout=10)
    assert "Не получилось прочитать «карта.xlsx»" in reply.text and "Ничего не сохранено" in reply.text
    db = await Database.open(bot_settings["database_path"])
    try:
        assert await ProgramRepository(db).list_programs() == []
    finally:
        await db.close()


async def test_the_coordinator_fixes_a_deadline_and_reassigns_an_activity(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    deputy = await sandbox.create_user("Борис")
    await invite(coordinator, deputy, "Муниципальный координатор")
    await coordinator.send("/activity 1.1")
    card = await coordinator.next_message_containing("Совещание с руководителями школ")
    assert "Алла" in card.text and "Сдали: 0 из 1" in card.text
    await coordinator.press(card, text="Исправить срок")
    assert "Срок сейчас: «до 29.09.2023»" in (await coordinator.next_message()).text
    await coordinator.send("по согласованию")
    assert "не удалось понять" in (await coordinator.next_message()).text
    await coordinator.send("До 13.10.2023")
    assert "теперь: до 13 октября 2023" in (await coordinator.next_message()).text
    await teacher.send("/tasks")
    assert "1.1 Совещание с руководителями школ — до 13 октября 2023" in (
        await teacher.next_message_containing("Ваши мероприятия")).text
    await coordinator.press(card, text="Назначить ответственного")
    pick = await coordinator.next_message_containing("Кому поручить")
    await coordinator.press(pick, text="Борис")
    assert "поручено: Муниципальный координатор (Борис)" in (await coordinator.wait_edit(pick)).text
    await deputy.send("/tasks")
    assert "1.1 Совещание" in (await deputy.next_message_containing("Ваши мероприятия")).text
    await teacher.send("/tasks")
    assert "1.1 Совещание" not in (await teacher.next_message_containing("Ваши мероприятия")).text


async def test_the_coordinator_chooses_the_schools(program, e2e, sandbox, coordinator):
    await coordinator.send("/schools")
    menu = await coordinator.next_message_containing("Школы программы")
    assert menu.button_texts == ["✅ МОАУ СОШ № 1", "✅ МОАУ СОШ № 2", "✅ МОАУ Лицей № 3"]
    await coordinator.press(menu, text="МОАУ СОШ № 2")
    menu = await coordinator.wait_edit(menu)
    assert "➖ МОАУ СОШ № 2" in menu.button_texts
    await coordinator.send("/addschool МОАУ ООШ № 9")
    assert "добавлена" in (await coordinator.next_message_containing("МОАУ ООШ № 9")).text
    await coordinator.send("/invite")
    invites = await coordinator.next_message_containing("Приглашения")
    labels = " ".join(invites.button_texts)
    assert "Руководитель ОО — МОАУ ООШ № 9" in labels and "МОАУ СОШ № 2" not in labels


async def test_overdue_forwarded_files_and_programs_refused_politely(program, e2e, sandbox, coordinator, clock):
    from datetime import timedelta

    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_document(b"MZ\x90\x00 program", "отчёт.pdf", "application/pdf")
    assert "похож на программу" in (await teacher.next_message()).text
    await teacher.forward_document(b"%PDF forwarded", "пересланный протокол.pdf", "application/pdf")
    question = await teacher.next_message()
    assert "Получено: 1 файл" in question.text
    await teacher.press(question, text="1.1")
    assert "Принято" in (await teacher.wait_edit(question)).text
    assert "Документы: 1 файл" in (await teacher.next_message()).text  # the card follows
    clock.advance(timedelta(days=14))  # 4 October: «до 29 сентября» is 5 days overdue in Yakutsk
    await coordinator.send("/overdue")
    overdue = await coordinator.next_message_containing("Просрочено")
    assert "• 1.1 Совещание с руководителями школ — 1 срок, с 29.09.2023" in overdue.text  # grouped (issue 12)
    await coordinator.press(overdue, text="1.1 Совещание с руководителями школ")
    activity = await coordinator.next_message_containing("Ожидаемый результат")  # who and which date: /activity 1.1
    assert "29 сентября 2023" in activity.text and "Алла Якшина" in activity.text
    await teacher.send("просто текст")
    await teacher.next_message_containing("/tasks")  # a reminder for the overdue 1.1 may come first


async def test_summary_and_export_on_request(program, e2e, sandbox, coordinator):
    import zipfile
    from io import BytesIO

    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Прикрепить документ")
    await teacher.next_message()
    await teacher.send_document(b"%PDF protocol", "Протокол №1.pdf", "application/pdf")
    await teacher.next_message_containing("Принято")
    await coordinator.send("/summary")
    summary = await coordinator.next_message_containing("Сводка:")
    assert "Документы за неделю</b>" not in summary.text  # HTML is rendered, not shown
    assert "Документы за неделю: 1 файл" in summary.text and "Протокол №1.pdf" in summary.text
    report = await coordinator.next_message_containing("Отчёт по программе")
    assert report.document["file_name"].endswith(".xlsx")
    await coordinator.send("/export")
    archive = await coordinator.next_message_containing("Архив документов")
    names = zipfile.ZipFile(BytesIO(await coordinator.download(archive))).namelist()
    assert "1.1 Совещание с руководителями школ/общее/Протокол №1.pdf" in names and "Опись.xlsx" in names
