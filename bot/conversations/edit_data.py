"""Button data of the coordinator's editing features — the same strings aiogram's CallbackData
factories in bot/keyboards/callbacks.py pack, made and read here without aiogram:

«ac:12:fix» / «ac:12:asg» (an activity's «Исправить срок» / «Назначить ответственного»),
«as:12:5» (assign to person 5; 0: back to the roadmap's parties), «sc:3» (a school on/off),
«rl:1:7» / «rr:1:2» / «rs:1:0» (/reminders: a lead day, the repeat, on/off),
«pa:1» / «pc:1:ok» (adding a person or role), «iv:1:2:0:0» (an invite for a party),
«im:4:load» / «rv:4:1» / «rz:4:2» / «rp:3:-1» (a roadmap's review, its pages, zone, period),
«cp:1:sch:» / «cw:rem:» (which program — the picker's buttons).
Data are untrusted: anything malformed or out of range parses to None («Кнопка устарела»);
tests/test_conversations_edit_data.py checks the strings equal the CallbackData packs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.conversations.data import SQLITE_MAX_INTEGER

FIX, ASSIGN = "fix", "asg"
LOAD, CANCEL = "load", "cancel"
STEPS = ("ok", "role", "pers", "each", "one", "none", "save", "stop")  # bot.keyboards.callbacks.AddPartyStep
PURPOSES = ("ppl", "inv", "ovd", "prg", "sum", "exp", "act", "rem", "sch", "add")  # PickPurpose
_ARG = re.compile(r"[0-9A-Za-z.\-]{0,16}")


@dataclass(frozen=True, slots=True)
class ActivityEdit:
    activity_id: int
    action: str  # FIX or ASSIGN


@dataclass(frozen=True, slots=True)
class AssignTo:
    activity_id: int
    person_id: int  # 0: back to the roadmap's parties


@dataclass(frozen=True, slots=True)
class SchoolFlip:
    organization_id: int


@dataclass(frozen=True, slots=True)
class LeadToggle:
    program_id: int
    days: int


@dataclass(frozen=True, slots=True)
class RepeatEvery:
    program_id: int
    every: int


@dataclass(frozen=True, slots=True)
class RemindersSwitch:
    program_id: int
    enabled: bool


@dataclass(frozen=True, slots=True)
class AddPartyOpen:
    program_id: int


@dataclass(frozen=True, slots=True)
class AddPartyStepPress:
    program_id: int
    step: str  # one of STEPS


@dataclass(frozen=True, slots=True)
class InvitePartyPress:
    program_id: int
    party_id: int
    organization_id: int = 0
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class ImportDecide:
    upload_id: int
    choice: str  # LOAD or CANCEL


@dataclass(frozen=True, slots=True)
class ReviewTurn:
    upload_id: int
    page: int


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    upload_id: int
    zone: int


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    draft_id: int
    option: int  # -1: cancel


@dataclass(frozen=True, slots=True)
class ProgramChoice:
    program_id: int  # 0: «Все программы»
    purpose: str
    arg: str = ""


@dataclass(frozen=True, slots=True)
class ProgramSwitchPress:
    purpose: str
    arg: str = ""


EditData = (ActivityEdit | AssignTo | SchoolFlip | LeadToggle | RepeatEvery | RemindersSwitch | AddPartyOpen
            | AddPartyStepPress | InvitePartyPress | ImportDecide | ReviewTurn | ZoneChoice | PeriodChoice
            | ProgramChoice | ProgramSwitchPress)


def _b(value: bool) -> str:
    return "1" if value else "0"


def pack(value: EditData) -> str:
    match value:
        case ActivityEdit(a, action):
            return f"ac:{a}:{action}"
        case AssignTo(a, p):
            return f"as:{a}:{p}"
        case SchoolFlip(o):
            return f"sc:{o}"
        case LeadToggle(p, d):
            return f"rl:{p}:{d}"
        case RepeatEvery(p, e):
            return f"rr:{p}:{e}"
        case RemindersSwitch(p, on):
            return f"rs:{p}:{_b(on)}"
        case AddPartyOpen(p):
            return f"pa:{p}"
        case AddPartyStepPress(p, step):
            return f"pc:{p}:{step}"
        case InvitePartyPress(p, party, org, confirmed):
            return f"iv:{p}:{party}:{org}:{_b(confirmed)}"
        case ImportDecide(u, choice):
            return f"im:{u}:{choice}"
        case ReviewTurn(u, page):
            return f"rv:{u}:{page}"
        case ZoneChoice(u, zone):
            return f"rz:{u}:{zone}"
        case PeriodChoice(d, option):
            return f"rp:{d}:{option}"
        case ProgramChoice(p, purpose, arg):
            return f"cp:{p}:{purpose}:{arg}"
        case ProgramSwitchPress(purpose, arg):
            return f"cw:{purpose}:{arg}"
    raise TypeError(value)


def _int(text: str, low: int, high: int) -> int | None:
    sign = text.startswith("-") and low < 0
    digits = text[1:] if sign else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    number = -int(digits) if sign else int(digits)
    return number if low <= number <= high else None


def _id(text: str, *, zero: bool = False) -> int | None:
    return _int(text, 0 if zero else 1, SQLITE_MAX_INTEGER)


def _bool(text: str) -> bool | None:
    return {"1": True, "0": False, "true": True, "false": False}.get(text.lower())


def _all(*values: object) -> bool:
    return all(v is not None for v in values)


def unpack(data: str) -> EditData | None:  # noqa: C901 — one case per kind of button
    head, *args = data.split(":")
    n = len(args)
    if head == "ac" and n == 2 and _all(a := _id(args[0])) and args[1] in (FIX, ASSIGN):
        return ActivityEdit(a, args[1])  # type: ignore[arg-type]
    if head == "as" and n == 2 and _all(a := _id(args[0]), p := _id(args[1], zero=True)):
        return AssignTo(a, p)  # type: ignore[arg-type]
    if head == "sc" and n == 1 and _all(o := _id(args[0], zero=True)):
        return SchoolFlip(o)  # type: ignore[arg-type]
    if head == "rl" and n == 2 and _all(p := _id(args[0]), d := _int(args[1], 1, 60)):
        return LeadToggle(p, d)  # type: ignore[arg-type]
    if head == "rr" and n == 2 and _all(p := _id(args[0]), e := _int(args[1], 1, 30)):
        return RepeatEvery(p, e)  # type: ignore[arg-type]
    if head == "rs" and n == 2 and _all(p := _id(args[0]), on := _bool(args[1])):
        return RemindersSwitch(p, on)  # type: ignore[arg-type]
    if head == "pa" and n == 1 and _all(p := _id(args[0])):
        return AddPartyOpen(p)  # type: ignore[arg-type]
    if head == "pc" and n == 2 and _all(p := _id(args[0])) and args[1] in STEPS:
        return AddPartyStepPress(p, args[1])  # type: ignore[arg-type]
    if head == "iv" and n == 4 and _all(p := _id(args[0]), party := _id(args[1]), org := _id(args[2], zero=True),
                                        confirmed := _bool(args[3])):
        return InvitePartyPress(p, party, org, confirmed)  # type: ignore[arg-type]
    if head == "im" and n == 2 and _all(u := _id(args[0])) and args[1] in (LOAD, CANCEL):
        return ImportDecide(u, args[1])  # type: ignore[arg-type]
    if head == "rv" and n == 2 and _all(u := _id(args[0]), page := _int(args[1], 0, 100_000)):
        return ReviewTurn(u, page)  # type: ignore[arg-type]
    if head == "rz" and n == 2 and _all(u := _id(args[0]), zone := _int(args[1], 0, 100)):
        return ZoneChoice(u, zone)  # type: ignore[arg-type]
    if head == "rp" and n == 2 and _all(d := _id(args[0]), option := _int(args[1], -1, 100)):
        return PeriodChoice(d, option)  # type: ignore[arg-type]
    if head == "cp" and n == 3 and _all(p := _id(args[0], zero=True)) and args[1] in PURPOSES \
            and _ARG.fullmatch(args[2]):
        return ProgramChoice(p, args[1], args[2])  # type: ignore[arg-type]
    if head == "cw" and n == 2 and args[0] in PURPOSES and _ARG.fullmatch(args[1]):
        return ProgramSwitchPress(args[0], args[1])
    return None
