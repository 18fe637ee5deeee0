"""The format-neutral view of a roadmap file that every reader produces.

A reader (text, xlsx, docx) turns a file into an ordered list of `SourceLine`s: prose
paragraphs (one cell) and table rows (several cells). Table detection, column
recognition, row joining and section detection are shared and work on this view only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.models import Period


class RoadmapImportError(Exception):
    """A file that cannot be imported. `message` is Russian and tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PeriodNotFound(RoadmapImportError):
    """The title states no program period. `options` are the likely ones, best first (read
    from the years of the deadline cells and the text), for the user to pick; may be empty."""

    def __init__(self, message: str, options: list[Period]) -> None:
        super().__init__(message)
        self.options = options


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # 1-based: text line, sheet row, or running paragraph/row index of a .docx
    cells: tuple[str, ...]  # one cell: prose; several: a table row (cells may be empty strings)
    table: int | None = None  # which table a row belongs to when the format says so (docx, xlsx)
    blank_before: bool = False  # text: an empty line came just before (a page break in extracted text)
    last_number: int | None = None  # a row rebuilt from several lines (one cell per line): its last line

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c).strip()


@dataclass(slots=True)
class SourceDocument:
    name: str  # file name, for messages and the program's `source`
    lines: list[SourceLine] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, Russian note) from rebuilding rows
