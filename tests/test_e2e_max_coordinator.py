"""The coordinator's reading and deciding on MAX (issue 14): a person who opened a coordinator
invite on MAX reads /summary (text and .xlsx), the справка (.docx) and the chart, /overdue and
/people, issues invites — one token, a link per messenger: a Telegram teacher opens the t.me link,
a MAX teacher the max.ru link — and approves a postponement a Telegram teacher asked for.
Every MAX request and answer is checked against the MAX OpenAPI description."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.storage import Database
from bot.storage.invites import InviteRepository, InviteRole
from channel_users import MAX_TOKEN
from channel_users import max_checked, max_emulator, max_handler_errors, max_users  # noqa: F401  (fixtures)
from test_e2e_conversations import COORDINATOR_ID, program  # noqa: F401  (fixtures)

TOKEN_IN = re.compile(r"start=([A-Za-z0-9_-]+)")


@pytest.fixture
def bot_settings(bot_settings, max_emulator):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    bot_settings["max_bot_token"] = MAX_TOKEN
    bot_settings["max_api_url"] = max_emulator.base_url
    return bot_settings


async def coordinator_token(bot_settings, clock) -> str:
    db = await Database.open(bot_settings["database_path"])
    try:
        async with db.read() as conn:
            program_id = (await conn.execute_fetchall("SELECT min(id) FROM programs"))[0][0]
        issued = await InviteRepository(db).issue(program_id, InviteRole.COORDINATOR, party_id=None,
                                                  organization_id=None, created_by=None,
                                                  now=clock.now() - timedelta(hours=1))
        return issued.token
    finally:
        await db.close()


@pytest.fixture
async def max_coordinator(program, e2e, bot_settings, clock, max_users):  # noqa: F811
    return await max_coordinator_of(bot_settings, clock, max_users)


async def max_coordinator_of(bot_settings, clock, max_users):  # type: ignore[no-untyped-def]
    """A person who opened a coordinator invite on MAX (configured COORDINATOR_IDS are Telegram ids)."""
    user = await max_users.create_user("Ольга", last_name="Макс")
    await user.start(await coordinator_token(bot_settings, clock))
    assert "координатор" in (await user.next_message()).text
    return user


def file_name(message) -> str:  # type: ignore[no-untyped-def]
    item = message.file
    assert item is not None, f"no file in {message.text!r}"
    return item.get("filename") or item["payload"].get("filename") or ""


async def next_file(user, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    for _ in range(10):
        message = await user.next_message(timeout=timeout)
        if message.file is not None:
            return message
    raise AssertionError("no file came")


async def test_summary_spravka_and_chart_on_max(max_checked, max_coordinator):  # noqa: F811
    coordinator = max_coordinator
    await coordinator.send("/summary")
    summary = await coordinator.next_message_containing("Сводка:")
    assert "из 9" in summary.text
    report = await next_file(coordinator)
    assert (await coordinator.download(report))[:2] == b"PK"  # an .xlsx is a zip
    assert file_name(report) == "сводка Зея 2023-09-20.xlsx" and "Отчёт по программе" in report.text

    await coordinator.press(summary, text="Справка")
    periods = await coordinator.next_message_containing("период")
    await coordinator.press(periods, text=periods.button_texts[-1])
    spravka = await next_file(coordinator, timeout=20)
    assert (await coordinator.download(spravka))[:2] == b"PK"  # a .docx is a zip
    assert spravka.file["type"] == "file" and file_name(spravka) == "справка Зея 2023-09-20.docx"

    await coordinator.press(summary, text="График")
    chart = await next_file(coordinator, timeout=20)
    assert chart.file["type"] == "image"
    assert (await coordinator.download(chart))[:4] == b"\x89PNG"


async def test_invite_links_for_both_messengers_and_people_by_channel(max_checked, max_coordinator, sandbox,  # noqa: F811
                                                                      max_users):  # noqa: F811
    coordinator = max_coordinator
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="Якшина А.И.")
    link = await coordinator.next_message_containing("t.me/")
    assert "Telegram: https://t.me/roadmap_sandbox_bot?start=" in link.text
    assert "MAX: https://max.ru/roadmap_sandbox_bot?start=" in link.text
    tokens = TOKEN_IN.findall(link.text)
    assert len(tokens) == 2 and tokens[0] == tokens[1]  # one one-time token, two links
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    await on_telegram.send(f"/start {tokens[0]}")
    assert "вы подключены" in (await on_telegram.next_message()).text

    await coordinator.press(menu, text="Муниципальный координатор")
    link = await coordinator.next_message_containing("max.ru/")
    on_max = await max_users.create_user("Ирина", last_name="Петрова")
    await on_max.start(TOKEN_IN.findall(link.text)[-1])
    assert "вы подключены" in (await on_max.next_message()).text

    await coordinator.send("/people")
    people = await coordinator.next_message_containing("Участники")
    assert "Якшина А.И. (Алла Якшина) · Telegram" in people.text
    assert "Муниципальный координатор (Ирина Петрова) · MAX" in people.text

    await coordinator.press(menu, text="одним файлом")
    workbook = await next_file(coordinator)
    content = await coordinator.download(workbook)
    from io import BytesIO

    from openpyxl import load_workbook
    sheet = load_workbook(BytesIO(content)).active
    assert [c.value for c in sheet[1]] == ["Кому", "Статус", "Ссылка Telegram", "Ссылка MAX"]
    links = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]]
    assert links and all(TOKEN_IN.search(r[2]).group(1) == TOKEN_IN.search(r[3]).group(1) for r in links)
    assert all(r[3].startswith("https://max.ru/roadmap_sandbox_bot?start=") for r in links)


async def test_a_max_coordinator_approves_a_telegram_postponement(max_checked, max_coordinator, sandbox):  # noqa: F811
    coordinator = max_coordinator
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="Якшина А.И.")
    token = TOKEN_IN.search((await coordinator.next_message_containing("t.me/")).text).group(1)
    teacher = await sandbox.create_user("Алла")
    await teacher.send(f"/start {token}")
    assert "вы подключены" in (await teacher.next_message()).text
    listing = await teacher.next_message()
    await teacher.press(listing, text="1.1")
    card = await teacher.wait_edit(listing)
    await teacher.press(card, text="Перенести срок")
    assert "На какую дату" in (await teacher.next_message()).text
    await teacher.send("13 октября")
    assert "Почему нужен перенос" in (await teacher.next_message()).text
    await teacher.send("Директора на курсах")
    assert "Запрос отправлен" in (await teacher.next_message()).text

    request = await coordinator.next_message_containing("Запрос на перенос", timeout=10)
    await coordinator.press(request, text="Одобрить")
    decided = await coordinator.wait_edit(request)
    assert "Перенос одобрен" in decided.text and not decided.buttons
    note = await teacher.next_message_containing("одобрил перенос", timeout=10)
    assert "13 октября 2023" in note.text


async def test_a_second_account_on_max_is_decided_by_the_max_coordinator(max_checked, max_coordinator,  # noqa: F811
                                                                         sandbox, max_users):  # noqa: F811
    coordinator = max_coordinator
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="Якшина А.И.")
    token = TOKEN_IN.search((await coordinator.next_message_containing("t.me/")).text).group(1)
    on_telegram = await sandbox.create_user("Алла", last_name="Якшина")
    await on_telegram.send(f"/start {token}")
    assert "вы подключены" in (await on_telegram.next_message()).text

    await coordinator.send("/invite")  # the party is held now: a new link is asked about first
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text="Якшина А.И.")
    ask = await coordinator.next_message_containing("уже в боте")
    assert "Алла Якшина" in ask.text or "Якшина А.И." in ask.text
    await coordinator.press(ask, text="Выпустить новую ссылку")
    link = await coordinator.next_message_containing("max.ru/")
    new_phone = await max_users.create_user("Алла", last_name="Якшина")
    await new_phone.start(TOKEN_IN.findall(link.text)[-1])
    assert "Я спросил координатора" in (await new_phone.next_message()).text

    request = await coordinator.next_message_containing("Второй аккаунт просит подключиться", timeout=10)
    await coordinator.press(request, text="пусть будут оба")
    decided = await coordinator.wait_edit(request)
    assert "Подключены оба" in decided.text and not decided.buttons
    assert "Координатор подтвердил" in (await new_phone.next_message_containing("подтвердил", timeout=10)).text


async def test_help_programs_export_and_activity_on_max(max_checked, max_coordinator):  # noqa: F811
    coordinator = max_coordinator
    await coordinator.send("/help")
    help_text = (await coordinator.next_message_containing("Для координатора")).text
    for command in ("/summary", "/people", "/invite", "/overdue", "/activity", "/export"):
        assert command in help_text
    await coordinator.send("/programs")
    assert "Программа поддержки ШНОР" in (await coordinator.next_message()).text
    await coordinator.send("/program")
    assert "Программа поддержки ШНОР" in (await coordinator.next_message()).text
    await coordinator.send("/export")
    assert "Программа поддержки ШНОР" in (await coordinator.next_message()).text  # no documents yet: said so
    await coordinator.send("/summary все")
    assert "Сводка" in (await coordinator.next_message()).text
    everything = await next_file(coordinator)
    assert file_name(everything) == "сводка все программы 2023-09-20.xlsx"
    await coordinator.send("/activity 1.1")
    activity = await coordinator.next_message_containing("Совещание с руководителями школ")
    assert "Исправить срок" in " ".join(activity.button_texts) or activity.buttons
