"""Text the bot asked for: a problem's comment, why «без документа», a postponement's date
and reason. /cancel leaves any of them; the state lives in SQLite, so a restart in the
middle of a question still gets the answer right."""

from __future__ import annotations

from datetime import date, timedelta

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.domain.clock import Clock
from bot.domain.user_dates import parse_user_date
from bot.handlers.common import local_today, refusal_text
from bot.handlers.states import TaskFlow
from bot.handlers.tasks import show_card
from bot.i18n import Texts, format_date
from bot.services.bundle import Services
from bot.services.errors import InvalidInput, ServiceError
from bot.services.status import StaleStatus
from bot.storage.people import Person
from bot.storage.tasks import TaskStatus

router = Router(name="flows")
MAX_COMMENT = 1000


@router.message(Command("cancel"))
async def on_cancel(message: Message, state: FSMContext, texts: Texts) -> None:
    if await state.get_state() is None:
        await message.answer(texts("flow-nothing-to-cancel"))
        return
    await state.clear()
    await message.answer(texts("flow-cancelled"))


async def _comment_status(message: Message, state: FSMContext, services: Services, person: Person, clock: Clock,
                          texts: Texts, new: TaskStatus) -> None:
    data = await state.get_data()
    comment = (message.text or "").strip()[:MAX_COMMENT]
    try:
        change = await services.status.change(person, int(data["task_id"]), new, now=clock.now(), comment=comment)
    except StaleStatus:
        await state.clear()
        await message.answer(texts("status-stale"))
        return
    except InvalidInput:
        await message.answer(texts("flow-expect-text"))
        return
    except ServiceError as error:
        await state.clear()
        await message.answer(refusal_text(texts, error))
        return
    await state.clear()
    if new is TaskStatus.PROBLEM and change.changed:
        await message.answer(texts("problem-sent"))
    await show_card(message, services, person, change.task, clock, texts, edit=False)


@router.message(TaskFlow.problem_comment, F.text, ~F.text.startswith("/"))
async def on_problem_comment(message: Message, state: FSMContext, services: Services, person: Person,
                             clock: Clock, texts: Texts) -> None:
    await _comment_status(message, state, services, person, clock, texts, TaskStatus.PROBLEM)


@router.message(TaskFlow.done_comment, F.text, ~F.text.startswith("/"))
async def on_done_comment(message: Message, state: FSMContext, services: Services, person: Person,
                          clock: Clock, texts: Texts) -> None:
    await _comment_status(message, state, services, person, clock, texts, TaskStatus.DONE)


@router.message(TaskFlow.postpone_date, F.text, ~F.text.startswith("/"))
async def on_postpone_date(message: Message, state: FSMContext, services: Services, person: Person,
                           clock: Clock, texts: Texts) -> None:
    data = await state.get_data()
    task_id = int(data["task_id"])
    try:
        task = await services.access.task_for(person, task_id)
    except ServiceError as error:
        await state.clear()
        await message.answer(refusal_text(texts, error))
        return
    today = local_today(clock, task.timezone)
    new_date = parse_user_date(message.text or "", today)
    example = format_date(max(task.due_date or today, today) + timedelta(days=7))
    if new_date is None:
        await message.answer(texts("postpone-bad-date", text=(message.text or "")[:40], example=example))
        return
    try:
        await services.postponements.validate_date(person, task_id, new_date, now=clock.now())
    except InvalidInput as error:
        await message.answer(texts(f"postpone-{error.reason}", date=format_date(task.due_date) if task.due_date else ""))
        if error.reason in {"already_done", "no_due_date"}:
            await state.clear()
        return
    await state.set_state(TaskFlow.postpone_reason)
    await state.update_data(new_date=new_date.isoformat())
    program = await services.programs.get_program(task.program_id)
    if program is not None and new_date > program.period.end:  # allowed, but nobody should miss it
        await message.answer(texts("postpone-after-program-end", date=format_date(new_date),
                                   end=format_date(program.period.end)))
    await message.answer(texts("ask-postpone-reason", date=format_date(new_date)))


@router.message(TaskFlow.postpone_reason, F.text, ~F.text.startswith("/"))
async def on_postpone_reason(message: Message, state: FSMContext, services: Services, person: Person,
                             clock: Clock, texts: Texts) -> None:
    data = await state.get_data()
    new_date = date.fromisoformat(data["new_date"])
    try:
        request, notified = await services.postponements.request(
            person, int(data["task_id"]), new_date, (message.text or "")[:MAX_COMMENT], now=clock.now()
        )
    except InvalidInput as error:
        await state.clear()
        await message.answer(texts(f"postpone-{error.reason}", date=""))
        return
    except ServiceError as error:
        await state.clear()
        await message.answer(refusal_text(texts, error))
        return
    await state.clear()
    await message.answer(texts("postpone-requested", date=format_date(request.requested_date)))
    if not notified:
        await message.answer(texts("postpone-no-coordinator"))


@router.message(TaskFlow.problem_comment, ~F.text.startswith("/"))
@router.message(TaskFlow.done_comment, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_date, ~F.text.startswith("/"))
@router.message(TaskFlow.postpone_reason, ~F.text.startswith("/"))
async def on_not_text(message: Message, texts: Texts) -> None:
    await message.answer(texts("flow-expect-text"))
