"""The coordinator adds a person or a role the import missed, and invites it (issue 12
«One person, one name»), on Telegram: /addperson or «➕ Добавить человека или роль» under /invite.
The conversation is in bot/conversations/add_party.py; this router matches updates and carries
out the replies."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import add_party as conversation
from bot.handlers.states import AddPartyFlow
from bot.keyboards.callbacks import AddPartyChoice, AddPartyStart
from bot.telegram.conversation import answer_message, answer_press, pressed_of, turn_of

router = Router(name="add_party")
MAX_NAME = conversation.MAX_NAME


@router.message(Command("addperson"))
async def on_add_person(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.addperson_command(turn), turn)


@router.callback_query(AddPartyStart.filter())
async def on_start_button(query: CallbackQuery, callback_data: AddPartyStart, callback_answer: CallbackAnswer,
                          **data: Any) -> None:
    turn = turn_of(data)
    replies = await conversation.start_pressed(turn, callback_data.program_id, pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)


@router.message(AddPartyFlow.name, F.text, ~F.text.startswith("/"))
@router.message(AddPartyFlow.activities, F.text, ~F.text.startswith("/"))
async def on_text(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.answer(turn, message.text or ""), turn)


@router.callback_query(AddPartyChoice.filter())
async def on_choice(query: CallbackQuery, callback_data: AddPartyChoice, callback_answer: CallbackAnswer,
                    **data: Any) -> None:
    turn = turn_of(data)
    replies = await conversation.step_pressed(turn, callback_data.program_id, callback_data.step.value,
                                              pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)
