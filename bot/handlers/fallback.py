"""Anything no other router took: a short hint instead of silence."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.i18n import Texts
from bot.services.bundle import Services
from bot.services.pending_questions import OpenQuestion, open_question
from bot.storage.people import Person

router = Router(name="fallback")


@router.message(F.text.startswith("/"))
async def on_unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("unknown-command"))


@router.message()
async def on_anything_else(message: Message, services: Services, clock: Clock, texts: Texts,
                           person: Person | None = None) -> None:
    # Free text where a button was asked for: point at the button instead of a generic hint.
    question = await open_question(services.db, person.id, now=clock.now()) if message.text and person else None
    if question is OpenQuestion.EVIDENCE_TARGET:
        await message.answer(texts("free-text-pick-activity"))
    elif question is OpenQuestion.ROADMAP_DECISION:
        await message.answer(texts("free-text-roadmap-decision"))
    else:
        await message.answer(texts("free-text-hint"))


@router.callback_query()
async def on_stale_button(query: CallbackQuery, callback_answer: CallbackAnswer, texts: Texts) -> None:
    # A button from an old message or an older version of the bot. The answer itself is
    # sent by CallbackAnswerMiddleware, so every query is answered exactly once.
    callback_answer.text = texts("stale-button")
    callback_answer.show_alert = True
