"""Overdue work grouped by activity: one line per activity — how many deadlines have passed,
at how many schools, since when — instead of one line per school and date (a weekly
activity over four schools is 52 deadlines, not 52 lines). Used by /summary (a handful of
lines, from the report snapshot) and /overdue (every activity, paged, from the task views)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.i18n import Texts, shorten


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One overdue task, whatever it was read from."""

    activity_id: int | None
    number: str | None
    title: str
    organization: str | None
    due: date


@dataclass(frozen=True, slots=True)
class OverdueGroup:
    activity_id: int | None
    number: str | None
    title: str
    deadlines: int  # overdue tasks: one per school and date (or per date, when shared)
    schools: int  # distinct schools among them; 0 when the activity is not per school
    since: date  # the oldest missed deadline


def group_overdue(items: Iterable[OverdueItem]) -> list[OverdueGroup]:
    """One group per activity, the oldest missed deadline first."""
    groups: dict[object, list[OverdueItem]] = {}
    for item in items:
        key = item.activity_id if item.activity_id is not None else (item.number, item.title)
        groups.setdefault(key, []).append(item)
    result = [
        OverdueGroup(activity_id=members[0].activity_id, number=members[0].number, title=members[0].title,
                     deadlines=len(members), schools=len({m.organization for m in members if m.organization}),
                     since=min(m.due for m in members))
        for members in groups.values()
    ]
    result.sort(key=lambda g: (g.since, number_key(g.number), g.title))
    return result


def overdue_group_line(texts: Texts, group: OverdueGroup, *, title_chars: int = 70) -> str:
    """«• 2.1 Заседания рабочей группы — 52 срока, 4 школы, с 20.09.2023»."""
    return texts(
        "overdue-group-line", number=group.number or "•", title=shorten(group.title, title_chars),
        deadlines=texts("overdue-group-deadlines", count=group.deadlines),
        schools=texts("overdue-group-schools", count=group.schools) if group.schools else "",
        since=f"{group.since:%d.%m.%Y}",
    )


def number_key(number: str | None) -> tuple[int, ...]:
    if not number:
        return (9999,)
    return tuple(int(part) if part.isdigit() else 9999 for part in number.strip(".").split("."))
