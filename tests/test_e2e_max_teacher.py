"""The teacher's core story on both messengers (issue 14): the same bot process polls Telegram
and MAX; an invite made by the Telegram coordinator works on either; the task list, the card,
«В работе», «Выполнено» → the document completes it; the coordinator's /summary counts it.
Every MAX request and answer is checked against the MAX OpenAPI description."""

from __future__ import annotations

import asyncio
import re

import pytest

from channel_users import CHANNELS, MAX_TOKEN, ChannelUsers  # noqa: F401
from channel_users import max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401  (fixtures)
from test_e2e_conversations import COORDINATOR_ID, coordinator, program  # noqa: F401  (fixtures)


@pytest.fixture
def bot_settings(bot_settings, max_emulator):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["max_bot_token"] = MAX_TOKEN
    bot_settings["max_api_url"] = max_emulator.base_url
    return bot_settings


@pytest.fixture(params=CHANNELS)
def people(request, sandbox, max_users) -> ChannelUsers:
    return ChannelUsers(request.param, sandbox, max_users)


async def invite_token(coordinator, label: str) -> str:
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text=label)
    link = await coordinator.next_message_containing("t.me/")
    return re.search(r"start=([A-Za-z0-9_-]+)", link.text).group(1)


async def join(coordinator, teacher, label: str):
    await teacher.follow_invite(await invite_token(coordinator, label))
    joined = await teacher.next_message()
    assert "вы подключены" in joined.text, joined.text
    return await teacher.next_message()  # the task list


async def test_the_teachers_story_on_each_messenger(program, max_checked, e2e, people, coordinator):
    teacher = await people.create_user("Алла", last_name="Якшина")
    listing = await join(coordinator, teacher, "Якшина А.И.")
    assert "Ваши мероприятия: 2 открытых" in listing.text
    assert "1.1 Совещание с руководителями школ — до 29 сентября 2023, через 9 дней" in listing.text

    await teacher.send("/tasks")
    listing = await teacher.next_message_containing("Ваши мероприятия")
    await teacher.press(listing, text="1.1")
    card = await teacher.wait_edit(listing)
    assert "Ожидаемый результат: Протокол совещания" in card.text

    await teacher.press(card, text="В работе")
    card = await teacher.wait_edit(card)
    assert "Статус: 🟡 В работе" in card.text

    await teacher.press(card, text="Выполнено")
    card = await teacher.wait_edit(card)
    assert "пришлите документ" in card.text and "Без документа" in card.button_texts

    await teacher.send_document(b"%PDF-1.4 protocol", "Протокол №1.pdf", "application/pdf")
    assert "Принято для «Совещание с руководителями школ»: 1 файл" in (await teacher.next_message()).text
    assert "отмечаю «Выполнено»" in (await teacher.next_message()).text
    final = await teacher.next_message()
    assert "Статус: ✅ Выполнено" in final.text and "Документы: 1 файл" in final.text

    await teacher.press(final, text="Файлы")  # the file comes back on the channel it was sent from
    assert await teacher.download(await teacher.next_message()) == b"%PDF-1.4 protocol"

    await coordinator.send("/summary")
    summary = await coordinator.next_message_containing("Сводка:")
    assert "✅ выполнено: 1 из 9" in summary.text
    assert "Документы за неделю: 1 файл" in summary.text and "Протокол №1.pdf" in summary.text


async def test_a_problem_with_a_comment_reaches_the_coordinator(program, max_checked, e2e, people, coordinator):
    teacher = await people.create_user("Алла", last_name="Якшина")
    listing = await join(coordinator, teacher, "Якшина А.И.")
    await teacher.press(listing, text="1.1")
    card = await teacher.wait_edit(listing)
    await teacher.press(card, text="Проблема")
    assert "Опишите проблему" in (await teacher.next_message()).text  # the question waits in SQLite, per channel
    await teacher.send("Нет помещения для совещания")
    assert "координатор уведомлён" in (await teacher.next_message()).text
    assert "Статус: 🔴 Проблема" in (await teacher.next_message()).text
    note = await coordinator.next_message_containing("Проблема", timeout=5)
    assert "Алла Якшина" in note.text and "Нет помещения для совещания" in note.text


async def test_an_old_card_asks_before_undoing_done(program, max_checked, e2e, people, coordinator):
    teacher = await people.create_user("Алла")
    listing = await join(coordinator, teacher, "Якшина А.И.")
    await teacher.press(listing, text="2.2")  # no document expected: «Выполнено» completes it at once
    old_card = await teacher.wait_edit(listing)
    await teacher.send("/tasks")
    second = await teacher.next_message_containing("Ваши мероприятия")
    await teacher.press(second, text="2.2")
    card = await teacher.wait_edit(second)
    await teacher.press(card, text="Выполнено")
    assert "Статус: ✅ Выполнено" in (await teacher.wait_edit(card)).text
    await teacher.press(old_card, text="В работе")  # the old card still says «не начато»
    ask = await teacher.next_message_containing("уже выполнено")
    await teacher.press(ask, text="Оставить выполненным")
    assert not (await teacher.wait_edit(ask)).buttons


