"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Collection


def placeholders(values: Collection[object]) -> str:
    """`?, ?, ?` for an IN (…) list; `NULL` for an empty one (IN (NULL) matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"
