"""Every CallbackData the bot emits, in one place, so prefixes never collide.

Telegram allows 1–64 bytes of callback data; ids are integers and actions short codes.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class TaskAction(StrEnum):
    DONE = "done"
    IN_PROGRESS = "prog"
    PROBLEM = "prob"
    ATTACH = "att"
    POSTPONE = "post"
    DONE_WITHOUT_DOCUMENT = "nodoc"
    FILES = "files"  # re-send the task's files
    HISTORY = "hist"


class TaskListPage(CallbackData, prefix="tl"):
    page: int


class TaskCardOpen(CallbackData, prefix="tc"):
    task_id: int


class TaskButton(CallbackData, prefix="ta"):
    task_id: int
    action: TaskAction


class PostponeDecision(CallbackData, prefix="pd"):
    postponement_id: int
    approve: bool


class ImportChoice(StrEnum):
    LOAD = "load"
    CANCEL = "cancel"


class ImportDecision(CallbackData, prefix="im"):
    upload_id: int
    choice: ImportChoice


class EvidenceTarget(CallbackData, prefix="ev"):
    """«Which activity is this file for?» — the chosen task for a pending submission."""

    submission_id: int
    task_id: int


class ProgramPick(CallbackData, prefix="pp"):
    program_id: int
    purpose: str  # short code of what the coordinator is doing: "inv", "ppl", "sum"…


class InviteParty(CallbackData, prefix="iv"):
    program_id: int
    party_id: int
    organization_id: int  # 0: the party as a whole (not per school)


class InviteAll(CallbackData, prefix="ia"):
    program_id: int


class CancelFlow(CallbackData, prefix="cx"):
    pass


class ActivityAction(StrEnum):
    FIX_DEADLINE = "fix"
    ASSIGN = "asg"


class ActivityButton(CallbackData, prefix="ac"):
    activity_id: int
    action: ActivityAction


class AssignPick(CallbackData, prefix="as"):
    """Assign an activity to a person (0: back to the roadmap's parties)."""

    activity_id: int
    person_id: int


class SchoolToggle(CallbackData, prefix="sc"):
    organization_id: int
