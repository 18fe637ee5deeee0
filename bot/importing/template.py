"""The blank roadmap template a coordinator can fill in and send back."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEADER = ("№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат")
EXAMPLE = (
    ("1.", "Организационные мероприятия", "", "", ""),
    ("1.1", "Совещание с руководителями школ", "До 29.09.2023", "Руководитель ОО, Якшина А.И.", "Протокол совещания"),
    ("1.2", "Мониторинг посещаемости", "Ежемесячно", "Муниципальный координатор", "Аналитическая справка"),
)


def roadmap_template(title: str = "Дорожная карта программы на 2025–2026 учебный год") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(HEADER))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in EXAMPLE:
        sheet.append(list(row))
    for column, width in zip("ABCDE", (8, 60, 22, 32, 32), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
