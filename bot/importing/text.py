"""Text roadmaps (extracted from Word/PDF): tab-separated cells, HTML fragments, any of
the encodings Russian offices still produce."""

from __future__ import annotations

import html
import re
from pathlib import Path

from bot.importing.source import RoadmapImportError, SourceDocument, SourceLine

_TAGS = re.compile(r"<\s*(br|/p|p|/li|li|/tr|tr)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]{0,300}>")


def clean_cell(text: str) -> str:
    text = _ANY_TAG.sub(" ", text)
    text = html.unescape(text).replace("\xa0", " ").replace("**", "")
    return " ".join(text.split())


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RoadmapImportError("Не удалось прочитать текст файла: сохраните его в кодировке UTF-8 или пришлите .docx.")


def read_text(path: Path) -> SourceDocument:
    data = path.read_bytes()
    if not data.strip():
        raise RoadmapImportError(f"Файл «{path.name}» пустой. Пришлите дорожную карту с таблицей мероприятий.")
    return text_document(decode(data), path.name)


def text_document(text: str, name: str) -> SourceDocument:
    document = SourceDocument(name=name)
    blank = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if "\t" in raw:
            cells = tuple(clean_cell(cell) for cell in raw.split("\t"))
        else:
            cells = (clean_cell(raw),)
        if not any(cells):
            blank = True
            continue
        document.lines.append(SourceLine(number=number, cells=cells, blank_before=blank))
        blank = False
    return document
