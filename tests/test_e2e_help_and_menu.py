"""Issue 12 «Words»: /help by role, the command menu per role (command scopes), and the
reminder policy with buttons under /reminders."""

from __future__ import annotations

import asyncio
import re

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.keyboards.callbacks import ReminderSwitch
from bot.services.policy import load_policy
from bot.storage import Database, ProgramRepository
from bot.storage.invites import InviteRepository, InviteRole
from bot.telegram.command_menu import COORDINATOR_COMMANDS, TEACHER_COMMANDS
from story_program import story_program

COORDINATOR_ID = 7001
COORDINATOR_ONLY = ("/invite", "/addperson", "/people", "/summary", "/export", "/activity", "/overdue", "/schools",
                    "/addschool", "/reminders", "/template")


@pytest.fixture
def bot_settings(bot_settings):
    bot_settings["coordinator_ids"] = [COORDINATOR_ID]
    return bot_settings


@pytest.fixture
async def coordinator_link(bot_settings, clock) -> str:
    """The story program saved, and a one-time coordinator link for it (as `python -m bot invite
    --role coordinator` makes): its token."""
    bot_settings["data_dir"].mkdir(parents=True, exist_ok=True)
    db = await Database.open(bot_settings["database_path"])
    try:
        await ProgramRepository(db).save_program(story_program(), now=clock.now())
        issued = await InviteRepository(db).issue(1, InviteRole.COORDINATOR, party_id=None, organization_id=None,
                                                  created_by=None, now=clock.now())
    finally:
        await db.close()
    return issued.token


@pytest.fixture
async def coordinator(sandbox):
    # Requested before `e2e`: the chat exists when the bot starts and sets the menus.
    return await sandbox.create_user("Ольга", id=COORDINATOR_ID)


async def invite(coordinator, teacher, label: str) -> None:
    await coordinator.send("/invite")
    menu = await coordinator.next_message_containing("Приглашения")
    await coordinator.press(menu, text=label)
    link = await coordinator.next_message_containing("t.me/")
    await teacher.send("/start " + re.search(r"start=([\w-]+)", link.text).group(1))
    await teacher.next_message_containing("вы подключены")
    await teacher.next_message()  # the task list


async def menus(emulator, *keys: str) -> dict:
    """The scopes set, once `keys` are among them (the bot sets them as it starts)."""
    for _ in range(100):
        if set(keys) <= set(emulator.scoped_commands):
            break
        await asyncio.sleep(0.05)
    return dict(emulator.scoped_commands)


def names(commands: list[dict]) -> list[str]:
    return [c["command"] for c in commands]


async def policy_of(bot_settings, program_id: int = 1):
    db = await Database.open(bot_settings["database_path"])
    try:
        return await load_policy(db, program_id)
    finally:
        await db.close()


async def test_help_differs_for_a_stranger_a_teacher_and_a_coordinator(coordinator_link, sandbox, coordinator, e2e):
    stranger = await sandbox.create_user("Борис")
    await stranger.send("/help")
    told = (await stranger.next_message()).text
    assert "Что я умею" in told and "попросите её у координатора" in told.casefold()
    assert not [c for c in COORDINATOR_ONLY if c in told] and "/tasks" not in told

    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send("/help")
    told = (await teacher.next_message()).text
    assert "/tasks" in told and "«Выполнено»" in told and "Прикрепить документ" in told and "Перенести срок" in told
    assert not [c for c in COORDINATOR_ONLY if c in told]

    await coordinator.send("/help")
    told = (await coordinator.next_message_containing("Для координатора")).text
    assert [c for c in COORDINATOR_ONLY if c not in told] == []
    assert "/tasks" in told and "пришлите файл" in told  # the teacher's part, and loading a roadmap


async def test_the_menu_has_a_default_and_a_coordinator_scope(coordinator_link, sandbox, coordinator, e2e, emulator):
    await menus(emulator, "default", f"chat:{COORDINATOR_ID}")
    info = await sandbox.bot_info()
    assert names(info["commands"]) == list(TEACHER_COMMANDS)
    assert names(info["scoped_commands"]["default"]) == list(TEACHER_COMMANDS)
    assert names(info["scoped_commands"][f"chat:{COORDINATOR_ID}"]) == list(COORDINATOR_COMMANDS)
    assert info["scoped_commands"][f"chat:{COORDINATOR_ID}"][0]["description"] == "Начать работу"
    assert len(info["scoped_commands"]) == 2  # nobody else coordinates yet
    assert emulator.commands_for_chat(COORDINATOR_ID) != emulator.commands_for_chat(COORDINATOR_ID + 1)

    # Opening the coordinator link: that chat gets the coordinator's menu at once.
    peter = await sandbox.create_user("Пётр")
    await peter.send(f"/start {coordinator_link}")
    await peter.next_message_containing("вы координатор")
    info = await sandbox.bot_info()
    assert names(info["scoped_commands"][f"chat:{peter.id}"]) == list(COORDINATOR_COMMANDS)
    await peter.send("/help")
    assert "/invite" in (await peter.next_message()).text

    # A restart sets every menu again: configured and database coordinators alike.
    emulator.scoped_commands.clear()
    await e2e.restart()
    assert set(await menus(emulator, "default", f"chat:{COORDINATOR_ID}", f"chat:{peter.id}")) == {"default", f"chat:{COORDINATOR_ID}", f"chat:{peter.id}"}
    assert names(emulator.commands_for_chat(peter.id)) == list(COORDINATOR_COMMANDS)


