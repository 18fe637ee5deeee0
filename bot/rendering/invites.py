"""The «all invite links at once» workbook: who, status, link."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def invites_workbook(rows: Sequence[tuple[str, ...]], link_headers: Sequence[str] = ("Ссылка",)) -> bytes:
    """Rows of (who, status, link…): a link column per messenger (`link_headers`; one: «Ссылка»)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Приглашения"
    sheet.append(["Кому", "Статус", *link_headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for label, status, *links in rows:
        sheet.append([label, status, *links])
        for index, link in enumerate(links):
            sheet.cell(row=sheet.max_row, column=3 + index).hyperlink = link
    sheet.freeze_panes = "A2"
    for index, width in enumerate((50, 16, *([70] * len(link_headers)))):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
