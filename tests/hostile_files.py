"""Hostile and ordinary roadmap files as bytes, for the guarded import's tests (and e2e tests
that send them through the chat).

Hostile ones: `zip_bomb_xlsx` (a ~60 KB file whose sheet unpacks to ~20 MB), `wide_xlsx`
(a few KB declaring cells up to column XFD = 16,384), `wide_docx` (a table cell spanning
a billion columns), `broken_sheet_xlsx` (sheet XML cut
off mid-tag), `broken_document_docx` (document.xml cut off mid-tag), `not_a_zip_docx`
(random bytes named .docx) and `huge_text` (a 19 MB .txt that is one giant, slow line).
Ordinary ones: `roadmap_xlsx` and `roadmap_docx` (a few rows of a real-looking roadmap).
"""

from __future__ import annotations

import io
import random
import zipfile

from openpyxl import Workbook

TITLE = "Дорожная карта программы поддержки школ г. Минусинска на 2023-2024 учебный год"
HEADER = ("№ п/п", "Мероприятие", "Сроки", "Ответственные", "Результат")
ROWS = (
    ("1.", "Организационные мероприятия", "", "", ""),
    ("1.1", "Назначение муниципального координатора", "До 20.09.2023", "Федотова Н. Э.", "Приказ"),
    ("1.2", "Стартовый мониторинг", "Ежеквартально", "Руководитель ОО", "Аналитическая справка"),
    ("1.3", "Совещание с руководителями школ", "Октябрь 2023", "МОАУ СОШ № 1 Якшина А.И.", "Протокол"),
    ("2.", "Методическое сопровождение", "", "", ""),
    ("2.1", "Семинар для педагогов", "Ноябрь 2023", "Муниципальный координатор", "Программа семинара"),
    ("2.2", "Мастер-класс «Подготовка к ОГЭ»", "Март – май 2024", "МОАУ Лицей Петрова В.В.", "Материалы"),
)


def roadmap_xlsx(*, stray_cell_column: int | None = None) -> bytes:
    """A small genuine roadmap; `stray_cell_column` adds one stray cell that far right
    (written by hand so that the sheet declares no <dimension>)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    sheet.append([TITLE])
    sheet.append(list(HEADER))
    for row in ROWS:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if stray_cell_column is None:
        return data
    letters = _column_letters(stray_cell_column)
    rows = "".join(
        f'<row r="{r}">' + "".join(
            f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{_xml(value)}</t></is></c>' for i, value in enumerate(cells)
            if value
        ) + (f'<c r="{letters}{r}" t="inlineStr"><is><t>x</t></is></c>' if r == 2 else "") + "</row>"
        for r, cells in enumerate([(TITLE,), HEADER, *ROWS], start=1)
    )
    return _replace_part(data, "xl/worksheets/sheet1.xml", _sheet_xml(rows, dimension=None).encode())


def roadmap_docx() -> bytes:
    from docx import Document

    word = Document()
    word.add_paragraph(TITLE)
    table = word.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for row, values in zip(table.rows, [HEADER, *ROWS], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx(sheet_mb: int = 20) -> bytes:
    """A valid workbook whose one sheet is `sheet_mb` MB of identical rows: ~60 KB zipped
    for 20 MB (a ratio of ~350)."""
    row = '<row><c t="inlineStr"><is><t>Мероприятие без конца</t></is></c><c t="n"><v>1</v></c></row>'
    count = sheet_mb * 2**20 // len(row.encode())
    sheet = _sheet_xml(row * count, dimension=f"A1:B{count}")
    return _replace_part(roadmap_xlsx(), "xl/worksheets/sheet1.xml", sheet.encode())


def wide_xlsx(columns: int = 16384, rows: int = 30) -> bytes:
    """A few KB: each row has a cell in column A and one in column `columns` (XFD for 16,384),
    so openpyxl writes <dimension ref="A1:XFD30"> — a reader that pads rows to the declared
    width builds 16,384 × rows cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    for row in range(2, rows + 1):
        sheet.cell(row=row, column=1, value=f"{row - 1}.")
        sheet.cell(row=row, column=columns, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def wide_docx(span: int = 1_000_000_000) -> bytes:
    """A genuine document whose first table cell declares it spans `span` grid columns
    (python-docx repeats such a cell once per column)."""
    data = roadmap_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
    end = document.index("</w:tcPr>", document.index("<w:tc>"))  # the first cell's properties
    document = document[:end] + f'<w:gridSpan w:val="{span}"/>' + document[end:]
    return _replace_part(data, "word/document.xml", document.encode())


def broken_sheet_xlsx() -> bytes:
    """A genuine workbook whose sheet XML is cut off in the middle of a tag (ParseError)."""
    data = roadmap_xlsx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return _replace_part(data, "xl/worksheets/sheet1.xml", sheet[: len(sheet) * 2 // 3] + b"<c r=")


def broken_document_docx() -> bytes:
    """A genuine document whose document.xml is cut off in the middle of a tag (XMLSyntaxError)."""
    data = roadmap_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml")
    return _replace_part(data, "word/document.xml", document[: len(document) // 2] + b"<w:p ")


def not_a_zip_docx(size: int = 4096) -> bytes:
    """Random bytes (a renamed photo, say) sent as .docx."""
    return random.Random(11).randbytes(size)


def huge_text(megabytes: int = 19) -> bytes:
    """A .txt that is one giant line of «<»: under the 20 MB limit, and every «<» sends the
    tag-stripping pattern of text.clean_cell 300 characters ahead — ~13 s of CPU on the loop
    before issue 11."""
    return b"<" * (megabytes * 2**20)


def _sheet_xml(rows: str, *, dimension: str | None) -> str:
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{head}<sheetData>{rows}</sheetData></worksheet>")


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
