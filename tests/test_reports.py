"""The coordinator's summary text and the Excel report, from hand-made snapshots."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

from openpyxl import load_workbook

from bot.i18n import texts
from bot.reports.model import EvidenceRow, PostponementRow, ProgramSnapshot, SilentPerson, TaskRow
from bot.reports.summary_text import summary_text
from bot.reports.xlsx_report import build_report

TODAY = date(2023, 10, 9)


def row(task_id: int, status: str, due: date | None, organization: str | None = None, number: str = "1.1",
        assignees=("Якшина А.И.",), files=()) -> TaskRow:
    return TaskRow(task_id=task_id, section="Организация", number=number, title=f"Мероприятие {number}",
                   organization=organization, due=due, schedule_kind="date", deadline_text="до 29.09.2023",
                   status=status, last_update=datetime(2023, 10, 2, 3, 0, tzinfo=UTC), last_comment="сдано",
                   assignees=tuple(assignees), files=tuple(files))


def snapshot(tasks, **extra) -> ProgramSnapshot:
    return ProgramSnapshot(
        program_id=1, title="ШНОР Зея", municipality="г. Зея", timezone="Asia/Yakutsk",
        period_start=date(2023, 1, 1), period_end=date(2024, 12, 31), today=TODAY,
        generated_at=datetime(2023, 10, 9, 0, 5, tzinfo=UTC), week_start=date(2023, 10, 9), week_end=date(2023, 10, 15),
        tasks=list(tasks), **extra)


def test_the_summary_counts_plurals_and_lists_the_worst_first():
    tasks = [row(1, "done", date(2023, 9, 29), "СОШ № 1"), row(2, "not_started", date(2023, 9, 29), "СОШ № 2"),
             row(3, "in_progress", date(2023, 10, 8), "СОШ № 2", number="1.2"),
             row(4, "problem", date(2023, 10, 20), "СОШ № 3", number="2.1"),
             row(5, "not_started", None, None, number="3.1", assignees=())]
    text = summary_text(snapshot(
        tasks,
        silent=[SilentPerson("Петров П.П.", "СОШ № 2", 2, None)],
        evidence=[EvidenceRow("протокол.pdf", "1.1", "Мероприятие 1.1", "СОШ № 1", "Якшина",
                              datetime(2023, 10, 9, 1, tzinfo=UTC), 100, "0" * 64, None)],
        postponements=[PostponementRow("2.1", "Мероприятие 2.1", "СОШ № 3", "Иванова", date(2023, 10, 20),
                                       date(2023, 11, 1), "курсы", datetime(2023, 10, 8, tzinfo=UTC))],
        planner_last_run=datetime(2023, 10, 9, 0, 0, tzinfo=UTC), outbox_backlog=3, unreachable=["Сидоров"],
    ), texts())
    assert "✅ выполнено: 1 из 5 (20 %)" in text and "⏰ просрочено: 2 из 5" in text
    assert "🔴 проблема: 1 из 5" in text and "⚪ не начато: 1 из 5" in text  # each task once: 1 + 2 + 1 + 0 + 1
    assert "срок в ближайшие 14 дней: 1" in text
    assert text.index("• СОШ № 2: 0 / 2, просрочено 2") < text.index("• СОШ № 1: 1 / 1")
    assert "• 1.1 Мероприятие 1.1 — 1 срок, 1 школа, с 29.09.2023" in text
    assert "Петров П.П. (СОШ № 2) — 2 напоминания без ответа" in text
    assert "Документы за неделю</b>: 1 файл" in text
    assert "Иванова просит 1 ноября 2023 вместо 20 октября 2023" in text
    assert "планировщик" not in text and "очеред" not in text  # the planner ran 5 minutes ago: nothing to say
    assert "Сообщения не доходят (бот заблокирован): Сидоров." in text


def test_an_empty_and_an_all_done_program_read_naturally():
    assert "нет мероприятий" in summary_text(snapshot([]), texts())
    done = summary_text(snapshot([row(1, "done", date(2023, 9, 29)), row(2, "done", None)]), texts())
    assert "Все мероприятия выполнены — 2 мероприятия" in done and "просрочено" not in done


def test_the_xlsx_report_has_real_dates_colours_frozen_headers_and_filters():
    tasks = [row(1, "done", date(2023, 9, 29), "СОШ № 1", files=("протокол.pdf",)),
             row(2, "not_started", date(2023, 9, 29), "СОШ № 2", assignees=("А", "Б"))]
    workbook = load_workbook(BytesIO(build_report(snapshot(tasks))))
    assert workbook.sheetnames == ["Сводка", "Мероприятия", "Просрочено", "Документы"]
    sheet = workbook["Мероприятия"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:L4"
    assert sheet["C1"].value == "Мероприятие" and sheet["A1"].font.bold
    assert sheet["E2"].value.date() == date(2023, 9, 29) and sheet["E2"].number_format == "DD.MM.YYYY"
    assert sheet["H2"].value == "Выполнено" and sheet["H2"].fill.fgColor.rgb.endswith("C6EFCE")
    assert [sheet.cell(r, 7).value for r in (3, 4)] == ["А", "Б"]  # one row per assignee
    assert sheet["H3"].fill.fgColor.rgb.endswith("FF9999")  # overdue
    assert sheet["I2"].value == datetime(2023, 10, 2, 12, 0)  # local (Yakutsk) time, naive
    assert sheet["K2"].value == 1 and sheet["L2"].value == "протокол.pdf"
    late = workbook["Просрочено"]
    assert late["E2"].value == 10
