"""The coordinator's commands and presses on any messenger, routed to their conversations:
lists (coordinator_lists), invites (coordinator_invites), the current program (programs),
summary / export / справка / chart (coordinator_summary) and decisions (decisions)."""

from __future__ import annotations

from bot.conversations import coordinator_data as cd
from bot.conversations import coordinator_invites as invites
from bot.conversations import coordinator_lists as lists
from bot.conversations import coordinator_summary as summary
from bot.conversations import decisions, programs
from bot.conversations import help as helping
from bot.conversations import edit_data as ed
from bot.conversations.events import Command, Press, Turn
from bot.conversations.replies import Notice, Reply


async def command(turn: Turn, event: Command) -> list[Reply] | None:
    """The answer to a coordinator's command, or None for a command that is not one of these."""
    name, args = event.name, event.args
    if name == "programs":
        return await lists.programs_command(turn)
    if name == "program":
        return await programs.program_command(turn)
    if name == "people":
        return await lists.people_command(turn)
    if name == "invite":
        return await invites.invite_command(turn)
    if name == "activity":
        return await lists.activity_command(turn, args)
    if name == "overdue":
        return await lists.overdue_command(turn)
    if name == "summary":
        return await summary.summary_command(turn, args)
    if name == "export":
        return await summary.export_command(turn, args)
    if name == "help":
        return await helping.help_command(turn)
    return None


def understood(data: str) -> bool:
    if cd.unpack(data) is not None:
        return True
    return isinstance(ed.unpack(data), (ed.ProgramChoice, ed.ProgramSwitchPress, ed.InvitePartyPress))


async def press(turn: Turn, event: Press) -> list[Reply]:  # noqa: C901 — one case per kind of button
    value = cd.unpack(event.data) or ed.unpack(event.data)
    match value:
        case cd.PeoplePage(p, page):
            return await lists.people_page(turn, p, page)
        case cd.InvitePage(p, page):
            return await invites.invite_page(turn, p, page)
        case cd.OverduePage(p, page):
            return await lists.overdue_page(turn, p, page)
        case cd.ActivityPage(p, a, page):
            return await lists.activity_page(turn, p, a, page)
        case cd.ActivityOpen(p, a):
            return await lists.activity_open(turn, p, a)
        case cd.InviteAll(p, joined_too):
            return await invites.all_pressed(turn, p, joined_too)
        case cd.OldProgramPick(p, purpose):
            return await programs.picked(turn, p, purpose)
        case cd.SpravkaAsk(p):
            return await summary.spravka_asked(turn, p)
        case cd.SpravkaBuild(p, period):
            return await summary.spravka_built(turn, p, period)
        case cd.ChartSend(p):
            return await summary.chart_pressed(turn, p)
        case cd.PostponeDecision(d, approve):
            return await decisions.postponement(turn, d, approve, event.message)
        case cd.JoinDecision(r, decision):
            return await decisions.join(turn, r, decision, event.message)
        case ed.ProgramChoice(p, purpose, arg):
            return await programs.picked(turn, p, purpose, arg)
        case ed.ProgramSwitchPress(purpose, arg):
            return await programs.switch_pressed(turn, purpose, arg)
        case ed.InvitePartyPress():
            return await invites.party_pressed(turn, value)
    return [Notice(turn.texts("stale-button"), alert=True)]
