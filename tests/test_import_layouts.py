"""Roadmap layouts beyond the seeds (issue 10, items 3 and 4): the column-number row, tables
extracted from PDF with one cell per line, titles that stop at a section, cells slid into the
wrong column, every way a title states the period, and a missing period offered as choices."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from bot.domain.models import Period
from bot.importing import PeriodNotFound, RoadmapImportError, import_document, import_file
from bot.importing.period import find_period, find_title
from bot.importing.period_guess import describe, period_options
from bot.importing.tables import Column, RawRow, find_tables
from bot.importing.text import text_document

SOURCES = Path(__file__).resolve().parent.parent / "programs" / "sources"


def read(text: str, name: str = "карта.txt", **kwargs):  # type: ignore[no-untyped-def]
    return import_document(text_document(text, name), **kwargs)


def messages(result) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(w.message for w in result.warnings)


def lines(*rows: str) -> str:
    return "\n".join(rows)


# --- 1. The column-number row -------------------------------------------------------------

HEADER = "№ п/п\tМероприятие\tСроки\tОтветственные\tОжидаемый результат"
WITH_NUMBER_ROWS = lines(
    "Дорожная карта по повышению качества образования в МБОУ «СОШ № 3» г. Минусинска на 2024/2025 учебный год",
    HEADER,
    "1\t2\t3\t4\t5",
    "1.\tАнализ результатов ВПР по математике в 5–8 классах\tдо 15.10.2024\tЗаместитель директора по УВР Иванова И.И.\t"
    "Аналитическая справка",
    "2.\tПробный ОГЭ по русскому языку и математике\tдекабрь 2024\tРуководитель ШМО\tПротокол",
    "",
    HEADER,
    "1.\t2.\t3.\t4.\t5.",
    "3.\tСовещание при директоре по итогам I полугодия\t27.12.2024\tДиректор\tПриказ",
    "4.\tРодительское собрание выпускников 9 классов\tмарт 2025\tКлассные руководители\tПротокол собрания",
)


def test_the_column_number_row_is_never_an_activity_also_after_a_page_break():
    result = read(WITH_NUMBER_ROWS)
    activities = result.program.activities
    assert [a.number for a in activities] == ["1", "2", "3", "4"]
    assert activities[0].title.startswith("Анализ результатов ВПР") and activities[2].deadline.source == "27.12.2024"
    assert all(a.title not in {"2", "2."} for a in activities)
    assert "повтор шапки таблицы пропущен" in messages(result)  # the page break is still reported


def test_a_column_number_row_collapsed_into_one_line_is_skipped():
    text = WITH_NUMBER_ROWS.replace("1\t2\t3\t4\t5", "1 2 3 4 5")
    assert [a.number for a in read(text).program.activities] == ["1", "2", "3", "4"]


def test_a_word_table_with_a_column_number_row(tmp_path):
    word = Document()
    word.add_paragraph("План мероприятий по подготовке к ГИА-2025 в МБОУ «СОШ № 3» г. Минусинска на 2024/2025 учебный год")
    rows = [
        ("№ п/п", "Мероприятие", "Сроки", "Ответственные", "Результат"),
        ("1", "2", "3", "4", "5"),
        ("1.", "Ознакомление обучающихся с порядком проведения ГИА", "октябрь 2024", "Классные руководители", "Протокол"),
        ("2.", "Пробный экзамен по математике", "январь 2025", "Учителя-предметники", "Аналитическая справка"),
    ]
    table = word.add_table(rows=len(rows), cols=5)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "план.docx"
    word.save(path)
    assert [a.number for a in import_file(path).program.activities] == ["1", "2"]


# --- 2. One cell per line (PDF) -----------------------------------------------------------

# Seed 003's roadmap as a PDF extraction gives it: header words one per line, the column
# numbers one per line, cells wrapped to the column's width, the header repeated on page 2.
ONE_PER_LINE = lines(
    "Приложение 1",
    "к приказу управления образования",
    "от 18.11.2024 № 415",
    "",
    "Дорожная карта",
    "по реализации муниципальной программы поддержки школ",
    "с низкими результатами обучения в г. Минусинске",
    "на 2024/2025 учебный год",
    "",
    "№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат",
    "1", "2", "3", "4", "5",
    "1. Создание организационной инфраструктуры",
    "1.1.",
    "Назначение муниципального", "координатора проекта. Принятие", "положения о формировании группы",
    "управленцев, методистов,", "сопровождающих реализацию", "Муниципальной программы",
    "До 20.11.2024",
    "Управление образования",
    "Общая координация реализации", "Программы",
    "1.2.",
    "Подготовка и утверждение", "приказом «Дорожной карты» по", "реализации муниципальной", "программы",
    "До 25.11.2024",
    "Управление образования", "Федотова Н.Э.",
    "Наличие организационного", "механизма реализации", "муниципальной программы",
    "1.3.",
    "Стартовый мониторинг, диагностика", "и анализ образовательной", "деятельности. Анализ кадрового", "обеспечения.",
    "До 01.12.2024",
    "Федотова Н.Э.", "Топилина С.А.", "Букреев В.А.",
    "Определены факторы,", "обуславливающие качество", "образовательного результата.",
    "2. Реализация программ поддержки школ",
    "2.1.",
    "Анализ динамики результатов", "обучения и качества управления", "ОУ по показателям, определенным в",
    "программах перевода школ в", "эффективный режим", "функционирования.",
    "Постоянно",
    "Федотова Н.Э.", "Участники реализации Программы",
    "Объективные данные о степени", "продвижения реализации", "Программы",
    "",
    "№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат",
    "1", "2", "3", "4", "5",
    "2.2.",
    "Повышение квалификации", "педагогических работников на", "основе оценки соответствующих",
    "потребностей педагогов в", "компетенциях.",
    "В течение", "учебного года",
    "заместитель директора по", "УВР Фалеева Н.Ю.",
    "Достижение необходимого уровня", "профессиональных компетенций.",
    "2.3.",
    "Организация ГПД в школах,", "находящихся в трудных", "социальных условиях",
    "Сентябрь 2024",
    "Топилина С.А.", "Вакулина А.И.",
    "Организационные условия для", "реализации задач Программы",
    "2.4.",
    "Тематические смены во время", "каникул",
    "Июнь – август", "2025",
    "руководители ОО",
    "Протокол заседания",
)


@pytest.mark.parametrize("numbers", ["per line", "on one line"])
def test_a_pdf_table_with_one_cell_per_line_is_reassembled(numbers):
    text = ONE_PER_LINE if numbers == "per line" else ONE_PER_LINE.replace("\n1\n2\n3\n4\n5\n", "\n1 2 3 4 5\n")
    result = read(text)
    program = result.program
    assert program.title == ("Дорожная карта по реализации муниципальной программы поддержки школ с низкими "
                             "результатами обучения в г. Минусинске на 2024/2025 учебный год")
    assert (program.period.start, program.period.end) == (date(2024, 9, 1), date(2025, 8, 31))
    assert [s.title for s in program.sections] == ["Создание организационной инфраструктуры",
                                                   "Реализация программ поддержки школ"]
    rows = {a.number: a for a in program.activities}
    assert list(rows) == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"]
    assert rows["1.1"].title == ("Назначение муниципального координатора проекта. Принятие положения о формировании "
                                 "группы управленцев, методистов, сопровождающих реализацию Муниципальной программы")
    assert [a.deadline.source for a in program.activities] == [
        "До 20.11.2024", "До 25.11.2024", "До 01.12.2024", "Постоянно", "В течение учебного года", "Сентябрь 2024",
        "Июнь – август 2025"]
    assert rows["1.1"].result == "Общая координация реализации Программы"
    assert rows["1.2"].result == "Наличие организационного механизма реализации муниципальной программы"
    assert rows["1.3"].result == "Определены факторы, обуславливающие качество образовательного результата."
    assert rows["2.2"].result == "Достижение необходимого уровня профессиональных компетенций."
    assert rows["2.4"].result == "Протокол заседания"
    assert rows["2.3"].section == "Реализация программ поддержки школ"
    names = {number: " ".join(p.name for p in a.responsible) for number, a in rows.items()}
    assert "Федотова" in names["1.2"] and "Управление образования" in names["1.2"]
    assert all(n in names["1.3"] for n in ("Федотова", "Топилина", "Букреев"))
    assert "Фалеева" in names["2.2"] and "руководители ОО" in names["2.4"]
    assert rows["2.2"].source_lines[1] > rows["2.2"].source_lines[0]  # the row's own lines, for the review
    said = messages(result)
    assert "по одной ячейке в строке" in said and "повтор шапки таблицы пропущен" in said
    assert "неуверенно" not in said  # every row here reads clearly


# Seed 000's columns (responsible before the deadline), a lowercase responsible, a deadline
# over three lines, an abbreviation defined in a wrapped cell.
RESPONSIBLE_FIRST = lines(
    "Муниципальная программа поддержки школ с низкими результатами обучения",
    "на 2023 – 2024 годы",
    "",
    "№ п/п", "Мероприятия", "Ответственные", "исполнители", "Сроки", "Прогнозируемый", "результат",
    "1. Организационные мероприятия",
    "1.1",
    "Организация и проведение в школах НОР", "первичной диагностики по выявлению", "образовательных дефицитов обучающихся.",
    "образовательные организации", "(далее – ОО)",
    "Сентябрь 2023",
    "Выявлены образовательные дефициты", "обучающихся",
    "1.2",
    "Заседания муниципальной рабочей группы", "по выводу школ из кризисной ситуации.",
    "ООА ОО",
    "Ежеквартально", "сентябрь, ноябрь, январь,", "апрель, июнь",
    "Определение целей, задач, мероприятий,", "анализ выполнения мероприятий",
    "1.3",
    "Мастер-класс «Взаимодействие ученика и", "учителя: секреты подготовки к ОГЭ и ЕГЭ».",
    "МОАУ СОШ № 1 Якшина А.И.", "Постных Л.В.",
    "Октябрь 2023",
    "Повышение уровня компетенции учителей-", "предметников школ НОР",
)


def test_one_cell_per_line_with_the_responsible_column_before_the_deadline():
    result = read(RESPONSIBLE_FIRST)
    rows = {a.number: a for a in result.program.activities}
    assert list(rows) == ["1.1", "1.2", "1.3"]
    assert rows["1.1"].title == ("Организация и проведение в школах НОР первичной диагностики по выявлению "
                                 "образовательных дефицитов обучающихся.")
    assert [p.name for p in rows["1.1"].responsible] == ["образовательные организации"]
    assert rows["1.1"].result == "Выявлены образовательные дефициты обучающихся"
    assert rows["1.2"].deadline.source == "Ежеквартально сентябрь, ноябрь, январь, апрель, июнь"
    assert rows["1.3"].title == "Мастер-класс «Взаимодействие ученика и учителя: секреты подготовки к ОГЭ и ЕГЭ»."
    assert rows["1.3"].deadline.source == "Октябрь 2023"
    assert {p.name.split()[0] for p in rows["1.3"].responsible} >= {"Якшина", "Постных"}
    assert rows["1.3"].result == "Повышение уровня компетенции учителей-предметников школ НОР"
    assert rows["1.1"].section == "Организационные мероприятия"


# A Garant text export: every cell on its own line ended by «|», stages as roman sections,
# numbering that starts again in every stage.
PIPES = lines(
    "План мероприятий («дорожная карта») по организации и проведению государственной итоговой аттестации",
    "в Кабардино-Балкарской Республике в 2014 году",
    "N п/п", "|", "Направления деятельности", "|", "Сроки", "|", "Ответственные лица", "|",
    "I. Нормативно-правовое и методическое сопровождение ГИА", "|",
    "1", "|",
    "Приведение региональной базы нормативно-правовых документов в соответствие с федеральными", "|",
    "в течение всего периода", "|", "Б.С. Муртазов", "|",
    "2", "|",
    "Подготовка материалов по проведению информационно-разъяснительной работы с участниками ГИА-11", "|",
    "январь-февраль 2014", "|", "Б.С. Муртазов", "|",
    "II. Организационное сопровождение ГИА-11", "|",
    "1", "|",
    "Составление ежемесячного плана подготовки и проведения ГИА в форме ЕГЭ", "|",
    "до 25 числа каждого месяца", "|", "Ф.Л. Балкизова", "|",
    "2", "|",
    "Подготовка распорядительных документов по подготовке и проведению ГИА-11", "|",
    "январь-май 2014", "|", "Б.С. Муртазов", "|",
)


def test_a_cell_per_line_export_with_bars_and_roman_stages():
    result = read(PIPES)
    program = result.program
    assert [(a.section, a.number) for a in program.activities] == [
        ("Нормативно-правовое и методическое сопровождение ГИА", "1"),
        ("Нормативно-правовое и методическое сопровождение ГИА", "2"),
        ("Организационное сопровождение ГИА-11", "1"), ("Организационное сопровождение ГИА-11", "2")]
    assert [a.deadline.source for a in program.activities] == [
        "в течение всего периода", "январь-февраль 2014", "до 25 числа каждого месяца", "январь-май 2014"]
    assert program.activities[2].responsible[0].name.startswith("Балкизова")
    assert (program.period.start, program.period.end) == (date(2014, 1, 1), date(2014, 12, 31))


def test_rows_numbered_on_the_same_line_as_their_title():
    result = read(lines(
        "План работы с ШНОР на 2024/2025 учебный год",
        "№ п/п", "Содержание работы", "Сроки", "Ответственный",
        "I. Организационно-методическая", "работа",
        "1.1. Утверждение плана работы с", "обучающимися группы риска",
        "Сентябрь", "Заместитель директора", "по УВР",
        "1.2. Проведение стартовой диагностики", "по математике",
        "до 20 сентября", "Учителя математики",
        "II. Работа с педагогами",
        "2.1. Посещение уроков молодых", "специалистов",
        "В течение года", "Администрация школы",
    ), timezone="Asia/Yakutsk")
    assert [(a.section, a.number, a.title, a.deadline.source, [p.name for p in a.responsible])
            for a in result.program.activities] == [
        ("Организационно-методическая работа", "1.1", "Утверждение плана работы с обучающимися группы риска",
         "Сентябрь", ["Заместитель директора по УВР"]),
        ("Организационно-методическая работа", "1.2", "Проведение стартовой диагностики по математике",
         "до 20 сентября", ["Учителя математики"]),
        ("Работа с педагогами", "2.1", "Посещение уроков молодых специалистов", "В течение года",
         ["Администрация школы"]),
    ]


def test_an_extraction_with_an_empty_line_after_every_line():
    text = "\n\n".join([
        "График формирования организационных и информационных", "ресурсов для проведения всероссийских проверочных работ",
        "N", "Мероприятие", "Срок", "Ответственные",
        "1", "Формирование списка региональных координаторов, организующих проведение ВПР", "До 09.02.2024",
        "Федеральный организатор,", "Органы исполнительной власти субъектов Российской Федерации (ОИВ)",
        "2", "Формирование заявки от ОО на участие в ВПР", "До 09.02.2024", "ОО",
        "3", "Мониторинг формирования заявки от ОО на участие в ВПР", "До 09.02.2024", "Региональные координаторы",
    ])
    program = read(text, period=Period.parse("2024-01-01:2024-12-31")).program
    assert [a.number for a in program.activities] == ["1", "2", "3"]
    assert [len(a.responsible) for a in program.activities] == [2, 1, 1]
    assert program.title.startswith("График формирования организационных и информационных")


def test_an_unclear_row_is_flagged_and_a_swapped_one_read_the_right_way_round():
    text = lines(
        "План мероприятий по повышению качества образования на 2020 год",
        "№", "Мероприятия", "Сроки", "Ответственные", "Планируемый результат",
        "1.",
        "Разработать План совместных действий", "школ с эффективными образовательными", "учреждениями",
        "Федотова Н. Э.",
        "До 01.03.2020",
        "Обеспечение партнерства школ",
        "2.",
        "Оказание методической помощи школам", "во внедрении эффективных форм работы", "с родителями.",
        "В рамках соглашения со школами,", "участниками реализации",
        "Федотова Н. Э.",
        "Обеспечение эффективного", "взаимодействия с родителями",
    )
    result = read(text)
    first, second = result.program.activities
    assert first.deadline.source == "До 01.03.2020" and first.responsible[0].name.startswith("Федотова")
    assert first.title == "Разработать План совместных действий школ с эффективными образовательными учреждениями"
    said = messages(result)
    assert "переставлены местами" in said
    assert "мероприятие 2 собрано из строк по одной ячейке неуверенно" in said
    assert second.title.startswith("Оказание методической помощи школам")


def _one_per_line(path: Path) -> tuple[str, list[RawRow]]:
    """A seed's TAB table written as a PDF would give it: one cell per line, wrapped to widths."""
    document = text_document(path.read_text(encoding="utf-8"), path.name)
    table = max(find_tables(document), key=lambda t: sum(isinstance(i, RawRow) for i in t.items))
    order = [table.columns[i] for i in sorted(table.columns)]
    header = next(line for line in document.lines if line.number == table.header_line)
    widths = {Column.TITLE: 45, Column.DEADLINE: 15, Column.RESPONSIBLE: 22, Column.RESULT: 30}
    rows: list[RawRow] = []
    for item in table.items:  # numbered rows, each once (seed 004 repeats a block)
        if isinstance(item, RawRow) and item.number and " " not in item.number and item.cells.get(Column.TITLE) \
                and all(row.number != item.number for row in rows):
            rows.append(item)
    out = ["Дорожная карта на 2023–2024 годы", *[cell for cell in header.cells if cell]]
    for row in rows:
        out.append(row.number)
        for column in order[1:]:
            out += textwrap.wrap(row.cells.get(column, ""), widths[column])
    return "\n".join(out), rows