async def test_one_invite_one_person_across_messengers(program, max_checked, e2e, sandbox, max_users, coordinator):
    token = await invite_token(coordinator, "Якшина А.И.")
    on_telegram = await sandbox.create_user("Алла")
    await on_telegram.send(f"/start {token}")
    assert "вы подключены" in (await on_telegram.next_message()).text
    on_max = await max_users.create_user("Не Алла")
    await on_max.start(token)
    assert "уже использована" in (await on_max.next_message()).text
    await on_max.send("/tasks")
    assert "Ваши мероприятия" not in (await on_max.next_message()).text  # nothing was bound


async def test_forged_and_stale_presses_on_max(program, max_checked, e2e, max_users, coordinator):
    from channel_users import ChannelUser

    teacher = ChannelUser("max", await max_users.create_user("Алла"))
    listing = await join(coordinator, teacher, "Якшина А.И.")
    for forged in ("tc:99999", "ta:1:nope", "xx", "tc:-1", "ta:" + "9" * 30 + ":done"):
        callback_id = await teacher.press(listing, payload=forged, forge=True)
        answer = await teacher.callback_answer(callback_id)
        assert answer["answered"] and answer["notification"], (forged, answer)
    assert (await teacher.message(listing.mid)).version == listing.version  # nothing was edited


async def test_files_without_context_and_the_gate(program, max_checked, e2e, people, coordinator):
    teacher = await people.create_user("Алла")
    await join(coordinator, teacher, "Якшина А.И.")
    await teacher.send_document(b"MZ\x90\x00 program", "отчёт.pdf.exe", "application/octet-stream")
    assert "похож на программу" in (await teacher.next_message()).text
    await teacher.send_document(b"MZ\x90\x00 program", "отчёт.pdf", "application/pdf")  # renamed: by content
    assert "похож на программу" in (await teacher.next_message()).text
    await teacher.send_photo(b"\xff\xd8\xff\xe0 a photo of the minutes")
    question = await teacher.next_message()
    assert "Получено: 1 файл" in question.text
    await teacher.press(question, text="1.1")
    done = await teacher.wait_edit(question)
    assert "Принято для «Совещание с руководителями школ»: 1 файл" in done.text and not done.buttons
    card = await teacher.next_message()
    assert "Документы: 1 файл" in card.text


async def test_too_big_for_max_is_refused_after_at_most_the_limit(program, max_checked, e2e, max_users, coordinator):
    from channel_users import ChannelUser

    teacher = ChannelUser("max", await max_users.create_user("Алла"))
    await join(coordinator, teacher, "Якшина А.И.")
    await teacher.send_photo(b"\xff\xd8" + b"\x00" * (20 * 1024 * 1024 + 10))  # an image: MAX states no size
    refusal = await teacher.next_message(timeout=15)
    assert "больше 20 МБ" in refusal.text and "Telegram" not in refusal.text


async def test_several_files_in_one_max_message_are_one_answer(program, max_checked, e2e, max_users, coordinator):
    """A MAX message may carry several files (the user API sends one; the update is built here)."""
    from bot.sandbox.max_messages import file_attachment
    from channel_users import ChannelUser

    teacher = ChannelUser("max", await max_users.create_user("Алла"))
    await join(coordinator, teacher, "Якшина А.И.")
    uploads = [max_checked.uploads.add("file", f"%PDF-1.4 часть {i}".encode(), f"часть {i}.pdf", "application/pdf")
               for i in range(3)]
    max_checked.user_message(max_checked.users[teacher.user_id], None,
                             [file_attachment(u, max_checked.base_url) for u in uploads])
    question = await teacher.next_message()
    for _ in range(20):
        question = await teacher.message(question.mid)
        if "Получено: 3 файла" in question.text:
            break
        await asyncio.sleep(0.1)
    assert "Получено: 3 файла" in question.text
    assert len([m for m in await teacher.bot_messages() if "Получено" in m.body]) == 1
    await teacher.press(question, text="1.1")
    done = await teacher.wait_edit(question)
    assert "Принято для «Совещание с руководителями школ»: 3 файла" in done.text


async def test_a_postponement_request_and_cancel(program, max_checked, e2e, people, coordinator):
    teacher = await people.create_user("Алла")
    listing = await join(coordinator, teacher, "Якшина А.И.")
    await teacher.press(listing, text="1.1")
    card = await teacher.wait_edit(listing)
    await teacher.press(card, text="Перенести срок")
    assert "На какую дату" in (await teacher.next_message()).text
    await teacher.send("/cancel")
    assert "Действие отменено" in (await teacher.next_message()).text
    await teacher.press(card, text="Перенести срок")
    await teacher.next_message_containing("На какую дату")
    await teacher.send("13 октября")
    assert "Почему нужен перенос на 13 октября 2023" in (await teacher.next_message()).text
    await teacher.send("Директор в отпуске")
    assert "Запрос отправлен: перенос на 13 октября 2023" in (await teacher.next_message()).text
    await coordinator.next_message_containing("Директор в отпуске", timeout=5)
