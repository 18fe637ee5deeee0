"""The reminder policy and the pure planner: the state of tasks in, the notifications
that should exist out. No database, no Telegram, no scheduler.

Re-planning is re-running `plan`: its keys are stable (kind, task, person, due date,
repetition), so the caller inserts keys it has not seen and cancels pending keys the
plan no longer produces (a status change, a postponement, a reassignment).

Decisions (documented and tested):
* `done` stops every reminder of that task; `in_progress` and `problem` still get the
  deadline reminders (the deadline still stands), but a `problem` task does not trigger
  the coordinator's overdue note — the coordinator was told about the problem already.
* Reminders go at `send_at` (09:00) local time on working days; a nominal day that is not
  a working day moves to the previous working day (a Sunday due date is announced on
  Friday). Two reminders of one task on the same day collapse into the more urgent one.
* Catch-up after downtime: of the reminders whose moment passed unsent, only the latest
  per task and person is sent, and a before-due reminder whose due day has already passed
  is dropped (the overdue reminder replaces it). It goes now if it is working hours on a
  working day in the program's zone, else at the next working day's 09:00.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.workdays import WorkCalendar


class ReminderKind(StrEnum):
    START = "start"
    BEFORE_7 = "before_7"
    BEFORE_1 = "before_1"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    CHECK_IN = "check_in"
    COORDINATOR_OVERDUE = "coordinator_overdue"


# Reminders to the people responsible (a coordinator's overdue note is not one of them).
PERSON_REMINDER_KINDS = frozenset({"start", "before_7", "before_1", "due_today", "overdue", "check_in"})
ALL_REMINDER_KINDS = PERSON_REMINDER_KINDS | {"coordinator_overdue"}

# Most urgent first: which one survives when two fall on one day, and the order in a batch.
URGENCY = {
    ReminderKind.COORDINATOR_OVERDUE: 0, ReminderKind.OVERDUE: 1, ReminderKind.DUE_TODAY: 2,
    ReminderKind.BEFORE_1: 3, ReminderKind.BEFORE_7: 4, ReminderKind.START: 5, ReminderKind.CHECK_IN: 6,
}
_BEFORE = {7: ReminderKind.BEFORE_7, 1: ReminderKind.BEFORE_1}


class ReminderPolicy(BaseModel):
    """Per program; stored as JSON in programs.reminder_policy."""

    model_config = ConfigDict(frozen=True)

    enabled: bool = True  # off: the program's tasks get no reminders at all (the weekly summary still goes)
    before_days: tuple[int, ...] = (7, 1)
    on_due_day: bool = True
    overdue_first_after_working_days: int = Field(default=1, ge=1)
    overdue_every_working_days: int = Field(default=3, ge=1)
    overdue_max: int = Field(default=5, ge=0)
    coordinator_after_working_days: int = Field(default=3, ge=1)
    continuous_check_in: bool = True
    start_notice: bool = True
    send_at: time = time(9, 0)
    working_hours_end: time = time(18, 0)


@dataclass(frozen=True, slots=True)
class PlannedTask:
    task_id: int
    program_id: int
    timezone: str
    kind: str  # schedule kind of the activity
    due: date | None
    period_start: date | None
    period_end: date | None
    status: str
    assignee_person_ids: tuple[int, ...]
    coordinator_person_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Notification:
    key: str
    person_id: int
    task_id: int
    kind: ReminderKind
    send_at: datetime  # UTC
    due: date | None
    local_date: date
    overdue_index: int | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    person_id: int
    send_at: datetime
    notifications: tuple[Notification, ...]


@dataclass(frozen=True, slots=True)
class _Nominal:
    kind: ReminderKind
    day: date
    index: int | None = None
    to_coordinators: bool = False


def nominal_reminders(task: PlannedTask, policy: ReminderPolicy, calendar: WorkCalendar) -> list[_Nominal]:
    """Every reminder the task gets over its life, on working days, before catch-up rules."""
    if task.status == "done" or not policy.enabled:
        return []
    found: list[_Nominal] = []
    if task.due is not None:
        by_day: dict[date, _Nominal] = {}

        def offer(item: _Nominal) -> None:
            current = by_day.get(item.day)
            if current is None or URGENCY[item.kind] < URGENCY[current.kind]:
                by_day[item.day] = item

        for days in policy.before_days:
            kind = _BEFORE.get(days, ReminderKind.BEFORE_7 if days > 1 else ReminderKind.BEFORE_1)
            offer(_Nominal(kind, calendar.on_or_before(task.due - timedelta(days=days))))
        if policy.on_due_day:
            offer(_Nominal(ReminderKind.DUE_TODAY, calendar.on_or_before(task.due)))
        if policy.start_notice and task.kind == "period" and task.period_start and task.period_start < task.due:
            start = calendar.on_or_after(task.period_start)
            if start < min(by_day, default=task.due):
                offer(_Nominal(ReminderKind.START, start))
        found.extend(by_day.values())
        day = calendar.add_working_days(task.due, policy.overdue_first_after_working_days)
        for index in range(1, policy.overdue_max + 1):
            found.append(_Nominal(ReminderKind.OVERDUE, day, index))
            day = calendar.add_working_days(day, policy.overdue_every_working_days)
        if task.status != "problem" and task.coordinator_person_ids:
            found.append(_Nominal(ReminderKind.COORDINATOR_OVERDUE,
                                  calendar.add_working_days(task.due, policy.coordinator_after_working_days),
                                  to_coordinators=True))
    elif task.kind == "continuous" and policy.continuous_check_in and task.period_start and task.period_end:
        year, month = task.period_start.year, task.period_start.month
        while (year, month) <= (task.period_end.year, task.period_end.month):
            day = calendar.last_working_day_of_month(year, month)
            if task.period_start <= day <= task.period_end:
                found.append(_Nominal(ReminderKind.CHECK_IN, day))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def key_of(kind: ReminderKind, task_id: int, person_id: int, due: date | None, day: date, index: int | None) -> str:
    # The due date is part of the key: a postponement makes new reminders, old ones vanish.
    anchor = due.isoformat() if due else day.isoformat()
    return f"{kind.value}:{task_id}:{person_id}:{anchor}" + (f":{index}" if index else "")


def catch_up_moment(now: datetime, zone: ZoneInfo, policy: ReminderPolicy, calendar: WorkCalendar) -> datetime:
    """Now, if it is working hours on a working day there; else the next working morning."""
    local = now.astimezone(zone)
    if calendar.is_working_day(local.date()) and policy.send_at <= local.time() < policy.working_hours_end:
        return now
    day = local.date() if local.time() < policy.send_at and calendar.is_working_day(local.date()) \
        else calendar.add_working_days(local.date(), 1)
    return local_moment(day, policy.send_at, zone)


def plan(
    tasks: Iterable[PlannedTask],
    *,
    now: datetime,
    policy_for: Callable[[int], ReminderPolicy],
    calendar: WorkCalendar,
    horizon_days: int = 14,
    sent_keys: frozenset[str] | set[str] = frozenset(),
) -> list[Notification]:
    horizon = now + timedelta(days=horizon_days)
    horizon_day = horizon.date() + timedelta(days=1)
    result: list[Notification] = []
    for task in tasks:
        if task.status == "done" or (not task.assignee_person_ids and not task.coordinator_person_ids):
            continue
        if _starts_after(task, horizon_day):
            continue  # nothing of it falls before the horizon: skip the calendar work
        policy = policy_for(task.program_id)
        zone = ZoneInfo(task.timezone)
        today = now.astimezone(zone).date()
        past: dict[int, list[tuple[_Nominal, Notification]]] = defaultdict(list)
        for nominal in nominal_reminders(task, policy, calendar):
            if nominal.day > horizon_day:
                continue
            people = task.coordinator_person_ids if nominal.to_coordinators else task.assignee_person_ids
            send_at = local_moment(nominal.day, policy.send_at, zone)
            if send_at > horizon:
                continue
            for person in people:
                note = Notification(
                    key=key_of(nominal.kind, task.task_id, person, task.due, nominal.day, nominal.index),
                    person_id=person, task_id=task.task_id, kind=nominal.kind, send_at=send_at, due=task.due,
                    local_date=nominal.day, overdue_index=nominal.index,
                )
                if send_at > now:
                    result.append(note)
                else:
                    past[person].append((nominal, note))
        for person, items in past.items():
            nominal, latest = max(items, key=lambda item: (item[1].send_at, -URGENCY[item[0].kind]))
            if latest.key in sent_keys:
                continue
            before_due = latest.kind in {ReminderKind.START, ReminderKind.BEFORE_7, ReminderKind.BEFORE_1,
                                         ReminderKind.DUE_TODAY}
            if before_due and task.due is not None and task.due < today:
                continue  # «завтра срок» after the deadline: the overdue reminder speaks instead
            if latest.kind is ReminderKind.CHECK_IN and latest.local_date.month != today.month:
                continue  # last month's check-in is stale
            moment = catch_up_moment(now, zone, policy, calendar)
            result.append(Notification(
                key=latest.key, person_id=person, task_id=task.task_id, kind=latest.kind, send_at=moment,
                due=latest.due, local_date=moment.astimezone(zone).date(), overdue_index=latest.overdue_index,
            ))
    result.sort(key=lambda n: (n.send_at, n.person_id, URGENCY[n.kind], n.task_id))
    return result


def _starts_after(task: PlannedTask, day: date) -> bool:
    """True when the task's earliest possible reminder is after `day` (the longest lead is
    a week before the due date, moved back over at most ~2 weeks of holidays)."""
    if task.due is None:
        return task.period_start is not None and task.period_start > day + timedelta(days=31)
    earliest = task.due - timedelta(days=7 + 14)
    if task.kind == "period" and task.period_start is not None:
        earliest = min(earliest, task.period_start)
    return earliest > day


def group_for_delivery(notifications: Iterable[Notification]) -> list[Batch]:
    """One message per person and moment, the most urgent activity first."""
    groups: dict[tuple[int, datetime], list[Notification]] = defaultdict(list)
    for note in notifications:
        groups[(note.person_id, note.send_at)].append(note)
    return [
        Batch(person_id=person, send_at=moment,
              notifications=tuple(sorted(items, key=lambda n: (URGENCY[n.kind], n.due or date.max, n.task_id))))
        for (person, moment), items in sorted(groups.items(), key=lambda item: (item[0][1], item[0][0]))
    ]
