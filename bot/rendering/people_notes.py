"""Notes about people the bot sends on its own (issue 12 «One person, one name»): the hourly
«who joined», a second account waiting for the coordinator, the coordinator's answer to it,
and «you now answer for…» / «no longer» when the coordinator assigns an activity."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Texts
from bot.keyboards.callbacks import JoinDecision, JoinDecisionKind
from bot.rendering.notifications import Rendered
from bot.services.bundle import Services
from bot.storage import joining
from bot.storage.outbox import OutboxItem

JOINS_SHOWN = 30
KINDS = frozenset({"joins", "join_request", "join_decision", "assigned", "unassigned"})


async def render_people_note(item: OutboxItem, services: Services, texts: Texts) -> Rendered | None:
    async with services.db.read() as conn:
        if item.kind == "joins":
            names = await joining.joins_between(conn, int(item.payload["program_id"]), item.payload["since"],
                                                item.payload["until"])
            program = await services.programs.get_program(int(item.payload["program_id"]))
            if not names or program is None:
                return None  # the joins were undone within the hour
            lines = [texts("joins-note-header", program=program.title, count=len(names))]
            lines += [texts("joins-note-line", name=name) for name in names[:JOINS_SHOWN]]
            if len(names) > JOINS_SHOWN:
                lines.append(texts("summary-more", count=len(names) - JOINS_SHOWN))
            lines.append(texts("joins-note-footer"))
            return Rendered("\n".join(lines))
        if item.kind in ("join_request", "join_decision"):
            request = await joining.join_request(conn, int(item.payload["request_id"]))
            if request is None:
                return None
            if item.kind == "join_decision":
                return Rendered(texts(f"join-decided-note-{request.decision}", program=request.program_title,
                                      role=request.party_label))
            if request.decision is not None:
                return None  # another coordinator decided before this note went out
            buttons = [InlineKeyboardButton(text=texts(f"join-button-{kind.value}"), callback_data=JoinDecision(
                request_id=request.id, decision=kind).pack()) for kind in JoinDecisionKind]
            return Rendered(
                texts("join-request-note", program=request.program_title, role=request.party_label,
                      holders=", ".join(request.holders) or "—", name=request.person_name),
                InlineKeyboardMarkup(inline_keyboard=[[b] for b in buttons]),
            )
    program = await services.programs.get_program(int(item.payload["program_id"]))
    title = str(item.payload.get("title", ""))
    number = str(item.payload.get("number") or "")
    return Rendered(texts(f"{item.kind}-note", activity=f"{number} {title}".strip(),
                          program=program.title if program else ""))
