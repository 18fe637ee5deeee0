"""The coordinator changes the roadmap in the chat, on Telegram: fixes a deadline, assigns or
reassigns an activity, chooses which schools take part (/schools, /addschool), sets the reminders
(/reminders: buttons or typed). The logic is in bot/conversations (coordinator_edit, schools,
reminders_settings); this router only matches updates and carries out the replies."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import coordinator_edit as conversation
from bot.conversations import reminders_settings, schools
from bot.conversations.edit_data import LeadToggle, RemindersSwitch, RepeatEvery
from bot.handlers.states import CoordinatorFlow
from bot.keyboards.callbacks import (ActivityAction, ActivityButton, AssignPick, ReminderLeadToggle, ReminderRepeat,
                                     ReminderSwitch, SchoolToggle)
from bot.telegram.conversation import answer_message, answer_press, pressed_of, turn_of

router = Router(name="coordinator_edit")


@router.callback_query(ActivityButton.filter(F.action == ActivityAction.FIX_DEADLINE))
async def on_fix(query: CallbackQuery, callback_data: ActivityButton, callback_answer: CallbackAnswer,
                 **data: Any) -> None:
    turn = turn_of(data)
    replies = await conversation.fix_pressed(turn, callback_data.activity_id, pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)


@router.message(CoordinatorFlow.fix_deadline, F.text, ~F.text.startswith("/"))
async def on_fix_text(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.fix_answer(turn, message.text or ""), turn)


@router.callback_query(ActivityButton.filter(F.action == ActivityAction.ASSIGN))
async def on_assign(query: CallbackQuery, callback_data: ActivityButton, callback_answer: CallbackAnswer,
                    **data: Any) -> None:
    turn = turn_of(data)
    replies = await conversation.assign_pressed(turn, callback_data.activity_id, pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)


@router.callback_query(AssignPick.filter())
async def on_assign_pick(query: CallbackQuery, callback_data: AssignPick, callback_answer: CallbackAnswer,
                         **data: Any) -> None:
    turn = turn_of(data)
    replies = await conversation.assign_picked(turn, callback_data.activity_id, callback_data.person_id,
                                               pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)


@router.message(Command("schools"))
async def on_schools(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await schools.schools_command(turn), turn)


@router.message(Command("addschool"))
async def on_add_school(message: Message, command: CommandObject, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await schools.addschool_command(turn, command.args or ""), turn)


@router.message(Command("reminders"))
async def on_reminders(message: Message, command: CommandObject, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await reminders_settings.reminders_command(turn, command.args or ""), turn)


@router.callback_query(SchoolToggle.filter())
async def on_school_toggle(query: CallbackQuery, callback_data: SchoolToggle, callback_answer: CallbackAnswer,
                           **data: Any) -> None:
    turn = turn_of(data)
    replies = await schools.toggle_pressed(turn, callback_data.organization_id, pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)


@router.callback_query(ReminderLeadToggle.filter())
@router.callback_query(ReminderRepeat.filter())
@router.callback_query(ReminderSwitch.filter())
async def on_policy(query: CallbackQuery, callback_data: ReminderLeadToggle | ReminderRepeat | ReminderSwitch,
                    callback_answer: CallbackAnswer, **data: Any) -> None:
    turn = turn_of(data)
    if isinstance(callback_data, ReminderLeadToggle):
        value: LeadToggle | RepeatEvery | RemindersSwitch = LeadToggle(callback_data.program_id, callback_data.days)
    elif isinstance(callback_data, ReminderRepeat):
        value = RepeatEvery(callback_data.program_id, callback_data.every)
    else:
        value = RemindersSwitch(callback_data.program_id, callback_data.enabled)
    replies = await reminders_settings.pressed(turn, value, pressed_of(query))
    await answer_press(query, callback_answer, replies, turn)
