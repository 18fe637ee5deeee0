"""A teacher's week without detours (issue 12): «Выполнено» then the document completes the
activity in one tap plus the file; an old card cannot silently undo «Выполнено»; overdue is
red; the postponement prompt suggests a date one could really ask for."""

from __future__ import annotations

import re
from datetime import timedelta

from test_e2e_conversations import (  # noqa: F401  (fixtures)
    bot_settings,
    coordinator,
    invite,
    open_card,
    program,
)


async def test_done_then_the_document_completes_the_activity(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Выполнено")
    card = await teacher.wait_edit(card)
    assert "пришлите документ" in card.text
    await teacher.send_document(b"%PDF-1.4 protocol", "Протокол.pdf", "application/pdf")  # no «Прикрепить» tap
    assert "Принято для «Совещание с руководителями школ»" in (await teacher.next_message()).text
    assert "отмечаю «Выполнено»" in (await teacher.next_message()).text
    assert "Статус: ✅ Выполнено" in (await teacher.next_message()).text


async def test_an_old_card_asks_before_undoing_done(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    old_card = await open_card(teacher, listing, "1.1")
    await teacher.press(old_card, text="Выполнено")
    await teacher.wait_edit(old_card)
    await teacher.send_document(b"%PDF-1.4", "Протокол.pdf", "application/pdf")
    final = await teacher.next_message_containing("Статус: ✅ Выполнено")
    await teacher.press(old_card, data=old_card.button("В работе")[1], forge=True)  # the stale card's button
    ask = await teacher.next_message_containing("уже выполнено")
    assert "файлов: 1" in ask.text
    await teacher.press(ask, text="Оставить выполненным")
    kept = await teacher.wait_edit(ask)
    assert not kept.buttons  # the question is closed
    await teacher.send("/tasks")
    assert "Ваши мероприятия" in (await teacher.next_message_containing("Ваши мероприятия")).text
    await teacher.press(final, text="Файлы")  # still done, the file is still there
    assert await teacher.download(await teacher.next_message()) == b"%PDF-1.4"
    await teacher.press(kept, data=ask.button("Вернуть в работу")[1], forge=True)  # changed one's mind later
    card = await teacher.wait_edit(kept)  # the question becomes the card
    assert "Статус: 🟡 В работе" in card.text


async def test_overdue_is_red_and_the_postponement_example_is_ahead(program, e2e, sandbox, coordinator, clock):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    clock.advance(timedelta(days=30))  # 1.1 was due on 29.09.2023
    await teacher.send("/tasks")
    listing = await teacher.next_message_containing("Ваши мероприятия")
    line = next(l for l in listing.text.splitlines() if "1.1 " in l)
    assert line.startswith("🟥")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Перенести")
    prompt = (await teacher.next_message()).text
    assert re.search(r"(\d\d)\.(\d\d)\.(\d{4})", prompt), prompt
    day, month, year = map(int, re.search(r"(\d\d)\.(\d\d)\.(\d{4})", prompt).groups())
    today = (clock.now() + timedelta(hours=9)).date()
    assert (year, month, day) > (today.year, today.month, today.day)


async def test_a_postponement_past_the_programs_end_is_warned_about(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    listing = await invite(coordinator, teacher, "Якшина А.И.")
    card = await open_card(teacher, listing, "1.1")
    await teacher.press(card, text="Перенести")
    await teacher.next_message()
    await teacher.send("15.10.2024")  # the program ends on 31.08.2024
    warning = await teacher.next_message()
    assert "позже окончания программы (31 августа 2024)" in warning.text
    assert "Почему нужен перенос" in (await teacher.next_message()).text


async def test_free_text_at_a_button_question_points_at_the_buttons(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send_document(b"%PDF-1.4", "отчёт.pdf", "application/pdf")  # no context: «К какому…?»
    assert "мероприяти" in (await teacher.next_message()).text
    await teacher.send("2.3")
    assert "кнопкой в сообщении выше" in (await teacher.next_message()).text
    from bot.importing.template import roadmap_template

    await coordinator.send_document(roadmap_template("Дорожная карта школы № 3 на 2023-2024 учебный год"), "карта.xlsx")
    await coordinator.next_message_containing("Мероприятий:", timeout=15)
    await coordinator.send("да")
    assert "«Загрузить» или «Отмена»" in (await coordinator.next_message()).text


async def test_the_join_message_ends_with_one_dot_after_initials(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    joined = next(m for m in await teacher.bot_messages() if "вы подключены" in m.text)
    assert joined.text.endswith("как Якшина А.И.") and ".." not in joined.text


async def test_all_links_skip_connected_people_unless_asked(program, e2e, sandbox, coordinator):
    """Issue 12: reissuing every link would replace a connected person's link; it asks first."""
    teacher = await sandbox.create_user("Алла")
    await invite(coordinator, teacher, "Якшина А.И.")
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="Все ссылки одним файлом")
    workbook = await coordinator.next_message_containing("Личные ссылки-приглашения")
    assert "уже подключённой записи ссылка не выпускалась" in workbook.caption
    await coordinator.press(workbook, text="Выпустить ссылки и для подключённых")
    again = await coordinator.next_message_containing("Личные ссылки-приглашения")
    assert "не выпускалась" not in again.caption
