"""/summary and /export: the coordinator's picture of a program on demand — the current
program, or «Все программы» in one message and one file (issue 12 «Many programs»). Thin: the
conversation is channel-neutral (bot/conversations/coordinator_summary.py), MAX runs the same."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.conversations import coordinator_summary as conversation
from bot.telegram.conversation import answer_message, turn_of

router = Router(name="summary")


@router.message(Command("summary"))
async def on_summary(message: Message, command: CommandObject, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.summary_command(turn, command.args or ""), turn)


@router.message(Command("export"))
async def on_export(message: Message, command: CommandObject, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.export_command(turn, command.args or ""), turn)
