"""Cells in the wrong column, told from their content.

A row with a cell missing («1 | Анализ ВПР | Октябрь 2024 | Аналитическая справка» under
«№ | Мероприятие | Ответственные | Сроки | Результат») or an empty cell too many («1.2 | Пробный
ОГЭ | | Декабрь 2024 | Руководитель ШМО» under «… | Сроки | Ответственные | Результат») has its
cells slid along: the deadline in the responsible column, the responsible in the result
column. The filled cells keep their order; the placement that reads best (a deadline where the
deadline goes, a person or role where the responsible goes) is taken when it reads clearly
better than the columns as they stand.
"""

from __future__ import annotations

from itertools import combinations

from bot.importing.cell_kinds import Kind, deadline_strength, kind_of
from bot.importing.tables import Column

_BODY = (Column.DEADLINE, Column.RESPONSIBLE, Column.RESULT)
_NAMES = {Column.DEADLINE: "Сроки", Column.RESPONSIBLE: "Ответственные", Column.RESULT: "Результат"}
_WHAT = {Column.DEADLINE: "срок", Column.RESPONSIBLE: "ответственные", Column.RESULT: "результат"}
_CLEARLY_BETTER = 3.0


def _fit(column: Column, text: str) -> float:
    if not text:
        return {Column.DEADLINE: -2.5, Column.RESPONSIBLE: -1.5}.get(column, -0.5)
    kind = kind_of(text)
    if column is Column.DEADLINE:
        return 4.0 if kind is Kind.DEADLINE else 1.0 if deadline_strength(text) == 1 else -4.0
    if column is Column.RESPONSIBLE:
        return {Kind.PARTY: 2.5, Kind.OTHER: -1.0}.get(kind, -3.0)
    return {Kind.DEADLINE: -3.0, Kind.PARTY: -1.0, Kind.RESULT: 0.5}.get(kind, 0.0)


def place_cells(cells: dict[Column, str], order: list[Column]) -> tuple[dict[Column, str], str | None]:
    """`cells` with deadline / responsible / result moved to where their content belongs, and
    a Russian note on what moved (None: nothing moved). `order`: the table's columns, left to right."""
    body = [column for column in order if column in _BODY]
    filled = [column for column in body if cells.get(column)]
    if Column.DEADLINE not in body or not filled or len(filled) == len(body):
        return cells, None  # every column filled: nothing can have slid

    def score(placement: dict[Column, str]) -> float:
        return sum(_fit(column, placement.get(column, "")) for column in body)

    current = {column: cells[column] for column in filled}
    best, best_score = current, score(current)
    for targets in combinations(body, len(filled)):
        placement = {target: cells[source] for source, target in zip(filled, targets, strict=True)}
        if (value := score(placement)) > best_score:
            best, best_score = placement, value
    if best is current or best_score - score(current) < _CLEARLY_BETTER:
        return cells, None
    moves = [f"{_WHAT[target]} — в колонке «{_NAMES[source]}»"
             for source, target in zip(filled, [c for c in body if c in best], strict=True) if source is not target]
    moved = {column: text for column, text in cells.items() if column not in _BODY} | best
    return moved, "ячейки сдвинуты (" + ", ".join(moves) + ") — прочитано по содержанию"
