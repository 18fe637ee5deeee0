"""«Мои мероприятия» on Telegram: the paginated list, a task's card and its buttons. The logic is
in bot/conversations (tasks, presses); this router only matches updates and carries out replies."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import presses
from bot.conversations import tasks as conversation
from bot.conversations.events import Press
from bot.keyboards.callbacks import TaskButton, TaskCardOpen, TaskListPage
from bot.telegram.conversation import answer_message, answer_press, pressed_of, turn_of

router = Router(name="tasks")
PAGE_SIZE = conversation.PAGE_SIZE


@router.message(Command("tasks"))
async def on_tasks(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, await conversation.tasks_command(turn), turn)


@router.callback_query(TaskListPage.filter())
@router.callback_query(TaskCardOpen.filter())
@router.callback_query(TaskButton.filter())
async def on_press(query: CallbackQuery, callback_answer: CallbackAnswer, **data: Any) -> None:
    turn = turn_of(data)
    replies = await presses.press(turn, Press(query.data or "", pressed_of(query)))
    await answer_press(query, callback_answer, replies, turn)
