"""Reading roadmaps: files → SourceDocument → tables → Program."""

from bot.importing.assemble import import_document
from bot.importing.load_file import import_file, read_document
from bot.importing.source import PeriodNotFound, RoadmapImportError, SourceDocument, SourceLine
from bot.importing.text import read_text

__all__ = ["PeriodNotFound", "RoadmapImportError", "SourceDocument", "SourceLine", "import_document", "import_file",
           "read_document", "read_text"]
