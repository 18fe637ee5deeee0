"""The importer against real roadmaps that are not the seeds (tests/corpus/, issue 10).

Every row of every document has its expected reading written by hand; the suite prints
the figures and fails below 100% of activities found (and no extra ones), 95% of deadline
cells and 90% of parties exactly right, or when a document's period is misread."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from score import expectations, score_corpus, score_document  # noqa: E402

# Issue 10 asks for 15 documents and 150 rows; the stored public pages reachable here keep only each
# page's opening (tests/corpus/README.md, «Limits»), so the corpus holds what could be found whole.
# These floors keep it from shrinking; raise them as documents are added.
MIN_DOCUMENTS, MIN_ROWS = 8, 36


@pytest.fixture(scope="module")
def corpus_score():
    return score_corpus()


def test_the_corpus_is_big_enough(corpus_score):
    assert len(corpus_score.documents) >= MIN_DOCUMENTS
    assert corpus_score.rows >= MIN_ROWS


def test_importer_figures_on_the_corpus(corpus_score, capsys):
    with capsys.disabled():
        print(f"\ncorpus: {corpus_score.figures()}")
    misses = [f"{d.stem}: {m}" for d in corpus_score.documents for m in d.misses]
    detail = "\n".join(misses[:60])
    assert corpus_score.found_share == 1.0 and sum(d.extra for d in corpus_score.documents) == 0, detail
    assert corpus_score.deadline_share >= 0.95, detail
    assert corpus_score.party_share >= 0.90, detail


@pytest.mark.parametrize("spec", expectations(), ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_each_document_is_read_with_its_period(spec):
    score = score_document(spec)
    assert score.period_right, score.misses
    assert score.found == score.expected and score.extra == 0, score.misses
