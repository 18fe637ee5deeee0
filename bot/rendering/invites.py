"""The «all invite links at once» workbook: who, status, link."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font


def invites_workbook(rows: list[tuple[str, str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Приглашения"
    sheet.append(["Кому", "Статус", "Ссылка"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for label, status, link in rows:
        sheet.append([label, status, link])
        sheet.cell(row=sheet.max_row, column=3).hyperlink = link
    sheet.freeze_panes = "A2"
    for column, width in zip("ABC", (50, 16, 70), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
