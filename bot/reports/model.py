"""The snapshot a report is built from. Storage fills it (bot.storage.summary_queries);
the builders only read it. One task row is one unit of reporting: an activity's
occurrence (due date) for one school, or a shared one; it may have several assignees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class TaskRow:
    task_id: int
    section: str | None
    number: str | None
    title: str
    organization: str | None
    due: date | None
    schedule_kind: str
    deadline_text: str
    status: str  # not_started | in_progress | done | problem
    last_update: datetime | None
    last_comment: str | None
    assignees: tuple[str, ...]
    files: tuple[str, ...]
    reminders_sent: int = 0
    activity_id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return self.status != "done" and self.due is not None and self.due < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.due is not None and self.due < today else 0

    def category(self, today: date) -> str:
        """The one heading a task is counted under, so the counts add up to the total:
        done › overdue › problem › in_progress › not_started. Overdue comes before «problem»
        so the headline's «просрочено» is exactly what /overdue and the «Просрочено» sheet list."""
        if self.status == "done":
            return "done"
        if self.is_overdue(today):
            return "overdue"
        return self.status if self.status in ("problem", "in_progress") else "not_started"


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    file_name: str
    activity_number: str | None
    activity_title: str
    organization: str | None
    person: str | None
    received_at: datetime
    size: int
    sha256: str
    local_path: str | None
    task_id: int | None = None  # the task the file was sent for (the справка lists files per activity)


@dataclass(frozen=True, slots=True)
class PostponementRow:
    activity_number: str | None
    activity_title: str
    organization: str | None
    person: str | None
    old_date: date | None
    requested_date: date
    reason: str
    requested_at: datetime
    task_id: int | None = None
    status: str = "pending"  # pending | approved (approved ones: `ProgramSnapshot.approved_postponements`)


@dataclass(frozen=True, slots=True)
class SilentPerson:
    name: str
    organization: str | None
    reminders: int
    last_reminder_at: datetime | None


@dataclass(frozen=True)
class ProgramSnapshot:
    program_id: int
    title: str
    municipality: str | None
    timezone: str
    period_start: date
    period_end: date
    today: date  # in the program's zone
    generated_at: datetime  # UTC
    week_start: date
    week_end: date
    tasks: list[TaskRow] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)  # all files; `this_week` filters
    postponements: list[PostponementRow] = field(default_factory=list)
    silent: list[SilentPerson] = field(default_factory=list)
    planner_last_run: datetime | None = None
    outbox_backlog: int = 0  # messages due now and not yet sent
    outbox_stale: int = 0  # of those, due for longer than an hour: the sender is stuck or Telegram refuses
    unreachable: list[str] = field(default_factory=list)
    # For the справка (bot.reports.spravka): postponements the coordinator approved (old_date is the
    # planned date, requested_date the approved one), the program's coordinators (the signature), the
    # roadmap's responsible parties per activity id as written («Руководитель ОО»), and the sections
    # in the roadmap's order as (number, title).
    approved_postponements: list[PostponementRow] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    responsible: dict[int, tuple[str, ...]] = field(default_factory=dict)
    sections: list[tuple[str | None, str]] = field(default_factory=list)

    def evidence_this_week(self) -> list[EvidenceRow]:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.timezone)
        return [e for e in self.evidence if self.week_start <= e.received_at.astimezone(zone).date() <= self.week_end]
