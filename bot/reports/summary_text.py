"""The summary a coordinator reads on a phone: headline numbers, schools worst first,
overdue with who and how long, silence, evidence, postponements, the bot's health."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from bot.i18n import Texts, format_date
from bot.reports.model import ProgramSnapshot, TaskRow

OVERDUE_LINES = 15
ORGANIZATION_LINES = 20
SOON_DAYS = 14


def counts(snapshot: ProgramSnapshot) -> dict[str, int]:
    today = snapshot.today
    tasks = snapshot.tasks
    return {
        "total": len(tasks),
        "done": sum(t.status == "done" for t in tasks),
        "in_progress": sum(t.status == "in_progress" for t in tasks),
        "problem": sum(t.status == "problem" for t in tasks),
        "overdue": sum(t.is_overdue(today) for t in tasks),
        "soon": sum(t.status != "done" and t.due is not None and today <= t.due <= today + timedelta(days=SOON_DAYS)
                    for t in tasks),
        "not_started": sum(t.status == "not_started" for t in tasks),
    }


def by_organization(snapshot: ProgramSnapshot) -> list[tuple[str, int, int, int]]:
    """(organisation, done, total, overdue), worst first."""
    groups: dict[str, list[TaskRow]] = defaultdict(list)
    for task in snapshot.tasks:
        if task.organization:
            groups[task.organization].append(task)
    rows = [(name, sum(t.status == "done" for t in items), len(items), sum(t.is_overdue(snapshot.today) for t in items))
            for name, items in groups.items()]
    rows.sort(key=lambda r: (-r[3], r[1] / r[2] if r[2] else 1, r[0]))
    return rows


def summary_text(snapshot: ProgramSnapshot, texts: Texts) -> str:
    today = snapshot.today
    lines = [
        texts("summary-title", program=snapshot.title),
        texts("summary-period", start=format_date(snapshot.period_start), end=format_date(snapshot.period_end),
              today=format_date(today)),
        "",
    ]
    c = counts(snapshot)
    if c["total"] == 0:
        lines.append(texts("summary-empty"))
    elif c["done"] == c["total"]:
        lines.append(texts("summary-all-done", done=texts("activities-count", count=c["done"])))
    else:
        lines.append(texts("summary-progress", percent=round(100 * c["done"] / c["total"]), **c))
        organizations = by_organization(snapshot)
        if organizations:
            lines += ["", texts("summary-organizations")]
            for name, done, total, overdue in organizations[:ORGANIZATION_LINES]:
                lines.append(texts("summary-organization-line", name=name, done=done, total=total,
                                   overdue=texts("summary-organization-overdue", count=overdue) if overdue else ""))
            if len(organizations) > ORGANIZATION_LINES:
                lines.append(texts("summary-more", count=len(organizations) - ORGANIZATION_LINES))
        overdue = sorted((t for t in snapshot.tasks if t.is_overdue(today)),
                         key=lambda t: (-t.days_overdue(today), t.number or "", t.organization or ""))
        if overdue:
            lines += ["", texts("summary-overdue")]
            for t in overdue[:OVERDUE_LINES]:
                lines.append(texts(
                    "summary-overdue-line", number=t.number or "•", title=_short(t.title),
                    organization=f" · {t.organization}" if t.organization else "",
                    days=texts("summary-overdue-days", count=t.days_overdue(today)),
                    who=", ".join(t.assignees) if t.assignees else texts("summary-nobody"),
                ))
            if len(overdue) > OVERDUE_LINES:
                lines.append(texts("summary-more", count=len(overdue) - OVERDUE_LINES))
    if snapshot.silent:
        lines += ["", texts("summary-silent")]
        lines += [texts("summary-silent-line", name=s.name, count=s.reminders,
                        organization=f" ({s.organization})" if s.organization else "") for s in snapshot.silent[:15]]
    week = snapshot.evidence_this_week()
    lines += ["", texts("summary-evidence", count=len(week))]
    lines += [texts("summary-evidence-line", name=e.file_name, number=e.activity_number or "•",
                    title=_short(e.activity_title, 50), organization=f" · {e.organization}" if e.organization else "")
              for e in week[:5]]
    if len(week) > 5:
        lines.append(texts("summary-more", count=len(week) - 5))
    if snapshot.postponements:
        lines += ["", texts("summary-postponements")]
        lines += [texts("summary-postponement-line", number=p.activity_number or "•", title=_short(p.activity_title, 50),
                        organization=f" · {p.organization}" if p.organization else "", person=p.person or "—",
                        date=format_date(p.requested_date), old=format_date(p.old_date) if p.old_date else "—")
                  for p in snapshot.postponements[:10]]
    if snapshot.planner_last_run is None:
        planner = texts("summary-planner-never")
    else:
        minutes = max(0, int((snapshot.generated_at - snapshot.planner_last_run).total_seconds() // 60))
        planner = texts("summary-planner-ago", minutes=minutes)
    lines += ["", texts("summary-health", planner=planner, backlog=snapshot.outbox_backlog,
                        unreachable=", ".join(snapshot.unreachable) or texts("summary-none"))]
    return "\n".join(lines)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
