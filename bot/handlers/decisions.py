"""The coordinator's decisions: a postponement request, a second account for a party."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.handlers.common import refusal_text
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import JoinDecision, PostponeDecision
from bot.services.bundle import Services
from bot.services.errors import AlreadyDecided, ServiceError
from bot.storage import joining
from bot.storage.people import Person

router = Router(name="decisions")


@router.callback_query(PostponeDecision.filter())
async def on_decision(query: CallbackQuery, callback_data: PostponeDecision, services: Services, person: Person,
                      clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        decided = await services.postponements.decide(person, callback_data.postponement_id,
                                                      approve=callback_data.approve, now=clock.now())
    except AlreadyDecided:
        callback_answer.text, callback_answer.show_alert = texts("postpone-already-decided"), True
        return
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    verdict = texts("postpone-decided", approved="yes" if callback_data.approve else "no",
                    date=format_date(decided.requested_date))
    callback_answer.text = verdict
    if isinstance(query.message, Message):
        await query.message.edit_text(f"{query.message.html_text}\n\n<b>{verdict}</b>", reply_markup=None)


@router.callback_query(JoinDecision.filter())
async def on_join_decision(query: CallbackQuery, callback_data: JoinDecision, services: Services, person: Person,
                           clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    """«Пусть будут оба» / «Заменить» / «Отклонить» for a second account of a party."""
    async with services.db.read() as conn:
        request = await joining.join_request(conn, callback_data.request_id)
    if request is None or not await services.access.is_coordinator(person, request.program_id):
        callback_answer.text, callback_answer.show_alert = texts("join-no-access"), True
        return
    async with services.db.transaction() as conn:
        decided = await joining.decide(conn, request.id, callback_data.decision.value, by=person.id, now=clock.now())
    if not decided:
        callback_answer.text, callback_answer.show_alert = texts("join-already-decided"), True
        return
    verdict = texts("join-decided", decision=callback_data.decision.value)
    callback_answer.text = verdict
    if isinstance(query.message, Message):
        await query.message.edit_text(f"{query.message.html_text}\n\n<b>{verdict}</b>", reply_markup=None)