@pytest.mark.parametrize("seed", ["000", "004"])
def test_seed_tables_written_one_cell_per_line_read_back(seed):
    text, rows = _one_per_line(next(SOURCES.glob(f"{seed}_*.txt")))
    result = read(text)
    flagged = {w.line for w in result.warnings if "неуверенно" in w.message}
    got = {a.number: a for a in result.program.activities}
    assert [r.number for r in rows if r.number in got] == [r.number for r in rows]
    wrong = [r.number for r in rows
             if " ".join(r.cells.get(Column.TITLE, "").split()) != got[r.number].title
             or " ".join(r.cells.get(Column.DEADLINE, "").split()) != got[r.number].deadline.source]
    unflagged = [n for n in wrong if got[n].source_lines[0] not in flagged]
    assert len(wrong) <= 2 and not unflagged, wrong


def test_a_document_without_any_table_is_still_refused():
    with pytest.raises(RoadmapImportError, match="не нашлась таблица мероприятий"):
        import_file(next(SOURCES.glob("002_*.txt")))


# --- 3. The title stops at a section ------------------------------------------------------

@pytest.mark.parametrize("after", ["1. Организационная работа", "I. Организационно-управленческая деятельность",
                                   "Раздел 1. Диагностика", "№ п/п", "Мероприятие", "Цель: повышение качества образования"])
