"""Finding the roadmap table in a document and reading its rows.

Column meaning comes from the header row («№ п/п», «Мероприятия», «Сроки»,
«Ответственные», «Результат»…). Rows broken across pages are joined (a line without a
number continues the previous row cell by cell), repeated header blocks are skipped,
section headings and «Задачи:» preambles are told apart from activities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from bot.importing.source import SourceDocument, SourceLine


class Column(StrEnum):
    NUMBER = "number"
    TITLE = "title"
    DEADLINE = "deadline"
    RESPONSIBLE = "responsible"
    RESULT = "result"


_HEADER_WORDS = (
    (Column.NUMBER, re.compile(r"^№|^n\s*п/п|^п/п|^n\.?$", re.IGNORECASE)),
    (Column.DEADLINE, re.compile(r"срок|^дат[аы]\b", re.IGNORECASE)),
    (Column.RESPONSIBLE, re.compile(r"ответствен|исполнител", re.IGNORECASE)),
    (Column.RESULT, re.compile(r"результат|отч[её]тн|продукт|показател|документ|форма", re.IGNORECASE)),
    (Column.TITLE, re.compile(r"мероприяти|наименовани|содержани|действи|направлени", re.IGNORECASE)),
)
NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){0,3})\.?$")
MERGED_NUMBERS = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)(?:\s+\d{1,2}(?:\.\d{1,2})*\.?)+$")
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2}|[IVX]{1,4}(?=\.))\.?\s+(\S.*)$")
PROSE_RUN_ENDS_TABLE = 12  # «Задачи:» preambles inside a table run a few prose lines


@dataclass
class RawRow:
    number: str | None
    cells: dict[Column, str]
    first_line: int
    last_line: int
    merged_numbers: bool = False

    def append(self, column: Column, text: str) -> None:
        if text:
            current = self.cells.get(column, "")
            joiner = "" if current.endswith("-") and not current.endswith(" -") else " "
            self.cells[column] = (current + joiner + text).strip() if current else text


@dataclass
class RawSection:
    number: str | None
    title: str
    line: int


@dataclass
class RawTable:
    header_line: int
    columns: dict[int, Column]
    items: list[RawRow | RawSection] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, warning) in Russian


def header_column(text: str) -> Column | None:
    """The column a header cell names («Сроки исполнения» → deadline), or None."""
    return next((column for column, pattern in _HEADER_WORDS if pattern.search(text)), None)


def is_column_numbers(line: SourceLine) -> bool:
    """«1 2 3 4 5» under the header (cells «1», «2»… or «1.», «2.»…): column numbers, not a row."""
    return are_column_numbers(" ".join(line.cells))


def are_column_numbers(text: str) -> bool:
    tokens = text.split()
    if len(tokens) < 3 or not all(re.fullmatch(r"\d{1,2}\.?", t) for t in tokens):
        return False
    values = [int(t.rstrip(".")) for t in tokens]
    # merged header cells repeat their number in every grid cell (docx): 1 2 2 3 4
    return values[0] == 1 and all(b - a in (0, 1) for a, b in zip(values, values[1:])) and values[-1] >= 3


def header_columns(line: SourceLine) -> dict[int, Column] | None:
    if not line.is_row:
        return None
    columns: dict[int, Column] = {}
    for index, cell in enumerate(line.cells):
        for column, pattern in _HEADER_WORDS:
            # «Дата | Дата | Дата» (one event held several times): every date column is a deadline
            repeatable = column is Column.DEADLINE and columns.get(index - 1) is Column.DEADLINE
            if cell and pattern.search(cell) and (column not in columns.values() or repeatable):
                columns[index] = column
                break
    found = set(columns.values())
    # Two known columns are enough when the row reads as a header: short labels only («Мероприятие | Место | Дата»)
    labels = [cell for cell in line.cells if cell.strip()]
    header_like = len(labels) >= 3 and all(len(cell) <= 30 for cell in labels)
    if Column.TITLE in found and Column.DEADLINE in found and (len(found) >= 3 or header_like):
        return columns
    return None


def _is_header_repeat(line: SourceLine, columns: dict[int, Column]) -> bool:
    again = header_columns(line)
    return again is not None and set(again.values()) == set(columns.values())


def find_tables(document: SourceDocument) -> list[RawTable]:
    tables: list[RawTable] = []
    current: RawTable | None = None
    prose_run = 0
    for line in document.lines:
        if current is not None and is_column_numbers(line):
            continue  # the «1 2 3 4 5» row under the header, also repeated after a page break
        columns = header_columns(line)
        if columns is not None:
            if current is not None and _is_header_repeat(line, current.columns):
                current.notes.append((line.number, "повтор шапки таблицы пропущен"))
                prose_run = 0
                continue
            current = RawTable(header_line=line.number, columns=columns)
            tables.append(current)
            prose_run = 0
            continue
        if current is None:
            continue
        if not line.is_row:
            prose_run += 1
            if prose_run >= PROSE_RUN_ENDS_TABLE:
                current = None
            else:
                _read_prose(current, line)
            continue
        prose_run = 0
        _read_row(current, line)
    return [t for t in tables if any(isinstance(i, RawRow) for i in t.items)]


def _cells(table: RawTable, line: SourceLine) -> dict[Column, str]:
    cells: dict[Column, str] = {}
    for index, column in table.columns.items():  # several date columns join into one deadline cell
        if index < len(line.cells) and line.cells[index]:
            cells[column] = f"{cells[column]}; {line.cells[index]}" if column in cells else line.cells[index]
    return cells


def _last_row(table: RawTable) -> RawRow | None:
    return table.items[-1] if table.items and isinstance(table.items[-1], RawRow) else None


def _read_row(table: RawTable, line: SourceLine) -> None:
    cells = _cells(table, line)
    first = line.cells[0].strip()
    filled = [c for c in line.cells if c]
    number_cell = cells.get(Column.NUMBER, "") if Column.NUMBER in table.columns.values() else ""
    number = NUMBER.match(number_cell) if number_cell else None
    merged = MERGED_NUMBERS.match(number_cell) if number_cell else None
    if re.fullmatch(r"[IVX]{1,4}\.?", number_cell) and cells.get(Column.TITLE):
        # «I. | Этап подготовки | ноябрь 2012 – май 2013 |»: a stage of the plan, a section
        table.items.append(RawSection(number=number_cell.rstrip("."), title=cells[Column.TITLE], line=line.number))
        return
    if number or merged:
        row = RawRow(number=(number.group(1) if number else number_cell), cells={}, first_line=line.number,
                     last_line=line.last_number or line.number, merged_numbers=bool(merged and not number))
        for column, text in cells.items():
            if column is not Column.NUMBER:
                row.cells[column] = text
        table.items.append(row)
        return
    if len(filled) == 1 and first:
        heading = NUMBERED_HEADING.match(first)
        if re.match(r"^задач", first, re.IGNORECASE) or (heading and _in_tasks(table)):
            table.items.append(RawSection(number=None, title="__tasks__", line=line.number))
            return
        if heading:
            table.items.append(RawSection(number=heading.group(1), title=heading.group(2).strip(), line=line.number))
            return
        previous = _last_row(table)
        if previous is not None and first[:1].islower():
            previous.append(Column.TITLE, first)  # a title that wrapped into the number column
            previous.last_line = line.last_number or line.number
            return
        table.items.append(RawSection(number=None, title=first, line=line.number))
        return
    previous = _last_row(table)
    if not first or (Column.NUMBER in table.columns.values() and not number_cell):
        has_body = Column.DEADLINE in cells or Column.RESPONSIBLE in cells
        starts_new = (cells.get(Column.TITLE, "")[:1].isupper() and has_body and first == "" and previous is not None
                      and previous.cells.get(Column.DEADLINE) and Column.DEADLINE in cells
                      and not line.blank_before)
        if previous is not None and not starts_new and not (first and has_body and Column.TITLE in cells):
            for column, text in cells.items():
                previous.append(column, text)
            previous.last_line = line.last_number or line.number
            return
        # An unnumbered activity (seed 004): a title with its own deadline or responsible.
        table.items.append(RawRow(number=None, cells={c: t for c, t in cells.items() if c is not Column.NUMBER},
                                  first_line=line.number, last_line=line.last_number or line.number))
        return
    table.items.append(RawRow(number=None, cells=cells, first_line=line.number,
                              last_line=line.last_number or line.number))


def _read_prose(table: RawTable, line: SourceLine) -> None:
    """Text between table rows (a page of extracted Word): a «2. Методическое
    сопровождение» heading is a section; «Задачи:» and its numbered items are not."""
    text = line.text
    if re.match(r"^задач", text, re.IGNORECASE):
        table.items.append(RawSection(number=None, title="__tasks__", line=line.number))
        return
    heading = NUMBERED_HEADING.match(text)
    if heading and len(text) <= 150 and not _in_tasks(table) and "." not in heading.group(1):
        table.items.append(RawSection(number=heading.group(1), title=heading.group(2).strip(), line=line.number))


def _in_tasks(table: RawTable) -> bool:
    for item in reversed(table.items):
        if isinstance(item, RawRow):
            return False
        if item.title == "__tasks__":
            return True
    return False
