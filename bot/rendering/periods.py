"""A program period as people say it: «2024/2025 учебный год», «2025 год», or the dates."""

from __future__ import annotations

from bot.domain.models import Period
from bot.i18n import Texts


def period_label(texts: Texts, period: Period) -> str:
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (9, 1, 8, 31) and end.year == start.year + 1:
        return texts("roadmap-period-school-year", first=str(start.year), second=str(end.year))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return texts("roadmap-period-year", year=str(start.year))
    return texts("roadmap-period-range", start=start.strftime("%d.%m.%Y"), end=end.strftime("%d.%m.%Y"))