def test_the_title_never_swallows_a_section_heading(after):
    document = text_document(lines("Приложение 2", "к приказу № 15 от 10.01.2025", "",
                                   "План мероприятий по подготовке к государственной итоговой аттестации",
                                   "на 2025 год", after, "Иное"), "план.txt")
    assert find_title(document) == "План мероприятий по подготовке к государственной итоговой аттестации на 2025 год"
    assert find_period(document) == Period(start=date(2025, 1, 1), end=date(2025, 12, 31))


def test_title_words_like_plan_and_schedule_are_titles():
    document = text_document(lines("ПЛАН", "работы школы по подготовке и организации проведения Г(И)А",
                                   "в 2020-2021 учебном году"), "план.txt")
    assert find_title(document) == "ПЛАН работы школы по подготовке и организации проведения Г(И)А в 2020-2021 учебном году"


# --- 4. Cells slid into the wrong column --------------------------------------------------

SHIFTED = lines(
    "План мероприятий («дорожная карта») по повышению качества образования в МБОУ «СОШ № 3» г. Минусинска "
    "на 2024/2025 учебный год",
    HEADER,
    "1.1\tАнализ результатов ВПР по математике в 5–8 классах\tОктябрь 2024\tЗаместитель директора по УВР Иванова И.И."
    "\tАналитическая справка",
    "1.2\tПробный ОГЭ по русскому языку и математике\t\tДекабрь 2024\tРуководитель ШМО",
    "1.3\tСовещание при директоре по итогам I полугодия\tдо 27.12.2024\t\tЗаместитель директора по УВР Иванова И.И.",
    "1.4\tИндивидуальные консультации для обучающихся группы риска\tЕженедельно\tУчителя-предметники\t",
    "1.5\tРодительское собрание выпускников 9 классов\tКлассные руководители\tмарт 2025\tПротокол собрания",
    "1.6\tОбновление стенда «Готовимся к ГИА»\tноябрь 2024\t\tИнформационный стенд в рекреации 2 этажа",
)


