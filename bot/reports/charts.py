"""Progress charts as PNG, from the summary's snapshot (the same numbers as the text and the
Excel report): per school — stacked shares done / in progress / problem / overdue / not
started, the worst schools first and the rest as one «остальные» bar; over time — due
deadlines per month with the planned and the actual cumulative curves.

Headless (the Agg canvas, no pyplot state), 1080 px wide so a phone shows it without zooming,
labels in DejaVu Sans — matplotlib's bundled font, which has Cyrillic. Rendering is serialised
by a lock (matplotlib's font cache and rc settings are process-wide) and is meant to run in a
worker thread (asyncio.to_thread), never on the event loop."""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from datetime import date
from io import BytesIO
from zoneinfo import ZoneInfo

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.i18n import Texts, format_date, shorten
from bot.reports.model import ProgramSnapshot, TaskRow

CHART_FONT = "DejaVu Sans"
WIDTH_PX = 1080
DPI = 150
SCHOOL_BARS = 15  # the worst 14 schools and «остальные»
NAME_CHARS = 30
CATEGORIES = ("done", "in_progress", "problem", "overdue", "not_started")
COLORS = {"done": "#43A047", "in_progress": "#FDD835", "problem": "#FB8C00", "overdue": "#E53935",
          "not_started": "#BDBDBD"}
LABEL_KEYS = {"done": "chart-done", "in_progress": "chart-in-progress", "problem": "chart-problem",
              "overdue": "chart-overdue", "not_started": "chart-not-started"}
STYLE = {"font.family": CHART_FONT, "font.size": 10, "axes.titlesize": 12, "svg.fonttype": "none"}
_LOCK = threading.Lock()
_LONG_NAME = re.compile(r"\s+[—–-]\s+|\s*«")


def chart_font_path() -> str:
    """The file the charts' text is drawn with (fails rather than falling back silently)."""
    return font_manager.findfont(font_manager.FontProperties(family=CHART_FONT), fallback_to_default=False)


def short_school(name: str) -> str:
    """«МОАУ СОШ № 5 — Муниципальное … имени …» → «МОАУ СОШ № 5»: long names differ near the start."""
    head = _LONG_NAME.split(name, maxsplit=1)[0].strip()
    return shorten(head if len(head) >= 6 else name, NAME_CHARS)


def _png(figure: Figure) -> bytes:
    buffer = BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def school_rows(tasks: list[TaskRow], today: date, texts: Texts, limit: int = SCHOOL_BARS
                ) -> list[tuple[str, Counter[str]]]:
    """(label, counts by category) worst first; beyond `limit` the rest is one «остальные» row."""
    groups: dict[str | None, Counter[str]] = defaultdict(Counter)
    for task in tasks:
        groups[task.organization][task.category(today)] += 1

    def badness(item: tuple[str | None, Counter[str]]) -> tuple[float, float, str]:
        name, c = item
        total = sum(c.values()) or 1
        return (-(c["overdue"] + c["problem"]) / total, c["done"] / total, name or "")

    ordered = sorted(groups.items(), key=badness)
    rows = [(short_school(name) if name else texts("chart-shared"), c) for name, c in ordered]
    if len(rows) > limit:
        rest: Counter[str] = Counter()
        for _, c in rows[limit - 1:]:
            rest.update(c)
        schools = sum(1 for name, _ in ordered[limit - 1:] if name)  # the shared group is no school
        rows = [*rows[: limit - 1], (texts("chart-others", count=schools), rest)]
    return rows


def school_chart(snapshot: ProgramSnapshot, texts: Texts, *, limit: int = SCHOOL_BARS) -> bytes:
    rows = school_rows(snapshot.tasks, snapshot.today, texts, limit)
    height = 1.9 + 0.42 * max(1, len(rows))
    with _LOCK, matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_PX / DPI, height), dpi=DPI, layout="constrained")
        axes = figure.add_subplot()
        labels = [label for label, _ in rows][::-1]
        left = [0.0] * len(rows)
        for category in CATEGORIES:
            shares = [100 * c[category] / (sum(c.values()) or 1) for _, c in rows][::-1]
            axes.barh(labels, shares, left=left, color=COLORS[category], label=texts(LABEL_KEYS[category]),
                      height=0.7)
            left = [a + b for a, b in zip(left, shares, strict=True)]
        for y, (_, c) in enumerate(rows[::-1]):
            axes.text(101, y, f"{c['done']}/{sum(c.values())}", va="center", fontsize=9)
        axes.set_xlim(0, 115)
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.set_xlabel(texts("chart-schools-axis"))
        figure.suptitle(texts("chart-schools-title", today=format_date(snapshot.today)))
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)


def _months(start: date, end: date) -> list[date]:
    months, cursor = [], date(start.year, start.month, 1)
    while cursor <= end:
        months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months


def month_series(snapshot: ProgramSnapshot, start: date, end: date) -> tuple[list[date], list[int], list[int], list[int]]:
    """(months, due per month, planned cumulative, done cumulative — up to today's month).
    A task is done in the month its status last changed (local time), or its due month."""
    zone = ZoneInfo(snapshot.timezone)
    months = _months(start, end)
    index = {m: i for i, m in enumerate(months)}
    due, done = [0] * len(months), [0] * len(months)
    for task in snapshot.tasks:
        if task.due is not None:
            slot = index.get(date(task.due.year, task.due.month, 1))
            if slot is not None:
                due[slot] += 1
        if task.status == "done":
            day = task.last_update.astimezone(zone).date() if task.last_update else task.due
            if day is not None:
                month = date(day.year, day.month, 1)
                slot = index.get(month, 0 if months and month < months[0] else None)
                if slot is not None:
                    done[slot] += 1
    planned, actual, total_p, total_a = [], [], 0, 0
    current = date(snapshot.today.year, snapshot.today.month, 1)
    for month, p, a in zip(months, due, done, strict=True):
        total_p += p
        total_a += a
        planned.append(total_p)
        if month <= current:
            actual.append(total_a)
    return months, due, planned, actual


def timeline_chart(snapshot: ProgramSnapshot, texts: Texts, start: date | None = None,
                   end: date | None = None) -> bytes:
    months, due, planned, actual = month_series(snapshot, start or snapshot.period_start,
                                                end or snapshot.period_end)
    labels = [f"{m:%m.%y}" for m in months]
    with _LOCK, matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH_PX / DPI, 5.4), dpi=DPI, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(months)))
        axes.bar(positions, due, color="#90CAF9", label=texts("chart-due-month"), width=0.7)
        axes.plot(positions, planned, color="#1565C0", marker="o", markersize=3, label=texts("chart-planned"))
        axes.plot(positions[: len(actual)], actual, color=COLORS["done"], marker="o", markersize=3, linewidth=2.2,
                  label=texts("chart-actual"))
        step = max(1, len(months) // 12)
        axes.set_xticks(positions[::step], labels[::step], rotation=45, ha="right")
        axes.set_ylabel(texts("chart-months-axis"))
        axes.set_title(texts("chart-months-title"))
        axes.legend(loc="upper left", frameon=False, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)
