"""Benchmark: one planner pass over a region.

Workload: 50 programs × 60 activities × 200 people: a third of the activities are per
school (10 schools each), the rest shared; a mix of dated, period, monthly and
continuous schedules; each task has 1–3 assignees. Figures: tasks, notifications
produced, wall time and peak memory (tracemalloc) of `plan` for the next 14 days.
Limits: 2 s and 200 MB on 2 cores — the planner runs every few minutes.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.reminders import PlannedTask, ReminderPolicy, plan  # noqa: E402
from bot.domain.workdays import WorkCalendar  # noqa: E402

PROGRAMS, ACTIVITIES, PEOPLE, SCHOOLS = 50, 60, 200, 10
LIMIT_SECONDS, LIMIT_MB = 2.0, 200.0
ZONES = ["Asia/Yakutsk", "Asia/Krasnoyarsk", "Asia/Barnaul", "Europe/Saratov", "Asia/Kamchatka", "Europe/Kaliningrad"]


def workload() -> list[PlannedTask]:
    rng = random.Random(50)
    tasks: list[PlannedTask] = []
    task_id = 0
    start = date(2023, 9, 1)
    for program in range(PROGRAMS):
        zone = ZONES[program % len(ZONES)]
        people = list(range(program * PEOPLE, (program + 1) * PEOPLE))
        for activity in range(ACTIVITIES):
            kind = rng.choice(["date", "period", "recurring", "continuous"])
            targets = SCHOOLS if activity % 3 == 0 else 1
            dues: list[date | None]
            if kind == "continuous":
                dues = [None]
            elif kind == "recurring":
                dues = [date(2023 + (9 + m) // 12, (9 + m) % 12 or 12, 28) for m in range(10)]
            else:
                dues = [start + timedelta(days=rng.randint(0, 300))]
            for due in dues:
                for _ in range(targets):
                    task_id += 1
                    tasks.append(PlannedTask(
                        task_id=task_id, program_id=program, timezone=zone, kind=kind, due=due,
                        period_start=start if due is None or kind == "period" else None,
                        period_end=date(2024, 8, 31) if due is None else None,
                        status=rng.choice(["not_started", "not_started", "in_progress", "done", "problem"]),
                        assignee_person_ids=tuple(rng.sample(people, rng.randint(1, 3))),
                        coordinator_person_ids=(people[0],),
                    ))
    return tasks


def main() -> int:
    tasks = workload()
    calendar = WorkCalendar()
    policy = ReminderPolicy()
    now = datetime(2023, 11, 20, 0, 0, tzinfo=UTC)
    # Time without tracing (tracemalloc slows Python down several times), memory in a second pass.
    started = time.perf_counter()
    notes = plan(tasks, now=now, policy_for=lambda _: policy, calendar=calendar, horizon_days=14)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    plan(tasks, now=now, policy_for=lambda _: policy, calendar=WorkCalendar(), horizon_days=14)
    peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"planner_pass: {PROGRAMS} programs × {ACTIVITIES} activities × {PEOPLE} people = {len(tasks)} tasks; "
          f"{len(notes)} notifications in {elapsed:.2f} s, peak memory {peak_mb:.0f} MB; "
          f"limits {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB")
    ok = elapsed <= LIMIT_SECONDS and peak_mb <= LIMIT_MB and notes
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
