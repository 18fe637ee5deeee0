"""The real roadmaps load: every seed in programs/sources/ (copies of ../shared/seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.importing import RoadmapImportError, import_file
from bot.importing.text import text_document
from bot.importing import import_document

SOURCES = Path(__file__).resolve().parent.parent / "programs" / "sources"


def seed(prefix: str) -> Path:
    return next(SOURCES.glob(f"{prefix}_*.txt"))


def test_zeya_reads_its_sections_numbers_period_and_zone():
    result = import_file(seed("000"))
    program = result.program
    assert (program.period.start.isoformat(), program.period.end.isoformat()) == ("2023-01-01", "2024-12-31")
    assert program.timezone == "Asia/Yakutsk"
    numbers = [a.number for a in program.activities]
    assert numbers[:3] == ["1.1", "1.2", "1.3"] and numbers[-1] == "4.5" and len(numbers) == 40
    first = program.activities[0]
    assert first.deadline.kind.value == "period" and first.section == "Организационные мероприятия"
    assert first.source_lines == (19, 21)  # a row broken across a page is joined
    assert [s.number for s in program.sections] == ["1", "2", None, "3", "4"]  # «2.» sits between pages
    assert "МОАУ СОШ № 1" in program.organizations
    assert any(p.name == "Отдел образования администрации города Зеи" for a in program.activities
               for p in a.responsible)  # «ООА» expanded


def test_minusinsk_swapped_columns_and_merged_numbers_are_reported():
    result = import_file(seed("003"))
    messages = " ".join(w.message for w in result.warnings)
    assert "переставлены местами" in messages and "«5. 6.»" in messages
    eleven = next(a for a in result.program.activities if a.number == "11")
    assert eleven.deadline.kind.value == "date" and eleven.responsible[0].kind.value == "person"
    assert result.program.timezone == "Asia/Krasnoyarsk"


def test_turochak_repeated_header_unnumbered_rows_and_empty_row():
    result = import_file(seed("004"))
    program = result.program
    assert (program.period.start.isoformat(), program.period.end.isoformat()) == ("2023-09-01", "2024-08-31")
    assert program.timezone == "Asia/Barnaul" and program.municipality == "МО «Турочакский район»"
    numbers = [a.number for a in program.activities]
    assert numbers.count("1") == 1  # the repeated block is not loaded twice
    assert numbers[numbers.index("28") + 1 : numbers.index("28") + 3] == [None, None]
    assert "35" not in numbers
    assert any("35" in w.message for w in result.warnings)


def test_magdagachi_takes_the_roadmap_table():
    program = import_file(seed("001")).program
    assert program.period.end.isoformat() == "2023-12-31" and program.activities[0].number == "1.1.1"
    # the signature block after the table («1. Грекова О.Ю., …») is not a section
    assert [s.number for s in program.sections] == ["1", "1.1", "1.2", "2", "3"]


def test_a_document_without_a_roadmap_table_is_refused_in_russian(tmp_path):
    with pytest.raises(RoadmapImportError, match="не нашлась таблица мероприятий"):
        import_file(seed("002"))
    empty = tmp_path / "пусто.txt"
    empty.write_text("")
    with pytest.raises(RoadmapImportError, match="пустой"):
        import_file(empty)
    old = tmp_path / "карта.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(RoadmapImportError, match="сохраните как .docx"):
        import_file(old)


def test_no_period_in_the_title_asks_for_one():
    document = text_document("Дорожная карта школы\n№\tМероприятие\tСроки\tОтветственные\n1.\tСовет\tМай\tДиректор\n",
                             "карта.txt")
    with pytest.raises(RoadmapImportError, match="--period"):
        import_document(document)