def test_a_row_with_a_missing_cell_is_read_by_content_and_warned_about():
    result = read(SHIFTED)
    rows = {a.number: a for a in result.program.activities}
    assert rows["1.2"].deadline.source == "Декабрь 2024" and [p.name for p in rows["1.2"].responsible] == ["Руководитель ШМО"]
    assert rows["1.2"].result is None
    assert rows["1.3"].deadline.source == "до 27.12.2024" and rows["1.3"].responsible[0].name.startswith("Иванова")
    assert rows["1.3"].result is None
    assert rows["1.5"].deadline.source == "март 2025" and rows["1.5"].responsible[0].name == "Классные руководители"
    said = messages(result)
    assert "Строка 4: ячейки сдвинуты (срок — в колонке «Ответственные», ответственные — в колонке «Результат»)" in said
    assert "Строка 5: ячейки сдвинуты (ответственные — в колонке «Результат»)" in said
    assert "Строка 7: сроки и ответственные переставлены местами" in said  # the seeds' case, as before
    # rows that only lack a cell stay as they are
    assert rows["1.4"].deadline.source == "Еженедельно" and rows["1.4"].result is None
    assert rows["1.6"].responsible == [] and rows["1.6"].result.startswith("Информационный стенд")
    assert "Строка 6" not in said and "Строка 8" not in said


