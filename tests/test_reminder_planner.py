"""The planner as stories: who hears what, when, in which timezone — and exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.reminders import (
    PlannedTask,
    ReminderKind,
    ReminderPolicy,
    group_for_delivery,
    nominal_reminders,
    plan,
)
from bot.domain.workdays import WorkCalendar

CALENDAR = WorkCalendar()
POLICY = ReminderPolicy()
TEACHER, COORDINATOR = 11, 99


def task(due: date | None, *, kind: str = "date", status: str = "not_started", zone: str = "Asia/Yakutsk",
         start: date | None = None, end: date | None = None, task_id: int = 1) -> PlannedTask:
    return PlannedTask(task_id=task_id, program_id=1, timezone=zone, kind=kind, due=due, period_start=start,
                       period_end=end, status=status, assignee_person_ids=(TEACHER,),
                       coordinator_person_ids=(COORDINATOR,))


def run(tasks, now, **kw):
    return plan(tasks, now=now, policy_for=lambda _: POLICY, calendar=CALENDAR, horizon_days=60, **kw)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_zeya_friday_deadline_gets_three_reminders_at_nine_yakutsk():
    notes = [n for n in run([task(date(2023, 9, 29))], utc("2023-09-20T00:00")) if n.person_id == TEACHER]
    before = [(n.kind, n.send_at) for n in notes if n.kind is not ReminderKind.OVERDUE]
    assert before == [
        (ReminderKind.BEFORE_7, utc("2023-09-22T00:00")),  # Fri 22 Sep 09:00 YAKT = 00:00 UTC
        (ReminderKind.BEFORE_1, utc("2023-09-28T00:00")),
        (ReminderKind.DUE_TODAY, utc("2023-09-29T00:00")),
    ]


def test_a_sunday_deadline_is_announced_once_on_friday():
    notes = run([task(date(2023, 10, 1))], utc("2023-09-20T00:00"))
    friday = [n for n in notes if n.local_date == date(2023, 9, 29) and n.person_id == TEACHER]
    assert [n.kind for n in friday] == [ReminderKind.DUE_TODAY]  # «завтра» and «сегодня» collapse into one


def test_holidays_and_a_working_saturday():
    due_today = next(n for n in nominal_reminders(task(date(2024, 1, 5)), POLICY, CALENDAR)
                     if n.kind is ReminderKind.DUE_TODAY)
    assert due_today.day == date(2023, 12, 29)  # New Year holidays: the last working day before
    assert CALENDAR.is_working_day(date(2024, 4, 27))  # an official working Saturday


def test_overdue_every_three_working_days_at_most_five_then_the_coordinator_once():
    nominal = nominal_reminders(task(date(2023, 9, 29)), POLICY, CALENDAR)
    overdue = [n.day for n in nominal if n.kind is ReminderKind.OVERDUE]
    assert overdue == [date(2023, 10, 2), date(2023, 10, 5), date(2023, 10, 10), date(2023, 10, 13),
                       date(2023, 10, 18)]
    coordinator = [n for n in nominal if n.kind is ReminderKind.COORDINATOR_OVERDUE]
    assert [(n.day, n.to_coordinators) for n in coordinator] == [(date(2023, 10, 4), True)]
    assert not [n for n in nominal_reminders(task(date(2023, 9, 29), status="problem"), POLICY, CALENDAR)
                if n.kind is ReminderKind.COORDINATOR_OVERDUE]


def test_done_means_silence_and_a_postponement_changes_the_keys():
    assert run([task(date(2023, 9, 29), status="done")], utc("2023-09-20T00:00")) == []
    old = {n.key for n in run([task(date(2023, 9, 29))], utc("2023-09-20T00:00"))}
    new = {n.key for n in run([task(date(2023, 10, 13))], utc("2023-09-20T00:00"))}
    assert old.isdisjoint(new)


def test_continuous_check_ins_on_the_last_working_day_and_a_period_start_notice():
    nominal = nominal_reminders(task(None, kind="continuous", start=date(2023, 9, 1), end=date(2023, 12, 31)),
                                POLICY, CALENDAR)
    assert [n.day for n in nominal] == [date(2023, 9, 29), date(2023, 10, 31), date(2023, 11, 30),
                                        date(2023, 12, 29)]
    period = nominal_reminders(task(date(2023, 11, 30), kind="period", start=date(2023, 10, 1)), POLICY, CALENDAR)
    assert (ReminderKind.START, date(2023, 10, 2)) in [(n.kind, n.day) for n in period]  # 1 Oct is a Sunday


def test_downtime_sends_only_the_latest_meaningful_reminder():
    # Down from Wed 27 Sep to Tue 3 Oct 10:00 Yakutsk: «неделя», «завтра», «сегодня», 1st overdue all passed.
    now = utc("2023-10-03T01:00")
    notes = [n for n in run([task(date(2023, 9, 29))], now) if n.send_at <= now]
    assert [(n.kind, n.overdue_index, n.send_at) for n in notes] == [(ReminderKind.OVERDUE, 1, now)]
    # At 23:00 local the catch-up waits for the next working morning.
    late = utc("2023-10-03T14:00")
    caught = [n for n in run([task(date(2023, 9, 29))], late) if n.kind is ReminderKind.OVERDUE][0]
    assert caught.send_at == utc("2023-10-04T00:00")
    # Already sent: nothing again.
    assert not [n for n in run([task(date(2023, 9, 29))], now, sent_keys={notes[0].key}) if n.send_at <= now]


def test_kamchatka_and_kaliningrad_local_dates():
    kamchatka = run([task(date(2023, 9, 29), zone="Asia/Kamchatka")], utc("2023-09-20T00:00"))
    due_today = next(n for n in kamchatka if n.kind is ReminderKind.DUE_TODAY)
    assert due_today.send_at == utc("2023-09-28T21:00") and due_today.local_date == date(2023, 9, 29)
    kaliningrad = run([task(date(2023, 9, 29), zone="Europe/Kaliningrad")], utc("2023-09-20T00:00"))
    assert next(n for n in kaliningrad if n.kind is ReminderKind.DUE_TODAY).send_at == utc("2023-09-29T07:00")


def test_same_input_same_keys_and_one_message_per_person_and_moment():
    tasks = [task(date(2023, 9, 29), task_id=1), task(date(2023, 9, 29), task_id=2),
             task(date(2023, 10, 6), task_id=3)]
    first = run(tasks, utc("2023-09-20T00:00"))
    assert [n.key for n in first] == [n.key for n in run(tasks, utc("2023-09-20T00:00"))]
    batches = group_for_delivery(n for n in first if n.person_id == TEACHER)
    friday = next(b for b in batches if b.send_at == utc("2023-09-29T00:00"))
    # 1 and 2 due today, 3 a week before: one message, the due ones first
    assert [(n.task_id, n.kind) for n in friday.notifications] == [
        (1, ReminderKind.DUE_TODAY), (2, ReminderKind.DUE_TODAY), (3, ReminderKind.BEFORE_7)]
    assert len({(b.person_id, b.send_at) for b in batches}) == len(batches)
    assert all(n.send_at - utc("2023-09-20T00:00") <= timedelta(days=60) for n in first)
