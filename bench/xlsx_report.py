"""Benchmark: the coordinator's Excel report for a large program.

Workload: 1,000 organisations × 60 activities = 60,000 task rows (one assignee each,
mixed statuses, a file on every fifth) and 12,000 evidence rows. Figures: wall time and
peak memory (the process's max RSS; tracemalloc would slow openpyxl several times) of
`build_report`, and the file size.
Limits: 60 s and 500 MB on 2 cores.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.reports.model import EvidenceRow, ProgramSnapshot, TaskRow  # noqa: E402
from bot.reports.xlsx_report import build_report  # noqa: E402

ORGANIZATIONS, ACTIVITIES, LIMIT_SECONDS, LIMIT_MB = 1000, 60, 60.0, 500.0


def snapshot() -> ProgramSnapshot:
    rng = random.Random(60)
    tasks, evidence = [], []
    for org in range(ORGANIZATIONS):
        for activity in range(ACTIVITIES):
            files = (f"протокол {org}-{activity}.pdf",) if (org + activity) % 5 == 0 else ()
            tasks.append(TaskRow(
                task_id=org * ACTIVITIES + activity, section=f"Раздел {activity // 10 + 1}",
                number=f"{activity // 10 + 1}.{activity % 10 + 1}", title=f"Мероприятие {activity}: семинар для педагогов",
                organization=f"МОУ СОШ № {org}", due=date(2023, 9, 1) + timedelta(days=activity * 5),
                schedule_kind="date", deadline_text="до 30.09.2023",
                status=rng.choice(["not_started", "in_progress", "done", "problem"]),
                last_update=datetime(2023, 10, 1, tzinfo=UTC), last_comment=None,
                assignees=(f"Директор {org}",), files=files))
            if files:
                evidence.append(EvidenceRow(files[0], tasks[-1].number, tasks[-1].title, tasks[-1].organization,
                                            f"Директор {org}", datetime(2023, 10, 2, tzinfo=UTC), 120_000, "0" * 64,
                                            None))
    return ProgramSnapshot(program_id=1, title="Региональная программа", municipality=None, timezone="Asia/Yakutsk",
                           period_start=date(2023, 9, 1), period_end=date(2024, 8, 31), today=date(2023, 12, 1),
                           generated_at=datetime(2023, 12, 1, tzinfo=UTC), week_start=date(2023, 11, 27),
                           week_end=date(2023, 12, 3), tasks=tasks, evidence=evidence)


def main() -> int:
    data = snapshot()
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    content = build_report(data)
    elapsed = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"xlsx_report: {len(data.tasks)} task rows ({ORGANIZATIONS} organisations × {ACTIVITIES} activities), "
          f"{len(data.evidence)} evidence rows: {elapsed:.1f} s, peak RSS {rss_mb:.0f} MB "
          f"({before_mb:.0f} MB before building), "
          f"file {len(content) / 2**20:.1f} MB; limits {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB")
    ok = elapsed <= LIMIT_SECONDS and rss_mb <= LIMIT_MB
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
