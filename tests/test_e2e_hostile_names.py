"""Names that look like HTML — file names, people's names, schools — are shown literally
and never break a message: the emulator refuses bad markup as Telegram does («can't parse
entities»), and the `e2e` fixture fails a test on any exception left unhandled in a handler."""

from __future__ import annotations

import pytest

from bot.storage import Database
from e2e_setup import store_programs
from story_program import story_program
from test_e2e_conversations import COORDINATOR_ID, invite, open_card

HOSTILE_FILE = "<b>отчёт</b>&<i>.pdf"
HOSTILE_SCHOOL = "Школа <№ 5> & Co"


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), story_program(organizations=[HOSTILE_SCHOOL, "МОАУ СОШ № 2"]))


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


async def submit(teacher, content: bytes, name: str, kind: str = "document"):
    """Sends one file outside any flow and files it under 1.1."""
    if kind == "photo":
        await teacher.send_photo(content, name)
    else:
        await teacher.send_document(content, name, "application/pdf")
    question = await teacher.next_message_containing("Получено")
    await teacher.press(question, text="1.1")
    assert "Принято" in (await teacher.wait_edit(question)).text


async def stored_names(bot_settings) -> str:
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            rows = await conn.execute_fetchall("SELECT file_name FROM evidence_files ORDER BY received_at, id")
    finally:
        await db.close()
    return "\n".join(r[0] for r in rows)


async def coordinator_files(coordinator, count: int):
    """The coordinator opens 1.1 through /activity, then the teacher's card, and presses «Файлы»."""
    await coordinator.send("/activity 1.1")
    activity = await coordinator.next_message_containing("Совещание с руководителями школ")
    await coordinator.press(activity, data=activity.buttons[-1][0][1])  # the only task's card
    card = await coordinator.wait_edit(activity)
    assert "Документы:" in card.text, card.text
    await coordinator.press(card, text="Файлы")
    return [await coordinator.next_message() for _ in range(count)]


async def test_a_file_name_with_html_is_shown_literally(program, e2e, sandbox, coordinator, bot_settings):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    await submit(teacher, b"%PDF-1.4 hostile", HOSTILE_FILE)
    (resent,) = await coordinator_files(coordinator, 1)
    assert resent.document is not None and resent.document["file_name"] == HOSTILE_FILE
    # literally the name the bot stored (the incoming-file gate may make it safe for a disk), no bold or italics
    assert resent.caption == f"{await stored_names(bot_settings)} — Якшина А.И. (Алла Якшина)"
    assert "&" in resent.caption
    assert not resent.raw.get("caption_entities")
    assert await coordinator.download(resent) == b"%PDF-1.4 hostile"


@pytest.mark.parametrize("first_name,last_name", [("<script>", None), ("Анна", "<b>")])
async def test_a_sender_named_like_markup_reaches_the_coordinator(program, e2e, sandbox, coordinator,
                                                                  first_name, last_name):
    extra = {"last_name": last_name} if last_name else {}
    teacher = await sandbox.create_user(first_name, **extra)
    name = f"{first_name} {last_name}" if last_name else first_name
    await invite(coordinator, teacher, "Якшина А.И.")
    await submit(teacher, b"%PDF protocol", "Протокол.pdf")
    # the coordinator's notes: a problem report and the participants' list
    await teacher.send("/tasks")
    card = await open_card(teacher, await teacher.next_message_containing("Ваши мероприятия"), "1.1")
    await teacher.press(card, text="Проблема")
    await teacher.next_message_containing("Опишите проблему")
    await teacher.send("Нет <помещения> & проектора")
    await teacher.next_message_containing("координатор уведомлён")
    note = await coordinator.next_message_containing("Проблема", timeout=5)
    assert name in note.text and "Нет <помещения> & проектора" in note.text
    await coordinator.send("/people")
    people = await coordinator.next_message_containing("Участники")
    assert f"✅ Якшина А.И. ({name})" in people.text
    # the resend of the file
    (resent,) = await coordinator_files(coordinator, 1)
    assert resent.caption == f"Протокол.pdf — Якшина А.И. ({name})"
    assert await coordinator.download(resent) == b"%PDF protocol"


async def test_a_school_named_like_markup_lists_the_tasks(program, e2e, sandbox, coordinator):
    head = await sandbox.create_user("Пётр")
    listing = await invite(coordinator, head, f"Руководитель ОО — {HOSTILE_SCHOOL}")
    assert "1.2 Разработка программы развития школы" in listing.text
    await head.send("/tasks")
    tasks = await head.next_message_containing("Ваши мероприятия")
    assert f"· {HOSTILE_SCHOOL}" in tasks.text
    card = await open_card(head, tasks, "1.2")
    assert f"Организация: {HOSTILE_SCHOOL}" in card.text


async def test_files_are_resent_by_their_type(program, e2e, sandbox, coordinator):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    await submit(teacher, b"\xff\xd8 photo bytes", "photo.jpg", "photo")
    await submit(teacher, b"%PDF protocol", "Протокол.pdf")
    photo, document = await coordinator_files(coordinator, 2)
    assert photo.photo is not None and photo.document is None
    assert photo.caption.endswith(" — Якшина А.И. (Алла Якшина)")
    assert await coordinator.download(photo) == b"\xff\xd8 photo bytes"
    assert document.document is not None and document.document["file_name"] == "Протокол.pdf"
    assert await coordinator.download(document) == b"%PDF protocol"


async def test_several_documents_and_photos_go_as_albums(program, e2e, sandbox, coordinator, bot_settings):
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    for content, name, kind in [(b"\xff\xd8 one", "a.jpg", "photo"), (b"%PDF one", "1.pdf", "document"),
                                (b"\xff\xd8 two", "b.jpg", "photo"), (b"%PDF <two>", "<2>.pdf", "document")]:
        await submit(teacher, content, name, kind)
    received = await coordinator_files(coordinator, 4)
    photos = [m for m in received if m.photo is not None]
    documents = [m for m in received if m.document is not None]
    assert len(photos) == 2 and len(documents) == 2
    assert len({m.media_group_id for m in photos}) == 1 and photos[0].media_group_id is not None
    assert len({m.media_group_id for m in documents}) == 1 and documents[0].media_group_id is not None
    assert photos[0].media_group_id != documents[0].media_group_id
    stored = (await stored_names(bot_settings)).split("\n")
    assert [m.caption for m in documents] == [f"{name} — Якшина А.И. (Алла Якшина)" for name in (stored[1], stored[3])]
    assert sorted([await coordinator.download(m) for m in photos]) == [b"\xff\xd8 one", b"\xff\xd8 two"]
