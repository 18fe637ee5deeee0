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


def read_xlsx(path: Path) -> SourceDocument:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise RoadmapImportError(
            f"Файл «{path.name}» не открывается как таблица Excel ({type(error).__name__}). "
            "Откройте его в Excel и сохраните заново как .xlsx."
        ) from None
    document = SourceDocument(name=path.name)
    try:
        for table, sheet in enumerate(workbook.worksheets, start=1):
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = tuple(_text(value) for value in row)
                while len(cells) > 1 and not cells[-1]:
                    cells = cells[:-1]
                if any(cells):
                    # One filled cell in a wide row is still a table row (a section heading).
                    document.lines.append(SourceLine(number=number, cells=cells if len(cells) > 1 else cells + ("",),
                                                     table=table))
    finally:
        workbook.close()
    return document
