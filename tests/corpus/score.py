"""How well the importer reads the corpus: the three figures of issue 10.

Used by tests/test_import_corpus.py (which fails below the thresholds) and by
bench/import_corpus.py (which prints them with the time per document). Comparison rules
are in tests/corpus/README.md: titles by their first 40 characters, deadlines by kind and
dates, parties by kind and folded name (persons by surname + initials)."""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.domain.models import Activity, ImportResult, Period
from bot.importing import RoadmapImportError, import_file

CORPUS = Path(__file__).resolve().parent
TITLE_CHARS = 40


@dataclass
class DocumentScore:
    stem: str
    expected: int = 0
    found: int = 0
    extra: int = 0
    deadlines_right: int = 0
    parties_right: int = 0
    period_right: bool = True
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


@dataclass
class CorpusScore:
    documents: list[DocumentScore]

    def _sum(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.documents)

    @property
    def rows(self) -> int:
        return self._sum("expected")

    @property
    def found_share(self) -> float:
        return self._sum("found") / max(1, self.rows)

    @property
    def deadline_share(self) -> float:
        return self._sum("deadlines_right") / max(1, self.rows)

    @property
    def party_share(self) -> float:
        return self._sum("parties_right") / max(1, self.rows)

    def figures(self) -> str:
        return (f"{len(self.documents)} documents, {self.rows} rows: activities found {self.found_share:.1%} "
                f"(extra {self._sum('extra')}), deadline cells right {self.deadline_share:.1%}, "
                f"parties right {self.party_share:.1%}, periods right "
                f"{sum(d.period_right for d in self.documents)}/{len(self.documents)}")


def expectations() -> list[Path]:
    return sorted(CORPUS.glob("*.expected.yaml"))


def _fold(text: str) -> str:
    text = re.sub(r"[«»\"'“”„]", "", (text or "").casefold().replace("ё", "е"))
    return " ".join(text.replace(".", " ").split())


def title_key(title: str) -> str:
    return " ".join((title or "").casefold().replace("ё", "е").split())[:TITLE_CHARS].rstrip(" .,;:")


def party_key(kind: str, name: str) -> tuple[str, str]:
    if kind == "person":
        words = re.findall(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?|[А-ЯЁA-Z](?![а-яёa-z])", name or "")
        surnames = [w for w in words if len(w) > 1]
        initials = [w for w in words if len(w) == 1]
        if len(surnames) == 3 and not initials:  # «Иванова Ирина Ивановна»
            surnames, initials = surnames[:1], [w[0] for w in surnames[1:]]
        return kind, _fold(" ".join(surnames + initials))
    return kind, _fold(name)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _period(text: str | None) -> Period | None:
    return Period.parse(str(text)) if text else None


def deadline_matches(activity: Activity, want: dict[str, Any]) -> bool:
    got = activity.deadline
    if got.kind.value != want["kind"]:
        return False
    if "due" in want and [_as_date(d) for d in want.get("due") or []] != list(got.due):
        return False
    for key in ("start", "end"):
        if key in want and _as_date(want[key]) != getattr(got, key):
            return False
    return True


def parties_match(activity: Activity, want: list[dict[str, str]] | None) -> bool:
    got = {party_key(p.kind.value, p.name) for p in activity.responsible}
    return got == {party_key(p["kind"], p["name"]) for p in want or []}


def source_file(spec_path: Path, spec: dict[str, Any], folder: Path) -> Path:
    stem = spec_path.name.removesuffix(".expected.yaml")
    text = CORPUS / f"{stem}.txt"
    fmt = spec.get("format", "txt")
    if fmt == "txt":
        return text
    from build_office import build  # tests/corpus/build_office.py, on sys.path beside this module

    return build(text, folder, fmt)


def read(spec_path: Path, folder: Path) -> tuple[dict[str, Any], ImportResult, float]:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    path = source_file(spec_path, spec, folder)
    started = time.perf_counter()
    result = import_file(path, period=_period(spec.get("given_period")))
    return spec, result, time.perf_counter() - started


def score_document(spec_path: Path) -> DocumentScore:
    stem = spec_path.name.removesuffix(".expected.yaml")
    score = DocumentScore(stem=stem)
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    wanted = spec.get("activities") or []
    score.expected = len(wanted)
    with tempfile.TemporaryDirectory() as folder:
        try:
            spec, result, score.seconds = read(spec_path, Path(folder))
        except RoadmapImportError as error:  # a refused document: nothing found, say why
            score.period_right = False
            score.misses.append(f"refused: {error.message}")
            return score
    if spec.get("period"):
        score.period_right = result.program.period == _period(spec["period"])
        if not score.period_right:
            score.misses.append(f"period {result.program.period} != {spec['period']}")
    got = list(result.program.activities)
    cursor = 0
    for want in wanted:
        key = (str(want["number"]) if want.get("number") is not None else None, title_key(want["title"]))
        match = next((i for i in range(cursor, len(got)) if (got[i].number, title_key(got[i].title)) == key), None)
        if match is None:
            score.misses.append(f"not found: {key[0]} {key[1]}")
            continue
        score.extra += match - cursor
        cursor = match + 1
        activity = got[match]
        score.found += 1
        if deadline_matches(activity, want["deadline"]):
            score.deadlines_right += 1
        else:
            d = activity.deadline
            score.misses.append(f"{key[0]} deadline «{want['deadline'].get('text')}»: got {d.kind.value} "
                                f"{d.start}..{d.end} due {[x.isoformat() for x in d.due][:4]}")
        if parties_match(activity, want.get("parties")):
            score.parties_right += 1
        else:
            score.misses.append(f"{key[0]} parties: got {[(p.kind.value, p.name) for p in activity.responsible]}")
    score.extra += len(got) - cursor
    return score


def score_corpus() -> CorpusScore:
    return CorpusScore([score_document(path) for path in expectations()])
