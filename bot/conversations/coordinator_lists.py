"""The coordinator's lists on any messenger: /programs, /people, /activity N, /overdue — each a
page of one message (bot/rendering/coordinator.py), ◀ / ▶ editing it in place. Rights are
checked on every press (a forwarded or old button is no key)."""

from __future__ import annotations

import re

from bot.conversations import programs
from bot.conversations.events import Turn
from bot.conversations.replies import Edit, Keyboard, Notice, Reply, Send
from bot.domain.zones import zone_label
from bot.i18n import format_date
from bot.rendering.coordinator import activity_view, overdue_view, people_view
from bot.services.current_program import coordinator_choice
from bot.storage.person_messengers import messenger_labels

ACTIVITY_NUMBER = re.compile(r"[0-9A-Za-z.\-]{1,16}")


def shown(text: str, board: Keyboard | None, *, edit: bool) -> Reply:
    """A new message, or (a page button was pressed) the same message with the new page."""
    return Edit(text, board) if edit else Send(text, board)


async def coordinates(turn: Turn, program_id: int) -> list[Reply]:
    """[] when the person coordinates the program; else the refusal to a press."""
    if await turn.services.access.is_coordinator(turn.person, program_id):
        return []
    return [Notice(turn.texts("no-access"), alert=True)]


async def programs_command(turn: Turn) -> list[Reply]:
    texts, services = turn.texts, turn.services
    found = (await coordinator_choice(services, turn.person)).programs
    if not found:
        return [Send(texts("programs-empty") if services.access.is_configured_coordinator(turn.person)
                     else texts("not-coordinator"))]
    lines = [texts("programs-header")]
    for p in found:
        period = f"{format_date(p.period.start)} – {format_date(p.period.end)}"
        lines.append(texts("programs-line", title=p.title, period=period, timezone=zone_label(p.timezone),
                           activities=texts("activities-count", count=p.activity_count)))
    return [Send("\n".join(lines))]


async def people(turn: Turn, program_id: int, page: int = 0, *, edit: bool = False) -> list[Reply]:
    services = turn.services
    program = await services.programs.get_program(program_id)
    members = await services.people.program_members(program_id)
    missing = [t for t in await services.invites.targets(program_id) if not t.joined_person_ids]
    channels = await messenger_labels(services.db, [m.person.id for m in members])
    text, board = people_view(turn.texts, program_id, program.title if program else "", members, missing, page,
                              channels)
    return [shown(text, board, edit=edit)]


async def people_command(turn: Turn) -> list[Reply]:
    program, asked = await programs.current_or_ask(turn, programs.PEOPLE)
    return await people(turn, program.id) if program is not None else asked


async def activity_command(turn: Turn, args: str) -> list[Reply]:
    number = (args or "").strip().rstrip(".")
    if not number:
        return [Send(turn.texts("activity-usage"))]
    if not ACTIVITY_NUMBER.fullmatch(number):
        return [Send(turn.texts("activity-not-found", number=number))]
    program, asked = await programs.current_or_ask(turn, programs.ACTIVITY, arg=number)
    return await show_activity(turn, program.id, number) if program is not None else asked


async def show_activity(turn: Turn, program_id: int, number: str) -> list[Reply]:
    texts = turn.texts
    if not number:
        return [Send(texts("activity-usage"))]
    found = await activity(turn, program_id, number=number)
    if found is not None:
        return found
    line, rows = await programs.context_of(turn.services, turn.person, texts, program_id, programs.ACTIVITY, number)
    program = await turn.services.programs.get_program(program_id)
    return [Send(texts("activity-not-found-in", number=number, program=program.title if program else "")
                 + ("\n" + line if line else ""), programs.with_rows(None, rows))]


async def activity(turn: Turn, program_id: int, *, number: str | None = None, activity_id: int = 0, page: int = 0,
                   edit: bool = False) -> list[Reply] | None:
    """Activity «number» (or the one with `activity_id`) of the program, if it has it (else
    None): its schools (or dates) a page at a time."""
    services = turn.services
    tasks = await services.tasks.for_program(program_id)
    if number is None:
        number = next(((t.number or "").rstrip(".") for t in tasks if t.activity_id == activity_id), None)
        if number is None:
            return None
    tasks = [t for t in tasks if (t.number or "").rstrip(".") == number]
    if not tasks:
        return None
    program = await services.programs.get_program(program_id)
    assignees = await services.tasks.assignees_of([t.task_id for t in tasks])
    arg = number if ACTIVITY_NUMBER.fullmatch(number) else ""
    line, rows = await programs.context_of(services, turn.person, turn.texts, program_id, programs.ACTIVITY, arg)
    text, board = activity_view(turn.texts, program.title if program else "", tasks, assignees, page, line)
    return [shown(text, programs.with_rows(board, rows), edit=edit)]


async def overdue(turn: Turn, program_id: int, page: int = 0, *, edit: bool = False) -> list[Reply]:
    services, texts, now = turn.services, turn.texts, turn.clock.now()
    tasks = [t for t in await services.tasks.for_program(program_id) if t.is_overdue(now)]
    program = await services.programs.get_program(program_id)
    # which program this is: by its title for one program, the switch line for several
    line, rows = await programs.context_of(services, turn.person, texts, program_id, programs.OVERDUE)
    context = line or texts("overdue-program", program=program.title if program else "")
    if not tasks:
        return [shown(texts("overdue-none") + "\n" + context, programs.with_rows(None, rows), edit=edit)]
    text, board = overdue_view(texts, program_id, tasks, now, page, context)
    return [shown(text, programs.with_rows(board, rows), edit=edit)]


async def overdue_command(turn: Turn) -> list[Reply]:
    program, asked = await programs.current_or_ask(turn, programs.OVERDUE)
    return await overdue(turn, program.id) if program is not None else asked


async def people_page(turn: Turn, program_id: int, page: int) -> list[Reply]:
    return await coordinates(turn, program_id) or await people(turn, program_id, page, edit=True)


async def overdue_page(turn: Turn, program_id: int, page: int) -> list[Reply]:
    return await coordinates(turn, program_id) or await overdue(turn, program_id, page, edit=True)


async def activity_page(turn: Turn, program_id: int, activity_id: int, page: int) -> list[Reply]:
    refused = await coordinates(turn, program_id)
    if refused:
        return refused
    found = await activity(turn, program_id, activity_id=activity_id, page=page, edit=True)
    return found if found is not None else [Notice(turn.texts("stale-button"), alert=True)]


async def activity_open(turn: Turn, program_id: int, activity_id: int) -> list[Reply]:
    """A line of /overdue pressed: the activity's schools and dates in a new message, the list stays."""
    refused = await coordinates(turn, program_id)
    if refused:
        return refused
    found = await activity(turn, program_id, activity_id=activity_id)
    return found if found is not None else [Notice(turn.texts("stale-button"), alert=True)]
