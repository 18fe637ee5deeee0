"""Excel roadmaps: every non-empty row of every sheet becomes a SourceLine (merged cells
read as their top-left value, numbers and dates as the text a person sees)."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bot.importing.source import RoadmapImportError, SourceDocument, SourceLine
from bot.importing.text import clean_cell

MAX_COLUMNS = 60  # a roadmap has 4–8 columns; a sheet declaring 16,384 is read this far only
MAX_ROWS = 20_000  # filled rows in the whole workbook
MAX_CELLS = 200_000  # filled cells in the whole workbook


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_cell(str(value))


def read_xlsx(path: Path, *, max_columns: int = MAX_COLUMNS, max_rows: int = MAX_ROWS,
              max_cells: int = MAX_CELLS) -> SourceDocument:
    """Reads at most `max_columns` columns of each sheet whatever its <dimension> declares (a
    stray cell at XFD is clipped, never padded to); more than `max_rows` filled rows or
    `max_cells` filled cells in the workbook is refused."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise RoadmapImportError(
            f"Файл «{path.name}» не открывается как таблица Excel ({type(error).__name__}). "
            "Откройте его в Excel и сохраните заново как .xlsx."
        ) from None
    document = SourceDocument(name=path.name)
    filled = 0
    try:
        for table, sheet in enumerate(workbook.worksheets, start=1):
            width = min(sheet.max_column or max_columns, max_columns)
            for number, row in enumerate(sheet.iter_rows(max_col=width, values_only=True), start=1):
                if row.count(None) == len(row):
                    continue
                cells = tuple(_text(value) for value in row)
                while len(cells) > 1 and not cells[-1]:
                    cells = cells[:-1]
                if any(cells):
                    filled += sum(1 for cell in cells if cell)
                    if len(document.lines) >= max_rows or filled > max_cells:
                        what = (f"больше {max_rows:,} заполненных строк" if len(document.lines) >= max_rows
                                else f"больше {max_cells:,} заполненных ячеек").replace(",", "\u00a0")
                        raise RoadmapImportError(
                            f"Таблица слишком большая: в файле «{path.name}» {what} (лист «{sheet.title}», "
                            f"строка {number}). Оставьте в файле только дорожную карту.")
                    # One filled cell in a wide row is still a table row (a section heading).
                    document.lines.append(SourceLine(number=number, cells=cells if len(cells) > 1 else cells + ("",),
                                                     table=table))
    finally:
        workbook.close()
    return document
