"""Importer on the real-roadmap corpus (tests/corpus): activities found, deadline cells
and parties exactly right, and the time per document.
Limits: 100% found, ≥ 95% deadlines, ≥ 90% parties (as tests/test_import_corpus.py);
≤ 1 s per document."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "corpus")]

from score import score_corpus  # noqa: E402


def main() -> int:
    score = score_corpus()
    print(f"workload: {score.figures()}")
    for document in score.documents:
        print(f"  {document.stem}: {document.found}/{document.expected} found, "
              f"{document.deadlines_right} deadlines, {document.parties_right} parties right, "
              f"{document.seconds * 1000:.0f} ms")
    slowest = max((d.seconds for d in score.documents), default=0.0)
    print(f"figure: found {score.found_share:.1%}, deadlines {score.deadline_share:.1%}, "
          f"parties {score.party_share:.1%}; slowest document {slowest * 1000:.0f} ms")
    print("limit: found 100%, deadlines ≥ 95%, parties ≥ 90%, ≤ 1000 ms per document")
    ok = (score.found_share == 1.0 and score.deadline_share >= 0.95 and score.party_share >= 0.90
          and slowest <= 1.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
