"""Text the bot asked for: a problem's comment, why «без документа», a postponement's date and
reason; /cancel leaves any of them. The state lives in SQLite, so a restart in the middle of a
question still gets the answer right."""

from __future__ import annotations

from datetime import date, timedelta

from bot.conversations.common import local_today, refusal_text
from bot.conversations.events import Turn
from bot.conversations.replies import Reply, Send
from bot.conversations.state import Flow
from bot.conversations.tasks import show_card
from bot.domain.user_dates import parse_user_date
from bot.i18n import format_date
from bot.services.errors import InvalidInput, ServiceError
from bot.services.status import StaleStatus
from bot.storage.tasks import TaskStatus

MAX_COMMENT = 1000


async def cancel(turn: Turn) -> list[Reply]:
    if await turn.state.get_state() is None:
        return [Send(turn.texts("flow-nothing-to-cancel"))]
    await turn.state.clear()
    return [Send(turn.texts("flow-cancelled"))]


async def waits_for_text(turn: Turn) -> bool:
    return await turn.state.get_state() in Flow.TEXT_STATES


async def answer(turn: Turn, text: str | None) -> list[Reply]:
    """The answer to the question the bot asked (`text` None: a message without text)."""
    state = await turn.state.get_state()
    if state not in Flow.TEXT_STATES:
        return []
    if text is None:
        return [Send(turn.texts("flow-expect-text"))]
    if state == Flow.PROBLEM_COMMENT:
        return await _comment_status(turn, text, TaskStatus.PROBLEM)
    if state == Flow.DONE_COMMENT:
        return await _comment_status(turn, text, TaskStatus.DONE)
    if state == Flow.POSTPONE_DATE:
        return await _postpone_date(turn, text)
    return await _postpone_reason(turn, text)


async def _comment_status(turn: Turn, text: str, new: TaskStatus) -> list[Reply]:
    texts, state = turn.texts, turn.state
    data = await state.get_data()
    comment = text.strip()[:MAX_COMMENT]
    try:
        change = await turn.services.status.change(turn.person, int(data["task_id"]), new, now=turn.clock.now(),
                                                   comment=comment)
    except StaleStatus:
        await state.clear()
        return [Send(texts("status-stale"))]
    except InvalidInput:
        return [Send(texts("flow-expect-text"))]
    except ServiceError as error:
        await state.clear()
        return [Send(refusal_text(texts, error))]
    await state.clear()
    replies: list[Reply] = []
    if new is TaskStatus.PROBLEM and change.changed:
        replies.append(Send(texts("problem-sent")))
    replies.append(await show_card(turn, change.task, edit=False))
    return replies


async def _postpone_date(turn: Turn, text: str) -> list[Reply]:
    texts, state, services = turn.texts, turn.state, turn.services
    task_id = int((await state.get_data())["task_id"])
    try:
        task = await services.access.task_for(turn.person, task_id)
    except ServiceError as error:
        await state.clear()
        return [Send(refusal_text(texts, error))]
    today = local_today(turn.clock, task.timezone)
    new_date = parse_user_date(text, today)
    example = format_date(max(task.due_date or today, today) + timedelta(days=7))
    if new_date is None:
        return [Send(texts("postpone-bad-date", text=text[:40], example=example))]
    try:
        await services.postponements.validate_date(turn.person, task_id, new_date, now=turn.clock.now())
    except InvalidInput as error:
        if error.reason in {"already_done", "no_due_date"}:
            await state.clear()
        return [Send(texts(f"postpone-{error.reason}", date=format_date(task.due_date) if task.due_date else ""))]
    await state.set_state(Flow.POSTPONE_REASON)
    await state.update_data(new_date=new_date.isoformat())
    replies: list[Reply] = []
    program = await services.programs.get_program(task.program_id)
    if program is not None and new_date > program.period.end:  # allowed, but nobody should miss it
        replies.append(Send(texts("postpone-after-program-end", date=format_date(new_date),
                                  end=format_date(program.period.end))))
    replies.append(Send(texts("ask-postpone-reason", date=format_date(new_date))))
    return replies


async def _postpone_reason(turn: Turn, text: str) -> list[Reply]:
    texts, state = turn.texts, turn.state
    data = await state.get_data()
    new_date = date.fromisoformat(data["new_date"])
    try:
        request, notified = await turn.services.postponements.request(
            turn.person, int(data["task_id"]), new_date, text[:MAX_COMMENT], now=turn.clock.now()
        )
    except InvalidInput as error:
        await state.clear()
        return [Send(texts(f"postpone-{error.reason}", date=""))]
    except ServiceError as error:
        await state.clear()
        return [Send(refusal_text(texts, error))]
    await state.clear()
    replies: list[Reply] = [Send(texts("postpone-requested", date=format_date(request.requested_date)))]
    if not notified:
        replies.append(Send(texts("postpone-no-coordinator")))
    return replies
