"""Anything no other router took: a short hint instead of silence."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Texts

router = Router(name="fallback")


@router.message(F.text.startswith("/"))
async def on_unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("unknown-command"))


@router.message()
async def on_anything_else(message: Message, texts: Texts) -> None:
    await message.answer(texts("free-text-hint"))


@router.callback_query()
async def on_stale_button(query: CallbackQuery, callback_answer: CallbackAnswer, texts: Texts) -> None:
    # A button from an old message or an older version of the bot. The answer itself is
    # sent by CallbackAnswerMiddleware, so every query is answered exactly once.
    callback_answer.text = texts("stale-button")
    callback_answer.show_alert = True
