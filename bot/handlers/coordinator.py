"""The coordinator's commands: /programs, /people, /invite, /activity N, /overdue — thin: the
conversations are channel-neutral (bot/conversations/coordinator_lists.py, coordinator_invites.py),
MAX runs the same."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.conversations import coordinator_invites as invites
from bot.conversations import coordinator_lists as lists
from bot.conversations import links
from bot.conversations.edit_data import InvitePartyPress
from bot.conversations.replies import Reply
from bot.keyboards.callbacks import (
    ActivityOpen,
    ActivityPage,
    InviteAll,
    InvitePage,
    InviteParty,
    OverduePage,
    PeoplePage,
)
from bot.telegram.conversation import answer_message, answer_press, turn_of

router = Router(name="coordinator")
ACTIVITY_NUMBER = lists.ACTIVITY_NUMBER


def invite_link(username: str, token: str) -> str:
    return links.telegram_link(username, token)


async def remember_bot_name(bot: Bot, data: dict[str, Any]) -> None:
    """The Telegram bot's name for invite links (aiogram caches getMe)."""
    me = await bot.me()
    links.remember(data["services"].db, telegram=me.username or "bot")


@router.startup()
async def on_startup(bot: Bot, **data: Any) -> None:
    if data.get("services") is not None:
        await remember_bot_name(bot, data)


async def _say(message: Message, data: dict[str, Any], work) -> None:  # type: ignore[no-untyped-def]
    turn = turn_of(data)
    await answer_message(message, await work(turn), turn)


async def _answer(query: CallbackQuery, data: dict[str, Any], work) -> None:  # type: ignore[no-untyped-def]
    turn = turn_of(data)
    replies: list[Reply] = await work(turn)
    await answer_press(query, data["callback_answer"], replies, turn)


@router.message(Command("programs"))
async def on_programs(message: Message, **data: Any) -> None:
    await _say(message, data, lists.programs_command)


@router.message(Command("people"))
async def on_people(message: Message, **data: Any) -> None:
    await _say(message, data, lists.people_command)


@router.message(Command("invite"))
async def on_invite_command(message: Message, **data: Any) -> None:
    await _say(message, data, invites.invite_command)


@router.message(Command("activity"))
async def on_activity(message: Message, command: CommandObject, **data: Any) -> None:
    await _say(message, data, lambda turn: lists.activity_command(turn, command.args or ""))


@router.message(Command("overdue"))
async def on_overdue(message: Message, **data: Any) -> None:
    await _say(message, data, lists.overdue_command)


@router.callback_query(InviteParty.filter())
async def on_invite_party(query: CallbackQuery, callback_data: InviteParty, bot: Bot, **data: Any) -> None:
    await remember_bot_name(bot, data)
    press = InvitePartyPress(callback_data.program_id, callback_data.party_id, callback_data.organization_id,
                             callback_data.confirmed)
    await _answer(query, data, lambda turn: invites.party_pressed(turn, press))


@router.callback_query(InviteAll.filter())
async def on_invite_all(query: CallbackQuery, callback_data: InviteAll, bot: Bot, **data: Any) -> None:
    await remember_bot_name(bot, data)
    await _answer(query, data, lambda turn: invites.all_pressed(turn, callback_data.program_id,
                                                                callback_data.joined_too))


@router.callback_query(PeoplePage.filter())
async def on_people_page(query: CallbackQuery, callback_data: PeoplePage, **data: Any) -> None:
    await _answer(query, data, lambda turn: lists.people_page(turn, callback_data.program_id, callback_data.page))


@router.callback_query(InvitePage.filter())
async def on_invite_page(query: CallbackQuery, callback_data: InvitePage, **data: Any) -> None:
    await _answer(query, data, lambda turn: invites.invite_page(turn, callback_data.program_id, callback_data.page))


@router.callback_query(ActivityPage.filter())
async def on_activity_page(query: CallbackQuery, callback_data: ActivityPage, **data: Any) -> None:
    await _answer(query, data, lambda turn: lists.activity_page(turn, callback_data.program_id,
                                                                callback_data.activity_id, callback_data.page))


@router.callback_query(ActivityOpen.filter())
async def on_activity_open(query: CallbackQuery, callback_data: ActivityOpen, **data: Any) -> None:
    """A line of /overdue pressed: the activity's schools and dates in a new message, the list stays."""
    await _answer(query, data, lambda turn: lists.activity_open(turn, callback_data.program_id,
                                                                callback_data.activity_id))


@router.callback_query(OverduePage.filter())
async def on_overdue_page(query: CallbackQuery, callback_data: OverduePage, **data: Any) -> None:
    await _answer(query, data, lambda turn: lists.overdue_page(turn, callback_data.program_id, callback_data.page))
