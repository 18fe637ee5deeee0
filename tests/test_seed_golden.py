"""The seeds import exactly as recorded in tests/golden/ (issue 10: «the seeds still import
exactly as before»). A deliberate change of reading is made by regenerating the golden file
in the same commit, with the reason in the commit message:
    python -m bot import programs/sources/X.txt --json > tests/golden/X.json
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.import_roadmap import as_json
from bot.importing import import_file

ROOT = Path(__file__).resolve().parent.parent
# 002 has no roadmap table (its program file is composed from its measures): nothing to compare.
SEEDS = [p for p in sorted((ROOT / "programs" / "sources").glob("*.txt")) if (ROOT / "tests" / "golden" / f"{p.stem}.json").exists()]


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_reads_as_recorded(path):
    golden = json.loads((ROOT / "tests" / "golden" / f"{path.stem}.json").read_text(encoding="utf-8"))
    now = json.loads(json.dumps(as_json(import_file(path)), ensure_ascii=False))
    assert now["program"] == golden["program"]
    assert len(now["activities"]) == len(golden["activities"])
    for got, want in zip(now["activities"], golden["activities"], strict=True):
        assert got == want, f"activity {want['number']}: {want['title'][:60]}"
    assert now["warnings"] == golden["warnings"]
