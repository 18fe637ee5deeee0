"""Benchmark: importing a large Excel roadmap.

Workload: one synthetic sheet, 5,000 activity rows in 50 sections (deadlines of every
kind, responsible cells with persons, roles and schools). Figures: wall time, rows/s and
peak Python memory (tracemalloc) of `import_file` (read + tables + deadlines + parties).
Limits: 15 s and 300 MB on 2 cores — a coordinator waits for the review in the chat.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.importing import import_file  # noqa: E402

ROWS, SECTIONS, LIMIT_SECONDS, LIMIT_MB = 5000, 50, 15.0, 300.0
DEADLINES = ["До 01.11.2023", "Сентябрь 2023", "Ежеквартально", "В течение года", "Март – май 2024",
             "2 квартал 2024", "Ежемесячно", "по согласованию"]
RESPONSIBLE = ["Якшина А.И., руководитель ОО", "МОАУ СОШ № 1 Петрова В.В.", "Муниципальный координатор"]


def build(path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Дорожная карта")
    sheet.append(["Дорожная карта программы на 2023-2024 учебный год"])
    sheet.append(["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Результат"])
    per_section = ROWS // SECTIONS
    for section in range(1, SECTIONS + 1):
        sheet.append([f"{section}.", f"Раздел {section}", None, None, None])
        for row in range(1, per_section + 1):
            index = section * per_section + row
            sheet.append([f"{section}.{row}", f"Мероприятие {section}.{row}: семинар для педагогов",
                          DEADLINES[index % len(DEADLINES)], RESPONSIBLE[index % len(RESPONSIBLE)],
                          "Протокол заседания"])
    workbook.save(path)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.xlsx"
        build(path)
        tracemalloc.start()
        started = time.perf_counter()
        result = import_file(path, timezone="Asia/Yakutsk")
        elapsed = time.perf_counter() - started
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    count = len(result.program.activities)
    print(f"import_xlsx: {count} rows in {SECTIONS} sections imported in {elapsed:.2f} s "
          f"({count / elapsed:.0f} rows/s), peak memory {peak_mb:.0f} MB; "
          f"limits {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB")
    ok = count == ROWS and elapsed <= LIMIT_SECONDS and peak_mb <= LIMIT_MB
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
