"""python -m bot import: the review report, --json for tools, clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "programs" / "sources"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "import", *args], capture_output=True, text=True, timeout=120)


def test_the_review_report_names_rows_to_check_with_their_lines():
    done = cli(str(next(SOURCES.glob("003_*.txt"))))
    assert done.returncode == 0, done.stderr
    assert "Период: 01.01.2020 – 31.12.2022" in done.stdout
    assert "сроки: понято " in done.stdout
    report = done.stdout.split("Проверить сроки", 1)[1].split("\n== ", 1)[0]  # rows to check come first
    assert "«В период заполнения РАОП» → unspecified — срок не распознан" in report
    assert "переставлены местами" in done.stderr


def test_json_has_the_documented_shape(tmp_path):
    done = cli(str(next(SOURCES.glob("000_*.txt"))), "--json")
    data = json.loads(done.stdout)
    assert data["program"]["period"] == {"start": "2023-01-01", "end": "2024-12-31"}
    first = data["activities"][0]
    assert set(first) >= {"number", "section", "title", "deadline", "responsible", "result"}
    assert first["deadline"]["kind"] == "period" and first["deadline"]["due"] == ["2023-09-30"]
    assert isinstance(data["warnings"], list)


def test_bad_files_get_a_message_and_a_nonzero_exit(tmp_path):
    wrong = tmp_path / "карта.pdf"
    wrong.write_bytes(b"%PDF")
    done = cli(str(wrong))
    assert done.returncode == 1 and "сохраните как .docx" in done.stderr and not done.stdout
    out = tmp_path / "out.yaml"
    done = cli(str(next(SOURCES.glob("002_*.txt"))), "--out", str(out))
    assert done.returncode == 1 and "не нашлась таблица" in done.stderr and not out.exists()
    done = cli(str(next(SOURCES.glob("000_*.txt"))), "--period", "2024")
    assert done.returncode == 2 and "Период «2024» не понят" in done.stderr
