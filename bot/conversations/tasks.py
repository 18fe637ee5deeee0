"""«Мои мероприятия»: the paginated list, a task's card, and the status buttons on it."""

from __future__ import annotations

from datetime import timedelta

from bot.conversations.common import local_today, refusal_text
from bot.conversations.data import TaskAction
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Edit, Keyboard, Notice, Reply, Send, keyboard
from bot.conversations.state import Flow
from bot.domain.evidence_rules import requires_document
from bot.i18n import format_date
from bot.rendering.tasks import card_keyboard, status_label, task_button, task_card, task_list
from bot.services.errors import InvalidInput, ServiceError
from bot.services.status import StaleStatus
from bot.storage.tasks import TaskStatus, TaskView

PAGE_SIZE = 6


async def list_page(turn: Turn, page: int) -> tuple[str, Keyboard | None]:
    now = turn.clock.now()
    result = await turn.services.tasks.page_for_person(turn.person.id, now=now, offset=page * PAGE_SIZE,
                                                       limit=PAGE_SIZE)
    today_for = {t.program_id: t.local_today(now) for t in result.items}
    return task_list(turn.texts, result, today_for)


async def card(turn: Turn, task: TaskView, *, needs_document: bool = False) -> tuple[str, Keyboard]:
    services = turn.services
    progress = await services.tasks.occurrence_progress(task.task_id)
    pending = next((p.requested_date for p in await services.postponements.pending_for_program(task.program_id)
                    if p.task_id == task.task_id), None)
    assignees = None
    if await services.access.is_coordinator(turn.person, task.program_id):
        assignees = [name for _, name in await services.tasks.assignees(task.task_id)]
    text = task_card(turn.texts, task, task.local_today(turn.clock.now()), progress=progress, assignees=assignees,
                     pending_postponement=pending, needs_document=needs_document)
    return text, card_keyboard(turn.texts, task, needs_document=needs_document)


async def show_card(turn: Turn, task: TaskView, *, edit: bool, needs_document: bool = False) -> Reply:
    text, buttons = await card(turn, task, needs_document=needs_document)
    return Edit(text, buttons) if edit else Send(text, buttons)


def keeps_message(pressed: Pressed | None) -> bool:
    """A reminder listing several activities stays as it is; a card opens below it."""
    if pressed is None:
        return False
    opened = {data for data in pressed.button_data if data.startswith("tc:")}
    return len(opened) > 1 and not pressed.text.startswith("Ваши мероприятия")


async def tasks_command(turn: Turn) -> list[Reply]:
    text, buttons = await list_page(turn, 0)
    return [Send(text, buttons)]


async def page_pressed(turn: Turn, page: int, pressed: Pressed | None) -> list[Reply]:
    if pressed is None:  # the message is gone: nothing to turn the page of
        return []
    text, buttons = await list_page(turn, max(0, page))
    return [Edit(text, buttons)]


async def card_pressed(turn: Turn, task_id: int, pressed: Pressed | None) -> list[Reply]:
    try:
        task = await turn.services.access.task_for(turn.person, task_id)
    except ServiceError as error:
        return [Notice(refusal_text(turn.texts, error), alert=True)]
    if pressed is None:
        return []
    return [await show_card(turn, task, edit=not keeps_message(pressed))]


_STATUS_OF = {TaskAction.DONE: TaskStatus.DONE, TaskAction.IN_PROGRESS: TaskStatus.IN_PROGRESS,
              TaskAction.REOPEN: TaskStatus.IN_PROGRESS}


