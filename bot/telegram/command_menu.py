"""The command menu per role, through Telegram's command scopes.

The default scope (every private chat) lists the teacher's commands; each coordinator's chat
gets a BotCommandScopeChat with the coordinator's commands. Setting a scope is idempotent
(setMyCommands replaces the list), so start-up simply sets them all again: one call for the
default scope and one per coordinator. A coordinator who has never opened a chat with the bot
has no chat yet (Telegram answers «chat not found»): their menu is set on their first /start.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.i18n import Texts
from bot.storage.database import Database

log = logging.getLogger(__name__)

TEACHER_COMMANDS = ("start", "tasks", "channels", "help", "cancel")
COORDINATOR_COMMANDS = ("start", "tasks", "summary", "programs", "program", "people", "overdue", "invite", "addperson",
                        "schools", "reminders", "export", "template", "channels", "help", "cancel")


def _commands(names: Iterable[str], texts: Texts) -> list[BotCommand]:
    return [BotCommand(command=name, description=texts(f"menu-{name}")) for name in names]


async def set_default_menu(bot: Bot, texts: Texts) -> None:
    await bot.set_my_commands(_commands(TEACHER_COMMANDS, texts), scope=BotCommandScopeDefault())


async def set_coordinator_menu(bot: Bot, texts: Texts, telegram_user_id: int) -> bool:
    """The coordinator's menu in their private chat (chat id = user id). False when Telegram
    refuses (no chat with the bot yet, a blocked bot…): the menu is a convenience, never an error."""
    try:
        await bot.set_my_commands(_commands(COORDINATOR_COMMANDS, texts),
                                  scope=BotCommandScopeChat(chat_id=telegram_user_id))
    except TelegramAPIError as error:
        log.info("coordinator menu for %s not set: %s", telegram_user_id, error)
        return False
    return True


async def coordinator_telegram_ids(db: Database, configured: Iterable[int]) -> list[int]:
    """Configured COORDINATOR_IDS and every person who coordinates a program, once each."""
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            """SELECT DISTINCT pe.telegram_user_id FROM program_coordinators c
               JOIN people pe ON pe.id = c.person_id WHERE pe.telegram_user_id IS NOT NULL"""
        )
    return sorted(set(configured) | {int(r[0]) for r in rows})


async def refresh_menus(bot: Bot, texts: Texts, db: Database, configured: Iterable[int]) -> None:
    """At start-up: the default menu, then each coordinator's."""
    await set_default_menu(bot, texts)
    for telegram_user_id in await coordinator_telegram_ids(db, configured):
        await set_coordinator_menu(bot, texts, telegram_user_id)
