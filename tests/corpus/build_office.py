"""Rebuild a corpus document as the Word or Excel table it was published as.

The corpus keeps every document as text (STEM.txt: a table row is one line with its cells
separated by TAB, a line without TAB is prose). Where the original was a Word or Excel
table, STEM.expected.yaml says `format: docx` or `format: xlsx` and the corpus test calls
`build()` to make that file in a temporary folder, so no binary file is committed.

- docx: every prose line becomes a paragraph; every run of consecutive TAB rows becomes one
  real Word table (as many columns as its widest row, shorter rows padded with empty
  cells); blank lines are skipped and do not end a table.
- xlsx: one sheet row per text line (a blank line stays an empty row); the cells of a TAB
  row go to columns A, B, …; a prose line goes to column A.

Usage from a shell: `python tests/corpus/build_office.py tests/corpus/STEM.txt OUT_DIR docx`.
"""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = ("docx", "xlsx")


def _lines(txt_path: Path) -> list[str]:
    return txt_path.read_text(encoding="utf-8").splitlines()


def _blocks(lines: list[str]) -> list[tuple[str, object]]:
    """Prose lines and tables in order: ("prose", text) or ("table", [cells, …])."""
    blocks: list[tuple[str, object]] = []
    rows: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue  # blank lines neither make a paragraph nor end a table
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            blocks.append(("table", rows))
            rows = []
        blocks.append(("prose", line.strip()))
    if rows:
        blocks.append(("table", rows))
    return blocks


def _build_docx(txt_path: Path, target: Path) -> None:
    from docx import Document

    document = Document()
    for kind, content in _blocks(_lines(txt_path)):
        if kind == "prose":
            document.add_paragraph(str(content))
            continue
        rows = content  # type: ignore[assignment]
        width = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for row_cells, row in zip(table.rows, rows, strict=True):
            for cell, text in zip(row_cells.cells, [*row, *[""] * (width - len(row))], strict=True):
                cell.text = text.strip()
    document.save(str(target))


def _build_xlsx(txt_path: Path, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Лист1"
    for row_index, line in enumerate(_lines(txt_path), start=1):
        if not line.strip():
            continue  # an empty sheet row
        cells = line.split("\t") if "\t" in line else [line.strip()]
        for column, text in enumerate(cells, start=1):
            if text.strip():
                sheet.cell(row=row_index, column=column, value=text.strip())
    workbook.save(str(target))


def build(txt_path: Path, out_dir: Path, fmt: str) -> Path:
    """Build `out_dir/STEM.docx` or `out_dir/STEM.xlsx` from `STEM.txt`; return its path."""
    txt_path, out_dir = Path(txt_path), Path(out_dir)
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{txt_path.stem}.{fmt}"
    (_build_docx if fmt == "docx" else _build_xlsx)(txt_path, target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: build_office.py STEM.txt OUT_DIR docx|xlsx")
    print(build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
