"""The Excel report: «Сводка», «Мероприятия», «Просрочено», «Документы».

Write-only workbook with shared styles: 60,000+ rows stay fast and small in memory.
Dates are real date cells (DD.MM.YYYY), instants are local naive datetimes, as Excel needs.
"""

from __future__ import annotations

from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.reports.model import ProgramSnapshot
from bot.reports.overdue_groups import number_key
from bot.reports.summary_text import by_organization, counts
from bot.reports.xlsx_charts import add_summary_charts

STATUS_RU = {"not_started": "Не начато", "in_progress": "В работе", "done": "Выполнено", "problem": "Проблема"}
FILLS = {
    "done": PatternFill("solid", fgColor="C6EFCE"),
    "in_progress": PatternFill("solid", fgColor="FFEB9C"),
    "problem": PatternFill("solid", fgColor="F4CCCC"),
    "overdue": PatternFill("solid", fgColor="FF9999"),
}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def _sheet(workbook: Workbook, title: str, headers: list[str], widths: list[int], rows: int):  # type: ignore[no-untyped-def]
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(1, rows) + 1}"
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    return sheet


def _cell(sheet, value, *, fmt: str | None = None, fill=None, wrap: bool = False):  # type: ignore[no-untyped-def]
    cell = WriteOnlyCell(sheet, value=value)
    if fmt:
        cell.number_format = fmt
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = WRAP
    return cell


def _summary_sheet(workbook: Workbook, snapshot: ProgramSnapshot, title: str = "Сводка") -> None:
    today = snapshot.today
    c = counts(snapshot)
    organizations = by_organization(snapshot)
    summary = _sheet(workbook, title, ["Показатель", "Значение", "Всего", "Просрочено"], [44, 16, 10, 12],
                     8 + len(organizations))
    summary.append([snapshot.title])
    summary.append(["Период", f"{snapshot.period_start:%d.%m.%Y} – {snapshot.period_end:%d.%m.%Y}"])
    summary.append(["Данные на", _cell(summary, today, fmt=DATE_FORMAT)])
    # The same counts as the summary text: each task once, the five add up to the total; «soon» is apart.
    for label, key in (("Всего единиц отчётности", "total"), ("Выполнено", "done"), ("Просрочено", "overdue"),
                       ("Проблема", "problem"), ("В работе", "in_progress"), ("Не начато", "not_started"),
                       ("Из невыполненных: срок в ближайшие 14 дней", "soon")):
        summary.append([label, c[key]])
    summary.append([])
    summary.append([_cell(summary, "Организация"), _cell(summary, "Сдано"), _cell(summary, "Всего"),
                    _cell(summary, "Просрочено")])
    for name, done, total, overdue in organizations:
        summary.append([name, done, total, overdue])
    add_summary_charts(summary, len(organizations))


def build_report(snapshot: ProgramSnapshot) -> bytes:
    zone = ZoneInfo(snapshot.timezone)
    today = snapshot.today
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook, snapshot)

    tasks = sorted(snapshot.tasks, key=lambda t: (t.section or "", number_key(t.number), t.due or today,
                                                   t.organization or ""))
    rows_count = sum(max(1, len(t.assignees)) for t in tasks)
    sheet = _sheet(workbook, "Мероприятия",
                   ["Раздел", "№", "Мероприятие", "Организация", "Срок", "Срок (как в документе)", "Ответственный",
                    "Статус", "Обновлено", "Комментарий", "Файлов", "Файлы"],
                   [28, 8, 60, 28, 12, 22, 26, 13, 17, 36, 8, 40], rows_count)
    for t in tasks:
        fill = FILLS["overdue"] if t.is_overdue(today) else FILLS.get(t.status)
        updated = t.last_update.astimezone(zone).replace(tzinfo=None) if t.last_update else None
        for person in t.assignees or ("не назначено",):
            sheet.append([
                t.section, t.number, _cell(sheet, t.title, wrap=True), t.organization,
                _cell(sheet, t.due, fmt=DATE_FORMAT) if t.due else None, t.deadline_text, person,
                _cell(sheet, STATUS_RU.get(t.status, t.status), fill=fill),
                _cell(sheet, updated, fmt=DATETIME_FORMAT) if updated else None, t.last_comment,
                len(t.files), "; ".join(t.files) or None,
            ])

    overdue = sorted((t for t in snapshot.tasks if t.is_overdue(today)), key=lambda t: -t.days_overdue(today))
    late = _sheet(workbook, "Просрочено", ["№", "Мероприятие", "Организация", "Срок", "Дней просрочки",
                                           "Ответственные", "Статус"], [8, 60, 28, 12, 14, 36, 13], len(overdue))
    for t in overdue:
        late.append([t.number, _cell(late, t.title, wrap=True), t.organization, _cell(late, t.due, fmt=DATE_FORMAT),
                     t.days_overdue(today), ", ".join(t.assignees) or "не назначено",
                     _cell(late, STATUS_RU.get(t.status, t.status), fill=FILLS["overdue"])])

    evidence = sorted(snapshot.evidence, key=lambda e: e.received_at)
    docs = _sheet(workbook, "Документы", ["Получен", "Файл", "№", "Мероприятие", "Организация", "Кто прислал",
                                          "Размер, байт"], [17, 40, 8, 50, 28, 26, 12], len(evidence))
    for e in evidence:
        docs.append([_cell(docs, e.received_at.astimezone(zone).replace(tzinfo=None), fmt=DATETIME_FORMAT),
                     e.file_name, e.activity_number, e.activity_title, e.organization, e.person, e.size])

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def build_all_report(snapshots: list[ProgramSnapshot], labels: list[str]) -> bytes:
    """Several programs in one workbook: «Программы» (a row of counts each), then one «Сводка»
    sheet per program — the same sheet as in the single program's report."""
    workbook = Workbook(write_only=True)
    keys = ("total", "done", "overdue", "problem", "in_progress", "not_started")
    overview = _sheet(workbook, "Программы", ["Программа", "Данные на", "Всего", "Выполнено", "Просрочено",
                                              "Проблема", "В работе", "Не начато"],
                      [60, 12, 10, 12, 12, 12, 12, 12], len(snapshots))
    for snapshot, label in zip(snapshots, labels, strict=True):
        c = counts(snapshot)
        overview.append([label, _cell(overview, snapshot.today, fmt=DATE_FORMAT), *(c[k] for k in keys)])
    for index, (snapshot, label) in enumerate(zip(snapshots, labels, strict=True), start=1):
        _summary_sheet(workbook, snapshot, f"Сводка {index} {label.translate(_SHEET_FORBIDDEN)}"[:31].rstrip())
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
