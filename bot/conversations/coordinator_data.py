"""Button data of the coordinator's reading and deciding features — the same strings aiogram's
CallbackData factories in bot/keyboards/callbacks.py pack, made and read without aiogram:

«pl:1:0» / «ip:1:0» / «op:1:0» / «ap:1:7:0» (pages of /people, /invite, /overdue, /activity),
«ao:1:7» (an activity opened from /overdue), «ia:1:0» (all invite links as a file; 1: also for
people already connected), «pp:1:sum» (a picker sent before issue 12), «dx:1» / «dp:1:lq» / «gp:1»
(справка, its period, the chart), «pd:5:1» (a postponement approved; 0: rejected), «jd:3:both»
(a second account for a party). The picker («cp»/«cw»), the invite party («iv»), «pa» and «ac»
are in bot/conversations/edit_data.py (shared with the editing features).
Data are untrusted: anything malformed or out of range parses to None («Кнопка устарела»)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversations.data import MAX_PAGE, SQLITE_MAX_INTEGER
from bot.conversations.edit_data import PURPOSES

PERIODS = ("q", "lq", "h", "y", "all")  # bot.reports.report_period.PeriodChoice without «d»
JOIN_DECISIONS = ("both", "replace", "reject")  # bot.keyboards.callbacks.JoinDecisionKind


@dataclass(frozen=True, slots=True)
class PeoplePage:
    program_id: int
    page: int


@dataclass(frozen=True, slots=True)
class InvitePage:
    program_id: int
    page: int


@dataclass(frozen=True, slots=True)
class OverduePage:
    program_id: int
    page: int


@dataclass(frozen=True, slots=True)
class ActivityPage:
    program_id: int
    activity_id: int
    page: int


@dataclass(frozen=True, slots=True)
class ActivityOpen:
    program_id: int
    activity_id: int


@dataclass(frozen=True, slots=True)
class InviteAll:
    program_id: int
    joined_too: bool = False


@dataclass(frozen=True, slots=True)
class OldProgramPick:
    program_id: int
    purpose: str


@dataclass(frozen=True, slots=True)
class SpravkaAsk:
    program_id: int


@dataclass(frozen=True, slots=True)
class SpravkaBuild:
    program_id: int
    period: str


@dataclass(frozen=True, slots=True)
class ChartSend:
    program_id: int


@dataclass(frozen=True, slots=True)
class PostponeDecision:
    postponement_id: int
    approve: bool


@dataclass(frozen=True, slots=True)
class JoinDecision:
    request_id: int
    decision: str  # one of JOIN_DECISIONS


CoordinatorData = (PeoplePage | InvitePage | OverduePage | ActivityPage | ActivityOpen | InviteAll | OldProgramPick
                   | SpravkaAsk | SpravkaBuild | ChartSend | PostponeDecision | JoinDecision)


def _b(value: bool) -> str:
    return "1" if value else "0"


def pack(value: CoordinatorData) -> str:  # noqa: C901 — one case per kind of button
    match value:
        case PeoplePage(p, page):
            return f"pl:{p}:{page}"
        case InvitePage(p, page):
            return f"ip:{p}:{page}"
        case OverduePage(p, page):
            return f"op:{p}:{page}"
        case ActivityPage(p, a, page):
            return f"ap:{p}:{a}:{page}"
        case ActivityOpen(p, a):
            return f"ao:{p}:{a}"
        case InviteAll(p, joined_too):
            return f"ia:{p}:{_b(joined_too)}"
        case OldProgramPick(p, purpose):
            return f"pp:{p}:{purpose}"
        case SpravkaAsk(p):
            return f"dx:{p}"
        case SpravkaBuild(p, period):
            return f"dp:{p}:{period}"
        case ChartSend(p):
            return f"gp:{p}"
        case PostponeDecision(d, approve):
            return f"pd:{d}:{_b(approve)}"
        case JoinDecision(r, decision):
            return f"jd:{r}:{decision}"
    raise TypeError(value)


def _int(text: str, low: int, high: int) -> int | None:
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if low <= number <= high else None


def _id(text: str) -> int | None:
    return _int(text, 1, SQLITE_MAX_INTEGER)


def _page(text: str) -> int | None:
    return _int(text, 0, MAX_PAGE)


def _bool(text: str) -> bool | None:
    return {"1": True, "0": False, "true": True, "false": False}.get(text.lower())


def _all(*values: object) -> bool:
    return all(v is not None for v in values)


def unpack(data: str) -> CoordinatorData | None:  # noqa: C901 — one case per kind of button
    head, *args = data.split(":")
    n = len(args)
    if head in ("pl", "ip", "op") and n == 2 and _all(p := _id(args[0]), page := _page(args[1])):
        kind = {"pl": PeoplePage, "ip": InvitePage, "op": OverduePage}[head]
        return kind(p, page)  # type: ignore[arg-type]
    if head == "ap" and n == 3 and _all(p := _id(args[0]), a := _id(args[1]), page := _page(args[2])):
        return ActivityPage(p, a, page)  # type: ignore[arg-type]
    if head == "ao" and n == 2 and _all(p := _id(args[0]), a := _id(args[1])):
        return ActivityOpen(p, a)  # type: ignore[arg-type]
    if head == "ia" and n in (1, 2) and _all(p := _id(args[0])):
        joined_too = _bool(args[1]) if n == 2 else False
        return InviteAll(p, joined_too) if joined_too is not None else None  # type: ignore[arg-type]
    if head == "pp" and n == 2 and _all(p := _id(args[0])) and args[1] in PURPOSES:
        return OldProgramPick(p, args[1])  # type: ignore[arg-type]
    if head in ("dx", "gp") and n == 1 and _all(p := _id(args[0])):
        return SpravkaAsk(p) if head == "dx" else ChartSend(p)  # type: ignore[arg-type]
    if head == "dp" and n == 2 and _all(p := _id(args[0])) and args[1] in PERIODS:
        return SpravkaBuild(p, args[1])  # type: ignore[arg-type]
    if head == "pd" and n == 2 and _all(d := _id(args[0]), approve := _bool(args[1])):
        return PostponeDecision(d, approve)  # type: ignore[arg-type]
    if head == "jd" and n == 2 and _all(r := _id(args[0])) and args[1] in JOIN_DECISIONS:
        return JoinDecision(r, args[1])  # type: ignore[arg-type]
    return None
