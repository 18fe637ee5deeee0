"""Benchmark: the справка (.docx with both charts) for a large program.

Workload: 1,000 schools × 60 activities = 60,000 task rows for the whole program (mixed
statuses, a problem comment on every problem, a file on every fifth task — 12,000 evidence
rows —, 500 approved postponements), then the same for one quarter. Figures: wall time and
peak memory (the process's max RSS, as bench/xlsx_report.py: tracemalloc would slow
python-docx and matplotlib several times) of `build_spravka`, and the file size.
Limits: 60 s and 1 GB on 2 cores.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.reports.model import EvidenceRow, PostponementRow, ProgramSnapshot, TaskRow  # noqa: E402
from bot.reports.report_period import PeriodChoice, period_for  # noqa: E402
from bot.reports.spravka import build_spravka  # noqa: E402

SCHOOLS, ACTIVITIES, LIMIT_SECONDS, LIMIT_MB = 1000, 60, 60.0, 1024.0
TODAY = date(2023, 12, 1)


def snapshot() -> ProgramSnapshot:
    rng = random.Random(13)
    tasks, evidence, postponed = [], [], []
    for school in range(SCHOOLS):
        name = f"МОУ СОШ № {school + 1} — Муниципальное общеобразовательное учреждение «Средняя школа № {school + 1}»"
        for activity in range(ACTIVITIES):
            task_id = school * ACTIVITIES + activity
            status = rng.choice(["not_started", "in_progress", "done", "problem"])
            files = (f"протокол {school}-{activity}.pdf",) if (school + activity) % 5 == 0 else ()
            due = date(2023, 9, 1) + timedelta(days=activity * 5)
            tasks.append(TaskRow(
                task_id=task_id, section=f"Раздел {activity // 10 + 1}", number=f"{activity // 10 + 1}.{activity % 10 + 1}",
                title=f"Мероприятие {activity}: семинар для педагогов по подготовке к оценочным процедурам",
                organization=name, due=due, schedule_kind="date", deadline_text=f"до {due:%d.%m.%Y}", status=status,
                last_update=datetime(2023, 10, 1, tzinfo=UTC), last_comment="нет специалиста" if status == "problem" else None,
                assignees=(f"Директор {school}",), files=files, activity_id=activity + 1))
            if files:
                evidence.append(EvidenceRow(files[0], tasks[-1].number, tasks[-1].title, name, f"Директор {school}",
                                            datetime(2023, 10, 2, tzinfo=UTC), 120_000, "0" * 64, None, task_id=task_id))
            if task_id % 120 == 7:
                postponed.append(PostponementRow(tasks[-1].number, tasks[-1].title, name, f"Директор {school}", due,
                                                 due + timedelta(days=30), "курсы повышения квалификации",
                                                 datetime(2023, 10, 1, tzinfo=UTC), task_id=task_id, status="approved"))
    return ProgramSnapshot(program_id=1, title="Региональная программа поддержки школ с низкими результатами обучения",
                           municipality="Амурская область", timezone="Asia/Yakutsk", period_start=date(2023, 9, 1),
                           period_end=date(2024, 8, 31), today=TODAY, generated_at=datetime(2023, 12, 1, tzinfo=UTC),
                           week_start=date(2023, 11, 27), week_end=date(2023, 12, 3), tasks=tasks, evidence=evidence,
                           approved_postponements=postponed, coordinators=["Иванова Мария Петровна"],
                           responsible={a + 1: ("Руководитель ОО",) for a in range(ACTIVITIES)},
                           sections=[(str(n), f"Раздел {n}") for n in range(1, 7)])


def main() -> int:
    data = snapshot()
    ok = True
    for choice in (PeriodChoice.PROGRAM, PeriodChoice.THIS_QUARTER):
        period = period_for(choice, TODAY, data.period_start, data.period_end)
        before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        content = build_spravka(data, period)
        elapsed = time.perf_counter() - started
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"spravka ({choice.name.lower()}, {period.start:%d.%m.%Y}–{period.end:%d.%m.%Y}): {len(data.tasks)} task rows "
              f"({SCHOOLS} schools × {ACTIVITIES} activities), {len(data.evidence)} evidence rows, "
              f"{len(data.approved_postponements)} postponements: {elapsed:.1f} s, peak RSS {rss_mb:.0f} MB "
              f"({before_mb:.0f} MB before building), file {len(content) / 2**20:.1f} MB; "
              f"limits {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB")
        ok = ok and elapsed <= LIMIT_SECONDS and rss_mb <= LIMIT_MB
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
