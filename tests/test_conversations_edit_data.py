"""The editing features' button data (bot/conversations/edit_data.py) are the strings aiogram's
CallbackData factories pack, both ways; forged data parse to None."""

from __future__ import annotations

import pytest

from bot.conversations import edit_data as ed
from bot.keyboards import callbacks as cb

PAIRS = [
    (ed.ActivityEdit(12, ed.FIX), cb.ActivityButton(activity_id=12, action=cb.ActivityAction.FIX_DEADLINE)),
    (ed.ActivityEdit(12, ed.ASSIGN), cb.ActivityButton(activity_id=12, action=cb.ActivityAction.ASSIGN)),
    (ed.AssignTo(12, 5), cb.AssignPick(activity_id=12, person_id=5)),
    (ed.AssignTo(12, 0), cb.AssignPick(activity_id=12, person_id=0)),
    (ed.SchoolFlip(3), cb.SchoolToggle(organization_id=3)),
    (ed.LeadToggle(1, 7), cb.ReminderLeadToggle(program_id=1, days=7)),
    (ed.RepeatEvery(1, 2), cb.ReminderRepeat(program_id=1, every=2)),
    (ed.RemindersSwitch(1, False), cb.ReminderSwitch(program_id=1, enabled=False)),
    (ed.RemindersSwitch(1, True), cb.ReminderSwitch(program_id=1, enabled=True)),
    (ed.AddPartyOpen(4), cb.AddPartyStart(program_id=4)),
    *[(ed.AddPartyStepPress(4, step.value), cb.AddPartyChoice(program_id=4, step=step)) for step in cb.AddPartyStep],
    (ed.InvitePartyPress(1, 2, 0), cb.InviteParty(program_id=1, party_id=2, organization_id=0)),
    (ed.InvitePartyPress(1, 2, 3, True), cb.InviteParty(program_id=1, party_id=2, organization_id=3, confirmed=True)),
    (ed.ImportDecide(9, ed.LOAD), cb.ImportDecision(upload_id=9, choice=cb.ImportChoice.LOAD)),
    (ed.ImportDecide(9, ed.CANCEL), cb.ImportDecision(upload_id=9, choice=cb.ImportChoice.CANCEL)),
    (ed.ReviewTurn(9, 0), cb.ReviewPage(upload_id=9, page=0)),
    (ed.ZoneChoice(9, 10), cb.ZonePick(upload_id=9, zone=10)),
    (ed.PeriodChoice(2, -1), cb.PeriodPick(draft_id=2, option=-1)),
    (ed.PeriodChoice(2, 1), cb.PeriodPick(draft_id=2, option=1)),
    *[(ed.ProgramChoice(2, purpose.value), cb.CurrentPick(program_id=2, purpose=purpose)) for purpose in cb.PickPurpose],
    (ed.ProgramChoice(0, "sum"), cb.CurrentPick(program_id=0, purpose=cb.PickPurpose.SUMMARY)),
    (ed.ProgramChoice(2, "act", "1.2"), cb.CurrentPick(program_id=2, purpose=cb.PickPurpose.ACTIVITY, arg="1.2")),
    (ed.ProgramSwitchPress("rem"), cb.ProgramSwitch(purpose=cb.PickPurpose.REMINDERS)),
    (ed.ProgramSwitchPress("act", "1.1"), cb.ProgramSwitch(purpose=cb.PickPurpose.ACTIVITY, arg="1.1")),
]


@pytest.mark.parametrize(("value", "factory"), PAIRS, ids=lambda v: type(v).__name__)
def test_the_strings_are_the_callback_data_packs(value, factory) -> None:
    packed = factory.pack()
    assert ed.pack(value) == packed
    assert ed.unpack(packed) == value
    assert ed.STEPS == tuple(s.value for s in cb.AddPartyStep)
    assert ed.PURPOSES == tuple(p.value for p in cb.PickPurpose)


@pytest.mark.parametrize("forged", [
    "ac:0:fix", "ac:1:nope", "ac:-1:fix", "as:1:-2", "sc:x", "rl:1:0", "rl:1:61", "rr:1:31", "rs:1:2",
    "pc:1:drop", "im:1:maybe", "rv:1:100001", "rz:1:101", "rp:1:-2", "cp:1:zzz:", "cp:1:act:" + "9" * 17,
    "cw:act:a b", "ac:" + "9" * 30 + ":fix", "", "ac", "sc:1:2", "iv:1:2:0", "cp:1:sch", "cw:rem",
])
def test_forged_data_parse_to_nothing(forged: str) -> None:
    assert ed.unpack(forged) is None


def test_the_editing_conversations_import_no_messenger_library() -> None:
    import subprocess
    import sys

    code = ("import sys, bot.conversations.editing; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'aiogram', 'maxapi'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
