"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Collection


def placeholders(values: Collection[object]) -> str:
    """`?, ?, ?` for an IN (…) list; `NULL` for an empty one (IN (NULL) matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"


def person_label(person_id: str, program_id: str) -> str:
    """The one way a person is named in a program (migration 0008 `person_names`): «roadmap name
    (Telegram name)» once joined, else the Telegram name. Both arguments are SQL expressions."""
    return (f"coalesce((SELECT n.label FROM person_names n WHERE n.person_id = {person_id}"
            f" AND n.program_id = {program_id}), (SELECT p.display_name FROM people p WHERE p.id = {person_id}))")


def task_program(task_id: str) -> str:
    """The program of a task, as an SQL expression."""
    return (f"(SELECT a.program_id FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id"
            f" JOIN activities a ON a.id = o.activity_id WHERE t.id = {task_id})")
