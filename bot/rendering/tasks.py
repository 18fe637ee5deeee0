"""Task lists and cards: plain-Russian deadlines, status lines, the card's buttons (neutral
keyboards of bot.conversations.replies; each channel's adapter turns them into its own)."""

from __future__ import annotations

import re
from datetime import date

from bot.conversations.data import CardOpen, ListPage, TaskAction, TaskPress, pack
from bot.conversations.replies import Button, Keyboard, keyboard
from bot.i18n import Texts, format_date
from bot.storage.tasks import Progress, TaskPage, TaskStatus, TaskView

TITLE_IN_LIST = 70


def relative_day(texts: Texts, due: date, today: date) -> str:
    delta = (due - today).days
    if delta == 0:
        return texts("relative-today")
    if delta == 1:
        return texts("relative-tomorrow")
    if delta > 1:
        return texts("relative-in-days", count=delta)
    return texts("relative-overdue", count=-delta)


def deadline_phrase(texts: Texts, task: TaskView, today: date) -> str:
    """«до 30 сентября 2023, через 5 дней»; «ежемесячно; срок этого отчёта — 31 октября 2023, сегодня»."""
    schedule = task.schedule_text.strip()
    if task.due_date is None:
        if task.schedule_kind == "continuous":
            if not schedule or re.match(r"постоянн", schedule, re.IGNORECASE):  # «постоянно (постоянно)»
                return texts("deadline-continuous-plain", date=format_date(task.schedule_end)) if task.schedule_end \
                    else texts("deadline-continuous-bare")
            if task.schedule_end:
                return texts("deadline-continuous-until", schedule=schedule, date=format_date(task.schedule_end))
            return texts("deadline-continuous", schedule=schedule)
        return texts("deadline-unspecified", schedule=schedule) if schedule else texts("deadline-no-text")
    if task.schedule_kind == "recurring":
        phrase = texts("deadline-recurring", schedule=schedule, date=format_date(task.due_date))
    else:
        phrase = texts("deadline-due-date", date=format_date(task.due_date))
    if task.status is not TaskStatus.DONE:
        phrase += ", " + relative_day(texts, task.due_date, today)
    if task.postponed and task.planned_date is not None:
        phrase += f" ({texts('deadline-postponed', date=format_date(task.planned_date))})"
    return phrase


def status_label(texts: Texts, status: TaskStatus) -> str:
    return f"{texts(f'status-icon-{status.value}')} {texts(f'status-{status.value}')}"


def status_icon(texts: Texts, task: TaskView, today: date) -> str:
    """Overdue shows red, whatever the status was before the deadline passed."""
    if task.status is not TaskStatus.DONE and task.due_date is not None and task.due_date < today \
            and task.status is not TaskStatus.PROBLEM:
        return texts("status-icon-overdue")
    return texts(f"status-icon-{task.status.value}")


def _short(title: str, limit: int = TITLE_IN_LIST) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def task_list(texts: Texts, page: TaskPage, today_for: dict[int, date]) -> tuple[str, Keyboard | None]:
    if page.total == 0:
        return texts("tasks-empty"), None
    pages = (page.total + page.limit - 1) // page.limit
    number = page.offset // page.limit
    lines = [texts("tasks-header", count=page.total, page=number + 1, pages=pages), ""]
    rows: list[list[Button]] = []
    for task in page.items:
        today = today_for[task.program_id]
        line = dict(icon=status_icon(texts, task, today), number=task.number or "•",
                    title=_short(task.title), deadline=deadline_phrase(texts, task, today))
        # The school's name is user input: it goes through Texts' escaping like every argument.
        lines.append(texts("tasks-line-organization", organization=task.organization_name, **line)
                     if task.organization_name else texts("tasks-line", **line))
        rows.append([Button(_short(f"{task.number or '•'} {task.title}", 60), pack(CardOpen(task.task_id)))])
    navigation = []
    if number > 0:
        navigation.append(Button(texts("tasks-prev"), pack(ListPage(number - 1))))
    if number + 1 < pages:
        navigation.append(Button(texts("tasks-next"), pack(ListPage(number + 1))))
    return "\n".join(lines), keyboard(*rows, navigation)


def task_card(
    texts: Texts,
    task: TaskView,
    today: date,
    *,
    progress: Progress | None,
    assignees: list[str] | None = None,
    pending_postponement: date | None = None,
    needs_document: bool = False,
) -> str:
    lines = [texts("card-title", number=task.number or "", title=task.title).replace("<b> ", "<b>")]
    lines.append(texts("card-program", program=task.program_title))
    if task.organization_name:
        lines.append(texts("card-organization", organization=task.organization_name))
    lines.append(texts("card-deadline", deadline=deadline_phrase(texts, task, today)))
    if task.result:
        lines.append(texts("card-result", result=task.result))
    lines.append(texts("card-status", icon=status_icon(texts, task, today),
                       status=texts(f"status-{task.status.value}")))
    lines.append(texts("card-files", count=task.file_count))
    if progress is not None and progress.total > 1:
        lines.append(texts("card-progress", done=progress.done, total=progress.total))
    if assignees is not None:
        lines.append(texts("card-assignees", names=", ".join(assignees)) if assignees else texts("card-no-assignees"))
    if pending_postponement is not None:
        lines.append(texts("card-pending-postponement", date=format_date(pending_postponement)))
    if needs_document:
        lines.append("")
        lines.append(texts("card-needs-document", result=task.result or ""))
    return "\n".join(lines)


def task_button(texts: Texts, key: str, task_id: int, action: TaskAction) -> Button:
    return Button(texts(key), pack(TaskPress(task_id, action)))


def card_keyboard(texts: Texts, task: TaskView, *, needs_document: bool = False) -> Keyboard:
    def button(key: str, action: TaskAction) -> Button:
        return task_button(texts, key, task.task_id, action)

    rows: list[list[Button]] = []
    if needs_document:
        rows.append([button("button-attach", TaskAction.ATTACH),
                     button("button-done-without-document", TaskAction.DONE_WITHOUT_DOCUMENT)])
    else:
        rows.append([button("button-done", TaskAction.DONE), button("button-in-progress", TaskAction.IN_PROGRESS)])
        rows.append([button("button-problem", TaskAction.PROBLEM), button("button-attach", TaskAction.ATTACH)])
    row = [button("button-history", TaskAction.HISTORY), button("button-files", TaskAction.FILES)]
    if task.due_date is not None and task.status is not TaskStatus.DONE:
        row.insert(0, button("button-postpone", TaskAction.POSTPONE))
    rows.append(row)
    rows.append([Button(texts("button-back-to-list"), pack(ListPage(0)))])
    return keyboard(*rows)
