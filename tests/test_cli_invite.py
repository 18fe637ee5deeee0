"""python -m bot invite --role coordinator: a link that makes its opener the coordinator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = Path(__file__).resolve().parent.parent / "programs" / "zeya-shnor-2023-2024.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120)


def test_a_coordinator_link_is_printed(tmp_path):
    db = tmp_path / "bot.sqlite3"
    assert cli("load", str(PROGRAM), "--db", str(db)).returncode == 0
    unknown = cli("invite", "--role", "coordinator", "--program", "nope", "--db", str(db))
    assert unknown.returncode == 2 and "не найдена" in unknown.stderr
    done = cli("invite", "--role", "coordinator", "--program", "1", "--db", str(db), "--bot", "roadmap_bot")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("https://t.me/roadmap_bot?start=") and "одноразовая" in done.stderr
