"""How instants and calendar dates are written to and read from SQLite text columns.

Instants: ISO-8601 in UTC with an explicit offset, to the second
(`2024-01-05T06:00:00+00:00`). One fixed shape means text order is time order, so
`WHERE next_attempt_at <= ?` works without parsing. Naive datetimes are refused:
an instant without a zone is a bug waiting for a region change.
Dates: `YYYY-MM-DD`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def instant_to_db(moment: datetime) -> str:
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: every stored instant must carry its timezone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def instant_from_db(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored instant {text!r} has no offset")
    return moment.astimezone(UTC)


def optional_instant_from_db(text: str | None) -> datetime | None:
    return None if text is None else instant_from_db(text)


def date_to_db(day: date) -> str:
    # datetime is a subclass of date: a datetime here is a mix-up, not a date.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a calendar date, got {type(day).__name__}")
    return day.isoformat()


def optional_date_to_db(day: date | None) -> str | None:
    return None if day is None else date_to_db(day)


def date_from_db(text: str) -> date:
    return date.fromisoformat(text)


def optional_date_from_db(text: str | None) -> date | None:
    return None if text is None else date_from_db(text)
