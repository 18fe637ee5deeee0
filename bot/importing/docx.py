"""Word roadmaps: paragraphs and table rows in document order (python-docx).

A horizontally merged cell appears once (python-docx repeats it for every grid column it
spans); a vertically merged one keeps its text only in the first row, so continuation
rows look like the page-broken rows of extracted text and are joined the same way.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bot.importing.source import RoadmapImportError, SourceDocument, SourceLine
from bot.importing.text import clean_cell

MAX_GRID_COLUMNS = 200  # Word itself stops at 63; python-docx repeats a cell once per spanned column


def read_docx(path: Path, *, max_grid_columns: int = MAX_GRID_COLUMNS) -> SourceDocument:
    try:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as error:  # pragma: no cover - a broken install
        raise RoadmapImportError("Чтение .docx недоступно: не установлен python-docx.") from error
    try:
        word = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RoadmapImportError(
            f"Файл «{path.name}» не открывается как документ Word ({type(error).__name__}). "
            "Откройте его в Word и сохраните заново как .docx."
        ) from None
    document = SourceDocument(name=path.name)
    number = 0
    table_index = 0
    for block in word.iter_inner_content():
        if isinstance(block, Paragraph):
            number += 1
            text = clean_cell(block.text)
            if text:
                document.lines.append(SourceLine(number=number, cells=(text,)))
        elif isinstance(block, Table):
            table_index += 1
            for row in block.rows:
                number += 1
                if sum(tc.grid_span for tc in row._tr.tc_lst) > max_grid_columns:
                    raise RoadmapImportError(
                        f"Таблица слишком большая: в файле «{path.name}» в таблице {table_index} есть строка шире "
                        f"{max_grid_columns} столбцов. Оставьте в файле только дорожную карту.")
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    vmerge = cell._tc.tcPr.vMerge if cell._tc.tcPr is not None else None
                    continued = vmerge is not None and vmerge.val in (None, "continue")
                    cells.append("" if continued else clean_cell(cell.text))
                if any(cells):
                    padded = tuple(cells) if len(cells) > 1 else (*cells, "")
                    document.lines.append(SourceLine(number=number, cells=padded, table=table_index))
    return document
