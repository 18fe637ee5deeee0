"""Tables extracted from PDF with one cell per line (no TABs).

The header's words stand one per line («№ п/п», «Мероприятие», «Сроки», «Ответственные»…),
then every row: its number alone on a line («1.», «2.3»), then its cells, each wrapped over
one or more lines. Garant-style exports end every cell with «|». Rows are rebuilt from the
number lines (anchors); inside a row the lines are split into the header's columns by what
they look like (a deadline, a person or role, a result), the split with the best score
wins, and a row whose split is a close call is flagged for the coordinator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.importing.cell_kinds import Kind, deadline_strength, ends_mid_phrase, kind_of
from bot.importing.line_split import Line, join_lines, split_row
from bot.importing.source import SourceDocument, SourceLine
from bot.importing.tables import Column, are_column_numbers, header_column

_ROW_NUMBER = re.compile(r"^(?P<number>[1-9]\d{0,2}(?:\.\d{1,2}){0,3})(?P<dot>\.?)(?:\s+(?P<rest>\S.*))?$")
_MERGED = re.compile(r"^([1-9]\d?)\.?(?:\s+[1-9]\d?\.?)+$")
_SECTION = re.compile(r"^(?:[IVX]{1,4}\.\s*\S|Раздел\s+(?:\d|[IVX]))")
_TABLE_ENDS = re.compile(r"^(?:Приложение\b|Согласовано\b|УТВЕРЖДАЮ|Утверждаю\b|Исполнитель:|М\.\s?П\.)")
_HEADER_CELL = 40  # a header word line is short
_SWAP = {Column.DEADLINE: Column.RESPONSIBLE, Column.RESPONSIBLE: Column.DEADLINE}
_SWAP_COST = 2.0  # columns read in the header's order unless the swapped order reads clearly better


@dataclass
class _Row:
    number: str
    lines: list[Line]
    first_line: int


@dataclass
class _Section:
    text: str
    line: int


def rebuild(document: SourceDocument) -> SourceDocument | None:
    """The document with its one-cell-per-line table rebuilt as rows, or None when it has none."""
    lines, explicit = _lines(document)
    for start in range(len(lines)):
        header = _header(lines, start)
        if header is not None:
            break
    else:
        return None
    columns, titles, end = header
    table_end = _table_end(lines, end)
    items, notes = _items(lines[end:table_end], columns)
    if not any(isinstance(item, _Row) for item in items):
        return None
    first_source, after = lines[start].number, (lines[table_end].number if table_end < len(lines) else None)
    rebuilt = SourceDocument(name=document.name, notes=list(document.notes))
    rebuilt.lines = [line for line in document.lines if line.number < first_source]
    rebuilt.lines.append(SourceLine(number=first_source, cells=tuple(titles), last_number=lines[end - 1].number))
    rebuilt.notes.append((first_source, "таблица записана по одной ячейке в строке — собрана по номерам строк"))
    rebuilt.notes += notes
    content = [c for c in columns if c is not Column.NUMBER]
    for item in items:
        if isinstance(item, _Section):
            rebuilt.lines.append(SourceLine(number=item.line, cells=(item.text,) + ("",) * (len(columns) - 1)))
            continue
        runs, close_call, score = split_row(item.lines, content, explicit)
        placed = content
        if Column.DEADLINE in content and Column.RESPONSIBLE in content:
            # the responsible written before the deadline (seed 003's rows 11–12), as in a TAB table
            swapped = [_SWAP.get(column, column) for column in content]
            other_runs, other_close, other_score = split_row(item.lines, swapped, explicit)
            if other_score - _SWAP_COST > score:
                runs, close_call, placed = other_runs, other_close, swapped
                rebuilt.notes.append((item.first_line,
                                      "сроки и ответственные переставлены местами — прочитаны наоборот"))
        cells = dict(zip(placed, (join_lines(run) for run in runs), strict=True))
        cells[Column.NUMBER] = item.number
        last = item.lines[-1].number if item.lines else item.first_line
        rebuilt.lines.append(SourceLine(number=item.first_line, cells=tuple(cells[c] for c in columns),
                                        last_number=last))
        if close_call:
            rebuilt.notes.append((item.first_line, f"мероприятие {item.number} собрано из строк по одной ячейке "
                                                   "неуверенно — проверьте срок и ответственных"))
    if after is not None:
        rebuilt.lines += [line for line in document.lines if line.number >= after]
    return rebuilt


def _lines(document: SourceDocument) -> tuple[list[Line], bool]:
    """Prose lines with «|» cell ends read off (a bare «|» line ends the cell above it)."""
    result: list[Line] = []
    explicit = False
    for line in document.lines:
        text = line.text if not line.is_row else "\t".join(line.cells)
        stripped = text.rstrip(" |")
        if text.endswith("|") and not line.is_row:
            explicit = True
            if not stripped.strip():
                if result:
                    result[-1].ends_cell = True
                continue
        result.append(Line(number=line.number, text=stripped.strip() if not line.is_row else text,
                            ends_cell=text.endswith("|")))
    return result, explicit


def _header(lines: list[Line], start: int) -> tuple[list[Column], list[str], int] | None:
    """Header words one per line from `start`: (columns, their texts, index after the header)."""
    first = lines[start].text
    column = header_column(first)
    if column not in (Column.NUMBER, Column.TITLE) or len(first) > _HEADER_CELL or "\t" in first:
        return None
    columns, titles, index = [column], [first], start + 1
    while index < len(lines) and index - start < 16:
        text = lines[index].text
        if len(text) > _HEADER_CELL or "\t" in text or _ROW_NUMBER.match(text) or _SECTION.match(text):
            break
        found = header_column(text)
        if found is not None and found not in columns:
            columns.append(found)
            titles.append(text)
        elif found is not None or text[:1].islower():
            titles[-1] += " " + text  # «Ответственные» + «исполнители», «№» + «п/п»
        elif index + 1 < len(lines) and lines[index + 1].text[:1].islower() and \
                (nxt := header_column(lines[index + 1].text)) is not None and nxt not in columns:
            columns.append(nxt)  # «Ожидаемый» + «результат»
            titles.append(text + " " + lines[index + 1].text)
            index += 1
        else:
            break
        index += 1
    if Column.NUMBER in columns and Column.TITLE in columns and Column.DEADLINE in columns and len(columns) >= 3:
        return columns, titles, index
    return None


def _table_end(lines: list[Line], start: int) -> int:
    for index in range(start, len(lines)):
        if "\t" in lines[index].text or _TABLE_ENDS.match(lines[index].text):
            return index
    return len(lines)


def _column_numbers(lines: list[Line], index: int, columns: int) -> int:
    """How many lines from `index` are the column-number row «1», «2», «3»… (0: none)."""
    if are_column_numbers(lines[index].text):
        return 1  # «1 2 3 4 5» on one line
    count = 0
    while index + count < len(lines) and lines[index + count].text.rstrip(".") == str(count + 1):
        count += 1
    return count if 3 <= count and columns - 1 <= count <= columns + 1 else 0


def _items(lines: list[Line], columns: list[Column]) -> tuple[list[_Row | _Section], list[tuple[int, str]]]:
    items: list[_Row | _Section] = []
    notes: list[tuple[int, str]] = []
    previous: tuple[int, ...] | None = None
    index, page_break = 0, False  # after a repeated header numbering may start again (a repeated block)
    while index < len(lines):
        line, text = lines[index], lines[index].text
        if skip := _column_numbers(lines, index, len(columns)):
            index += skip
            continue
        repeat = _header(lines, index)
        if repeat is not None and set(repeat[0]) == set(columns):
            notes.append((line.number, "повтор шапки таблицы пропущен"))
            index, page_break = repeat[2], True
            continue
        index += 1
        match = _ROW_NUMBER.match(text)
        restart, page_break = page_break, False
        merged = _MERGED.match(text)
        if merged and _follows(previous, (int(merged.group(1)),), restart=False, jump=5):
            # «5. 6.»: two rows' numbers on one line (tables.py warns about it)
            items.append(_Row(number=text, lines=[], first_line=line.number))
            previous = (int(text.split()[-1].rstrip(".")),)
            continue
        if match:
            number = tuple(int(part) for part in match.group("number").split("."))
            rest = match.group("rest")
            after_section = not items or isinstance(items[-1], _Section) or restart
            if rest is None and _follows(previous, number, restart=after_section, jump=5):
                items.append(_Row(number=match.group("number"), lines=[], first_line=line.number))
                previous = number
                continue
            if (rest is not None and (match.group("dot") or len(number) > 1) and rest[:1].isupper()
                    and deadline_strength(rest) < 2 and _follows(previous, number, restart=after_section)):
                row = _Row(number=match.group("number"), lines=[], first_line=line.number)
                row.lines.append(Line(number=line.number, text=rest, ends_cell=line.ends_cell))
                items.append(row)
                previous = number
                continue
        if _is_section(text):
            items.append(_Section(text=text, line=line.number))
            continue
        last = items[-1] if items else None
        if isinstance(last, _Row):
            last.lines.append(line)
        elif isinstance(last, _Section) and (text[:1].islower() or ends_mid_phrase(last.text)):
            last.text += " " + text  # a wrapped heading
        else:
            items.append(_Section(text=text, line=line.number))  # a heading before the first row
    return _numbered_sections(items), notes


def _numbered_sections(items: list[_Row | _Section]) -> list[_Row | _Section]:
    """«1.» + «Организационная работа» followed by 1.1, 1.2…: a section heading, not a row."""
    result: list[_Row | _Section] = []
    for index, item in enumerate(items):
        following = next((i for i in items[index + 1 :] if isinstance(i, _Row)), None)
        if (isinstance(item, _Row) and item.lines and following is not None
                and following.number.startswith(item.number + ".")
                and not any(kind_of(line.text) is Kind.DEADLINE for line in item.lines)):
            result.append(_Section(text=f"{item.number}. " + join_lines(item.lines), line=item.first_line))
            continue
        result.append(item)
    return result


def _is_section(text: str) -> bool:
    """«I. Организационная работа», «Раздел 2», «ОРГАНИЗАЦИОННАЯ РАБОТА» (not «(МОАУ ЦО, МОАУ СОШ № 1)»)."""
    words = re.findall(r"[А-ЯЁа-яё]+", text)
    shouting = sum(len(w) >= 5 for w in words) >= 2 and all(w.isupper() for w in words)
    return bool(_SECTION.match(text)) or shouting


def _follows(previous: tuple[int, ...] | None, number: tuple[int, ...], *, restart: bool, jump: int = 2) -> bool:
    """Whether `number` can be the next row after `previous` (1.8 → 1.9, 2, 2.1, 1.8.1), a
    few rows skipped at most (a row lost in extraction)."""
    if previous is None or (restart and all(part == 1 for part in number)):
        return True
    for depth in range(len(previous)):
        if (number[:depth] == previous[:depth] and len(number) > depth
                and previous[depth] < number[depth] <= previous[depth] + jump
                and all(p == 1 for p in number[depth + 1 :])):
            return True
    deeper = number[len(previous) :]
    return number[: len(previous)] == previous and bool(deeper) and all(p == 1 for p in deeper)