def test_a_result_slid_into_the_deadline_column_is_not_taken_for_a_swap():
    result = read(lines(
        "Дорожная карта по подготовке к ВПР на 2024 год",
        "№ п/п\tМероприятие\tОтветственные\tСроки\tРезультат",
        "1\tАнализ результатов ВПР по русскому языку\tОктябрь 2024\tАналитическая справка\t",
        "2\tСовещание с учителями-предметниками\tПетров П.П.\tНоябрь 2024\tПротокол",
    ), timezone="Asia/Krasnoyarsk")
    first = result.program.activities[0]
    assert first.deadline.source == "Октябрь 2024" and first.responsible == []
    assert first.result == "Аналитическая справка"
    assert "срок — в колонке «Ответственные», результат — в колонке «Сроки»" in messages(result)
    assert "переставлены местами" not in messages(result)


# --- 5. The period from any title form ----------------------------------------------------

@pytest.mark.parametrize(("title", "period"), [
    ("Дорожная карта по поддержке школ с низкими результатами обучения в 2019 году", "2019-01-01:2019-12-31"),
    ("План мероприятий по подготовке к ГИА на 2025 год", "2025-01-01:2025-12-31"),
    ("План работы с ШНОР. 2025 год", "2025-01-01:2025-12-31"),
    ("Дорожная карта школы на 2024/2025 учебный год", "2024-09-01:2025-08-31"),
    ("План мероприятий по подготовке к ОГЭ 2024-2025 уч. год", "2024-09-01:2025-08-31"),
    ("План работы школы с низкими результатами 2024-25 уч. г.", "2024-09-01:2025-08-31"),
    ("План мероприятий («дорожная карта») на 2024 – 2025 учебный год", "2024-09-01:2025-08-31"),
    ("Дорожная карта в 2023 - 2024 учебном году", "2023-09-01:2024-08-31"),
    ("Программа перехода школы в эффективный режим работы 2023–2025", "2023-01-01:2025-12-31"),
    ("Программа поддержки школ на 2023-2025 гг.", "2023-01-01:2025-12-31"),
    ("Комплекс мер по повышению качества образования 2023 - 2024 годы", "2023-01-01:2024-12-31"),
    ("ПЕРЕЧЕНЬ МЕРОПРИЯТИЙ ПО ПОДГОТОВКЕ К ГИА В 2012-2013 УЧЕБНОМ ГОДУ", "2012-09-01:2013-08-31"),
])
def test_the_period_from_any_title_form(title, period):
    table = "\n".join(["№\tМероприятие\tСроки\tОтветственные",
                       "1.\tСовещание при директоре по итогам полугодия\tдекабрь\tДиректор"])
    assert read(title + "\n" + table, timezone="Europe/Moscow").program.period == Period.parse(period)


