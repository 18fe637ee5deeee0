"""A program of 150 schools with long names (issue 11): /people, /activity, /invite and
/overdue (one line per activity since issue 12) answer with one page each — within Telegram's 4096 characters and 100 buttons —
with «◀ · стр. X из Y · ▶» that edit the message in place, and every school reachable."""

from __future__ import annotations

import pytest

from e2e_setup import store_programs
from story_program import crowded_program, crowded_school

COORDINATOR_ID = 7001
SCHOOLS = 150
TEXT_LIMIT = 3500  # a page; Telegram's limit is 4096
BUTTON_LIMIT = 90  # navigation included; Telegram's limit is 100


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def program(bot_settings, clock):
    await store_programs(bot_settings, clock.now(), crowded_program(SCHOOLS))


@pytest.fixture
async def coordinator(sandbox):
    return await sandbox.create_user("Ольга", last_name="Координатор", id=COORDINATOR_ID)


def buttons_with(message, prefix: str) -> list[str]:
    return [data for row in message.buttons for _, data in row if data and data.startswith(prefix)]


def check_page(message, number: int, pages: int | None = None) -> int:
    """One page within Telegram's limits, saying which it is; the number of pages."""
    assert len(message.text) <= TEXT_LIMIT
    assert sum(len(row) for row in message.buttons) <= BUTTON_LIMIT
    label = next(t for t in message.button_texts if t.startswith("стр. "))
    assert label.startswith(f"стр. {number} из ")
    assert label in message.text
    total = int(label.rsplit(" ", 1)[1])
    assert pages is None or total == pages
    return total


async def replies(user):
    """The bot's messages but the scheduler's own: the coordinator's note about overdue work may
    arrive at any moment (1.1 is overdue from the start)."""
    return [m for m in await user.bot_messages() if not m.body.startswith("Просрочено на 3 рабочих дня")]


async def every_page(user, first):
    """Presses ▶ until the last page; each press edits the same message."""
    pages = [first]
    total = check_page(first, 1)
    assert total > 1 and "◀ Назад" not in first.button_texts
    before = len(await replies(user))
    while "Дальше ▶" in pages[-1].button_texts:
        await user.press(pages[-1], text="Дальше ▶")
        page = await user.wait_edit(pages[-1])
        assert page.message_id == first.message_id
        pages.append(page)
        check_page(page, len(pages), total)
        assert "◀ Назад" in page.button_texts
    assert len(pages) == total
    assert len(await replies(user)) == before  # edited in place, nothing new sent
    return pages


async def test_people_are_paged(program, e2e, coordinator):
    await coordinator.send("/people")
    first = await coordinator.next_message_containing("Участники")
    pages = await every_page(coordinator, first)
    assert all(p.text.startswith("Участники: Программа поддержки ШНОР") for p in pages)
    assert all("/invite" in p.text for p in pages)
    shown = "\n".join(p.text for p in pages)
    for index in range(1, SCHOOLS + 1):
        assert f"{crowded_school(index)}\n⏳ Руководитель ОО — ещё не в боте" in shown  # grouped by school
    assert shown.count("⏳ ") == SCHOOLS + 2  # and Якшина, the municipal coordinator
    # ◀ goes back
    await coordinator.press(pages[-1], text="◀ Назад")
    back = await coordinator.wait_edit(pages[-1])
    check_page(back, len(pages) - 1, len(pages))
    assert back.text == pages[-2].text


async def test_an_activity_of_every_school_is_paged(program, e2e, coordinator):
    await coordinator.send("/activity 1.1")
    first = await coordinator.next_message_containing("Совещание с руководителями школ")
    pages = await every_page(coordinator, first)
    cards = []
    for page in pages:
        assert page.button_texts[:2] == ["✏️ Исправить срок", "👤 Назначить ответственного"]
        assert "Сдали: 0 из 150" in page.text
        on_page = buttons_with(page, "tc:")
        assert on_page and len(on_page) == page.text.count("⚪")
        cards += on_page
    assert len(cards) == len(set(cards)) == SCHOOLS
    shown = "\n".join(p.text for p in pages)
    assert all(crowded_school(index) in shown for index in range(1, SCHOOLS + 1))
    # a school's card opens from a later page
    await coordinator.press(pages[-1], data=buttons_with(pages[-1], "tc:")[-1])
    card = await coordinator.next_message_containing(crowded_school(SCHOOLS))
    assert "Совещание с руководителями школ" in card.text


async def test_invite_keeps_all_links_on_every_page(program, e2e, coordinator):
    await coordinator.send("/invite")
    first = await coordinator.next_message_containing("Приглашения")
    pages = await every_page(coordinator, first)
    parties = []
    for page in pages:
        assert page.button_texts[-1] == "Все ссылки одним файлом (.xlsx)"
        parties += buttons_with(page, "iv:")
    assert len(parties) == len(set(parties)) == SCHOOLS + 2  # each school's head, Якшина, the municipal coordinator
    # a party on the last page gets its link; «all links» works from there too
    await coordinator.press(pages[-1], data=buttons_with(pages[-1], "iv:")[-1])
    assert "t.me/" in (await coordinator.next_message_containing("Ссылка для")).text
    await coordinator.press(pages[-1], text="Все ссылки одним файлом")
    workbook = await coordinator.next_message_containing("Личные ссылки-приглашения")
    assert workbook.document is not None and f"Личные ссылки-приглашения: {SCHOOLS + 2}." in workbook.caption


async def test_overdue_is_one_line_per_activity_with_its_schools_a_press_away(program, e2e, coordinator):
    """Issue 12: 150 schools behind on 1.1 are one line, not 150; its button opens /activity 1.1."""
    await coordinator.send("/overdue")
    first = await coordinator.next_message_containing("Просрочено")
    assert first.text.startswith("Просрочено: 1 мероприятие (150 сроков)")
    assert "• 1.1 Совещание с руководителями школ — 150 сроков, 150 школ, с 15.09.2023" in first.text
    assert len(first.text) <= TEXT_LIMIT and crowded_school(1) not in first.text
    opens = buttons_with(first, "ao:")
    assert len(opens) == 1 and first.button_texts == ["1.1 Совещание с руководителями школ"]
    await coordinator.press(first, data=opens[0])
    activity = await coordinator.next_message_containing("Совещание с руководителями школ")
    assert activity.message_id != first.message_id  # a new message: the overdue list stays
    pages = await every_page(coordinator, activity)
    shown = "\n".join(p.text for p in pages)
    assert all(crowded_school(index) in shown for index in range(1, SCHOOLS + 1))


async def test_a_forged_page_is_clamped_or_refused(program, e2e, sandbox, coordinator):
    # /overdue is one page here (one line per activity, issue 12); its forged pages: tests/test_summary_phone.py
    await coordinator.send("/people")
    first = await coordinator.next_message_containing("Участники")
    data = buttons_with(first, "pl:")[0]
    program_id = data.split(":")[1]
    await coordinator.press(first, data=f"pl:{program_id}:99999", forge=True)
    last = await coordinator.wait_edit(first)
    total = check_page(last, int(first.button("стр. ")[0].rsplit(" ", 1)[1]))
    assert "Дальше ▶" not in last.button_texts and total > 1
    stranger = await sandbox.create_user("Пётр")
    await stranger.send("/start")
    own = await stranger.next_message()
    answer = await stranger.callback_answer(await stranger.press(own, data=f"pl:{program_id}:1", forge=True))
    assert "Нет доступа" in answer["text"] and answer["show_alert"]
