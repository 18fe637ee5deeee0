"""The evidence archive and the command-line summary: layout, index, missing files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from bot.reports.evidence_zip import write_evidence_zip
from bot.reports.model import EvidenceRow, ProgramSnapshot

PROGRAM = Path(__file__).resolve().parent.parent / "programs" / "zeya-shnor-2023-2024.yaml"


def snapshot(evidence) -> ProgramSnapshot:
    return ProgramSnapshot(program_id=1, title="ШНОР", municipality=None, timezone="Asia/Yakutsk",
                           period_start=date(2023, 1, 1), period_end=date(2024, 12, 31), today=date(2023, 10, 9),
                           generated_at=datetime(2023, 10, 9, tzinfo=UTC), week_start=date(2023, 10, 9),
                           week_end=date(2023, 10, 15), evidence=evidence)


def test_files_are_arranged_by_activity_and_school_with_an_index(tmp_path):
    first = tmp_path / "a.pdf"
    first.write_bytes(b"%PDF one")
    second = tmp_path / "b.pdf"
    second.write_bytes(b"%PDF two")
    when = datetime(2023, 10, 2, 1, tzinfo=UTC)
    rows = [
        EvidenceRow("протокол.pdf", "1.1", "Совещание с руководителями школ", "МОАУ СОШ № 1", "Якшина", when, 8,
                    "a" * 64, str(first)),
        EvidenceRow("протокол.pdf", "1.1", "Совещание с руководителями школ", "МОАУ СОШ № 1", "Якшина", when, 8,
                    "b" * 64, str(second)),
        EvidenceRow("../../etc/passwd", "1.2", "Семинар", None, "Петров", when, 4, "c" * 64, str(tmp_path / "gone")),
    ]
    out = tmp_path / "evidence.zip"
    assert write_evidence_zip(snapshot(rows), out) == (2, 1)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "1.1 Совещание с руководителями школ/МОАУ СОШ № 1/протокол.pdf" in names
        assert "1.1 Совещание с руководителями школ/МОАУ СОШ № 1/протокол (2).pdf" in names
        assert not any(".." in n for n in names)
        assert archive.read("1.1 Совещание с руководителями школ/МОАУ СОШ № 1/протокол.pdf") == b"%PDF one"
        index = load_workbook(BytesIO(archive.read("Опись.xlsx")))["Опись"]
    values = [row for row in index.iter_rows(min_row=2, values_only=True)]
    assert [v[5] for v in values][-1] == "нет файла на диске"


def test_the_cli_writes_the_report_and_the_archive(tmp_path):
    db = tmp_path / "bot.sqlite3"
    run = lambda *a: subprocess.run([sys.executable, "-m", "bot", *a], capture_output=True, text=True, timeout=120)  # noqa: E731
    assert run("load", str(PROGRAM), "--db", str(db)).returncode == 0
    done = run("summary", "--program", "1", "--db", str(db), "--out", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "Сводка: Муниципальная программа" in done.stdout
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == ["Сводка", "Мероприятия", "Просрочено", "Документы"]
    done = run("export-evidence", "--program", "1", "--db", str(db), "--out", str(tmp_path / "e.zip"))
    assert done.returncode == 0 and "файлов 0" in done.stderr
    assert zipfile.ZipFile(tmp_path / "e.zip").namelist() == ["Опись.xlsx"]
    missing = run("summary", "--program", "nope", "--db", str(db), "--out", str(tmp_path / "x.xlsx"))
    assert missing.returncode == 2 and "не найдена" in missing.stderr
