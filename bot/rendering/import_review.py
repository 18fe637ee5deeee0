"""The roadmap review as chat pages: page 1 is what to check (deadlines guessed, activities
without responsible parties, odd parties, warnings); the next pages list every activity
with its deadline as understood (dates, not counts). Each page fits one message."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Activity, ImportResult, Schedule, ScheduleKind
from bot.domain.zones import zone_label
from bot.i18n import Texts
from bot.importing.review import ImportReview, review

PAGE_CHARS = 3500  # Telegram's 4096 less room for the header and HTML
TITLE_CHARS = 70
LIST_ROWS = 12
DATES_SHOWN = 4


def _d(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def understood_deadline(texts: Texts, schedule: Schedule) -> str:
    kind = schedule.kind
    if kind is ScheduleKind.DATE and schedule.due:
        return texts("review-deadline-date", date=_d(schedule.due[0]))
    if kind is ScheduleKind.PERIOD:
        return texts("review-deadline-period", start=_d(schedule.start), end=_d(schedule.end))
    if kind is ScheduleKind.RECURRING and schedule.due:
        shown = [_d(d) for d in schedule.due[:DATES_SHOWN]]
        if len(schedule.due) > DATES_SHOWN:
            shown[-1:] = ["…", _d(schedule.due[-1])]
        return texts("review-deadline-recurring", count=len(schedule.due), dates=", ".join(shown))
    if kind is ScheduleKind.CONTINUOUS:
        return texts("review-deadline-continuous", start=_d(schedule.start), end=_d(schedule.end))
    return texts("review-deadline-unspecified")


def _header(texts: Texts, report: ImportReview, zone_found: bool) -> str:
    program = report.result.program
    return texts(
        "review-header", title=_short(program.title, 300),
        municipality=f"{program.municipality}. " if program.municipality else "",
        period=f"{_d(program.period.start)} – {_d(program.period.end)}", zone=zone_label(program.timezone),
        zone_note=texts("review-zone-unknown") if not zone_found else "",
        activities=report.total, understood=report.understood, organizations=len(program.organizations),
    )


def _block(texts: Texts, header: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    shown = rows[:LIST_ROWS]
    more = [texts("review-more", count=len(rows) - LIST_ROWS)] if len(rows) > LIST_ROWS else []
    return ["", header, *shown, *more]


def summary_page(texts: Texts, result: ImportResult, *, zone_found: bool = True) -> str:
    report = review(result)
    lines = [_header(texts, report, zone_found)]
    number = lambda a: a.number or "•"  # noqa: E731
    lines += _block(texts, texts("review-check-header", count=len(report.to_check)), [
        texts("review-check-row", number=number(a), title=_short(a.title, 50), source=_short(a.deadline.source or "—", 60),
              understood=understood_deadline(texts, a.deadline),
              reason=f" ({_short(a.deadline.review_reason, 80)})" if a.deadline.review_reason else "")
        for a in report.to_check])
    lines += _block(texts, texts("review-no-parties-header", count=len(report.without_parties)), [
        texts("review-no-parties-row", number=number(a), title=_short(a.title, 60)) for a in report.without_parties])
    lines += _block(texts, texts("review-odd-header", count=len(report.odd_parties)), [
        texts("review-odd-row", number=number(o.activity), name=_short(o.party.name, 60), reason=texts(o.reason))
        for o in report.odd_parties])
    text_parties = getattr(result.program, "text_parties", None) or []
    lines += _block(texts, texts("review-text-parties-header"), [
        texts("review-text-party-row", name=_short(p.party.name, 80), reason=_short(p.reason, 80)) for p in text_parties])
    lines += _block(texts, texts("review-warnings-header"), [
        texts("review-warning-row", text=_short(w.message, 200)) for w in result.warnings])
    return _fit("\n".join(lines))


def _activity_row(texts: Texts, activity: Activity) -> str:
    parties = ", ".join(p.name for p in activity.responsible[:3])
    if len(activity.responsible) > 3:
        parties += ", …"
    return texts("review-activity-row", number=activity.number or "•", title=_short(activity.title, 60),
                 understood=understood_deadline(texts, activity.deadline),
                 parties=f" · {_short(parties, 80)}" if parties else "")


def activity_pages(texts: Texts, result: ImportResult) -> list[str]:
    """Every activity under its section, cut into pages of at most PAGE_CHARS."""
    chunks: list[list[str]] = [[]]
    size = 0
    section: object = object()
    for activity in result.program.activities:
        rows = []
        if activity.section != section:
            section = activity.section
            if activity.section:
                rows.append(texts("review-section", title=_short(activity.section, 120)))
        rows.append(_activity_row(texts, activity))
        added = sum(len(r) + 1 for r in rows)
        if size + added > PAGE_CHARS and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].extend(rows)
        size += added
    total = len(chunks)
    return [texts("review-all-header", page=index + 1, pages=total) + "\n" + "\n".join(rows)
            for index, rows in enumerate(chunks)]


def _fit(text: str) -> str:
    if len(text) <= PAGE_CHARS + 400:
        return text
    cut = text[: PAGE_CHARS].rsplit("\n", 1)[0]
    return cut + "\n…"
