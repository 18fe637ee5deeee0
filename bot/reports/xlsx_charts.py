"""Native Excel charts on the report's «Сводка» sheet (openpyxl BarChart; they work in a
write-only workbook through `add_chart`): the five counts, and the organisations worst first
(done / overdue). They reference the sheet's own cells, so they show exactly its numbers."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef

# Row layout of the «Сводка» sheet (bot.reports.xlsx_report._summary_sheet): a header row, the
# title, the period, the date, then «Всего» and the five counts, «soon», a blank row, the
# organisations' header and one row per organisation.
FIRST_COUNT_ROW = 6  # «Выполнено»
LAST_COUNT_ROW = 10  # «Не начато»
ORGANIZATION_HEADER_ROW = 13
ORGANIZATION_BARS = 15


def _text_categories(chart: BarChart, reference: Reference) -> None:
    """Category labels are text: a string reference (openpyxl's set_categories writes a number one)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(reference)))


def add_summary_charts(sheet, organizations: int) -> None:  # type: ignore[no-untyped-def]
    counts = BarChart()
    counts.type = "col"
    counts.title = "Ход работы"
    counts.y_axis.title = "единиц отчётности"
    counts.legend = None
    counts.add_data(Reference(sheet, min_col=2, min_row=FIRST_COUNT_ROW, max_row=LAST_COUNT_ROW))
    _text_categories(counts, Reference(sheet, min_col=1, min_row=FIRST_COUNT_ROW, max_row=LAST_COUNT_ROW))
    counts.height, counts.width = 7.5, 14
    sheet.add_chart(counts, "F2")
    if not organizations:
        return
    shown = min(organizations, ORGANIZATION_BARS)
    first, last = ORGANIZATION_HEADER_ROW + 1, ORGANIZATION_HEADER_ROW + shown
    schools = BarChart()
    schools.type = "bar"
    schools.grouping = "clustered"
    schools.title = "Организации: сдано и просрочено" + (f" (первые {shown} из {organizations})"
                                                         if shown < organizations else "")
    for column in (2, 4):  # «Сдано», «Просрочено» with their headers as series names
        schools.add_data(Reference(sheet, min_col=column, min_row=ORGANIZATION_HEADER_ROW, max_row=last),
                         titles_from_data=True)
    _text_categories(schools, Reference(sheet, min_col=1, min_row=first, max_row=last))
    schools.y_axis.title = "единиц отчётности"
    schools.x_axis.scaling.orientation = "maxMin"  # the worst on top, as in the table
    schools.height, schools.width = 3 + 0.6 * shown, 14
    sheet.add_chart(schools, "F18")
