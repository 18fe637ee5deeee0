"""Word (OOXML) details of the справка that python-docx has no API for: the page (A4, margins
of ГОСТ Р 7.0.97), Times New Roman for Cyrillic too, a PAGE field, a table header row that
repeats on every page, fixed column widths."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
CONTENT_WIDTH_CM = 21.0 - 3.0 - 1.0  # A4 minus the left (3 cm) and right (1 cm) margins


def _fonts(rpr_parent, name: str, size: int) -> None:  # type: ignore[no-untyped-def]
    """A style's font, for Latin and Cyrillic (w:cs, w:eastAsia) alike."""
    rpr_parent.font.name = name
    rpr_parent.font.size = Pt(size)
    rfonts = rpr_parent.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), name)


def set_up(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1)
    normal = document.styles["Normal"]
    _fonts(normal, FONT, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name in ("Table Grid",):
        _fonts(document.styles[name], FONT, TABLE_PT)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(footer, "PAGE")


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (w:fldChar begin / instrText / separate / end), as Word writes it."""
    def char(kind: str):  # type: ignore[no-untyped-def]
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run._r.append(char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def paragraph(document: DocumentObject, text: str = "", *, bold: bool = False, align: str = "justify",
              size: int | None = None, indent: bool = False, space_before: int = 0) -> Paragraph:
    p = document.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    return p


def repeat_header(table: Table) -> None:
    """The first row repeats at the top of every page (w:tblHeader) and is never split."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def grid_table(document: DocumentObject, headers: list[str], widths_cm: list[float]) -> Table:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # w:gridCol: LibreOffice lays the table out by the grid
    for index, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
        cell.width = Cm(widths_cm[index])
        cell_text(cell, text, bold=True, center=True)
    repeat_header(table)
    return table


def cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The cell's text in 12 pt, a paragraph per line."""
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        p = first if index == 0 else cell.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.font.size = Pt(TABLE_PT)
        run.bold = bold


def add_row(table: Table, values: list[str], widths_cm: list[float]) -> None:
    cells = table.add_row().cells
    for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
        cell.width = Cm(widths_cm[index])
        cell_text(cell, value, center=index in (0, 2))
