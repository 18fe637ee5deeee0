"""The coordinator's decisions on any messenger: a postponement request (approve / reject) and a
second account for a party («Пусть будут оба» / «Заменить» / «Отклонить»). The question keeps its
text, gains the verdict and loses its buttons."""

from __future__ import annotations

import html

from bot.conversations.common import refusal_text
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Edit, Notice, Reply
from bot.i18n import format_date
from bot.services.errors import AlreadyDecided, ServiceError
from bot.storage import joining


def _decided(verdict: str, pressed: Pressed | None) -> list[Reply]:
    replies: list[Reply] = [Notice(verdict)]
    if pressed is not None:
        question = pressed.html or html.escape(pressed.text, quote=False)
        replies.append(Edit(f"{question}\n\n<b>{verdict}</b>"))
    return replies


async def postponement(turn: Turn, postponement_id: int, approve: bool, pressed: Pressed | None) -> list[Reply]:
    texts = turn.texts
    try:
        decided = await turn.services.postponements.decide(turn.person, postponement_id, approve=approve,
                                                           now=turn.clock.now())
    except AlreadyDecided:
        return [Notice(texts("postpone-already-decided"), alert=True)]
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    verdict = texts("postpone-decided", approved="yes" if approve else "no",
                    date=format_date(decided.requested_date))
    return _decided(verdict, pressed)


async def join(turn: Turn, request_id: int, decision: str, pressed: Pressed | None) -> list[Reply]:
    texts, services = turn.texts, turn.services
    async with services.db.read() as conn:
        request = await joining.join_request(conn, request_id)
    if request is None or not await services.access.is_coordinator(turn.person, request.program_id):
        return [Notice(texts("join-no-access"), alert=True)]
    async with services.db.transaction() as conn:
        decided = await joining.decide(conn, request.id, decision, by=turn.person.id, now=turn.clock.now())
    if not decided:
        return [Notice(texts("join-already-decided"), alert=True)]
    return _decided(texts("join-decided", decision=decision), pressed)
