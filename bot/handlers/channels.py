"""/channels on Telegram (the Telegram adapter of bot/conversations/channels.py): where reminders
go, and «Подключить MAX»; `/start link_…` opened here attaches this Telegram account to the person
who asked for the link on MAX. Before start.router, so a link payload never reads as an invite."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import channels
from bot.conversations.events import TELEGRAM
from bot.telegram.conversation import answer_message, answer_press, turn_of

router = Router(name="channels")


@router.message(Command("channels"), F.chat.type == "private")
async def on_channels(message: Message, bot: Bot, **data: Any) -> None:
    turn = turn_of(data)
    if turn.person is None:
        return
    await channels.remember_bot_name(turn, TELEGRAM, (await bot.me()).username)
    await answer_message(message, await channels.channels_command(turn), turn)


@router.message(CommandStart(deep_link=True, magic=F.args.func(channels.is_link)), F.chat.type == "private")
async def on_link(message: Message, command: CommandObject, **data: Any) -> None:
    turn = turn_of(data)
    if turn.person is None or message.from_user is None:
        return
    await answer_message(message, await channels.redeem(turn, command.args or "", message.from_user.id), turn)


@router.callback_query(F.data.func(lambda data: bool(data) and channels.understood(data)))
async def on_press(query: CallbackQuery, callback_answer: CallbackAnswer, **data: Any) -> None:
    turn = turn_of(data)
    if turn.person is None:
        return
    await answer_press(query, callback_answer, await channels.pressed(turn, query.data or ""), turn)
