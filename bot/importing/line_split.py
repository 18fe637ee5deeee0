"""Splitting one row's lines (a PDF table with one cell per line) into the header's columns.

Every way to cut the lines into consecutive runs, one per column, is scored by how well each
run reads as its column (a deadline, a person or role, a result) and how natural each cut is
(not after «в», a hyphen or an open bracket); the best split wins, dynamic programming keeps
the two best so a close call can be flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.importing.cell_kinds import (Kind, deadline_strength, ends_mid_phrase, ends_with_adjective, has_person,
                                      kind_of, opens_with_action, starts_as_party, starts_with_role)
from bot.importing.tables import Column

_INITIALS = re.compile(r"^[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?$")  # «А. И.»: the end of a name wrapped off its line
_LONGEST = {Column.DEADLINE: 6, Column.RESPONSIBLE: 16}  # lines: a deadline or a list of names is short
_MAX_LINES = 60  # a row longer than this is not a table row any more
_CLOSE_CALL = 1.0  # the best split scores less than this above the next one: flag the row
# What an empty cell costs: a row always has a title, nearly always a deadline.
_EMPTY = {Column.TITLE: -8.0, Column.DEADLINE: -2.5, Column.RESPONSIBLE: -1.5, Column.RESULT: -0.5}


@dataclass
class Line:
    number: int  # the source line
    text: str
    ends_cell: bool = False  # «|» after it: the cell ends here


def join_lines(lines: list[Line]) -> str:
    text = ""
    for line in lines:
        glue = "" if not text or (text.endswith("-") and not text.endswith(" -")) else " "
        text += glue + line.text
    return text.strip()


def split_row(lines: list[Line], columns: list[Column], explicit: bool) -> tuple[list[list[Line]], bool, float]:
    """The lines of one row split into `columns` (in order, each a run of 0+ lines), and
    whether the best split was a close call."""
    if len(lines) > _MAX_LINES:  # a row that swallowed the text after the table: split its head only
        runs, _, score = split_row(lines[:_MAX_LINES], columns, explicit)
        runs[-1] = runs[-1] + lines[_MAX_LINES:]
        return runs, True, score
    m, n = len(lines), len(columns)
    own = [kind_of(line.text) for line in lines]
    continues = [False] + [_continues(lines[t - 1], lines[t], explicit) for t in range(1, m)]

    @cache
    def phrase(a: int, b: int) -> Kind:  # lines a..b-1 read as one phrase
        return kind_of(join_lines(lines[a:b]))

    def phrases(i: int, j: int) -> list[tuple[int, Kind]]:
        """(first line, kind) of each phrase of the run: lines that continue one another
        («Муниципальный» + «координатор, специалисты ОО») are judged together."""
        starts = [t for t in range(i, j) if t == i or not continues[t]] + [j]
        return [(a, phrase(a, b)) for a, b in zip(starts, starts[1:])]

    @cache
    def fit(c: int, i: int, j: int) -> float:
        column = columns[c]
        if i == j:
            return _EMPTY.get(column, -0.5)
        found = phrases(i, j)
        head, rest = found[0][1], [kind for _, kind in found[1:]]
        score = -5.0 * sum(lines[t].ends_cell for t in range(i, j - 1)) if explicit else 0.0
        if column is Column.TITLE:
            score -= 3 if head is Kind.DEADLINE else 0
            score -= sum(_inside_title(kind, lines[t].text, join_lines(lines[t : t + 2])) for t, kind in found[1:])
        elif column is Column.DEADLINE:
            score += 4 if head is Kind.DEADLINE else (1 if deadline_strength(join_lines(lines[i:j])) == 1 else -4)
            score -= sum(3 for kind in rest if kind is not Kind.DEADLINE) + 0.5 * (j - i - 1)
        elif column is Column.RESPONSIBLE:
            first = {Kind.PARTY: 2.5, Kind.OTHER: -1.0, Kind.RESULT: -3.0, Kind.DEADLINE: -3.0}
            more = {Kind.PARTY: 0.0, Kind.OTHER: -0.5, Kind.RESULT: -3.0, Kind.DEADLINE: -3.0}
            score += first[head] + sum(more[kind] for kind in rest)
            score -= 0.015 * max(0, len(join_lines(lines[i:j])) - 80)  # names and roles are short
        else:
            score -= sum(3 if kind is Kind.DEADLINE else 1 if kind is Kind.PARTY else 0 for _, kind in found)
            score += 1.0 if head is Kind.RESULT else -1.0 if head is Kind.PARTY else 0  # a result opens with a person?
        return score

    @cache
    def cut(j: int) -> float:  # a new cell starts at line j
        before, text = lines[j - 1].text, lines[j].text
        if explicit:
            return 0.0 if lines[j - 1].ends_cell else -5.0
        score = (-3.0 if ends_mid_phrase(before) else -1.0 if before.endswith(":")
                 else -0.5 if before.endswith(",") or ends_with_adjective(before) else 0.0)
        if _INITIALS.match(text) or _lone_tail(lines[j - 1], lines[j], own[j - 1], own[j]):
            score -= 3.0  # «А. И.», «Программы»: the tail of the line before
        elif text[:1].islower() or text[:1] in "()»,;-–—":  # deadlines and roles may start lowercase
            opening = join_lines(lines[j:next((k for k in range(j + 1, m) if not continues[k]), m)])
            score -= 0.3 if own[j] is Kind.DEADLINE or starts_as_party(opening) else 1.5
        return score + (0.3 if before.endswith((".", ";")) else 0.0)

    # best[c][j]: the two best splits of lines[:j] into columns[:c], as (score, run ends)
    best: list[list[list[tuple[float, tuple[int, ...]]]]] = [[[] for _ in range(m + 1)] for _ in range(n + 1)]
    best[0][0] = [(0.0, ())]
    for c in range(n):
        for i in range(m + 1):
            for score, ends in best[c][i]:
                longest = _LONGEST.get(columns[c], m)
                for j in range(i, min(m, i + longest) + 1) if c < n - 1 else (m,):
                    total = score + fit(c, i, j) + (cut(i) if j > i and i > 0 else 0.0)
                    slot = best[c + 1][j]
                    slot.append((total, ends + (j,)))
                    slot.sort(key=lambda entry: -entry[0])
                    del slot[2:]
    ranked = best[n][m]
    ends = ranked[0][1]
    runs = [lines[a:b] for a, b in zip((0,) + ends[:-1], ends, strict=True)]
    close = len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _CLOSE_CALL
    if Column.DEADLINE in columns:
        deadline = runs[columns.index(Column.DEADLINE)]
        close = close or not deadline or kind_of(join_lines(deadline)) is not Kind.DEADLINE
    return runs, close, ranked[0][0]


def _inside_title(kind: Kind, text: str, with_next: str) -> float:
    """What a phrase costs past a title's first line: titles rarely go on with a deadline, a
    result, a person or a role opening the line (a school's abbreviation is common in them)."""
    if kind is Kind.DEADLINE:
        return 3.0
    if kind is Kind.RESULT or has_person(with_next):
        return 2.0
    return 1.5 if starts_with_role(text) else 0.3 if starts_as_party(text) else 0.0


def _continues(before: Line, line: Line, explicit: bool) -> bool:
    """Whether `line` goes on with the phrase of the line before (the same cell)."""
    if explicit:
        return not before.ends_cell
    text = line.text
    # «…обучающихся.» then «образовательные организации»: a sentence ended, a lowercase cell may start
    ended = re.search(r"[а-яё]{4,}[.;]$", before.text) is not None
    return ((text[:1].islower() and not ended) or text[:1] in "()»,;-–—" or bool(_INITIALS.match(text))
            or _lone_tail(before, line, kind_of(before.text), kind_of(text))
            or ends_mid_phrase(before.text) or ends_with_adjective(before.text) or before.text.endswith(","))


def _lone_tail(before: Line, line: Line, before_kind: Kind, kind: Kind) -> bool:
    """«…участники реализации» + «Программы»: one capitalised word wrapped off a text line
    (not «Ликвидация», which opens a cell after a deadline, nor an adjective before its noun)."""
    word = line.text
    return (len(word.split()) == 1 and word[:1].isupper() and kind is Kind.OTHER
            and not word.endswith(("ый", "ий", "ой", "ая", "ое", "ые", "ие")) and not opens_with_action(word)
            and before_kind in (Kind.OTHER, Kind.PARTY) and not before.text.endswith("."))
