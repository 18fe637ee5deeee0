"""The program file's shape as pydantic models: what each field may hold and how fields
depend on each other. `check_program_file` validates a loaded YAML document and either
returns a `ProgramDoc` or raises one ValidationError listing every problem;
`bot.domain.program_file_problems` turns those errors into Russian.

Conventions kept from the hand-written checks this replaces:
- unknown fields are reported first and do not hide the entry's other problems;
- a deadline's dates mean something only with a valid `kind`; without `kind` the
  deadline is derived from `text` (needs the program period and the deadline parser);
- activities are checked against the sections listed before them, organizations
  against the ones above them: both go through the validation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel, ConfigDict, Field, PrivateAttr, Strict, ValidationError, ValidationInfo, field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, PydanticKnownError

from bot.domain.models import Period, Schedule, ScheduleKind
from bot.domain.program_file_fields import (
    Dates, FileDate, Flag, Number, Organization, PartyKindName, RequiredText, ScheduleKindName, SectionNumber,
    SourceLines, Text, TimeZone, scalar_text, scratch,
)

DeadlineParser = Callable[[str, Period], Schedule]

_DATED_KINDS = {ScheduleKind.DATE, ScheduleKind.PERIOD, ScheduleKind.RECURRING}
_DATE_FIELDS = ("start", "end", "due")


def _problem(error_type: str, loc: tuple[str | int, ...], value: Any = None, /, **ctx: Any) -> InitErrorDetails:
    """One error of our own type; `bot.domain.program_file_problems` knows its Russian."""
    return InitErrorDetails(type=PydanticCustomError(error_type, error_type, ctx or None), loc=loc, input=value)


def _again(error: Any) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(error["type"], error["msg"], error.get("ctx")), loc=error["loc"], input=error["input"]
    )


# ─── entries ────────────────────────────────────────────────────────────────


class Doc(BaseModel):
    """One mapping of the file. Fields are declared in the order the file lists them."""

    model_config = ConfigDict(extra="forbid")

    report_order: ClassVar[tuple[str, ...]] = ()  # fields whose problems come first, in this order

    @classmethod
    def _prepare(cls, data: Any, info: ValidationInfo) -> Any:
        """Shorthands, like a deadline written as plain text."""
        return data

    @classmethod
    def _across_fields(cls, entry: Any, fields: dict[str, Any], info: ValidationInfo) -> list[InitErrorDetails]:
        """Checks across fields; `entry` is None when a field has a problem already."""
        return []

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        data = cls._prepare(data, info)
        if not isinstance(data, dict):
            return handler(data)
        allowed = ", ".join(cls.model_fields)
        problems = [
            _problem("extra_forbidden", (str(key),), value, allowed=allowed)
            for key, value in data.items() if key not in cls.model_fields
        ]
        fields = {key: value for key, value in data.items() if key in cls.model_fields}
        entry = None
        try:
            entry = handler(fields)
        except ValidationError as exc:
            rank = {name: position for position, name in enumerate(cls.report_order)}
            errors = sorted(exc.errors(), key=lambda e: rank.get(e["loc"][0], len(rank)) if e["loc"] else -1)
            problems += [_again(e) for e in errors]
        problems += cls._across_fields(entry, fields, info)
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return entry


class PeriodDoc(Doc):
    start: FileDate | None = None
    end: FileDate | None = None

    @classmethod
    def _prepare(cls, data: Any, info: ValidationInfo) -> Any:
        if data is None:
            raise PydanticKnownError("missing")
        if isinstance(data, str):
            try:
                period = Period.parse(data)
            except ValueError:
                raise PydanticCustomError("period_text", "period_text") from None
            return {"start": period.start, "end": period.end}
        return data

    @classmethod
    def _across_fields(cls, entry: Any, fields: dict[str, Any], info: ValidationInfo) -> list[InitErrorDetails]:
        problems = [_problem("missing", (key,)) for key in ("start", "end") if fields.get(key) is None]
        if entry is None or problems:
            return problems
        if entry.end < entry.start:
            return [_problem("end_before_start", ("end",), entry.end, start=entry.start, end=entry.end)]
        scratch(info)["period"] = Period(start=entry.start, end=entry.end)
        return []


class SectionDoc(Doc):
    number: SectionNumber = None
    title: RequiredText

    @classmethod
    def _prepare(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, str):
            data = {"title": data}
        if isinstance(data, dict) and (title := scalar_text(data.get("title"))) is not None:
            scratch(info).setdefault("sections", set()).add(title)
        return data


class PartyDoc(Doc):
    report_order = ("name", "kind")

    kind: PartyKindName = Field(None, validate_default=True)
    name: RequiredText


class NamedInTextDoc(Doc):
    """A person or role the program names only in its text (`Program.text_parties`)."""

    report_order = ("name", "kind", "reason")

    kind: PartyKindName = Field(None, validate_default=True)
    name: RequiredText
    reason: Text = None


class DeadlineDoc(Doc):
    report_order = ("text", "needs_review", "review_reason", "kind", "start", "end", "due")

    text: Text = None
    kind: ScheduleKindName = None
    start: FileDate | None = None
    end: FileDate | None = None
    due: Dates = ()
    needs_review: Flag = None
    review_reason: Text = None

    _schedule: Schedule | None = PrivateAttr(default=None)

    @property
    def schedule(self) -> Schedule:
        assert self._schedule is not None, "validated with check_program_file"
        return self._schedule

    @field_validator("start", "end", "due", mode="wrap")
    @classmethod
    def _dates_need_a_kind(cls, value: Any, handler: Any, info: ValidationInfo) -> Any:
        return handler(value) if info.data.get("kind") is not None else cls.model_fields[info.field_name].default

    @classmethod
    def _prepare(cls, data: Any, info: ValidationInfo) -> Any:
        if data is None:
            raise PydanticKnownError("missing")
        return {"text": data} if isinstance(data, str) else data

    @classmethod
    def _across_fields(cls, entry: Any, fields: dict[str, Any], info: ValidationInfo) -> list[InitErrorDetails]:
        if fields.get("kind") is not None:
            return [] if entry is None else entry._check_dates()
        dated = [key for key in _DATE_FIELDS if fields.get(key) is not None]
        if dated:
            return [_problem("kind_missing", ("kind",), None, fields=", ".join(dated))]
        if scalar_text(fields.get("text")) is None:
            return [_problem("text_missing", ("text",), fields.get("text"))]
        period = scratch(info).get("period")
        return [] if entry is None or period is None else entry._derive(period, scratch(info).get("parse_deadline"))

    def _check_dates(self) -> list[InitErrorDetails]:
        kind, start, end, due = self.kind, self.start, self.end, list(self.due)
        assert kind is not None
        problems = []
        if start and end and end < start:
            problems.append(_problem("end_before_start", ("end",), end, start=start, end=end))
        if kind is ScheduleKind.PERIOD and not due and end is not None:
            due = [end]  # a period is due on its last day
        if kind is ScheduleKind.DATE and len(due) != 1:
            problems.append(_problem("due_one", ("due",), self.due))
        elif kind in (ScheduleKind.PERIOD, ScheduleKind.RECURRING) and not due:
            problems.append(_problem("due_needed", ("due",), self.due, kind=kind.value))
        elif kind not in _DATED_KINDS and due:
            problems.append(_problem("due_unwanted", ("due",), self.due, kind=kind.value))
        if len(due) != len(set(due)):
            problems.append(_problem("due_twice", ("due",), self.due))
        self._schedule = Schedule(
            kind=kind, start=start, end=end, due=tuple(sorted(due)), needs_review=bool(self.needs_review),
            source=self.text or "", review_reason=self.review_reason,
        )
        return problems

    def _derive(self, period: Period, parse_deadline: DeadlineParser | None) -> list[InitErrorDetails]:
        assert self.text is not None
        if parse_deadline is None:
            # Without the deadline parser the text stays as written, flagged for a person.
            schedule = Schedule(
                kind=ScheduleKind.UNSPECIFIED, needs_review=True, source=self.text,
                review_reason="Срок не разобран автоматически: укажите kind и даты вручную.",
            )
        else:
            try:
                schedule = parse_deadline(self.text, period)
            except Exception as exc:  # noqa: BLE001 — any parser failure is the file's problem to report
                return [_problem("deadline_text", ("text",), self.text, text=self.text, error=str(exc))]
        overrides: dict[str, Any] = {"source": self.text}
        if self.needs_review is not None:
            overrides["needs_review"] = self.needs_review
        if self.review_reason is not None:
            overrides["review_reason"] = self.review_reason
        self._schedule = schedule.model_copy(update=overrides)
        return []


class ActivityDoc(Doc):
    report_order = ("number", "title", "section", "result", "source_lines", "responsible", "deadline")

    number: Number = None
    section: Text = None
    title: RequiredText
    deadline: DeadlineDoc
    responsible: Annotated[list[PartyDoc], Strict()] | None = None
    result: Text = None
    source_lines: SourceLines = None

    @field_validator("section")
    @classmethod
    def _listed_section(cls, section: str | None, info: ValidationInfo) -> str | None:
        listed = scratch(info).get("sections")
        if section is not None and listed and section not in listed:
            raise PydanticCustomError("unknown_section", "unknown_section", {"section": section})
        return section


class ProgramDoc(Doc):
    source: Text = None
    composed: Flag = None
    reviewed_by: Text = None
    title: RequiredText
    municipality: Text = None
    timezone: TimeZone = None
    period: PeriodDoc
    organizations: Annotated[list[Organization], Strict()] | None = None
    sections: Annotated[list[SectionDoc], Strict()] | None = None
    activities: Annotated[list[ActivityDoc], Strict()] | None = None
    named_in_text: Annotated[list[NamedInTextDoc], Strict()] | None = None


def check_program_file(document: object, *, parse_deadline: DeadlineParser | None) -> ProgramDoc:
    """Validate a loaded document; raises ValidationError listing every problem. Validate
    through here: the context it gives carries the period, the sections and the parser."""
    return ProgramDoc.model_validate(document, context={"parse_deadline": parse_deadline})
