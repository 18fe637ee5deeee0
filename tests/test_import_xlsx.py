"""Excel roadmaps: the template round-trips; a corrupt file is refused in Russian."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from bot.importing import RoadmapImportError, import_file
from bot.importing.template import roadmap_template


def test_the_filled_template_imports(tmp_path):
    path = tmp_path / "карта.xlsx"
    path.write_bytes(roadmap_template("Дорожная карта школы № 3 на 2023-2024 учебный год"))
    program = import_file(path, timezone="Asia/Yakutsk").program
    assert (program.period.start.isoformat(), program.period.end.isoformat()) == ("2023-09-01", "2024-08-31")
    assert [a.number for a in program.activities] == ["1.1", "1.2"]
    assert program.activities[0].section == "Организационные мероприятия"
    assert program.activities[1].deadline.kind.value == "recurring"


def test_dates_typed_as_excel_dates_are_read(tmp_path):
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["План мероприятий на 2024 год"])
    sheet.append(["№", "Мероприятие", "Срок", "Ответственный", "Результат"])
    sheet.append([1, "Педсовет", datetime(2024, 3, 29), "Директор", "Протокол"])
    path = tmp_path / "план.xlsx"
    workbook.save(path)
    activity = import_file(path, timezone="Europe/Moscow").program.activities[0]
    assert activity.number == "1" and activity.deadline.due[0].isoformat() == "2024-03-29"


def test_a_corrupt_xlsx_is_refused(tmp_path):
    path = tmp_path / "битый.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(RoadmapImportError, match="не открывается как таблица Excel"):
        import_file(path)
