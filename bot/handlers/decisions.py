"""The coordinator's approve / reject on a postponement request."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.handlers.common import refusal_text
from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import PostponeDecision
from bot.services.bundle import Services
from bot.services.errors import AlreadyDecided, ServiceError
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
