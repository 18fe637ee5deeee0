"""Every CallbackData the bot emits, in one place, so prefixes never collide.

Telegram allows 1–64 bytes of callback data; ids are integers and actions short codes.
Callback data is untrusted input (a modified client can send anything): every id is
validated as data — positive and within SQLite's integer range — so a forged or malformed
press matches no filter and gets «Кнопка устарела» instead of raising in a handler.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

SQLITE_MAX_INTEGER = 2**63 - 1
DbId = Annotated[int, Field(ge=1, le=SQLITE_MAX_INTEGER)]  # a row id
DbIdOrZero = Annotated[int, Field(ge=0, le=SQLITE_MAX_INTEGER)]  # 0 has a meaning of its own
PageNumber = Annotated[int, Field(ge=0, le=100_000)]


class TaskAction(StrEnum):
    DONE = "done"
    IN_PROGRESS = "prog"
    PROBLEM = "prob"
    ATTACH = "att"
    POSTPONE = "post"
    DONE_WITHOUT_DOCUMENT = "nodoc"
    FILES = "files"  # re-send the task's files
    HISTORY = "hist"
    REOPEN = "reop"  # «В работе» for a done task, confirmed
    KEEP_DONE = "keep"  # …declined


class TaskListPage(CallbackData, prefix="tl"):
    page: PageNumber


class TaskCardOpen(CallbackData, prefix="tc"):
    task_id: DbId


class TaskButton(CallbackData, prefix="ta"):
    task_id: DbId
    action: TaskAction


class PostponeDecision(CallbackData, prefix="pd"):
    postponement_id: DbId
    approve: bool


class JoinDecisionKind(StrEnum):
    BOTH = "both"
    REPLACE = "replace"
    REJECT = "reject"


class JoinDecision(CallbackData, prefix="jd"):
    """The coordinator's answer to a second account for a party someone holds."""

    request_id: DbId
    decision: JoinDecisionKind


class ImportChoice(StrEnum):
    LOAD = "load"
    CANCEL = "cancel"


class ImportDecision(CallbackData, prefix="im"):
    upload_id: DbId
    choice: ImportChoice


class ReviewPage(CallbackData, prefix="rv"):
    """A page of a roadmap's review: 0 is what to check, 1… every activity."""

    upload_id: DbId
    page: PageNumber


class ZonePick(CallbackData, prefix="rz"):
    """A timezone for a roadmap whose region was not recognised: index in RUSSIAN_ZONES."""

    upload_id: DbId
    zone: Annotated[int, Field(ge=0, le=100)]


class PeriodPick(CallbackData, prefix="rp"):
    """The program period for a roadmap whose title states none: index in the draft's options
    (-1: cancel)."""

    draft_id: DbId
    option: Annotated[int, Field(ge=-1, le=100)]


class EvidenceTarget(CallbackData, prefix="ev"):
    """«Which activity is this file for?» — the chosen task for a pending submission."""

    submission_id: DbId
    task_id: DbId


# A short argument of the command a program is picked for (an activity number, «1.2»).
PickArgument = Annotated[str, Field(max_length=16, pattern=r"^[0-9A-Za-z.\-]*$")]


class PickPurpose(StrEnum):
    """What the coordinator was doing when asked which program."""

    PEOPLE = "ppl"
    INVITE = "inv"
    OVERDUE = "ovd"
    PROGRAM = "prg"  # /program: only choose
    SUMMARY = "sum"
    EXPORT = "exp"
    ACTIVITY = "act"
    REMINDERS = "rem"
    SCHOOLS = "sch"
    ADDSCHOOL = "add"


class ProgramPick(CallbackData, prefix="pp"):
    program_id: DbId
    purpose: PickPurpose


class CurrentPick(CallbackData, prefix="cp"):
    """The coordinator's current program chosen (remembered), then the command it was asked for
    goes on; 0: «Все программы» (/summary and /export only, not remembered)."""

    program_id: DbIdOrZero
    purpose: PickPurpose
    arg: PickArgument = ""


