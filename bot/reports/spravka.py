"""«Справка о ходе реализации дорожной карты» (.docx) for a program and a reporting period.

Built from the summary's snapshot (bot.reports.spravka_data): the title block of an official
document, the summary paragraph, a table per section (№, мероприятие, срок, ответственные,
результат по ОО, подтверждающие документы, примечание), the lists a ministry asks for (overdue
activities with the reason, schools behind, evidence received), both progress charts, the
signature block and a place for the letter's number and date. Times New Roman 14 / 12, A4,
margins 2 / 1 / 2 / 3 cm, page numbers. Pure and blocking: the bot runs it in a thread."""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from bot.i18n import Texts, format_date, texts as default_texts
from bot.reports.charts import school_chart, short_school, timeline_chart
from bot.reports.model import ProgramSnapshot
from bot.reports.report_period import ReportPeriod, period_words
from bot.reports.spravka_data import ActivityReport, SpravkaData, percent, spravka_data
from bot.reports.spravka_docx import CONTENT_WIDTH_CM, add_row, grid_table, paragraph, set_up

WIDTHS_CM = [1.0, 4.2, 2.1, 2.5, 2.4, 2.6, 2.2]  # adds up to CONTENT_WIDTH_CM
FILES_PER_CELL = 5
NOTES_PER_CELL = 5
LIST_LINES = 100  # overdue activities, schools behind
EVIDENCE_LINES = 200


def period_text(period: ReportPeriod, texts: Texts) -> str:
    key, args = period_words(period)
    return texts(key, **args)


def summary_sentences(data: SpravkaData, texts: Texts) -> list[str]:
    a = data.activity_counts()
    if a["total"] == 0:
        return [texts("spravka-summary-empty")]
    postponed = texts("spravka-summary-postponed", count=a["postponed"]) if a["postponed"] else ""
    c = data.task_counts
    return [
        texts("spravka-summary", total=a["total"], done=a["done"], percent=percent(a["done"], a["total"]),
              in_progress=a["in_progress"], not_done=a["not_done"], postponed=postponed),
        texts("spravka-units", **{k: c[k] for k in ("total", "done", "overdue", "problem", "in_progress",
                                                    "not_started")}),
    ]


def _due_cell(activity: ActivityReport) -> str:
    dues = activity.dues()
    if len(dues) == 1:
        return f"{dues[0]:%d.%m.%Y}"
    if dues and not activity.deadline_text:
        return f"{dues[0]:%d.%m.%Y} – {dues[-1]:%d.%m.%Y}"
    return activity.deadline_text or "—"


def _result_cell(activity: ActivityReport, data: SpravkaData, texts: Texts) -> str:
    done, total = activity.schools()
    tasks_done = sum(t.status == "done" for t in activity.tasks)
    if activity.per_school:
        text = texts("spravka-result-schools", done=done, total=total)
        # schools only, as in «из N ОО»: a shared task of the activity is not one more school
        late = len({t.organization for t in activity.overdue(data.today) if t.organization})
        if late:
            text += texts("spravka-result-overdue-schools", count=late)
    else:
        text = texts({"done": "spravka-result-done", "in_progress": "spravka-result-in-progress",
                      "not_done": "spravka-result-not-done"}[activity.state(data.today)])
    if len(activity.dues()) > 1:
        text += " " + texts("spravka-result-occurrences", done=tasks_done, total=len(activity.tasks))
    return text


def _capped(lines: list[str], limit: int, more: str, texts: Texts) -> str:
    if len(lines) <= limit:
        return "\n".join(lines) or "—"
    return "\n".join([*lines[:limit], texts(more, count=len(lines) - limit)])


def _where(organization: str | None, texts: Texts) -> str:
    return texts("spravka-where", organization=short_school(organization)) if organization else ""


def _notes_cell(activity: ActivityReport, texts: Texts) -> str:
    latest = {p.task_id: p for p in activity.postponements}  # in the order decided: the last one wins
    lines = [texts("spravka-note-postponed", new=f"{p.requested_date:%d.%m.%Y}",
                   old=f"{p.old_date:%d.%m.%Y}" if p.old_date else "—", where=_where(p.organization, texts),
                   reason=p.reason) for p in latest.values()]
    lines += [texts("spravka-note-problem", where=_where(t.organization, texts), comment=t.last_comment)
              for t in activity.problems()]
    return _capped(lines, NOTES_PER_CELL, "spravka-note-more", texts)


def _activity_row(activity: ActivityReport, data: SpravkaData, texts: Texts) -> list[str]:
    files = [texts("spravka-file", name=name, date=f"{at:%d.%m.%Y}") for name, at in activity.files]
    return [
        activity.number or "—", activity.title, _due_cell(activity),
        ", ".join(activity.responsible) or ", ".join(sorted({n for t in activity.tasks for n in t.assignees})) or "—",
        _result_cell(activity, data, texts), _capped(files, FILES_PER_CELL, "spravka-files-more", texts),
        _notes_cell(activity, texts),
    ]


def _list(document, lines: list[str], limit: int, empty: str, texts: Texts) -> None:  # type: ignore[no-untyped-def]
    if not lines:
        paragraph(document, texts(empty), indent=True)
    for line in lines[:limit]:
        paragraph(document, line, indent=True)
    if len(lines) > limit:
        paragraph(document, texts("spravka-list-more", count=len(lines) - limit), indent=True)