async def test_a_configured_coordinator_who_writes_later_gets_the_menu_on_start(coordinator_link, e2e, sandbox,
                                                                                  emulator):
    await menus(emulator, "default")
    await asyncio.sleep(0.2)  # the start-up pass is over
    info = await sandbox.bot_info()
    assert f"chat:{COORDINATOR_ID}" not in info["scoped_commands"]  # no chat with the bot at start-up
    late = await sandbox.create_user("Ольга", id=COORDINATOR_ID)
    await late.send("/start")
    await late.next_message_containing("Здравствуйте")
    info = await sandbox.bot_info()
    assert names(info["scoped_commands"][f"chat:{COORDINATOR_ID}"]) == list(COORDINATOR_COMMANDS)


async def test_reminder_buttons_change_the_policy_and_edit_the_message(coordinator_link, sandbox, coordinator, e2e,
                                                                       bot_settings):
    await coordinator.send("/reminders")
    shown = await coordinator.next_message_containing("Напоминания:")
    await coordinator.next_message_containing("Изменить")
    assert "за 7, 1 дн." in shown.text
    assert shown.button_texts == ["за 14 дней", "✅ за 7 дней", "за 3 дня", "✅ за 1 день",
                                  "↻ 1 раб. день", "✅ ↻ 3 раб. дня", "↻ 7 раб. дней", "⏸ Выключить напоминания"]

    await coordinator.press(shown, text="за 14 дней")
    shown = await coordinator.wait_edit(shown)
    assert "за 14, 7, 1 дн." in shown.text and "✅ за 14 дней" in shown.button_texts
    assert (await policy_of(bot_settings)).before_days == (14, 7, 1)

    await coordinator.press(shown, text="↻ 7 раб. дней")
    shown = await coordinator.wait_edit(shown)
    assert "каждые 7 раб. дня" in shown.text and "✅ ↻ 7 раб. дней" in shown.button_texts
    assert (await policy_of(bot_settings)).overdue_every_working_days == 7

    # Removing lead days down to one; the last one stays (an alert, nothing edited).
    for label in ("✅ за 14 дней", "✅ за 7 дней"):
        await coordinator.press(shown, text=label)
        shown = await coordinator.wait_edit(shown)
    assert (await policy_of(bot_settings)).before_days == (1,)
    answer = await coordinator.callback_answer(await coordinator.press(shown, text="✅ за 1 день"))
    assert answer["show_alert"] and "хотя бы одно" in answer["text"]
    assert (await policy_of(bot_settings)).before_days == (1,)

    await coordinator.press(shown, text="Выключить")
    shown = await coordinator.wait_edit(shown)
    assert "Напоминания выключены" in shown.text and "▶️ Включить напоминания" in shown.button_texts
    assert (await policy_of(bot_settings)).enabled is False
    await coordinator.press(shown, text="Включить")
    shown = await coordinator.wait_edit(shown)
    assert "выключены" not in shown.text and (await policy_of(bot_settings)).enabled is True

    # A teacher's forged press changes nothing.
    teacher = await sandbox.create_user("Алла", last_name="Якшина")
    await invite(coordinator, teacher, "Якшина А.И.")
    await teacher.send("/tasks")
    listing = await teacher.next_message()
    forged = ReminderSwitch(program_id=1, enabled=False).pack()
    answer = await teacher.callback_answer(await teacher.press(listing, data=forged, forge=True))
    assert answer["show_alert"]
    assert (await policy_of(bot_settings)).enabled is True

    # The typed syntax still works next to the buttons.
    await coordinator.send("/reminders за=3 повтор=1")
    saved = await coordinator.next_message_containing("Сохранено")
    assert "за 3 дн." in saved.text and "каждые 1 раб. дня" in saved.text
    policy = await policy_of(bot_settings)
    assert policy.before_days == (3,) and policy.overdue_every_working_days == 1


async def test_the_emulator_keeps_commands_per_scope(emulator, sandbox):
    user = await sandbox.create_user("Анна")
    bot = Bot("42:scopes", session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    try:
        await bot.set_my_commands([BotCommand(command="tasks", description="Мои")])
        await bot.set_my_commands([BotCommand(command="invite", description="Пригласить")],
                                  scope=BotCommandScopeChat(chat_id=user.id))
        assert [c.command for c in await bot.get_my_commands()] == ["tasks"]
        assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeDefault())] == ["tasks"]
        assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=user.id))] == ["invite"]
        assert emulator.commands_for_chat(user.id)[0]["command"] == "invite"
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.set_my_commands([BotCommand(command="x", description="x")],
                                      scope=BotCommandScopeChat(chat_id=999_999_999))
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=user.id))
        assert emulator.commands_for_chat(user.id)[0]["command"] == "tasks"
        assert (await sandbox.bot_info())["scoped_commands"] == {"default": [{"command": "tasks", "description": "Мои"}]}
    finally:
        await bot.session.close()
    assert emulator.spec_violations == []
