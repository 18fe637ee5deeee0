"""Texts of the messages the bot sends on its own, one renderer per outbox kind."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Texts, format_date
from bot.keyboards.callbacks import PostponeDecision, TaskCardOpen
from bot.services.bundle import Services
from bot.storage.outbox import OutboxItem


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def _organization(name: str | None) -> str:
    return f" · {name}" if name else ""


async def render(item: OutboxItem, services: Services, texts: Texts) -> Rendered | None:
    """None: nothing meaningful to send any more (the task or request is gone)."""
    from bot.rendering.people_notes import KINDS, render_people_note  # it imports Rendered from here

    if item.kind in KINDS:
        return await render_people_note(item, services, texts)
    task = await services.tasks.get(item.task_id) if item.task_id is not None else None
    if item.kind == "problem" and task is not None:
        return Rendered(
            texts("problem-note", who=item.payload.get("reporter", ""), title=task.title,
                  organization=_organization(task.organization_name), comment=item.payload.get("comment", "")),
            InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=f"{task.number or '•'} {task.title}"[:60],
                callback_data=TaskCardOpen(task_id=task.task_id).pack())]]),
        )
    if item.kind in {"postpone_request", "postpone_decision"}:
        request = await services.postponements.get(int(item.payload["postponement_id"]))
        if request is None:
            return None
        if item.kind == "postpone_request":
            if request.status != "pending":
                return None
            return Rendered(
                texts("postpone-request-note", who=request.requester_name or "—", title=request.activity_title,
                      organization=_organization(request.organization_name),
                      old=format_date(request.current_due) if request.current_due else "—",
                      date=format_date(request.requested_date), reason=request.reason),
                InlineKeyboardMarkup(inline_keyboard=[[
                    InlineKeyboardButton(text=texts("button-approve"),
                                         callback_data=PostponeDecision(postponement_id=request.id, approve=True).pack()),
                    InlineKeyboardButton(text=texts("button-reject"),
                                         callback_data=PostponeDecision(postponement_id=request.id, approve=False).pack()),
                ]]),
            )
        key = "postpone-approved-note" if item.payload.get("approved") else "postpone-rejected-note"
        old = task.planned_date if task is not None else None
        return Rendered(texts(key, title=request.activity_title, date=format_date(request.requested_date),
                              old=format_date(old) if old else "—"))
    return None
