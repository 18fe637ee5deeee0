"""A coordinator sends a roadmap file, on Telegram: the bot reads it, shows what it understood and
loads it only on «Загрузить» — all or nothing. A missing program period is asked with buttons, an
unrecognised region gets a timezone choice. /template sends a blank roadmap. The conversation is
in bot/conversations/roadmap_upload.py; a document that is not a roadmap goes on to evidence."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.conversations import roadmap_upload as conversation
from bot.conversations.events import Press
from bot.conversations.editing import press
from bot.handlers.evidence import upload_of
from bot.keyboards.callbacks import ImportDecision, PeriodPick, ReviewPage, ZonePick
from bot.telegram.conversation import answer_message, answer_press, pressed_of, turn_of

router = Router(name="roadmap_upload")
review_view = conversation.review_view


@router.message(Command("template"))
async def on_template(message: Message, **data: Any) -> None:
    turn = turn_of(data)
    await answer_message(message, conversation.template_command(turn), turn)


@router.message(F.document)
async def on_roadmap_file(message: Message, bot: Bot, **data: Any) -> None:
    turn = turn_of(data)
    upload = upload_of(message, bot)
    if not await conversation.wants(turn, upload):
        raise SkipHandler  # evidence, not a roadmap
    await answer_message(message, await conversation.file_received(turn, upload), turn)


@router.callback_query(PeriodPick.filter())
@router.callback_query(ReviewPage.filter())
@router.callback_query(ZonePick.filter())
@router.callback_query(ImportDecision.filter())
async def on_press(query: CallbackQuery, callback_answer: CallbackAnswer, **data: Any) -> None:
    turn = turn_of(data)
    replies = await press(turn, Press(query.data or "", pressed_of(query)))
    await answer_press(query, callback_answer, replies, turn)
