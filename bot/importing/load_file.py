"""Any roadmap file → ImportResult, by extension; bad files become Russian advice."""

from __future__ import annotations

from pathlib import Path

from bot.domain.models import ImportResult, Period
from bot.importing.assemble import import_document
from bot.importing.source import RoadmapImportError, SourceDocument
from bot.importing.text import read_text

MAX_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> SourceDocument:
    suffix = path.suffix.lower()
    if not path.exists():
        raise RoadmapImportError(f"Файл «{path}» не найден.")
    if path.stat().st_size == 0:
        raise RoadmapImportError(f"Файл «{path.name}» пустой. Пришлите дорожную карту с таблицей мероприятий.")
    if path.stat().st_size > MAX_BYTES:
        raise RoadmapImportError(f"Файл «{path.name}» больше 20 МБ. Сохраните дорожную карту без картинок.")
    if suffix in {".txt", ".text"}:
        return read_text(path)
    if suffix == ".xlsx":
        from bot.importing.xlsx import read_xlsx

        return read_xlsx(path)
    if suffix == ".docx":
        from bot.importing.docx import read_docx

        return read_docx(path)
    if suffix in {".doc", ".xls", ".rtf", ".odt", ".ods", ".pdf"}:
        raise RoadmapImportError(
            f"Формат «{suffix}» не поддерживается. Откройте файл в Word или Excel и сохраните как .docx или .xlsx."
        )
    raise RoadmapImportError(
        f"Не знаю, как читать «{path.name}». Пришлите дорожную карту в .docx, .xlsx или .txt."
    )


def import_file(path: Path, *, period: Period | None = None, timezone: str | None = None) -> ImportResult:
    return import_document(read_document(path), period=period, timezone=timezone)