def test_years_that_are_not_the_program_period_are_not_taken_for_it():
    document = text_document(lines("План мероприятий по повышению качества образования",
                                   "Приказ от 12.01.2025 г. № 5; программа развития до 2030 года",
                                   "В 2019 – 2020 годах школа показала низкие результаты."), "план.txt")
    assert find_period(document) is None


# --- 6. No period stated: the likely ones, offered ----------------------------------------

NO_PERIOD = lines(
    "План мероприятий по повышению качества образования МБОУ «Школа № 7»",
    "№ п/п\tМероприятие\tСроки\tОтветственные",
    "1\t2\t3\t4",
    "1.\tАнализ результатов ВПР 2024 года\tдо 15.10.2024\tЗаместитель директора по УВР",
    "2.\tПробный ОГЭ по математике\tдекабрь 2024\tРуководитель ШМО",
    "3.\tСовещание при директоре по итогам полугодия\t27.12.2024\tДиректор",
    "4.\tРодительское собрание выпускников\tмарт 2025\tКлассные руководители",
    "5.\tИтоговый педсовет\t30.05.2025\tДиректор",
)


def test_no_period_offers_the_school_year_first_then_the_calendar_years():
    with pytest.raises(PeriodNotFound) as caught:
        read(NO_PERIOD)
    missing = caught.value
    assert isinstance(missing, RoadmapImportError)
    assert missing.options == [Period.parse("2024-09-01:2025-08-31"), Period.parse("2024-01-01:2024-12-31"),
                               Period.parse("2025-01-01:2025-12-31")]
    assert "2024/2025 учебный год; 2024 год; 2025 год" in missing.message
    assert "--period 2024-09-01:2025-08-31" in missing.message
    assert len(read(NO_PERIOD, period=missing.options[0]).program.activities) == 5


