"""The coordinator's long lists on MAX (issue 14): /overdue of 103 activities, /people of 150
schools and an activity's schools, a page at a time; ◀ / ▶ edit the message in place (PUT
/messages or the callback answer), a forged page lands on the last one. Every MAX request and
answer is checked against the MAX OpenAPI description."""

from __future__ import annotations

import pytest

from bot.domain.clock import FrozenClock
from channel_users import MAX_TOKEN
from channel_users import max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401  (fixtures)
from story_program import crowded_program
from test_e2e_max_coordinator import max_coordinator_of
from test_summary_phone import COORDINATOR_ID, LATE_DAY, many_activities, save, settled

MAX_BUTTONS_PER_MESSAGE = 210


@pytest.fixture
def bot_settings(bot_settings, max_emulator):  # noqa: F811
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["max_bot_token"] = MAX_TOKEN
    bot_settings["max_api_url"] = max_emulator.base_url
    return bot_settings


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(LATE_DAY)


async def every_page(user, first):  # type: ignore[no-untyped-def]
    pages, page = [first], first
    while "Дальше ▶" in page.button_texts:
        await user.press(page, text="Дальше ▶")
        page = await user.wait_edit(page)
        assert page.mid == first.mid  # the same message, edited in place
        pages.append(page)
    for number, shown in enumerate(pages, start=1):
        assert f"стр. {number} из {len(pages)}" in shown.text
        assert len(shown.text) < 4000 and sum(len(row) for row in shown.buttons) <= MAX_BUTTONS_PER_MESSAGE
    return pages


async def test_overdue_in_pages_on_max(bot_settings, clock, max_checked, e2e, max_users):  # noqa: F811
    await save(bot_settings, clock, many_activities(100))
    await settled(bot_settings, clock)
    coordinator = await max_coordinator_of(bot_settings, clock, max_users)
    await coordinator.send("/overdue")
    first = await coordinator.next_message_containing("Просрочено: 103 мероприятия")
    pages = await every_page(coordinator, first)
    assert len(pages) > 1
    opened = [data for p in pages for row in p.buttons for _, data in row if data and data.startswith("ao:")]
    assert len(opened) == len(set(opened)) == 103
    program_id = opened[0].split(":")[1]
    await coordinator.press(pages[-1], text="◀ Назад")
    back = await coordinator.wait_edit(pages[-1])
    assert f"стр. {len(pages) - 1} из {len(pages)}" in back.text
    await coordinator.press(back, payload=f"op:{program_id}:99999", forge=True)  # a forged page: the last one
    assert (await coordinator.wait_edit(back)).text == pages[-1].text
    page_with = next(p for p in pages if "3.100 Мероприятие" in " ".join(p.button_texts))
    await coordinator.press(page_with, text="3.100 Мероприятие")
    activity = await coordinator.next_message_containing("3.100 Мероприятие номер 100")
    assert "МОАУ СОШ № 1" in activity.text


async def test_people_and_an_activity_of_150_schools_in_pages_on_max(bot_settings, clock, max_checked, e2e,  # noqa: F811
                                                                     max_users):  # noqa: F811
    await save(bot_settings, clock, crowded_program(150))
    coordinator = await max_coordinator_of(bot_settings, clock, max_users)
    await coordinator.send("/people")
    first = await coordinator.next_message_containing("Участники")
    pages = await every_page(coordinator, first)
    assert len(pages) > 1
    assert "Подключились: 0 из" in first.text
    await coordinator.send("/activity 1.1")
    first = await coordinator.next_message_containing("Сдали: ")
    pages = await every_page(coordinator, first)
    assert len(pages) > 1
    cards = [data for p in pages for row in p.buttons for _, data in row if data and data.startswith("tc:")]
    assert len(cards) == len(set(cards)) == 150
