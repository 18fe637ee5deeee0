"""The command line names programs as people do (issue 12): `load` prints the number and the
identifier; `--program` takes the number, the identifier or the program file; a database
loaded before program files named the identifier keeps working and is updated, not doubled."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from bot.domain.clock import SystemClock
from bot.domain.program_file import load_program_file
from bot.storage import Database, ProgramRepository

ROOT = Path(__file__).resolve().parent.parent
ZEYA = ROOT / "programs" / "zeya-shnor-2023-2024.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_load_prints_the_number_and_the_identifier_and_summary_takes_each(tmp_path):
    db = str(tmp_path / "bot.sqlite3")
    loaded = cli("load", str(ZEYA), "--db", db)
    assert loaded.returncode == 0, loaded.stderr
    assert "Номер программы: 1, идентификатор: zeya-shnor-2023-2024" in loaded.stdout
    for ref in ("zeya-shnor-2023-2024", "1", str(ZEYA), "programs/zeya-shnor-2023-2024.yaml"):
        done = cli("summary", "--program", ref, "--out", str(tmp_path / "s.xlsx"), "--db", db)
        assert done.returncode == 0 and "Сводка:" in done.stdout, (ref, done.stderr)
    missing = cli("summary", "--program", "нет-такой", "--out", str(tmp_path / "s.xlsx"), "--db", db)
    assert missing.returncode != 0 and "Есть: zeya-shnor-2023-2024 (№ 1)" in missing.stderr


def test_a_database_from_before_keeps_its_program_and_a_reload_updates_it(tmp_path):
    path = tmp_path / "bot.sqlite3"

    async def old_load() -> str:  # as `load` stored programs before: the source-derived slug
        async with await Database.open(path) as db:
            report = await ProgramRepository(db).save_program(load_program_file(ZEYA), now=SystemClock().now())
            return (await ProgramRepository(db).get_program(report.program_id)).slug

    old_slug = asyncio.run(old_load())
    assert old_slug != "zeya-shnor-2023-2024"
    assert cli("summary", "--program", str(ZEYA), "--out", str(tmp_path / "s.xlsx"), "--db", str(path)).returncode == 0
    again = cli("load", str(ZEYA), "--db", str(path))
    assert again.returncode == 0 and f"идентификатор: {old_slug}" in again.stdout

    async def count() -> int:
        async with await Database.open(path) as db:
            return len(await ProgramRepository(db).list_programs())

    assert asyncio.run(count()) == 1
