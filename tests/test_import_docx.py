"""Word roadmaps: a table inside a document with a title paragraph, merged cells."""

from __future__ import annotations

import pytest
from docx import Document

from bot.importing import RoadmapImportError, import_file


def make_docx(path):
    word = Document()
    word.add_paragraph("Дорожная карта программы поддержки школ г. Минусинска на 2020-2022 годы")
    table = word.add_table(rows=5, cols=5)
    rows = [
        ("№", "Мероприятие", "Сроки", "Ответственные", "Результат"),
        ("1.", "Организационные мероприятия", "", "", ""),
        ("1.1", "Назначение координатора", "До 20.11.2020", "Федотова Н. Э.", "Приказ"),
        ("1.2", "Стартовый мониторинг", "Ежеквартально", "Руководитель ОО", "Аналитическая справка"),
        ("", "и анализ результатов", "", "", ""),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(1, 1).merge(table.cell(1, 4))  # a section heading spanning the row
    merged.text = "Организационные мероприятия"
    word.save(path)


def test_a_word_roadmap_imports(tmp_path):
    path = tmp_path / "карта.docx"
    make_docx(path)
    program = import_file(path).program
    assert program.timezone == "Asia/Krasnoyarsk" and program.period.end.isoformat() == "2022-12-31"
    assert [a.number for a in program.activities] == ["1.1", "1.2"]
    assert program.activities[1].title == "Стартовый мониторинг и анализ результатов"
    assert program.activities[0].section == "Организационные мероприятия"
    assert program.activities[0].responsible[0].name == "Федотова Н.Э."  # persons as «Фамилия И.О.»


def test_a_corrupt_docx_is_refused(tmp_path):
    path = tmp_path / "битый.docx"
    path.write_bytes(b"PK\x03\x04 nope")
    with pytest.raises(RoadmapImportError, match="не открывается как документ Word"):
        import_file(path)
