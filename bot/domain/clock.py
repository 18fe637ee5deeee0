"""The one place that knows what time it is, so tests can move time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until told to move (tests, the sandbox's time travel)."""

    def __init__(self, start: datetime) -> None:
        self._now = ensure_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = ensure_utc(moment)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def ensure_utc(moment: datetime) -> datetime:
    """Refuse naive datetimes: an instant without a zone is a bug waiting for a region change."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: every instant must carry its timezone")
    return moment.astimezone(UTC)