async def status_pressed(turn: Turn, task_id: int, action: TaskAction, pressed: Pressed | None) -> list[Reply]:
    """«Выполнено», «В работе», «Вернуть в работу»."""
    texts, services, person = turn.texts, turn.services, turn.person
    new = _STATUS_OF[action]
    if action is TaskAction.IN_PROGRESS and pressed is not None:
        # An old card's «В работе» must not silently undo «Выполнено» (and hide its files): ask.
        try:
            current = await services.access.task_for(person, task_id)
        except ServiceError as error:
            return [Notice(refusal_text(texts, error), alert=True)]
        # The card pressed already says «Статус: ✅ Выполнено»: the person sees what they undo.
        shown_done = texts("card-status", icon=texts("status-icon-done"), status=texts("status-done")) \
            in pressed.text
        if current.status is TaskStatus.DONE and not shown_done:
            return [Notice(texts("reopen-confirm-below")),
                    Send(texts("reopen-ask", title=current.title[:80], files=current.file_count), keyboard([
                        task_button(texts, "reopen-yes", current.task_id, TaskAction.REOPEN),
                        task_button(texts, "reopen-no", current.task_id, TaskAction.KEEP_DONE)]))]
    try:
        change = await services.status.change(person, task_id, new, now=turn.clock.now())
    except InvalidInput:  # «Выполнено» for a document result without a document: the next file completes it
        task = await services.access.task_for(person, task_id)
        await turn.state.set_state(Flow.ATTACHING)
        await turn.state.update_data(task_id=task.task_id, then_done=True)
        if pressed is None:
            return []
        return [await show_card(turn, task, edit=not keeps_message(pressed), needs_document=True)]
    except StaleStatus:
        return [Notice(texts("status-stale"), alert=True)]
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    if not change.changed:
        return [Notice(texts("status-unchanged", status=texts(f"status-{new.value}")))]
    notice = Notice(texts("status-changed", title=change.task.title[:60], status=status_label(texts, new)))
    if pressed is not None and not keeps_message(pressed):
        return [notice, await show_card(turn, change.task, edit=True)]
    return [notice]


async def flow_pressed(turn: Turn, task_id: int, action: TaskAction, pressed: Pressed | None) -> list[Reply]:
    """«Проблема», «Без документа», «Прикрепить документ», «Перенести срок»: the bot asks a question."""
    texts, state = turn.texts, turn.state
    try:
        task = await turn.services.access.task_for(turn.person, task_id)
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    if action is TaskAction.PROBLEM:
        await state.set_state(Flow.PROBLEM_COMMENT)
        prompt = texts("ask-problem-comment")
    elif action is TaskAction.DONE_WITHOUT_DOCUMENT:
        await state.set_state(Flow.DONE_COMMENT)
        prompt = texts("ask-done-comment")
    elif action is TaskAction.ATTACH:
        await state.set_state(Flow.ATTACHING)
        then_done = task.status is not TaskStatus.DONE and requires_document(task.result) and task.file_count == 0
        await state.update_data(then_done=then_done)
        prompt = (texts("ask-attach-then-done", result=task.result) if then_done
                  else texts("ask-attach", title=task.title))
    else:
        if task.due_date is None:
            return [Notice(texts("postpone-no_due_date"), alert=True)]
        await state.set_state(Flow.POSTPONE_DATE)
        # The example is a date one could really ask for: a week after today or the deadline, whichever is later.
        day = max(task.due_date, local_today(turn.clock, task.timezone)) + timedelta(days=7)
        example = format_date(day).rsplit(" ", 1)[0]
        prompt = texts("ask-postpone-date", date=format_date(task.due_date),
                       example=f"{day:%d.%m.%Y} или «{example}»")
    await state.update_data(task_id=task.task_id)
    return [Send(prompt)] if pressed is not None else []


async def history_pressed(turn: Turn, task_id: int, pressed: Pressed | None) -> list[Reply]:
    from zoneinfo import ZoneInfo

    texts = turn.texts
    try:
        task = await turn.services.access.task_for(turn.person, task_id)
    except ServiceError as error:
        return [Notice(refusal_text(texts, error), alert=True)]
    zone = ZoneInfo(task.timezone)
    entries = await turn.services.tasks.history(task.task_id)
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
    return [Send("\n".join(lines))] if pressed is not None else []
