"""The summary a coordinator reads on a phone — one message within Telegram's 4096 characters,
however large the program: headline numbers that add up (each task counted once), schools
worst first, overdue grouped by activity, silence, evidence, postponements, and a word about
the bot only when something is wrong. The full lists are in the Excel file sent with it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.i18n import Texts, format_date, shorten
from bot.reports.model import ProgramSnapshot, TaskRow
from bot.reports.overdue_groups import OverdueGroup, OverdueItem, group_overdue, overdue_group_line

TEXT_LIMIT = 4096  # Telegram's limit for one message
TEXT_BUDGET = TEXT_LIMIT - 96  # a margin for what the markup and the client add
OVERDUE_LINES = 5  # activities; the rest is one «ещё N мероприятий — /overdue»
ORGANIZATION_LINES = 10
SILENT_LINES = 10
EVIDENCE_LINES = 5
POSTPONEMENT_LINES = 5
UNREACHABLE_NAMES = 5
NAME_CHARS = 48  # school names run to 200 characters; they differ near the start
SOON_DAYS = 14
PLANNER_LATE = timedelta(hours=1)  # the planner runs every few minutes; an hour without it is a stop
CATEGORIES = ("done", "overdue", "problem", "in_progress", "not_started")  # the order tasks are counted in


def counts(snapshot: ProgramSnapshot) -> dict[str, int]:
    """Each task once, under its `TaskRow.category`: the five add up to «total». «soon» is
    apart — tasks not done whose deadline is within SOON_DAYS, already counted above."""
    today = snapshot.today
    tasks = snapshot.tasks
    result = dict.fromkeys(CATEGORIES, 0)
    for task in tasks:
        result[task.category(today)] += 1
    result["total"] = len(tasks)
    result["soon"] = sum(t.status != "done" and t.due is not None and today <= t.due <= today + timedelta(days=SOON_DAYS)
                         for t in tasks)
    return result


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


def overdue_groups(snapshot: ProgramSnapshot) -> list[OverdueGroup]:
    return group_overdue(OverdueItem(activity_id=t.activity_id, number=t.number, title=t.title,
                                     organization=t.organization, due=t.due)
                         for t in snapshot.tasks if t.is_overdue(snapshot.today) and t.due is not None)


def health_lines(snapshot: ProgramSnapshot, texts: Texts) -> list[str]:
    """Plain words about the bot, only when something is wrong; empty when all is well."""
    lines = []
    if snapshot.planner_last_run is None:
        lines.append(texts("summary-health-planner-never"))
    elif snapshot.generated_at - snapshot.planner_last_run >= PLANNER_LATE:
        hours = int((snapshot.generated_at - snapshot.planner_last_run).total_seconds() // 3600)
        lines.append(texts("summary-health-planner-days", count=hours // 24) if hours >= 48
                     else texts("summary-health-planner-hours", count=hours))
    if snapshot.outbox_stale:
        lines.append(texts("summary-health-outbox", count=snapshot.outbox_stale))
    if snapshot.unreachable:
        names = ", ".join(snapshot.unreachable[:UNREACHABLE_NAMES])
        if len(snapshot.unreachable) > UNREACHABLE_NAMES:
            names += texts("summary-health-unreachable-more", count=len(snapshot.unreachable) - UNREACHABLE_NAMES)
        lines.append(texts("summary-health-unreachable", names=names))
    return lines


@dataclass
class _Block:
    """Lines of the summary: a head, a list of which `shown` items are shown, and a line for
    the hidden rest. Shortening the summary to fit one message hides items, never below `floor`."""

    head: list[str]
    items: list[str] = field(default_factory=list)
    shown: int = -1
    more: Callable[[int], str] | None = None
    floor: int = -1

    def __post_init__(self) -> None:
        self.shown = len(self.items) if self.shown < 0 else min(self.shown, len(self.items))
        self.floor = self.shown if self.floor < 0 else min(self.floor, self.shown)

    def lines(self) -> list[str]:
        hidden = len(self.items) - self.shown
        return [*self.head, *self.items[: self.shown], *([self.more(hidden)] if hidden and self.more else [])]


def _fit(blocks: list[_Block], trim_order: list[_Block], budget: int) -> str:
    """The blocks as one text within `budget`, hiding list items in `trim_order` as needed."""
    def render() -> str:
        return "\n".join(line for block in blocks for line in block.lines())

    text = render()
    for block in trim_order:
        while len(text) > budget and block.shown > block.floor:
            block.shown -= 1
            text = render()
    return text if len(text) <= TEXT_LIMIT else shorten(text, TEXT_LIMIT)  # last resort; not reached in practice


def summary_text(snapshot: ProgramSnapshot, texts: Texts) -> str:
    today = snapshot.today
    blocks = [_Block([
        texts("summary-title", program=shorten(snapshot.title, 200)),
        texts("summary-period", start=format_date(snapshot.period_start), end=format_date(snapshot.period_end),
              today=format_date(today)),
        "",
    ])]
    organizations_block = evidence_block = silent_block = postponements_block = overdue_block = _Block([])
    c = counts(snapshot)
    if c["total"] == 0:
        blocks.append(_Block([texts("summary-empty")]))
    elif c["done"] == c["total"]:
        blocks.append(_Block([texts("summary-all-done", done=texts("activities-count", count=c["done"]))]))
    else:
        progress = [texts("summary-progress", percent=round(100 * c["done"] / c["total"]), **c)]
        if c["soon"]:
            progress.append(texts("summary-soon", count=c["soon"]))
        blocks.append(_Block(progress))
        organizations = by_organization(snapshot)
        if organizations:
            organizations_block = _Block(
                ["", texts("summary-organizations")],
                [texts("summary-organization-line", name=shorten(name, NAME_CHARS), done=done, total=total,
                       overdue=texts("summary-organization-overdue", count=overdue) if overdue else "")
                 for name, done, total, overdue in organizations],
                shown=ORGANIZATION_LINES, floor=0,
                more=lambda n: texts("summary-organizations-more", count=n))
            blocks.append(organizations_block)
        groups = overdue_groups(snapshot)
        if groups:
            overdue_block = _Block(
                ["", texts("summary-overdue")], [overdue_group_line(texts, g, title_chars=60) for g in groups],
                shown=OVERDUE_LINES, floor=1, more=lambda n: texts("summary-overdue-more", count=n))
            blocks.append(overdue_block)
    if snapshot.silent:
        silent_block = _Block(
            ["", texts("summary-silent")],
            [texts("summary-silent-line", name=shorten(s.name, NAME_CHARS), count=s.reminders,
                   organization=f" ({shorten(s.organization, NAME_CHARS)})" if s.organization else "")
             for s in snapshot.silent],
            shown=SILENT_LINES, floor=1, more=lambda n: texts("summary-list-more", count=n))
        blocks.append(silent_block)
    week = snapshot.evidence_this_week()
    evidence_block = _Block(
        ["", texts("summary-evidence", count=len(week))],
        [texts("summary-evidence-line", name=shorten(e.file_name, 60), number=e.activity_number or "•",
               title=shorten(e.activity_title, 50),
               organization=f" · {shorten(e.organization, NAME_CHARS)}" if e.organization else "")
         for e in week],
        shown=EVIDENCE_LINES, floor=0, more=lambda n: texts("summary-list-more", count=n))
    blocks.append(evidence_block)
    if snapshot.postponements:
        postponements_block = _Block(
            ["", texts("summary-postponements")],
            [texts("summary-postponement-line", number=p.activity_number or "•", title=shorten(p.activity_title, 50),
                   organization=f" · {shorten(p.organization, NAME_CHARS)}" if p.organization else "",
                   person=shorten(p.person or "—", NAME_CHARS), date=format_date(p.requested_date),
                   old=format_date(p.old_date) if p.old_date else "—")
             for p in snapshot.postponements],
            shown=POSTPONEMENT_LINES, floor=1, more=lambda n: texts("summary-list-more", count=n))
        blocks.append(postponements_block)
    health = health_lines(snapshot, texts)
    if health:
        blocks.append(_Block(["", *health]))
    return _fit(blocks, [organizations_block, evidence_block, silent_block, postponements_block, overdue_block],
                TEXT_BUDGET)


def all_programs_text(snapshots: list[ProgramSnapshot], labels: list[str], texts: Texts) -> str:
    """Several programs in one message: a short block of counts each (the same counts as each
    program's own summary), within one message; the programs that do not fit are in the file."""
    head = texts("summary-all-title", count=len(snapshots))
    blocks = []
    for snapshot, label in zip(snapshots, labels, strict=True):
        c = counts(snapshot)
        if c["total"] == 0:
            blocks.append(texts("summary-all-empty", program=label))
            continue
        blocks.append(texts("summary-all-block", program=label, percent=round(100 * c["done"] / c["total"]),
                            evidence=len(snapshot.evidence_this_week()), **c))
    tail = [texts("summary-all-hint")]
    shown = len(blocks)
    while True:
        more = [texts("summary-all-more", count=len(blocks) - shown)] if shown < len(blocks) else []
        text = "\n\n".join([head, *blocks[:shown], *more, *tail])
        if len(text) <= TEXT_BUDGET or shown == 0:
            return text if len(text) <= TEXT_LIMIT else shorten(text, TEXT_LIMIT)
        shown -= 1
