"""Pure matching of a reloaded roadmap against what is stored, so ids stay stable.

Activities, in this order of confidence:
  1. the same number and title (title compared by `name_key`);
  2. the same title alone, when it is unique on both sides (the roadmap was renumbered);
  3. the same number alone, unique on both sides, with a title at least 80% similar
     (a typo was fixed).
Live stored rows are preferred over removed ones, so a removed activity comes back
with its old id only when nothing live claims it.

Due dates of one activity: equal dates first (removed ones included, so a date that
comes back finds its statuses); then the remaining live dates are paired with the
remaining new dates in calendar order (a moved deadline keeps its statuses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Protocol

from bot.storage.keys import name_key

SIMILAR_TITLE = 0.8


@dataclass(frozen=True, slots=True)
class StoredKey:
    id: int
    number: str | None
    title: str
    removed: bool


@dataclass(frozen=True, slots=True)
class IncomingKey:
    number: str | None
    title: str


class _Named(Protocol):
    @property
    def number(self) -> str | None: ...
    @property
    def title(self) -> str: ...


def _number(value: str | None) -> str | None:
    return value.strip().rstrip(".") or None if value else None


def _number_and_title(item: _Named) -> Hashable:
    return (_number(item.number), name_key(item.title))


def _title(item: _Named) -> Hashable:
    return name_key(item.title)


def _number_only(item: _Named) -> Hashable:
    return _number(item.number)


def _similar_titles(a: _Named, b: _Named) -> bool:
    return SequenceMatcher(None, name_key(a.title), name_key(b.title)).ratio() >= SIMILAR_TITLE


def match_activities(stored: Sequence[StoredKey], incoming: Sequence[IncomingKey]) -> dict[int, int]:
    """Index in `incoming` → stored id."""
    matcher = _Matcher(stored, incoming)
    matcher.pass_by(_number_and_title, unique=False)
    matcher.pass_by(_title, unique=True)
    matcher.pass_by(_number_only, unique=True, accept=_similar_titles)
    return matcher.result


class _Matcher:
    def __init__(self, stored: Sequence[StoredKey], incoming: Sequence[IncomingKey]) -> None:
        # Live rows first: they win ties over removed ones.
        self._stored = sorted(stored, key=lambda row: row.removed)
        self._incoming = list(incoming)
        self.result: dict[int, int] = {}

    def pass_by(
        self,
        key: Callable[[_Named], Hashable],
        *,
        unique: bool,
        accept: Callable[[_Named, _Named], bool] = lambda a, b: True,
    ) -> None:
        taken = set(self.result.values())
        free = [row for row in self._stored if row.id not in taken]
        left = [(i, item) for i, item in enumerate(self._incoming) if i not in self.result]
        incoming_counts = Counter(key(item) for _, item in left)
        stored_counts = Counter(key(row) for row in free)
        for index, item in left:
            wanted = key(item)
            if wanted is None:
                continue
            if unique and (incoming_counts[wanted] != 1 or stored_counts[wanted] != 1):
                continue
            row = next((r for r in free if r.id not in taken and key(r) == wanted), None)
            if row is not None and accept(item, row):
                self.result[index] = row.id
                taken.add(row.id)


@dataclass(frozen=True, slots=True)
class StoredDate:
    id: int
    day: date
    removed: bool


@dataclass(frozen=True, slots=True)
class DatePlan:
    keep: dict[date, int]  # new date → stored id (the stored date may differ: a moved deadline)
    add: list[date]
    retire: list[int]  # live stored ids no longer in the schedule


def match_dates(stored: Sequence[StoredDate], incoming: Sequence[date]) -> DatePlan:
    wanted = sorted(set(incoming))
    by_day = {row.day: row for row in stored}
    keep: dict[date, int] = {}
    for day in wanted:
        if day in by_day:
            keep[day] = by_day[day].id
    used = set(keep.values())
    spare = sorted((row for row in stored if not row.removed and row.id not in used), key=lambda r: r.day)
    unmatched = [day for day in wanted if day not in keep]
    for day, row in zip(unmatched, spare):
        keep[day] = row.id
    paired = set(keep.values())
    return DatePlan(
        keep=keep,
        add=[day for day in wanted if day not in keep],
        retire=[row.id for row in spare if row.id not in paired],
    )
