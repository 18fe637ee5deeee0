"""Issue 13: progress charts — phone-sized PNGs drawn in a font that has Cyrillic, many schools
kept readable, and the same numbers as the summary; native charts in the .xlsx «Сводка»."""

from __future__ import annotations

import struct
import warnings
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

from matplotlib.ft2font import FT2Font
from openpyxl import load_workbook

from bot.i18n import texts
from bot.reports.charts import (CHART_FONT, WIDTH_PX, chart_font_path, month_series, school_chart, school_rows,
                                short_school, timeline_chart)
from bot.reports.model import ProgramSnapshot, TaskRow
from bot.reports.summary_text import counts
from bot.reports.xlsx_report import build_report
from story_program import crowded_school

TODAY = date(2024, 1, 10)
STATUSES = ("done", "in_progress", "problem", "not_started")


def task(task_id: int, status: str, due: date | None, organization: str | None) -> TaskRow:
    return TaskRow(task_id=task_id, section="Раздел", number="1.1", title="Мероприятие", organization=organization,
                   due=due, schedule_kind="date", deadline_text="—", status=status,
                   last_update=datetime(2023, 11, 5, 3, tzinfo=UTC) if status == "done" else None,
                   last_comment=None, assignees=(), files=())


def snapshot(schools: int = 150, per_school: int = 6) -> ProgramSnapshot:
    tasks = [task(s * per_school + i, STATUSES[(s + i) % 4] if s % 7 else "not_started",
                  date(2023, 9, 15) + timedelta(days=30 * i), crowded_school(s + 1))
             for s in range(schools) for i in range(per_school)]
    tasks.append(task(10**6, "done", None, None))  # a shared, undated task
    return ProgramSnapshot(program_id=1, title="Программа поддержки ШНОР", municipality="г. Зея",
                           timezone="Asia/Yakutsk", period_start=date(2023, 9, 1), period_end=date(2024, 8, 31),
                           today=TODAY, generated_at=datetime(2024, 1, 10, 1, tzinfo=UTC),
                           week_start=date(2024, 1, 8), week_end=date(2024, 1, 14), tasks=tasks)


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_the_charts_font_is_dejavu_sans_with_cyrillic():
    path = chart_font_path()
    assert path.endswith("DejaVuSans.ttf") and CHART_FONT == "DejaVu Sans"
    charmap = FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for c in "ЖжЁёЩщЪъЫы№«»—…")


def test_both_charts_are_phone_sized_and_render_every_glyph():
    shot = snapshot()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # «Glyph … missing from font(s)» would be a UserWarning
        schools = school_chart(shot, texts(html=False))
        months = timeline_chart(shot, texts(html=False))
    for content in (schools, months):
        width, height = png_size(content)
        assert width >= WIDTH_PX and 400 <= height <= 2000


def test_many_schools_are_the_worst_and_the_rest_with_short_names():
    shot = snapshot(150)
    rows = school_rows(shot.tasks, shot.today, texts(html=False))
    assert len(rows) == 15
    assert rows[-1][0] == "остальные (136 ОО)"
    assert sum(sum(c.values()) for _, c in rows) == len(shot.tasks)  # nothing lost in the aggregate
    assert all(len(label) <= 30 for label, _ in rows)
    assert short_school(crowded_school(12)) == "МОАУ СОШ № 12"
    first = rows[0][1]
    assert (first["overdue"] + first["problem"]) / sum(first.values()) >= \
        (rows[1][1]["overdue"] + rows[1][1]["problem"]) / sum(rows[1][1].values())
    # the categories are the summary's: the totals add up to the same five counts
    c = counts(shot)
    for key in ("done", "overdue", "problem", "in_progress", "not_started"):
        assert sum(r[key] for _, r in rows) == c[key]


def test_the_month_series_are_planned_and_actual_cumulative():
    shot = snapshot(10)
    months, due, planned, actual = month_series(shot, shot.period_start, shot.period_end)
    assert len(months) == 12 and months[0] == date(2023, 9, 1)
    assert planned[-1] == sum(due) == sum(t.due is not None and t.due <= date(2024, 8, 31) for t in shot.tasks)
    assert planned == sorted(planned) and actual == sorted(actual)
    assert len(actual) == 5  # September … January: the future has no actual
    assert actual[-1] == sum(t.status == "done" for t in shot.tasks)


def test_the_xlsx_summary_sheet_has_native_charts_over_its_own_numbers():
    shot = snapshot(40)
    sheet = load_workbook(BytesIO(build_report(shot)))["Сводка"]
    assert len(sheet._charts) == 2
    bars = sheet._charts[0]
    reference = bars.series[0].val.numRef.f
    assert reference.endswith("$B$6:$B$10")
    values = [sheet.cell(row, 2).value for row in range(6, 11)]
    c = counts(shot)
    assert values == [c[k] for k in ("done", "overdue", "problem", "in_progress", "not_started")]
    assert [sheet.cell(row, 1).value for row in (6, 10)] == ["Выполнено", "Не начато"]
    schools = sheet._charts[1]
    assert len(schools.series) == 2 and schools.series[0].cat.strRef.f.endswith("$A$14:$A$28")
