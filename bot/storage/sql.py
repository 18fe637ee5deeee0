"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Collection


def placeholders(values: Collection[object]) -> str:
    """`?, ?, ?` for an IN (…) list; `NULL` for an empty one (IN (NULL) matches nothing)."""
    return ",".join("?" * len(values)) or "NULL"


def person_label(person_id: str, program_id: str) -> str:
    """The one way a person is named in a program (issue 12 «One person, one name»): «roadmap name
    (Telegram name)» once they hold a party there — a person party's name first, else a role's —
    and the Telegram name alone otherwise (a coordinator, a direct assignee). Both arguments are
    SQL expressions of the caller's query (hence the unusual aliases here); one indexed lookup of
    the person's bindings, cheap enough for every card."""
    roadmap = (f"(SELECT pl_pa.name FROM party_bindings pl_b JOIN parties pl_pa ON pl_pa.id = pl_b.party_id"
               f" WHERE pl_b.person_id = {person_id} AND pl_b.revoked_at IS NULL AND pl_pa.program_id = {program_id}"
               f" ORDER BY pl_pa.kind != 'person', pl_pa.kind != 'role', pl_pa.name LIMIT 1)")
    return (f"(SELECT CASE WHEN pl_r.name IS NULL OR pl_r.name = pl_p.display_name THEN pl_p.display_name"
            f" ELSE pl_r.name || ' (' || pl_p.display_name || ')' END"
            f" FROM people pl_p LEFT JOIN (SELECT {roadmap} AS name) pl_r WHERE pl_p.id = {person_id})")


def task_program(task_id: str) -> str:
    """The program of a task, as an SQL expression."""
    return (f"(SELECT tp_a.program_id FROM tasks tp_t JOIN occurrences tp_o ON tp_o.id = tp_t.occurrence_id"
            f" JOIN activities tp_a ON tp_a.id = tp_o.activity_id WHERE tp_t.id = {task_id})")
