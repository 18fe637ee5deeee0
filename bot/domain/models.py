"""The roadmap as plain data: programs, sections, activities, schedules, parties."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Period(BaseModel):
    """An inclusive span of calendar days."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `YYYY-MM-DD:YYYY-MM-DD` (the CLI's `--period`)."""
        try:
            start, end = text.split(":")
            return cls(start=date.fromisoformat(start.strip()), end=date.fromisoformat(end.strip()))
        except ValueError as exc:
            raise ValueError(f"period must look like 2023-09-01:2024-08-31, got {text!r}") from exc


class ScheduleKind(StrEnum):
    DATE = "date"  # one exact due date
    PERIOD = "period"  # a span, due on its last day
    RECURRING = "recurring"  # several due dates
    CONTINUOUS = "continuous"  # ongoing over a span, no due date
    UNSPECIFIED = "unspecified"  # not understood; raw text kept


class Schedule(BaseModel):
    """What a «Сроки» cell means once read against the program period."""

    model_config = ConfigDict(frozen=True)

    kind: ScheduleKind
    start: date | None = None
    end: date | None = None
    due: tuple[date, ...] = ()
    needs_review: bool = False
    source: str = ""
    review_reason: str | None = Field(default=None, description="Why a person should look at it")

    def to_json_dict(self) -> dict[str, object]:
        """The CLI contract: kind, start, end, due, needs_review, source."""
        return {
            "kind": self.kind.value,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "due": [d.isoformat() for d in self.due],
            "needs_review": self.needs_review,
            "source": self.source,
        }


class PartyKind(StrEnum):
    PERSON = "person"  # «Якшина А.И.»
    ROLE = "role"  # «Руководитель ОО», «Муниципальный координатор»
    ORGANIZATION = "organization"  # «МОАУ СОШ № 1», «ГАУ ДПО «АМИРО»»


class Party(BaseModel):
    """Someone responsible for an activity, as the roadmap names them."""

    model_config = ConfigDict(frozen=True)

    kind: PartyKind
    name: str = Field(description="As written in the document (abbreviations resolved)")
    normalized: str = Field(description="Stable key: case, spaces, quotes and dots folded")


class NamedInText(BaseModel):
    """A person or role the program names only in its text (who approves it, who answers
    for it), offered to the coordinator as a party though no table row names them."""

    party: Party
    reason: str = Field(description="Russian: where the text names them")


class Section(BaseModel):
    number: str | None = None
    title: str


class Activity(BaseModel):
    number: str | None = Field(default=None, description="As written: «1.1», «5.», «1.1.2»; None for unnumbered rows")
    section: str | None = Field(default=None, description="Title of the section the row sits in")
    title: str
    deadline: Schedule
    responsible: list[Party] = Field(default_factory=list)
    result: str | None = Field(default=None, description="Expected result / evidence")
    source_lines: tuple[int, int] | None = Field(default=None, description="First and last source line (1-based)")


class Program(BaseModel):
    title: str
    municipality: str | None = None
    period: Period
    timezone: str = "Europe/Moscow"
    sections: list[Section] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list, description="Participating schools")
    source: str | None = Field(default=None, description="The document the roadmap was read from")
    composed: bool = Field(default=False, description="Composed by a person from the program text, not a table")
    text_parties: list[NamedInText] = Field(default_factory=list, description="Named only in the text, not the table")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone: {value!r}") from exc
        return value


class ImportWarning(BaseModel):
    line: int | None = None
    message: str = Field(description="Russian, for the coordinator")


class ImportResult(BaseModel):
    program: Program
    warnings: list[ImportWarning] = Field(default_factory=list)
    timezone_found: bool = Field(default=True, description="False: the region was not recognised, the zone is a default")

    @property
    def needs_review(self) -> list[Activity]:
        return [a for a in self.program.activities if a.deadline.needs_review]
