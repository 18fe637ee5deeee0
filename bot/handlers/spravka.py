"""Under /summary: «📄 Справка (.docx)» → the period buttons → the справка as a document, and
«📊 График» → the per-school chart as a photo. Thin: the conversation is channel-neutral
(bot/conversations/coordinator_summary.py), MAX runs the same."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.conversations import coordinator_summary as conversation
from bot.keyboards.callbacks import ChartSend, SpravkaAsk, SpravkaBuild
from bot.telegram.conversation import answer_press, turn_of

router = Router(name="spravka")


async def _answer(query: CallbackQuery, data: dict[str, Any], work) -> None:  # type: ignore[no-untyped-def]
    turn = turn_of(data)
    await answer_press(query, data["callback_answer"], await work(turn), turn)


@router.callback_query(SpravkaAsk.filter())
async def on_spravka(query: CallbackQuery, callback_data: SpravkaAsk, **data: Any) -> None:
    await _answer(query, data, lambda turn: conversation.spravka_asked(turn, callback_data.program_id))


@router.callback_query(SpravkaBuild.filter())
async def on_spravka_period(query: CallbackQuery, callback_data: SpravkaBuild, **data: Any) -> None:
    await _answer(query, data, lambda turn: conversation.spravka_built(turn, callback_data.program_id,
                                                                       callback_data.period))


@router.callback_query(ChartSend.filter())
async def on_chart(query: CallbackQuery, callback_data: ChartSend, **data: Any) -> None:
    await _answer(query, data, lambda turn: conversation.chart_pressed(turn, callback_data.program_id))
