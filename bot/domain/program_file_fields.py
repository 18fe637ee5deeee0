"""The program file's scalar fields as pydantic types: text that YAML may have turned
into a number or a date, ISO dates, strict flags, time zones, kinds. Each raises a
PydanticCustomError whose type `bot.domain.program_file_problems` puts into Russian."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, PlainValidator, StrictBool, ValidationInfo
from pydantic_core import PydanticCustomError, PydanticKnownError

from bot.domain.models import PartyKind, ScheduleKind


def scratch(info: ValidationInfo) -> dict[str, Any]:
    """The validation context: what earlier parts of the file told the later ones."""
    return info.context if isinstance(info.context, dict) else {}


_QUOTES = re.compile(r"[«»\"'“”„‘’`]")


def fold_party_name(name: str) -> str:
    """Fallback party key until bot.domain.parties provides one: case, ё, quotes, dots and
    spacing folded («Якшина А.И.» and «якшина а. и.» are the same person)."""
    text = _QUOTES.sub("", name.casefold().replace("ё", "е")).replace(".", " ")
    text = re.sub(r"№\s*", "№ ", text)
    return " ".join(text.split())


def scalar_text(value: object) -> str | None:
    """Text, tolerating what YAML turns into numbers or dates: `number: 5`, `title: 2024`."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return None


def _optional_text(value: object) -> str | None:
    text = scalar_text(value)
    if text is None and value is not None and not isinstance(value, str):
        raise PydanticCustomError("text_type", "text_type")
    return text


def _required_text(value: object) -> str:
    text = scalar_text(value)
    if text is None:
        if value in (None, ""):
            raise PydanticKnownError("missing")
        raise PydanticCustomError("text_type", "text_type")
    return text


def _number(value: object) -> str | None:
    text = scalar_text(value)
    if text is None and value not in (None, ""):
        raise PydanticCustomError("number_type", "number_type")
    return text


def _file_date(value: object) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "date_with_time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d.%m.%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
    raise PydanticCustomError("not_a_date", "not_a_date")


def _as_list(value: object) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def _timezone(value: object) -> str | None:
    if value is None:
        return None
    zone = scalar_text(value)
    try:
        if zone is None:
            raise ValueError
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError("timezone", "timezone") from None
    return zone


def _schedule_kind(value: object) -> ScheduleKind | None:
    if value is None:
        return None
    try:
        return ScheduleKind(scalar_text(value))
    except ValueError:
        raise PydanticCustomError("schedule_kind", "schedule_kind") from None


def _party_kind(value: object) -> PartyKind:
    try:
        return PartyKind(scalar_text(value))
    except ValueError:
        raise PydanticCustomError("party_kind", "party_kind") from None


def _source_lines(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value)
        and value[0] <= value[1]
    ):
        raise PydanticCustomError("source_lines", "source_lines")
    return (value[0], value[1])


def _organization(value: object, info: ValidationInfo) -> str:
    name = scalar_text(value)
    if name is None:
        raise PydanticCustomError("organization", "organization")
    seen = scratch(info).setdefault("organizations", set())
    if fold_party_name(name) in seen:
        raise PydanticCustomError("organization_twice", "organization_twice", {"name": name})
    seen.add(fold_party_name(name))
    return name


Text = Annotated[str | None, PlainValidator(_optional_text)]
RequiredText = Annotated[str, PlainValidator(_required_text)]
FileDate = Annotated[date, PlainValidator(_file_date)]
Flag = StrictBool | None
Number = Annotated[str | None, PlainValidator(_number)]  # an activity's: «1.2», «5.»
SectionNumber = Annotated[str | None, PlainValidator(scalar_text)]  # taken as it comes
Dates = Annotated[tuple[FileDate, ...], BeforeValidator(_as_list)]  # one date or a list
TimeZone = Annotated[str | None, PlainValidator(_timezone)]
ScheduleKindName = Annotated[ScheduleKind | None, PlainValidator(_schedule_kind)]
PartyKindName = Annotated[PartyKind, PlainValidator(_party_kind)]
SourceLines = Annotated[tuple[int, int] | None, PlainValidator(_source_lines)]
Organization = Annotated[str, PlainValidator(_organization)]  # named once in the list
