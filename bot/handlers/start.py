"""/start (with an invite payload from a deep link) and /help."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.conversations import help as helping
from bot.conversations import invites
from bot.conversations.events import Start
from bot.telegram.conversation import answer_message, turn_of

router = Router(name="start")


@router.message(CommandStart(deep_link=True))
async def on_invite(message: Message, command: CommandObject, **data: Any) -> None:
    """The invite's logic is channel-neutral (bot.conversations.invites): MAX runs the same."""
    turn = turn_of(data)
    await answer_message(message, await invites.redeem(turn, Start(command.args or "")), turn)


@router.message(CommandStart())
async def on_start(message: Message, **data: Any) -> None:
    """The greeting by role (bot.conversations.help): a coordinator's chat gets their command menu."""
    turn = turn_of(data)
    name = message.from_user.first_name if message.from_user else None
    await answer_message(message, await helping.greet(turn, name), turn)


@router.message(Command("help"))
async def on_help(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await helping.help_command(turn), turn)
