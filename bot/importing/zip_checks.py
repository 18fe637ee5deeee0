"""Checks on an .xlsx/.docx archive before any of its XML is parsed, and the Russian refusals
the guarded import gives (`bot.importing.guard`).

Only the ZIP central directory and the first bytes of each XML part are read here. The sizes
an archive declares are binding: Python's zipfile stops every part at its declared size (and
fails the CRC check if there was more), so openpyxl and python-docx never unpack more than
was checked.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from bot.importing.source import RoadmapImportError, SourceDocument

if TYPE_CHECKING:
    from bot.importing.guard import ImportLimits

MAIN_PART = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
REQUIRED_PARTS = ("[Content_Types].xml",)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls, and any Office file with a password
_HEAD = 64 * 1024  # a DTD would sit in an XML part's prolog; Office never writes one


def damaged(name: str, detail: str) -> RoadmapImportError:
    return RoadmapImportError(
        f"Файл «{name}» повреждён или это не дорожная карта: {detail}. "
        "Откройте его в Word или Excel и сохраните заново как .docx или .xlsx."
    )


def too_big(detail: str) -> RoadmapImportError:
    return RoadmapImportError(f"Таблица слишком большая: {detail}. Оставьте в файле только дорожную карту.")


def zip_bomb(name: str, detail: str) -> RoadmapImportError:
    return RoadmapImportError(
        f"Файл «{name}» слишком сильно сжат — похоже на ZIP-бомбу ({detail}). "
        "Откройте его в Word или Excel и сохраните заново."
    )


def _size(size: int) -> str:
    return f"{size / 2**10:.0f} КБ" if size < 2**20 else f"{size / 2**20:.0f} МБ"


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def check_office_archive(path: Path, name: str, limits: ImportLimits) -> None:
    """Raises RoadmapImportError when `path` (.xlsx or .docx) is not an Office archive,
    lacks its main part, or would unpack into more than the limits allow."""
    suffix = path.suffix.lower()
    with path.open("rb") as file:
        magic = file.read(len(_OLE))
    if magic == _OLE:
        raise damaged(name, "это файл старого формата (.doc/.xls) или он защищён паролем — "
                            "снимите пароль")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise damaged(name, f"внутри не документ Word или Excel (так выглядит переименованный файл "
                            f"другого типа, а не {suffix})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise damaged(name, f"в архиве {len(entries)} частей (в документе их бывает не больше "
                                f"{limits.max_entries})")
        names = {entry.filename for entry in entries}
        for part in (*REQUIRED_PARTS, MAIN_PART[suffix]):
            if part not in names:
                raise damaged(name, f"в нём нет части {part}")
        if suffix == ".xlsx":
            sheets = sum(1 for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
            if sheets > limits.max_sheets:
                raise too_big(f"в файле «{name}» {sheets} листов (читаем не больше {limits.max_sheets})")
        total = packed = 0
        for entry in entries:
            if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise damaged(name, f"часть {entry.filename} сжата неизвестным способом")
            if entry.flag_bits & 0x1:
                raise damaged(name, f"часть {entry.filename} зашифрована")
            total += entry.file_size
            packed += entry.compress_size
            if entry.file_size > limits.ratio_floor_bytes and \
                    entry.file_size > limits.max_entry_ratio * max(entry.compress_size, 1):
                ratio = entry.file_size / max(entry.compress_size, 1)
                raise zip_bomb(name, f"часть {entry.filename}: {_size(entry.compress_size)} → "
                                     f"{_size(entry.file_size)}, в {ratio:.0f} раз")
            if total > limits.max_unpacked_bytes:
                raise too_big(f"файл «{name}» распаковывается больше чем в {_size(limits.max_unpacked_bytes)}")
        if total > limits.ratio_floor_bytes and total > limits.max_total_ratio * max(packed, 1):
            raise zip_bomb(name, f"{_size(packed)} → {_size(total)}, в {total / max(packed, 1):.0f} раз")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(entry) as part:
                        head = part.read(_HEAD)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
                    raise damaged(name, f"часть {entry.filename} не распаковывается") from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise damaged(name, f"в части {entry.filename} недопустимое объявление DOCTYPE")


def check_document_size(document: SourceDocument, name: str, limits: ImportLimits) -> None:
    """Rows and cells of any format (text too) against the limits, before tables are looked for."""
    if len(document.lines) > limits.max_rows:
        raise too_big(f"в файле «{name}» больше {_count(limits.max_rows)} заполненных строк")
    cells = sum(1 for line in document.lines for cell in line.cells if cell)
    if cells > limits.max_cells:
        raise too_big(f"в файле «{name}» больше {_count(limits.max_cells)} заполненных ячеек")