def _lists(document, data: SpravkaData, texts: Texts) -> None:  # type: ignore[no-untyped-def]
    zone = ZoneInfo(data.snapshot.timezone)
    paragraph(document, texts("spravka-lists-heading"), bold=True, space_before=12)
    paragraph(document, texts("spravka-overdue-heading"), bold=True, space_before=6)
    overdue = []
    for activity in data.overdue_activities():
        late = activity.overdue(data.today)
        reasons = list(dict.fromkeys(t.last_comment for t in late if t.last_comment))[:2]
        schools = len({t.organization for t in late if t.organization})
        overdue.append(texts("spravka-overdue-line", number=activity.number or "—", title=activity.title,
                             due=f"{min(t.due for t in late if t.due):%d.%m.%Y}",
                             schools=texts("spravka-overdue-schools", count=schools) if schools else "",
                             reason="; ".join(reasons) or texts("spravka-reason-none")))
    _list(document, overdue, LIST_LINES, "spravka-overdue-none", texts)
    paragraph(document, texts("spravka-behind-heading"), bold=True, space_before=6)
    _list(document, [texts("spravka-behind-line", name=name, overdue=late, total=total, done=done)
                     for name, done, total, late in data.schools_behind], LIST_LINES, "spravka-behind-none", texts)
    paragraph(document, texts("spravka-evidence-heading"), bold=True, space_before=6)
    _list(document, [texts("spravka-evidence-line", date=f"{e.received_at.astimezone(zone):%d.%m.%Y}",
                           name=e.file_name, number=e.activity_number or "—", title=e.activity_title,
                           organization=_where(e.organization, texts))
                     for e in data.evidence], EVIDENCE_LINES, "spravka-evidence-none", texts)


_DEPARTMENT = re.compile(r"^(отдел|управление|комитет|департамент|министерство)\b[^,;]*\bобразовани[яеи]\b[^,;]*$",
                         re.IGNORECASE)


def roadmap_department(snapshot: ProgramSnapshot) -> str | None:
    """The education department as the roadmap names it among the responsible («Отдел образования
    администрации города Зеи»): the one named most often, the shorter spelling on a tie."""
    found = Counter(name.strip() for names in snapshot.responsible.values() for name in names
                    if _DEPARTMENT.match(name.strip()) and len(name) <= 200)
    if not found:
        return None
    return min(found, key=lambda name: (-found[name], len(name)))


def build_spravka(snapshot: ProgramSnapshot, period: ReportPeriod, texts: Texts | None = None, *,
                  department: str | None = None, charts: bool = True) -> bytes:
    texts = texts or default_texts(html=False)
    data = spravka_data(snapshot, period)
    document = Document()
    set_up(document)
    department = department or roadmap_department(snapshot)
    paragraph(document, department or texts("spravka-department"), bold=True, align="center")
    if snapshot.municipality and department is None:  # a named department already says where
        paragraph(document, texts("spravka-municipality", municipality=snapshot.municipality), align="center")
    paragraph(document, texts("spravka-letter"), align="left", space_before=12)
    paragraph(document, texts("spravka-title"), bold=True, align="center", space_before=18)
    paragraph(document, texts("spravka-subtitle"), bold=True, align="center")
    paragraph(document, texts("spravka-program", program=snapshot.title), bold=True, align="center")
    paragraph(document, period_text(period, texts), align="center")
    paragraph(document, texts("spravka-as-of", date=format_date(snapshot.today)), align="center")

    paragraph(document, texts("spravka-summary-heading"), bold=True, space_before=18)
    for sentence in summary_sentences(data, texts):
        paragraph(document, sentence, indent=True)

    if charts and data.snapshot.tasks:
        paragraph(document, texts("spravka-charts-heading"), bold=True, space_before=12)
        for picture, caption in ((school_chart(data.snapshot, texts), "spravka-chart-schools"),
                                 (timeline_chart(data.snapshot, texts, period.start, period.end),
                                  "spravka-chart-months")):
            document.add_picture(BytesIO(picture), width=Cm(CONTENT_WIDTH_CM - 1))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph(document, texts(caption), align="center", size=12)

    if data.activities:
        paragraph(document, texts("spravka-sections-heading"), bold=True, space_before=12)
    headers = [texts(f"spravka-col-{k}") for k in ("number", "activity", "due", "responsible", "result", "files",
                                                    "note")]
    for number, title, activities in data.sections():
        heading = (texts("spravka-section", number=number, title=title) if number and title
                   else texts("spravka-section-unnumbered", title=title) if title else texts("spravka-section-none"))
        paragraph(document, heading, bold=True, space_before=6)
        table = grid_table(document, headers, WIDTHS_CM)
        for activity in activities:
            add_row(table, _activity_row(activity, data, texts), WIDTHS_CM)

    _lists(document, data, texts)

    name = snapshot.coordinators[0] if snapshot.coordinators else texts("spravka-signature-blank")
    paragraph(document, texts("spravka-signature", name=name), align="left", space_before=36)
    paragraph(document, texts("spravka-date", date=format_date(snapshot.today)), align="left", space_before=6)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
