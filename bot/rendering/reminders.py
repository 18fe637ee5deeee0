"""Reminder messages: several due to one person at one moment go as one message, each
activity with its own buttons."""

from __future__ import annotations

from datetime import date

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import TaskAction, TaskButton, TaskCardOpen
from bot.rendering.notifications import Rendered
from bot.storage.tasks import TaskView

TITLE = 70
AHEAD_KINDS = frozenset({"start", "before_7", "before_1", "due_today"})


def _short(text: str) -> str:
    return text if len(text) <= TITLE else text[: TITLE - 1].rstrip() + "…"


def reminder_batch(texts: Texts, items: list[tuple[str, TaskView]], today: date) -> Rendered:
    lines = [texts("reminder-header")]
    rows: list[list[InlineKeyboardButton]] = []
    for kind, task in items:
        number = task.number or "•"
        due = task.due_date
        if due is not None and due < today and kind in AHEAD_KINDS:
            kind = "overdue"  # sent late (the bot was down, a backlog): «через -5 дней» would be nonsense
        # A weekend or holiday deadline is announced on the working day before it.
        key = "reminder-line-due_ahead" if kind == "due_today" and due is not None and due != today else \
            f"reminder-line-{kind}"
        lines.append(texts(
            key, number=number, title=_short(task.title),
            organization=f" · {task.organization_name}" if task.organization_name else "",
            date=format_date(due) if due else "", days=texts("days-count", count=(today - due).days) if due else "",
            ahead=texts("reminder-ahead", count=(due - today).days) if due else "",
        ))
        rows.append([
            InlineKeyboardButton(text=f"✅ {number}", callback_data=TaskButton(task_id=task.task_id,
                                                                               action=TaskAction.DONE).pack()),
            InlineKeyboardButton(text=f"🟡 {number}", callback_data=TaskButton(task_id=task.task_id,
                                                                               action=TaskAction.IN_PROGRESS).pack()),
            InlineKeyboardButton(text=texts("reminder-open", number=number),
                                 callback_data=TaskCardOpen(task_id=task.task_id).pack()),
        ])
    lines += ["", texts("reminder-footer")]
    return Rendered("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows))
