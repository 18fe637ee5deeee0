"""The coordinator's editing features behind one door, for a channel adapter (bot/max/router.py):
commands (/schools, /addschool, /reminders, /addperson, /template), the buttons they make
(bot.conversations.edit_data), the texts they ask for (a deadline, a name, activity numbers) and
roadmap files. The Telegram handlers call the feature modules directly, with aiogram's filters."""

from __future__ import annotations

from bot.conversations import add_party, coordinator_edit, programs, reminders_settings, roadmap_upload, schools
from bot.conversations.edit_data import (ActivityEdit, AddPartyOpen, AddPartyStepPress, AssignTo, ImportDecide,
                                         LeadToggle, PeriodChoice, RemindersSwitch, RepeatEvery, ReviewTurn,
                                         SchoolFlip, ZoneChoice, unpack)
from bot.conversations.events import Command, Press, Turn, Upload
from bot.conversations.replies import Notice, Reply

_HANDLED = (ActivityEdit, AssignTo, SchoolFlip, LeadToggle, RepeatEvery, RemindersSwitch, AddPartyOpen,
            AddPartyStepPress, ImportDecide, ReviewTurn, ZoneChoice, PeriodChoice)
COMMANDS = frozenset({"schools", "addschool", "reminders", "addperson", "template"})

# «Какая программа?» answered (bot/conversations/programs.py): the editing command goes on.
programs.RUNNERS.update({
    schools.SCHOOLS: lambda turn, program, args: schools.show(turn, program.id),
    schools.ADDSCHOOL: schools.add_school,
    reminders_settings.REMINDERS: reminders_settings.run,
})


def understood(data: str) -> bool:
    return isinstance(unpack(data), _HANDLED)


async def press(turn: Turn, event: Press) -> list[Reply]:
    value, message = unpack(event.data), event.message
    if isinstance(value, (ActivityEdit, AssignTo)):
        return await coordinator_edit.pressed(turn, value, message)
    if isinstance(value, SchoolFlip):
        return await schools.toggle_pressed(turn, value.organization_id, message)
    if isinstance(value, (LeadToggle, RepeatEvery, RemindersSwitch)):
        return await reminders_settings.pressed(turn, value, message)
    if isinstance(value, AddPartyOpen):
        return await add_party.start_pressed(turn, value.program_id, message)
    if isinstance(value, AddPartyStepPress):
        return await add_party.step_pressed(turn, value.program_id, value.step, message)
    if isinstance(value, (ImportDecide, ReviewTurn, ZoneChoice, PeriodChoice)):
        return await roadmap_upload.pressed(turn, value, message)
    return [Notice(turn.texts("stale-button"), alert=True)]


async def command(turn: Turn, event: Command) -> list[Reply] | None:
    """The replies to one of COMMANDS, or None for a command of another feature."""
    if event.name == "schools":
        return await schools.schools_command(turn)
    if event.name == "addschool":
        return await schools.addschool_command(turn, event.args)
    if event.name == "reminders":
        return await reminders_settings.reminders_command(turn, event.args)
    if event.name == "addperson":
        return await add_party.addperson_command(turn)
    if event.name == "template":
        return roadmap_upload.template_command(turn)
    return None


async def waits_for_text(turn: Turn) -> bool:
    state = await turn.state.get_state()
    return state == coordinator_edit.FIX_DEADLINE or state in add_party.Step.TEXT_STATES


async def answer(turn: Turn, text: str) -> list[Reply]:
    """The text the coordinator was asked for (waits_for_text was true)."""
    if await turn.state.get_state() == coordinator_edit.FIX_DEADLINE:
        return await coordinator_edit.fix_answer(turn, text)
    return await add_party.answer(turn, text)


async def wants_file(turn: Turn, upload: Upload) -> bool:
    return await roadmap_upload.wants(turn, upload)


async def file_received(turn: Turn, upload: Upload) -> list[Reply]:
    return await roadmap_upload.file_received(turn, upload)
