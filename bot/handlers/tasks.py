"""«Мои мероприятия» on Telegram: the paginated list, a task's card and its buttons. The logic is
in bot/conversations (tasks, presses); this router only matches updates and carries out replies."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import presses
from bot.conversations import tasks as conversation
from bot.conversations.events import TELEGRAM, Press, Turn
from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.keyboards.callbacks import TaskButton, TaskCardOpen, TaskListPage
from bot.services.bundle import Services
from bot.storage.people import Person
from bot.telegram.conversation import answer_message, answer_press, markup, pressed_of, turn_of

router = Router(name="tasks")
PAGE_SIZE = conversation.PAGE_SIZE


async def render_list(services: Services, person: Person, clock: Clock, texts: Texts,
                      page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """The list's page as Telegram shows it (/start after an invite uses it too)."""
    turn = Turn(channel=TELEGRAM, person=person, services=services, clock=clock, texts=texts,
                settings=None, state=None)  # type: ignore[arg-type]  # a page needs neither
    text, keyboard = await conversation.list_page(turn, page)
    return text, markup(keyboard)


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