class ProgramSwitch(CallbackData, prefix="cw"):
    """«🔁 Сменить программу» under an answer: the programs again, for the same command."""

    purpose: PickPurpose
    arg: PickArgument = ""


class InviteParty(CallbackData, prefix="iv"):
    program_id: DbId
    party_id: DbId
    organization_id: DbIdOrZero  # 0: the party as a whole (not per school)
    confirmed: bool = False  # a new link for a party someone holds: asked first


class InviteAll(CallbackData, prefix="ia"):
    program_id: DbId
    joined_too: bool = False  # new links also for people already connected: asked for explicitly


class AddPartyStart(CallbackData, prefix="pa"):
    """«➕ Добавить человека или роль» under /invite."""

    program_id: DbId


class AddPartyStep(StrEnum):
    KIND_OK = "ok"  # the name was understood right
    AS_ROLE = "role"
    AS_PERSON = "pers"
    EVERY_SCHOOL = "each"  # a role in each school
    ONE_ROLE = "one"  # one for the program
    NO_ACTIVITIES = "none"  # «Пока ни за какие»
    SAVE = "save"
    CANCEL = "stop"


class AddPartyChoice(CallbackData, prefix="pc"):
    """A step of adding a person or a role; what was said so far is in the conversation state."""

    program_id: DbId
    step: AddPartyStep


class CancelFlow(CallbackData, prefix="cx"):
    pass


class ActivityAction(StrEnum):
    FIX_DEADLINE = "fix"
    ASSIGN = "asg"


class ActivityButton(CallbackData, prefix="ac"):
    activity_id: DbId
    action: ActivityAction


class AssignPick(CallbackData, prefix="as"):
    """Assign an activity to a person (0: back to the roadmap's parties)."""

    activity_id: DbId
    person_id: DbIdOrZero


class SchoolToggle(CallbackData, prefix="sc"):
    organization_id: DbIdOrZero


# Pages of the coordinator's long lists (◀ / ▶ edit the message in place).
class PeoplePage(CallbackData, prefix="pl"):
    program_id: DbId
    page: PageNumber


class InvitePage(CallbackData, prefix="ip"):
    program_id: DbId
    page: PageNumber


class OverduePage(CallbackData, prefix="op"):
    program_id: DbId
    page: PageNumber


class ActivityPage(CallbackData, prefix="ap"):
    program_id: DbId
    activity_id: DbId
    page: PageNumber


class ActivityOpen(CallbackData, prefix="ao"):
    """An activity's view (its schools and dates, as /activity N shows it) in a new message,
    e.g. from a line of /overdue."""

    program_id: DbId
    activity_id: DbId


# The buttons under /reminders: each press changes the program's reminder policy and edits
# the message in place.
LeadDays = Annotated[int, Field(ge=1, le=60)]  # as «за=…» allows
RepeatDays = Annotated[int, Field(ge=1, le=30)]  # as «повтор=…» allows


class ReminderLeadToggle(CallbackData, prefix="rl"):
    """Add or remove a «N days before the due date» reminder."""

    program_id: DbId
    days: LeadDays


class ReminderRepeat(CallbackData, prefix="rr"):
    """Overdue reminders every N working days."""

    program_id: DbId
    every: RepeatDays


class ReminderSwitch(CallbackData, prefix="rs"):
    """The program's reminders on or off."""

    program_id: DbId
    enabled: bool


# The справка and the chart under /summary (bot/handlers/spravka.py).
class SpravkaAsk(CallbackData, prefix="dx"):
    """«📄 Справка (.docx)»: the period buttons for this program."""

    program_id: DbId


class SpravkaBuild(CallbackData, prefix="dp"):
    """A period chosen: build the справка. `period` is a PeriodChoice value other than «d»."""

    program_id: DbId
    period: Annotated[str, Field(pattern=r"^(q|lq|h|y|all)$")]


class ChartSend(CallbackData, prefix="gp"):
    """«📊 График»: the per-school chart as a photo."""

    program_id: DbId
