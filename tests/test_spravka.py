"""Issue 13: «Справка о ходе реализации дорожной карты» (.docx) for the Zeya and Turochak programs
with statuses, files, a problem and an approved postponement set through the services; opened
with python-docx and checked against the database, the .xlsx report and the summary text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from bot.i18n import format_date, texts
from bot.reports.report_period import PeriodChoice, dates_period, period_for
from bot.reports.spravka import build_spravka
from bot.reports.spravka_data import percent
from bot.reports.summary_text import counts, summary_text
from bot.reports.xlsx_report import build_report
from bot.storage import Database
from bot.storage.summary_queries import program_snapshot
from spravka_world import COORDINATOR_NAME, PROBLEM, REASON, build_world

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = {
    "zeya": ("zeya-shnor-2023-2024", datetime(2023, 12, 20, 2, 0, tzinfo=UTC), "за IV квартал 2023 года"),
    "turochak": ("turochak-shnor-2023-2024", datetime(2024, 3, 20, 4, 0, tzinfo=UTC), "за I квартал 2024 года"),
}
SUMMARY = re.compile(r"Из (\d+) мероприяти\w+ дорожной карты, запланированн\w+ на отчётный период, выполнено (\d+) "
                     r"\((\d+) %\), выполняется (\d+), не выполнено (\d+)(?:; по (\d+) мероприяти\w+ срок)?")
UNITS = re.compile(r"Единиц отчётности .* — (\d+): выполнено (\d+), просрочено (\d+), с проблемой (\d+), "
                   r"в работе (\d+), не начато (\d+)\.")
COUNT_LINE = re.compile(r"(выполнено|просрочено|проблема|в работе|не начато): (\d+) из (\d+)")
KEYS = ("total", "done", "overdue", "problem", "in_progress", "not_started")


@pytest.fixture(params=sorted(PROGRAMS))
async def world(request, tmp_path):
    slug, now, quarter = PROGRAMS[request.param]
    db = await Database.open(tmp_path / "bot.sqlite3")
    w = await build_world(db, slug, now)
    snapshot = await program_snapshot(db, w.program_id, now=now)
    yield type("W", (), dict(db=db, w=w, snapshot=snapshot, now=now, quarter=quarter, slug=slug, name=request.param,
                             path=tmp_path / "bot.sqlite3"))()
    await db.close()


async def expected_activities(db: Database, program_id: int, today: date, start: date | None = None,
                              end: date | None = None) -> dict:
    """The summary sentence's numbers, straight from the tables (not through the snapshot);
    without dates: the whole program."""
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            """SELECT activity_id, status, due_date, planned_date FROM live_tasks WHERE program_id = ?
               AND (? OR due_date IS NULL OR due_date BETWEEN ? AND ? OR planned_date BETWEEN ? AND ?)""",
            (program_id, start is None, *[(d or today).isoformat() for d in (start, end, start, end)]))
        postponed = {r[0] for r in await conn.execute_fetchall(
            """SELECT DISTINCT lt.activity_id FROM postponements po JOIN live_tasks lt ON lt.task_id = po.task_id
               WHERE po.status = 'approved' AND lt.program_id = ?""", (program_id,))}
    by_activity: dict[int, list] = {}
    for activity_id, status, due, _ in rows:
        by_activity.setdefault(activity_id, []).append((status, date.fromisoformat(due) if due else None))
    result = {"total": len(by_activity), "done": 0, "in_progress": 0, "not_done": 0,
              "postponed": len(postponed & set(by_activity)), "ids": set(by_activity)}
    for tasks in by_activity.values():
        if all(s == "done" for s, _ in tasks):
            result["done"] += 1
        elif any(s != "done" and d is not None and d < today for s, d in tasks):
            result["not_done"] += 1
        else:
            result["in_progress"] += 1
    return result


def open_docx(content: bytes):
    return Document(BytesIO(content))


def all_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows[1:]]


async def check_tables(db, program_id, document, ids) -> None:
    async with db.read() as conn:
        activities = await conn.execute_fetchall(
            "SELECT id, coalesce(number, '—'), title FROM activities WHERE program_id = ? AND removed_at IS NULL",
            (program_id,))
    wanted = sorted((number, title) for activity_id, number, title in activities if activity_id in ids)
    assert sorted((row[0], row[1]) for row in all_rows(document)) == wanted  # every activity, once
    for row in all_rows(document):  # «выполнено в 0 из 4 ОО; просрочено в 5 ОО» cannot be
        schools = re.search(r"выполнено в (\d+) из (\d+) ОО(?:; просрочено в (\d+) ОО)?", row[4])
        if schools:
            done, total, late = (int(x or 0) for x in schools.groups())
            assert done + late <= total, row[4]
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert [c.text for c in table.rows[0].cells][:2] == ["№ п/п", "Мероприятие"]


async def test_the_spravka_for_the_whole_program_agrees_with_the_database_xlsx_and_summary(world):
    snapshot, w = world.snapshot, world.w
    period = period_for(PeriodChoice.PROGRAM, snapshot.today, snapshot.period_start, snapshot.period_end)
    document = open_docx(build_spravka(snapshot, period))
    paragraphs = [p.text for p in document.paragraphs]
    # the title block
    # the department as the roadmap names it (Zeya: «Отдел образования администрации города Зеи»),
    # else a general heading with the municipality
    department = {"zeya": "Отдел образования администрации города Зеи"}.get(world.name)
    assert paragraphs[0] == (department or "Муниципальный орган управления образованием")
    assert "№ ____________ от «___» ______________ 20___ г." in paragraphs
    assert paragraphs.index("СПРАВКА") < paragraphs.index("о ходе реализации дорожной карты") \
        < paragraphs.index(f"«{snapshot.title}»")
    assert f"за период с {snapshot.period_start:%d.%m.%Y} по {snapshot.period_end:%d.%m.%Y}" in paragraphs
    assert f"по состоянию на {format_date(snapshot.today)} г." in paragraphs
    assert f"Координатор программы ______________ / {COORDINATOR_NAME} /" in paragraphs
    # the page: A4, 2 / 1 / 2 / 3 cm, Times New Roman 14, a PAGE field
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # stored in twips
    assert [round(m.cm, 2) for m in (section.top_margin, section.right_margin, section.bottom_margin,
                                     section.left_margin)] == [2, 1, 2, 3]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    # the summary sentence against the database
    found = next(SUMMARY.search(p) for p in paragraphs if SUMMARY.search(p))
    expected = await expected_activities(world.db, w.program_id, snapshot.today)
    total, done, pct, in_progress, not_done, postponed = (int(x) if x else 0 for x in found.groups())
    assert (total, done, in_progress, not_done, postponed) == (
        expected["total"], expected["done"], expected["in_progress"], expected["not_done"], expected["postponed"])
    assert pct == percent(done, total) and postponed == 1 and total == done + in_progress + not_done
    assert "по 1 мероприятию срок перенесён с согласия координатора" in found.string
    # the units line = the summary's counts = the .xlsx «Сводка» = the summary text
    units = dict(zip(KEYS, (int(x) for x in next(UNITS.search(p) for p in paragraphs if UNITS.search(p)).groups()),
                     strict=True))
    c = counts(snapshot)
    assert units == {k: c[k] for k in KEYS}
    sheet = load_workbook(BytesIO(build_report(snapshot)))["Сводка"]
    values = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert [values[k] for k in ("Всего единиц отчётности", "Выполнено", "Просрочено", "Проблема", "В работе",
                                "Не начато")] == [units[k] for k in KEYS]
    text = summary_text(snapshot, texts())
    names = {"выполнено": "done", "просрочено": "overdue", "проблема": "problem", "в работе": "in_progress",
             "не начато": "not_started"}
    assert {names[n]: int(v) for n, v, t in COUNT_LINE.findall(text)} == {k: units[k] for k in KEYS[1:]}
    assert all(int(t) == units["total"] for _, _, t in COUNT_LINE.findall(text))
    # every activity's row, the header repeated on each page
    await check_tables(world.db, w.program_id, document, expected["ids"])
    rows = all_rows(document)
    for name in (n for _, n in w.files):
        assert any(re.search(re.escape(name) + r" \(\d\d\.\d\d\.\d{4}\)", row[5]) for row in rows), name
    assert any(f"срок перенесён на {w.new_date:%d.%m.%Y} (было {w.old_date:%d.%m.%Y})" in row[6] and REASON in row[6]
               for row in rows)
    assert any(PROBLEM in row[6] for row in rows)
    # the ministry's lists
    after = paragraphs[paragraphs.index("4.1. Мероприятия, не выполненные в срок, и причины"):]
    assert any(f"причина: {PROBLEM}" in p for p in after)
    evidence = paragraphs[paragraphs.index("4.3. Поступившие подтверждающие документы"):]
    assert all(any(name in p for p in evidence) for _, name in w.files)
    # both charts, as pictures in the text
    assert len(document.inline_shapes) == 2
    assert all(part.content_type == "image/png" for part in document.part.package.image_parts)


async def test_the_spravka_for_this_quarter(world):
    snapshot, w = world.snapshot, world.w
    period = period_for(PeriodChoice.THIS_QUARTER, snapshot.today, snapshot.period_start, snapshot.period_end)
    document = open_docx(build_spravka(snapshot, period))
    paragraphs = [p.text for p in document.paragraphs]
    assert world.quarter in paragraphs
    found = next(SUMMARY.search(p) for p in paragraphs if SUMMARY.search(p))
    expected = await expected_activities(world.db, w.program_id, snapshot.today, period.start, period.end)
    assert int(found.group(1)) == expected["total"] and int(found.group(2)) == expected["done"]
    assert int(found.group(5)) == expected["not_done"]
    await check_tables(world.db, w.program_id, document, expected["ids"])


def test_percent_is_rounded_as_people_round():
    assert percent(31, 40) == 78 and percent(1, 8) == 13 and percent(0, 0) == 0 and percent(40, 40) == 100


async def test_the_command_line_writes_the_spravka(world, tmp_path):
    out = tmp_path / "справка.docx"
    done = subprocess.run([sys.executable, "-m", "bot", "report", "--program", world.slug, "--from", "01.10.2023",
                           "--to", "2023-12-31", "--out", str(out), "--db", str(world.path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    paragraphs = [p.text for p in open_docx(out.read_bytes()).paragraphs]
    assert "за IV квартал 2023 года" in paragraphs
    wrong = subprocess.run([sys.executable, "-m", "bot", "report", "--program", world.slug, "--from", "2024-01-01",
                            "--to", "2023-01-01", "--out", str(out), "--db", str(world.path)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and "позже" in wrong.stderr


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed: the PDF rendering check needs it")
async def test_libreoffice_renders_the_spravka_to_a_sane_number_of_pages(world, tmp_path):
    snapshot = world.snapshot
    source = tmp_path / "справка.docx"
    source.write_bytes(build_spravka(snapshot, period_for(PeriodChoice.PROGRAM, snapshot.today,
                                                          snapshot.period_start, snapshot.period_end)))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "справка.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 40, pages


def test_a_period_given_as_dates_is_named_as_such():
    assert dates_period(date(2023, 10, 1), date(2023, 12, 31)).choice is PeriodChoice.THIS_QUARTER
    assert dates_period(date(2024, 1, 1), date(2024, 6, 30)).choice is PeriodChoice.HALF_YEAR
    assert dates_period(date(2024, 1, 1), date(2024, 12, 31)).choice is PeriodChoice.YEAR
    assert dates_period(date(2023, 9, 1), date(2024, 8, 31)).choice is PeriodChoice.DATES