def test_period_options_from_other_dates():
    # one calendar year, January to December
    assert period_options(["до 01.02.2024", "март 2024", "ноябрь 2024"], "")[0] == Period.parse("2024-01-01:2024-12-31")
    # dates over three years: the span first
    assert period_options(["январь 2023", "май 2024", "декабрь 2025"], "")[0] == Period.parse("2023-01-01:2025-12-31")
    # months without a year, September to May, years only in the text: the school year first
    options = period_options(["сентябрь", "декабрь", "май"], "Анализ результатов ГИА 2024 года, подготовка к ГИА 2025")
    assert options[0] == Period.parse("2024-09-01:2025-08-31")
    assert period_options(["постоянно"], "без единого года") == []
    assert [describe(p) for p in options[:1]] == ["2024/2025 учебный год"]


def test_no_period_and_no_years_still_says_how_to_give_one():
    with pytest.raises(PeriodNotFound) as caught:
        read(lines("План работы методического объединения учителей начальных классов",
                   "№\tМероприятие\tСроки\tОтветственные", "1.\tЗаседание МО\tсентябрь\tРуководитель МО"))
    assert caught.value.options == [] and "--period" in caught.value.message


def test_the_cli_prints_the_choices(tmp_path):
    path = tmp_path / "план школы 7.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "import", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and not done.stdout
    assert "2024/2025 учебный год" in done.stderr and "--period 2024-09-01:2025-08-31" in done.stderr
