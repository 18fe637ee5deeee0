"""Which schools take part, on any messenger: /schools (a button per school: ✅ takes part,
➖ does not; a press toggles it and the list is shown again in place) and /addschool NAME."""

from __future__ import annotations

from bot.conversations.programs import context_of, current_or_ask
from bot.conversations.edit_data import SchoolFlip, pack
from bot.conversations.events import Pressed, Turn
from bot.conversations.replies import Button, Edit, Keyboard, Notice, Reply, Send, keyboard
from bot.storage.programs import ProgramRecord

SCHOOLS, ADDSCHOOL = "sch", "add"  # PickPurpose values
MAX_ROWS = 90
MAX_NAME = 200


async def menu(turn: Turn, program_id: int) -> tuple[str, Keyboard | None]:
    services, texts = turn.services, turn.texts
    program = await services.programs.get_program(program_id)
    rows = [[Button(("✅ " if participating else "➖ ") + name[:55], pack(SchoolFlip(org_id)))]
            for org_id, name, participating in await services.organizations.list(program_id)]
    line, switch = await context_of(services, turn.person, texts, program_id, SCHOOLS)
    text = texts("schools-header", program=program.title if program else "") + ("\n" + line if line else "")
    return text, (keyboard(*rows[:MAX_ROWS], *switch) if rows or switch else None)


async def schools_command(turn: Turn) -> list[Reply]:
    program, asked = await current_or_ask(turn, SCHOOLS)
    if program is None:
        return asked
    return await show(turn, program.id)


async def show(turn: Turn, program_id: int) -> list[Reply]:
    text, buttons = await menu(turn, program_id)
    return [Send(text, buttons)]


async def toggle_pressed(turn: Turn, organization_id: int, message: Pressed | None) -> list[Reply]:
    services, texts = turn.services, turn.texts
    async with services.db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT program_id, name, participating FROM organizations WHERE id = ?", (organization_id,))
    if not rows or not await services.access.is_coordinator(turn.person, rows[0][0]):
        return [Notice(texts("no-access"), alert=True)]
    program_id, name, participating = rows[0]
    await services.organizations.set_participating(organization_id, not participating, now=turn.clock.now())
    replies: list[Reply] = [Notice(texts("schools-toggled", participating="no" if participating else "yes",
                                         name=name))]
    if message is not None:
        text, buttons = await menu(turn, program_id)
        replies.append(Edit(text, buttons))
    return replies


async def addschool_command(turn: Turn, args: str) -> list[Reply]:
    name = " ".join(args.split())[:MAX_NAME]
    if not await turn.services.access.coordinated_programs(turn.person):
        return [Send(turn.texts("not-coordinator"))]
    if not name:
        return [Send(turn.texts("addschool-usage"))]
    program, asked = await current_or_ask(turn, ADDSCHOOL, args=name)
    if program is None:
        return asked
    return await add_school(turn, program, name)


async def add_school(turn: Turn, program: ProgramRecord, name: str) -> list[Reply]:
    if not name:
        return [Send(turn.texts("addschool-usage"))]
    await turn.services.organizations.add(program.id, name, now=turn.clock.now())
    return [Send(turn.texts("addschool-done", name=name, program=program.title))]
