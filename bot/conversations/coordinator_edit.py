"""The coordinator changes an activity from its view (/activity N), on any messenger:
«Исправить срок» (the deadline as text, read by the domain's deadline reader, confirmed) and
«Назначить ответственного» (a person of the program, or back to the roadmap's parties; the
people concerned hear of it through the outbox, written by the assignments storage)."""

from __future__ import annotations

from bot.conversations.common import refusal_text
from bot.conversations.edit_data import ASSIGN, FIX, ActivityEdit, AssignTo, pack
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Button, Edit, Notice, Reply, Send, keyboard
from bot.domain.models import Schedule, ScheduleKind
from bot.i18n import format_date, shorten
from bot.services.errors import ServiceError
from bot.services.roadmap_edits import RoadmapEdits
from bot.storage.sql import placeholders

FIX_DEADLINE = "CoordinatorFlow:fix_deadline"  # aiogram's name (bot.handlers.states.CoordinatorFlow); data: activity_id
MAX_DEADLINE_TEXT = 200
MAX_PEOPLE = 40


def schedule_phrase(schedule: Schedule) -> str:
    if schedule.kind in (ScheduleKind.DATE, ScheduleKind.PERIOD) and schedule.due:
        return f"до {format_date(schedule.due[-1])}"
    if schedule.kind is ScheduleKind.RECURRING and schedule.due:
        return (f"{len(schedule.due)} срок(а/ов): {format_date(schedule.due[0])} … {format_date(schedule.due[-1])}"
                if len(schedule.due) > 1 else f"до {format_date(schedule.due[0])}")
    if schedule.kind is ScheduleKind.CONTINUOUS and schedule.start and schedule.end:
        return f"постоянно, {format_date(schedule.start)} – {format_date(schedule.end)}"
    return "не определён"


def activity_buttons(turn: Turn, activity_id: int) -> list[Button]:
    """The two buttons under an activity's view (as bot/rendering/coordinator.py makes them)."""
    return [Button(turn.texts("activity-button-fix"), pack(ActivityEdit(activity_id, FIX))),
            Button(turn.texts("activity-button-assign"), pack(ActivityEdit(activity_id, ASSIGN)))]


async def _activity(turn: Turn, activity_id: int) -> tuple[int, str, str] | None:
    async with turn.services.db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT program_id, title, schedule_text FROM activities WHERE id = ? AND removed_at IS NULL",
            (activity_id,),
        )
    return (rows[0][0], rows[0][1], rows[0][2]) if rows else None


async def _coordinated(turn: Turn, activity_id: int) -> tuple[int, str, str] | Notice:
    found = await _activity(turn, activity_id)
    if found is None:
        return Notice(turn.texts("task-gone"), alert=True)
    if not await turn.services.access.is_coordinator(turn.person, found[0]):
        return Notice(turn.texts("no-access"), alert=True)
    return found


async def pressed(turn: Turn, value: ActivityEdit | AssignTo, message: Pressed | None) -> list[Reply]:
    if isinstance(value, AssignTo):
        return await assign_picked(turn, value.activity_id, value.person_id, message)
    if value.action == FIX:
        return await fix_pressed(turn, value.activity_id, message)
    return await assign_pressed(turn, value.activity_id, message)


async def fix_pressed(turn: Turn, activity_id: int, message: Pressed | None) -> list[Reply]:
    found = await _coordinated(turn, activity_id)
    if isinstance(found, Notice):
        return [found]
    if message is None:
        return []
    await turn.state.set_state(FIX_DEADLINE)
    await turn.state.update_data(activity_id=activity_id)
    return [Send(turn.texts("fix-ask", current=found[2] or "—"))]


async def fix_answer(turn: Turn, text: str) -> list[Reply]:
    """The deadline typed after «Исправить срок»."""
    texts, state = turn.texts, turn.state
    activity_id = int((await state.get_data())["activity_id"])
    text = text.strip()[:MAX_DEADLINE_TEXT]
    edits = RoadmapEdits(turn.services.db, turn.services.access)
    try:
        preview = await edits.preview_deadline(turn.person, activity_id, text)
        if preview.kind is ScheduleKind.UNSPECIFIED:
            return [Send(texts("fix-unreadable", text=text))]
        schedule = await edits.set_deadline(turn.person, activity_id, text, now=turn.clock.now())
    except ServiceError as error:
        await state.clear()
        return [Send(refusal_text(texts, error))]
    await state.clear()
    found = await _activity(turn, activity_id)
    return [Send(texts("fix-done", title=found[1] if found else "", understood=schedule_phrase(schedule)))]


async def reachable_members(turn: Turn, program_id: int):  # type: ignore[no-untyped-def]
    """The program's people who have an account the bot can write to (Telegram or another messenger)."""
    members = await turn.services.people.program_members(program_id)
    others = [m.person.id for m in members if not m.person.telegram_user_id]
    elsewhere: set[int] = set()
    if others:
        async with turn.services.db.read() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT DISTINCT person_id FROM person_channels WHERE person_id IN ({placeholders(others)})", others)
        elsewhere = {r[0] for r in rows}
    return [m for m in members if m.person.telegram_user_id or m.person.id in elsewhere]


async def assign_pressed(turn: Turn, activity_id: int, message: Pressed | None) -> list[Reply]:
    found = await _coordinated(turn, activity_id)
    if isinstance(found, Notice):
        return [found]
    if message is None:
        return []
    members = await reachable_members(turn, found[0])
    if not members:
        return [Send(turn.texts("assign-none"))]
    rows = [[Button(shorten(m.label, 60), pack(AssignTo(activity_id, m.person.id)))] for m in members[:MAX_PEOPLE]]
    rows.append([Button(turn.texts("assign-parties"), pack(AssignTo(activity_id, 0)))])
    return [Send(turn.texts("assign-pick", title=found[1]), keyboard(*rows))]


async def assign_picked(turn: Turn, activity_id: int, person_id: int, message: Pressed | None) -> list[Reply]:
    found = await _coordinated(turn, activity_id)
    if isinstance(found, Notice):
        return [found]
    program_id, title, _ = found
    texts, services, now = turn.texts, turn.services, turn.clock.now()
    if person_id:
        members = {m.person.id: m for m in await services.people.program_members(program_id)}
        chosen = members.get(person_id)
        if chosen is None:  # not a person of this program: a forged or stale button
            return [Notice(texts("no-access"), alert=True)]
        await services.assignments.assign(activity_id, [chosen.person.id], organization_id=None,
                                          by=turn.person.id, now=now)
        answer = texts("assign-done", title=title, name=chosen.label)
    else:
        await services.assignments.assign(activity_id, [], organization_id=None, by=turn.person.id, now=now)
        answer = texts("assign-reset", title=title)
    return [Notice(answer)] + ([Edit(answer)] if message is not None else [])
