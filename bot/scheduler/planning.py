"""One planner pass: stored tasks → the pure planner → the outbox.

The database is the source of truth. Each pass computes every notification that should
exist now and in the next days and reconciles: keys not yet in the outbox are inserted
(with `next_attempt_at` = their moment), pending reminder rows the plan no longer
produces are cancelled (done, postponed, reassigned, re-imported). Sent rows are never
touched, so nothing is sent twice. The weekly summary is planned the same way: one row
per coordinator and ISO week, due Monday 09:00 in the program's zone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.reminders import ALL_REMINDER_KINDS, PlannedTask, ReminderPolicy, local_moment, plan
from bot.domain.workdays import WorkCalendar
from bot.services.channel_choice import MAX_REACHES, TELEGRAM_REACHES, rechoose_pending_in
from bot.storage.database import Database
from bot.storage.meta import MetaRepository
from bot.storage.outbox import enqueue_in
from bot.storage.people import person_ids_for_telegram
from bot.storage.sql import placeholders
from bot.storage.timestamps import date_from_db, instant_to_db

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PassReport:
    tasks: int
    planned: int
    inserted: int
    cancelled: int


async def load_planned_tasks(db: Database, configured_coordinators: frozenset[int]) -> tuple[
        list[PlannedTask], dict[int, ReminderPolicy]]:
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            """SELECT lt.task_id, lt.program_id, p.timezone, a.schedule_kind, lt.due_date, a.schedule_start,
                      a.schedule_end, lt.status, lt.occurrence_kind, p.reminder_policy
               FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id JOIN programs p ON p.id = lt.program_id
               WHERE lt.occurrence_kind IN ('due', 'ongoing') AND lt.status != 'done'"""
        )
        assignees = defaultdict(list)
        for task_id, person_id in await conn.execute_fetchall(
            f"""SELECT ea.task_id, ea.person_id FROM effective_assignees ea JOIN people pe ON pe.id = ea.person_id
                WHERE {TELEGRAM_REACHES.format(alias="pe")} OR {MAX_REACHES.format(person="pe.id")}
                ORDER BY ea.person_id"""
        ):
            if person_id not in assignees[task_id]:
                assignees[task_id].append(person_id)
        coordinators = defaultdict(set)
        for program_id, person_id in await conn.execute_fetchall(
            "SELECT program_id, person_id FROM program_coordinators"
        ):
            coordinators[program_id].add(person_id)
        configured = await person_ids_for_telegram(conn, configured_coordinators)
    policies: dict[int, ReminderPolicy] = {}
    tasks = []
    for r in rows:
        program_id = r[1]
        if program_id not in policies:
            policies[program_id] = ReminderPolicy.model_validate_json(r[9]) if r[9] else ReminderPolicy()
        tasks.append(PlannedTask(
            task_id=r[0], program_id=program_id, timezone=r[2], kind=r[3],
            due=date_from_db(r[4]) if r[4] else None,
            period_start=date_from_db(r[5]) if r[5] else None, period_end=date_from_db(r[6]) if r[6] else None,
            status=r[7], assignee_person_ids=tuple(assignees.get(r[0], ())),
            coordinator_person_ids=tuple(sorted(coordinators[program_id] | set(configured))),
        ))
    return tasks, policies


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def run_planner_pass(db: Database, *, now: datetime, calendar: WorkCalendar,
                           configured_coordinators: frozenset[int] = frozenset(),
                           horizon_days: int = 14) -> PassReport:
    tasks, policies = await load_planned_tasks(db, configured_coordinators)
    async with db.read() as conn:
        sent = {r[0] for r in await conn.execute_fetchall(
            "SELECT idempotency_key FROM outbox WHERE status IN ('sent', 'sending', 'failed')")}
    notes = plan(tasks, now=now, policy_for=lambda p: policies.get(p, ReminderPolicy()), calendar=calendar,
                 horizon_days=horizon_days, sent_keys=frozenset(sent))
    wanted = {n.key for n in notes}
    inserted = cancelled = 0
    async with db.transaction() as conn:
        for note in notes:
            if note.key in sent:
                continue
            inserted += await enqueue_in(
                conn, key=note.key, person_id=note.person_id, task_id=note.task_id, kind=note.kind.value,
                payload={"due": note.due.isoformat() if note.due else None, "overdue_index": note.overdue_index},
                not_before=note.send_at, now=now, channel="telegram",  # chosen for the batch below
            )
            # A catch-up may move a pending row's moment: keep the row, update when it goes.
            await conn.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE idempotency_key = ? AND status = 'pending' AND attempts = 0",
                (instant_to_db(note.send_at), note.key),
            )
        pending = await conn.execute_fetchall(
            f"""SELECT id, idempotency_key FROM outbox WHERE status = 'pending'
                AND kind IN ({placeholders(ALL_REMINDER_KINDS)})""",
            tuple(ALL_REMINDER_KINDS),
        )
        # A row in flight when `sent` was read (and back to pending since: a 429, a hand-over to the
        # other channel) was planned as sent: this plan cannot judge it.
        stale = [row[0] for row in pending if row[1] not in wanted and row[1] not in sent]
        for row_id in stale:
            await conn.execute(
                "UPDATE outbox SET status = 'cancelled', last_error = 'replanned' WHERE id = ?", (row_id,))
        cancelled = len(stale)
        inserted += await _plan_summaries(conn, now=now, calendar=calendar,
                                          configured_coordinators=configured_coordinators)
        # The channel of every row not tried yet, new ones included, in one batch: people on both
        # messengers, or with a preference, follow their choice (bot/services/channel_choice.py).
        await rechoose_pending_in(conn)
    await MetaRepository(db).set_planner_last_run(now, now=now)
    return PassReport(tasks=len(tasks), planned=len(notes), inserted=inserted, cancelled=cancelled)


async def _plan_summaries(conn, *, now: datetime, calendar: WorkCalendar,  # type: ignore[no-untyped-def]
                          configured_coordinators: frozenset[int]) -> int:
    """Monday 09:00 local (or the first working day of the week) for each coordinator."""
    programs = await conn.execute_fetchall("SELECT id, timezone, reminder_policy, created_at FROM programs")
    configured = await person_ids_for_telegram(conn, configured_coordinators)
    inserted = 0
    for program_id, timezone, policy_json, created_at in programs:
        zone = ZoneInfo(timezone)
        policy = ReminderPolicy.model_validate_json(policy_json) if policy_json else ReminderPolicy()
        today = now.astimezone(zone).date()
        monday = _monday(today)
        day = calendar.on_or_after(monday)
        moment = local_moment(day, policy.send_at, zone)
        if moment > now + timedelta(days=7) or instant_to_db(moment) < created_at:
            continue  # not this week yet, or the program did not exist that Monday
        people = {r[0] for r in await conn.execute_fetchall(
            "SELECT person_id FROM program_coordinators WHERE program_id = ?", (program_id,))} | set(configured)
        week = f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}"
        for person_id in sorted(people):
            key = f"summary:{program_id}:{person_id}:{week}"
            if moment <= now and now - moment > timedelta(days=3):
                continue  # a missed Monday is not sent on Friday; /summary is there
            inserted += await enqueue_in(conn, key=key, person_id=person_id, task_id=None, kind="summary",
                                         payload={"program_id": program_id, "week": week},
                                         not_before=max(moment, now), now=now, channel="telegram")
    return inserted

