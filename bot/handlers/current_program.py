"""/program and the program picker (issue 12 «Many programs»): the coordinator's choice is
remembered and the command it was asked for goes on; «🔁 Сменить программу» asks again.
The logic is channel-neutral (bot/conversations/programs.py); /schools, /addschool and /reminders
live in bot/handlers/coordinator_edit.py over bot/conversations/{schools,reminders_settings}.py."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.conversations import programs
from bot.keyboards.callbacks import CurrentPick, PickPurpose, ProgramPick, ProgramSwitch
from bot.telegram.conversation import answer_message, answer_press, turn_of

router = Router(name="current_program")


@router.message(Command("program"))
async def on_program(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await programs.program_command(turn), turn)


@router.callback_query(ProgramSwitch.filter())
async def on_switch(query: CallbackQuery, callback_data: ProgramSwitch, **data: Any) -> None:
    turn = turn_of(data)
    replies = await programs.switch_pressed(turn, callback_data.purpose.value, callback_data.arg)
    await answer_press(query, data["callback_answer"], replies, turn)


@router.callback_query(CurrentPick.filter())
async def on_pick(query: CallbackQuery, callback_data: CurrentPick, **data: Any) -> None:
    await _picked(query, callback_data.program_id, callback_data.purpose, callback_data.arg, data)


@router.callback_query(ProgramPick.filter())
async def on_old_pick(query: CallbackQuery, callback_data: ProgramPick, **data: Any) -> None:
    """A picker sent before issue 12 («pp:…» buttons): the same as a pick now."""
    await _picked(query, callback_data.program_id, callback_data.purpose, "", data)


async def _picked(query: CallbackQuery, program_id: int, purpose: PickPurpose, arg: str, data: dict[str, Any]) -> None:
    """The neutral pick (bot/conversations/programs.py): remembered, then the command goes on."""
    turn = turn_of(data)
    await answer_press(query, data["callback_answer"], await programs.picked(turn, program_id, purpose.value, arg),
                       turn)
