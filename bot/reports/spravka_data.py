"""The справка's numbers and lists for a reporting period, computed from the summary's snapshot
(one query path: the text, the tables, the charts and the Excel report agree).

A task belongs to the period when its due date — or the roadmap's date it was postponed from —
falls in it; undated (continuous) activities belong to every period, and «вся программа» has
every task (a roadmap may date a few activities outside its own title's period). An activity is «выполнено»
when every one of its tasks in the period is done, «не выполнено» when one of them is overdue,
«выполняется» otherwise."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.reports.model import EvidenceRow, PostponementRow, ProgramSnapshot, TaskRow
from bot.reports.report_period import PeriodChoice, ReportPeriod
from bot.reports.summary_text import by_organization, counts


@dataclass
class ActivityReport:
    section: str | None
    number: str | None
    title: str
    deadline_text: str
    responsible: tuple[str, ...]
    tasks: list[TaskRow] = field(default_factory=list)
    files: list[tuple[str, datetime]] = field(default_factory=list)  # (name, received, local naive)
    postponements: list[PostponementRow] = field(default_factory=list)

    @property
    def per_school(self) -> bool:
        return any(t.organization for t in self.tasks)

    def schools(self) -> tuple[int, int]:
        """(schools where every task of the period is done, schools); a shared (school-less)
        task counts as one «school» only when the activity has no per-school tasks."""
        done: dict[str, bool] = {}
        per_school = self.per_school
        for t in self.tasks:
            if per_school and not t.organization:
                continue
            key = t.organization or ""
            done[key] = done.get(key, True) and t.status == "done"
        return sum(done.values()), len(done)

    def state(self, today: date) -> str:
        if all(t.status == "done" for t in self.tasks):
            return "done"
        return "not_done" if any(t.is_overdue(today) for t in self.tasks) else "in_progress"

    def dues(self) -> list[date]:
        return sorted({t.due for t in self.tasks if t.due is not None})

    def overdue(self, today: date) -> list[TaskRow]:
        return [t for t in self.tasks if t.is_overdue(today)]

    def problems(self) -> list[TaskRow]:
        return [t for t in self.tasks if t.status == "problem" and t.last_comment]


@dataclass
class SpravkaData:
    snapshot: ProgramSnapshot  # only the period's tasks
    period: ReportPeriod
    activities: list[ActivityReport]
    task_counts: dict[str, int]  # bot.reports.summary_text.counts over the period's tasks
    evidence: list[EvidenceRow]  # received within the period (up to today)
    schools_behind: list[tuple[str, int, int, int]]  # (school, done, total, overdue), worst first

    @property
    def today(self) -> date:
        return self.snapshot.today

    def activity_counts(self) -> dict[str, int]:
        result = {"total": len(self.activities), "done": 0, "in_progress": 0, "not_done": 0}
        for activity in self.activities:
            result[activity.state(self.today)] += 1
        result["postponed"] = sum(bool(a.postponements) for a in self.activities)
        return result

    def overdue_activities(self) -> list[ActivityReport]:
        late = [a for a in self.activities if a.state(self.today) == "not_done"]
        return sorted(late, key=lambda a: min(t.due for t in a.overdue(self.today) if t.due is not None))

    def sections(self) -> list[tuple[str | None, str | None, list[ActivityReport]]]:
        """(number, title, activities) in the roadmap's order."""
        numbers = {title: number for number, title in self.snapshot.sections}
        grouped: dict[str | None, list[ActivityReport]] = defaultdict(list)
        for activity in self.activities:
            grouped[activity.section].append(activity)
        order = [title for _, title in self.snapshot.sections if title in grouped]
        order += [title for title in grouped if title not in order]
        return [(numbers.get(title) if title else None, title, grouped[title]) for title in order]


def percent(part: int, whole: int) -> int:
    """Rounded half up, as a person would (78 % for 31 of 40)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def in_period(task: TaskRow, period: ReportPeriod, planned: date | None) -> bool:
    if task.due is None or period.choice is PeriodChoice.PROGRAM:  # «вся программа»: every task, as the summary
        return True
    return period.contains(task.due) or (planned is not None and period.contains(planned))


def spravka_data(snapshot: ProgramSnapshot, period: ReportPeriod) -> SpravkaData:
    zone = ZoneInfo(snapshot.timezone)
    moved: dict[int, list[PostponementRow]] = defaultdict(list)
    for p in snapshot.approved_postponements:
        if p.task_id is not None:
            moved[p.task_id].append(p)
    tasks = [t for t in snapshot.tasks
             if in_period(t, period, moved[t.task_id][0].old_date if t.task_id in moved else None)]
    ids = {t.task_id for t in tasks}
    files: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    for e in snapshot.evidence:
        if e.task_id in ids:
            files[e.task_id].append((e.file_name, e.received_at.astimezone(zone).replace(tzinfo=None)))
    activities: dict[object, ActivityReport] = {}
    for t in tasks:
        key = t.activity_id if t.activity_id is not None else (t.section, t.number, t.title)
        activity = activities.get(key)
        if activity is None:
            responsible = snapshot.responsible.get(t.activity_id, ()) if t.activity_id is not None else ()
            activity = activities[key] = ActivityReport(t.section, t.number, t.title, t.deadline_text, responsible)
        activity.tasks.append(t)
        activity.files.extend(files.get(t.task_id, ()))
        activity.postponements.extend(moved.get(t.task_id, ()))
    for activity in activities.values():
        activity.files.sort(key=lambda f: f[1])
    last_day = min(period.end, snapshot.today)
    evidence = [e for e in snapshot.evidence
                if period.start <= e.received_at.astimezone(zone).date() <= last_day]
    shot = replace(snapshot, tasks=tasks)
    return SpravkaData(
        snapshot=shot, period=period, activities=list(activities.values()), task_counts=counts(shot),
        evidence=sorted(evidence, key=lambda e: e.received_at),
        schools_behind=[row for row in by_organization(shot) if row[3] > 0],
    )
