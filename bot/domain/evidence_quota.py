"""How much evidence one person may send within any hour (issue 11): a count of files and
a byte total, both over a sliding hour.

Pure functions: the caller passes what the person already sent in the last hour (from the
database) and what Telegram says about the next file, before it is downloaded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

QUOTA_WINDOW = timedelta(hours=1)


class QuotaKind(StrEnum):
    FILES = "files"  # too many files in the last hour
    BYTES = "bytes"  # this file would take the hour's total over the limit
    SINGLE = "single"  # this file alone is bigger than an hour's total


@dataclass(frozen=True, slots=True)
class QuotaLimits:
    files_per_hour: int
    bytes_per_hour: int


@dataclass(frozen=True, slots=True)
class Received:
    """One file the person sent within the window."""
    at: datetime
    size: int


@dataclass(frozen=True, slots=True)
class QuotaRefusal:
    kind: QuotaKind
    limit: int
    retry_at: datetime  # the earliest moment this file would fit

    def minutes_left(self, now: datetime) -> int:
        return max(1, math.ceil((self.retry_at - now).total_seconds() / 60))


def quota_refusal(recent: Sequence[Received], size: int | None, limits: QuotaLimits,
                  now: datetime) -> QuotaRefusal | None:
    """None when one more file of `size` bytes (None: Telegram did not say) fits in the last
    hour; otherwise which limit it breaks and when it would fit."""
    window = sorted((r for r in recent if r.at > now - QUOTA_WINDOW), key=lambda r: r.at)
    if len(window) >= limits.files_per_hour:
        # one slot frees up when the (len - limit + 1)-th oldest file leaves the window
        leaving = window[len(window) - limits.files_per_hour]
        return QuotaRefusal(QuotaKind.FILES, limits.files_per_hour, leaving.at + QUOTA_WINDOW)
    incoming = max(size or 0, 0)
    used = sum(r.size for r in window)
    if used + incoming > limits.bytes_per_hour:
        if incoming > limits.bytes_per_hour:  # never fits, however long the person waits
            return QuotaRefusal(QuotaKind.SINGLE, limits.bytes_per_hour, now + QUOTA_WINDOW)
        for r in window:
            used -= r.size
            if used + incoming <= limits.bytes_per_hour:
                return QuotaRefusal(QuotaKind.BYTES, limits.bytes_per_hour, r.at + QUOTA_WINDOW)
    return None


def size_text(size: int) -> str:
    """«200 МБ», «1,5 МБ», «500 КБ», «12 байт»: a byte count for the Russian message."""
    for unit, factor in (("МБ", 1024 * 1024), ("КБ", 1024)):
        if size >= factor:
            value = size / factor
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
            return f"{text.replace('.', ',')} {unit}"
    return f"{size} байт"
