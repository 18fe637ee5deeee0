"""Button data: one compact encoding for every messenger — the strings aiogram's CallbackData
factories in bot/keyboards/callbacks.py pack («tc:12», «ta:12:done», «tl:0», «ev:5:12»), made
and read here without aiogram (importing its CallbackData pulls in the whole dispatcher).
Data are untrusted: ids must be positive and within SQLite's range, pages within 0…100000;
anything else parses to None («Кнопка устарела»). tests/test_conversations_data.py checks the
strings equal the CallbackData packs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SQLITE_MAX_INTEGER = 2**63 - 1
MAX_PAGE = 100_000


class TaskAction(StrEnum):  # the values of bot.keyboards.callbacks.TaskAction
    DONE = "done"
    IN_PROGRESS = "prog"
    PROBLEM = "prob"
    ATTACH = "att"
    POSTPONE = "post"
    DONE_WITHOUT_DOCUMENT = "nodoc"
    FILES = "files"
    HISTORY = "hist"
    REOPEN = "reop"
    KEEP_DONE = "keep"


@dataclass(frozen=True, slots=True)
class ListPage:
    page: int


@dataclass(frozen=True, slots=True)
class CardOpen:
    task_id: int


@dataclass(frozen=True, slots=True)
class TaskPress:
    task_id: int
    action: TaskAction


@dataclass(frozen=True, slots=True)
class EvidenceTarget:
    submission_id: int
    task_id: int


Data = ListPage | CardOpen | TaskPress | EvidenceTarget


def pack(value: Data) -> str:
    if isinstance(value, ListPage):
        return f"tl:{value.page}"
    if isinstance(value, CardOpen):
        return f"tc:{value.task_id}"
    if isinstance(value, TaskPress):
        return f"ta:{value.task_id}:{value.action.value}"
    return f"ev:{value.submission_id}:{value.task_id}"


def _id(text: str) -> int | None:
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= SQLITE_MAX_INTEGER else None


def unpack(data: str) -> Data | None:
    """The value a button's data names, or None for anything malformed or foreign."""
    parts = data.split(":")
    head, args = parts[0], parts[1:]
    if head == "tl" and len(args) == 1 and args[0].isascii() and args[0].isdigit() and len(args[0]) <= 6:
        page = int(args[0])
        return ListPage(page) if page <= MAX_PAGE else None
    if head == "tc" and len(args) == 1 and (task_id := _id(args[0])) is not None:
        return CardOpen(task_id)
    if head == "ta" and len(args) == 2 and (task_id := _id(args[0])) is not None:
        try:
            return TaskPress(task_id, TaskAction(args[1]))
        except ValueError:
            return None
    if head == "ev" and len(args) == 2:
        submission_id, task_id = _id(args[0]), _id(args[1])
        if submission_id is not None and task_id is not None:
            return EvidenceTarget(submission_id, task_id)
    return None
