"""Text the bot asked for (a problem's comment, why «без документа», a postponement's date and
reason) and /cancel, on Telegram. The logic is in bot/conversations/flows.py; the state lives in
SQLite (aiogram's FSM storage), so a restart in the middle of a question still gets it right."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.conversations import flows
from bot.handlers.states import TaskFlow
from bot.telegram.conversation import answer_message, turn_of

router = Router(name="flows")
MAX_COMMENT = flows.MAX_COMMENT


@router.message(Command("cancel"))
async def on_cancel(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await flows.cancel(turn), turn)


@router.message(TaskFlow.problem_comment, F.text, ~F.text.startswith("/"))
@router.message(TaskFlow.done_comment, F.text, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_date, F.text, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_reason, F.text, ~F.text.startswith("/"))
async def on_answer(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await flows.answer(turn, message.text or ""), turn)


@router.message(TaskFlow.problem_comment, ~F.text.startswith("/"))
@router.message(TaskFlow.done_comment, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_date, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_reason, ~F.text.startswith("/"))
async def on_not_text(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await flows.answer(turn, None), turn)
