"""The coordinator's decisions: a postponement request, a second account for a party. Thin: the
conversation is channel-neutral (bot/conversations/decisions.py), MAX runs the same."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.conversations import decisions
from bot.keyboards.callbacks import JoinDecision, PostponeDecision
from bot.telegram.conversation import answer_press, pressed_of, turn_of

router = Router(name="decisions")


@router.callback_query(PostponeDecision.filter())
async def on_decision(query: CallbackQuery, callback_data: PostponeDecision, **data: Any) -> None:
    turn = turn_of(data)
    replies = await decisions.postponement(turn, callback_data.postponement_id, callback_data.approve,
                                           pressed_of(query))
    await answer_press(query, data["callback_answer"], replies, turn)


@router.callback_query(JoinDecision.filter())
async def on_join_decision(query: CallbackQuery, callback_data: JoinDecision, **data: Any) -> None:
    """«Пусть будут оба» / «Заменить» / «Отклонить» for a second account of a party."""
    turn = turn_of(data)
    replies = await decisions.join(turn, callback_data.request_id, callback_data.decision.value, pressed_of(query))
    await answer_press(query, data["callback_answer"], replies, turn)
