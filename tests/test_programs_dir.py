"""programs/*.yaml: every program file loads, matches what the importer reads from its
source today, and goes into a database with `python -m bot load`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.program_file import load_program_file
from bot.importing import import_file

PROGRAMS = Path(__file__).resolve().parent.parent / "programs"
FILES = sorted(PROGRAMS.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_program_file_matches_its_source(path):
    program = load_program_file(path)
    assert program.activities
    source = PROGRAMS / "sources" / program.source
    if program.composed:
        # Composed from the program's own measures: each activity's key words are in the text.
        text = " ".join(source.read_text(encoding="utf-8").casefold().split())
        for activity in program.activities:
            words = [w for w in activity.title.casefold().replace(",", " ").split() if len(w) > 6]
            found = sum(1 for w in words if w[:-2] in text)
            assert found >= len(words) * 0.7, activity.title
        return
    imported = import_file(source).program
    assert [(a.number, a.title) for a in program.activities] == [(a.number, a.title) for a in imported.activities]
    assert program.timezone == imported.timezone and program.period == imported.period


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_program_file_loads_into_a_database(path, tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot", "load", str(path), "--db", str(tmp_path / "bot.sqlite3")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "загружена" in done.stdout + done.stderr
