"""«Мои мероприятия»: the paginated list, a task's card, and the status buttons on it."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.clock import Clock
from bot.domain.evidence_rules import requires_document
from bot.handlers.common import answer_now, local_today, refusal_text, show
from bot.handlers.states import TaskFlow
from bot.i18n import Texts, format_date, shorten
from bot.keyboards.callbacks import TaskAction, TaskButton, TaskCardOpen, TaskListPage
from bot.rendering.tasks import card_keyboard, status_label, task_card, task_list
from bot.services.bundle import Services
from bot.services.errors import InvalidInput, ServiceError
from bot.services.status import StaleStatus
from bot.storage.people import Person
from bot.storage.tasks import TaskStatus, TaskView
from bot.telegram.resend import CAPTION_LIMIT, Outgoing, file_kind, send_files

router = Router(name="tasks")
PAGE_SIZE = 6


async def render_list(services: Services, person: Person, clock: Clock, texts: Texts, page: int):
    now = clock.now()
    result = await services.tasks.page_for_person(person.id, now=now, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    today_for = {t.program_id: t.local_today(now) for t in result.items}
    return task_list(texts, result, today_for)


async def render_card(services: Services, person: Person, task: TaskView, clock: Clock, texts: Texts,
                      *, needs_document: bool = False):
    progress = await services.tasks.occurrence_progress(task.task_id)
    pending = next((p.requested_date for p in await services.postponements.pending_for_program(task.program_id)
                    if p.task_id == task.task_id), None)
    assignees = None
    if await services.access.is_coordinator(person, task.program_id):
        assignees = [name for _, name in await services.tasks.assignees(task.task_id)]
    text = task_card(texts, task, task.local_today(clock.now()), progress=progress, assignees=assignees,
                     pending_postponement=pending, needs_document=needs_document)
    return text, card_keyboard(texts, task, needs_document=needs_document)


async def show_card(message: Message, services: Services, person: Person, task: TaskView, clock: Clock,
                    texts: Texts, *, edit: bool, needs_document: bool = False) -> None:
    text, keyboard = await render_card(services, person, task, clock, texts, needs_document=needs_document)
    await show(message, text, keyboard, edit=edit)


def _keeps_message(message: Message) -> bool:
    """A reminder listing several activities stays as it is; a card opens below it."""
    markup = message.reply_markup
    if markup is None:
        return False
    opened = {b.callback_data for row in markup.inline_keyboard for b in row
              if b.callback_data and b.callback_data.startswith("tc:")}
    return len(opened) > 1 and not (message.text or "").startswith("Ваши мероприятия")


@router.message(Command("tasks"))
async def on_tasks(message: Message, services: Services, person: Person, clock: Clock, texts: Texts) -> None:
    text, keyboard = await render_list(services, person, clock, texts, 0)
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(TaskListPage.filter())
async def on_page(query: CallbackQuery, callback_data: TaskListPage, services: Services, person: Person,
                  clock: Clock, texts: Texts) -> None:
    text, keyboard = await render_list(services, person, clock, texts, max(0, callback_data.page))
    if isinstance(query.message, Message):
        try:
            await query.message.edit_text(text, reply_markup=keyboard)
        except TelegramBadRequest as error:
            if "not modified" not in str(error):
                await query.message.answer(text, reply_markup=keyboard)


@router.callback_query(TaskCardOpen.filter())
async def on_card(query: CallbackQuery, callback_data: TaskCardOpen, services: Services, person: Person,
                  clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        task = await services.access.task_for(person, callback_data.task_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if isinstance(query.message, Message):
        await show_card(query.message, services, person, task, clock, texts, edit=not _keeps_message(query.message))


_STATUS_OF = {TaskAction.DONE: TaskStatus.DONE, TaskAction.IN_PROGRESS: TaskStatus.IN_PROGRESS,
              TaskAction.REOPEN: TaskStatus.IN_PROGRESS}


@router.callback_query(TaskButton.filter(F.action.in_({TaskAction.DONE, TaskAction.IN_PROGRESS, TaskAction.REOPEN})))
async def on_status(query: CallbackQuery, callback_data: TaskButton, services: Services, person: Person,
                    state: FSMContext, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    new = _STATUS_OF[callback_data.action]
    if callback_data.action is TaskAction.IN_PROGRESS and isinstance(query.message, Message):
        # An old card's «В работе» must not silently undo «Выполнено» (and hide its files): ask.
        try:
            current = await services.access.task_for(person, callback_data.task_id)
        except ServiceError as error:
            callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
            return
        # The card pressed already says «Статус: ✅ Выполнено»: the person sees what they undo.
        shown_done = texts("card-status", icon=texts("status-icon-done"), status=texts("status-done")) \
            in (query.message.text or "")
        if current.status is TaskStatus.DONE and not shown_done:
            callback_answer.text = texts("reopen-confirm-below")
            await answer_now(query, callback_answer)
            await query.message.answer(
                texts("reopen-ask", title=current.title[:80], files=current.file_count),
                reply_markup=InlineKeyboardMarkup(inline_keyboard=[[
                    InlineKeyboardButton(text=texts("reopen-yes"), callback_data=TaskButton(
                        task_id=current.task_id, action=TaskAction.REOPEN).pack()),
                    InlineKeyboardButton(text=texts("reopen-no"), callback_data=TaskButton(
                        task_id=current.task_id, action=TaskAction.KEEP_DONE).pack()),
                ]]))
            return
    try:
        change = await services.status.change(person, callback_data.task_id, new, now=clock.now())
    except InvalidInput:  # «Выполнено» for a document result without a document: the next file completes it
        task = await services.access.task_for(person, callback_data.task_id)
        await state.set_state(TaskFlow.attaching)
        await state.update_data(task_id=task.task_id, then_done=True)
        if isinstance(query.message, Message):
            await answer_now(query, callback_answer)
            await show_card(query.message, services, person, task, clock, texts,
                            edit=not _keeps_message(query.message), needs_document=True)
        return
    except StaleStatus:
        callback_answer.text, callback_answer.show_alert = texts("status-stale"), True
        return
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    if not change.changed:
        callback_answer.text = texts("status-unchanged", status=texts(f"status-{new.value}"))
        return
    callback_answer.text = texts("status-changed", title=change.task.title[:60], status=status_label(texts, new))
    if isinstance(query.message, Message) and not _keeps_message(query.message):
        await answer_now(query, callback_answer)
        await show_card(query.message, services, person, change.task, clock, texts, edit=True)


@router.callback_query(TaskButton.filter(F.action.in_({TaskAction.PROBLEM, TaskAction.DONE_WITHOUT_DOCUMENT,
                                                        TaskAction.ATTACH, TaskAction.POSTPONE})))
async def on_flow_start(query: CallbackQuery, callback_data: TaskButton, services: Services, person: Person,
                        state: FSMContext, clock: Clock, texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        task = await services.access.task_for(person, callback_data.task_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    action = callback_data.action
    if action is TaskAction.PROBLEM:
        await state.set_state(TaskFlow.problem_comment)
        prompt = texts("ask-problem-comment")
    elif action is TaskAction.DONE_WITHOUT_DOCUMENT:
        await state.set_state(TaskFlow.done_comment)
        prompt = texts("ask-done-comment")
    elif action is TaskAction.ATTACH:
        await state.set_state(TaskFlow.attaching)
        then_done = task.status is not TaskStatus.DONE and requires_document(task.result) and task.file_count == 0
        await state.update_data(then_done=then_done)
        prompt = (texts("ask-attach-then-done", result=task.result) if then_done
                  else texts("ask-attach", title=task.title))
    else:
        if task.due_date is None:
            callback_answer.text, callback_answer.show_alert = texts("postpone-no_due_date"), True
            return
        await state.set_state(TaskFlow.postpone_date)
        # The example is a date one could really ask for: a week after today or the deadline, whichever is later.
        day = max(task.due_date, local_today(clock, task.timezone)) + timedelta(days=7)
        example = format_date(day).rsplit(" ", 1)[0]
        prompt = texts("ask-postpone-date", date=format_date(task.due_date),
                       example=f"{day:%d.%m.%Y} или «{example}»")
    await state.update_data(task_id=task.task_id)
    if isinstance(query.message, Message):
        await query.message.answer(prompt)


@router.callback_query(TaskButton.filter(F.action == TaskAction.KEEP_DONE))
async def on_keep_done(query: CallbackQuery, texts: Texts, callback_answer: CallbackAnswer) -> None:
    callback_answer.text = texts("reopen-kept")
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)


@router.callback_query(TaskButton.filter(F.action == TaskAction.HISTORY))
async def on_history(query: CallbackQuery, callback_data: TaskButton, services: Services, person: Person,
                     texts: Texts, callback_answer: CallbackAnswer) -> None:
    try:
        task = await services.access.task_for(person, callback_data.task_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(task.timezone)
    entries = await services.tasks.history(task.task_id)
    lines = [texts("history-header", number=task.number or "", title=task.title)]
    for e in entries:
        local = e.at.astimezone(zone)
        lines.append(texts(
            "history-line", at=f"{format_date(local.date())} {local:%H:%M}", who=e.person_name or "—",
            old=texts(f"status-{e.old_status.value}"), new=texts(f"status-{e.new_status.value}"),
            comment=f": «{e.comment}»" if e.comment else "",
        ))
    if not entries:
        lines.append(texts("history-empty"))
    if isinstance(query.message, Message):
        await query.message.answer("\n".join(lines))


@router.callback_query(TaskButton.filter(F.action == TaskAction.FILES))
async def on_files(query: CallbackQuery, callback_data: TaskButton, services: Services, person: Person,
                   texts: Texts, bot: Bot, callback_answer: CallbackAnswer) -> None:
    try:
        task = await services.access.task_for(person, callback_data.task_id)
    except ServiceError as error:
        callback_answer.text, callback_answer.show_alert = refusal_text(texts, error), True
        return
    files = await services.tasks.files(task.task_id)
    if not files:
        callback_answer.text, callback_answer.show_alert = texts("files-empty"), True
        return
    await send_files(bot, person.telegram_user_id, [
        Outgoing(f.telegram_file_id, file_caption(texts, f.file_name, f.person_name), file_kind(f.telegram_file_id))
        for f in files
    ])


def file_caption(texts: Texts, name: str, who: str | None) -> str:
    """«name — sender» through Texts' escaping, cut (before escaping) to Telegram's 1024."""
    name_limit, who_limit = 700, 200
    while True:
        caption = (texts("files-caption", name=shorten(name, name_limit), who=shorten(who, who_limit)) if who
                   else texts("files-caption-anonymous", name=shorten(name, name_limit)))
        if len(caption) <= CAPTION_LIMIT or name_limit <= 20:
            return caption
        name_limit, who_limit = name_limit * 2 // 3, max(20, who_limit * 2 // 3)
