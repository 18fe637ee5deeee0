"""The evidence archive for audits: `<№ short title>/<organisation>/<file>` plus an index.

Streams to a path (archives can be large); already-compressed formats are stored, not
deflated; a file missing on disk is listed in the index as missing, never a crash.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.reports.model import EvidenceRow, ProgramSnapshot
from bot.services.evidence import safe_file_name

STORED = {".jpg", ".jpeg", ".png", ".pdf", ".docx", ".xlsx", ".pptx", ".zip", ".rar", ".7z", ".gz", ".mp4", ".heic"}


def _folder(row: EvidenceRow) -> str:
    title = " ".join(row.activity_title.split()[:6])
    activity = safe_file_name(f"{row.activity_number or 'б-н'} {title}", "мероприятие")[:80]
    organization = safe_file_name(row.organization or "общее", "общее")[:60]
    return f"{activity}/{organization}"


def write_evidence_zip(snapshot: ProgramSnapshot, out: Path) -> tuple[int, int]:
    """Returns (files written, files missing on disk)."""
    return write_programs_zip([(snapshot, "")], out)


def write_programs_zip(programs: list[tuple[ProgramSnapshot, str]], out: Path) -> tuple[int, int]:
    """Several programs in one archive, each under its folder (an empty folder name: at the
    top, as for a single program); one «Опись.xlsx» for all. Returns (written, missing)."""
    index_rows: list[list[object]] = []
    used: set[str] = set()
    written = missing = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for snapshot, top in programs:
            prefix = f"{safe_file_name(top, 'программа')[:60]}/" if top else ""
            for row in snapshot.evidence:
                name = safe_file_name(row.file_name)
                folder = prefix + _folder(row)
                path = f"{folder}/{name}"
                stem, dot, ext = name.rpartition(".")
                counter = 2
                while path in used:
                    path = f"{folder}/{stem} ({counter}).{ext}" if dot else f"{folder}/{name} ({counter})"
                    counter += 1
                used.add(path)
                source = Path(row.local_path) if row.local_path else None
                if source is None or not source.is_file():
                    missing += 1
                    index_rows.append([row.activity_number, row.activity_title, row.organization, row.person,
                                       row.file_name, "нет файла на диске", row.size, row.sha256,
                                       row.received_at.replace(tzinfo=None)])
                    continue
                compress = zipfile.ZIP_STORED if Path(name).suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                archive.write(source, path, compress_type=compress)
                written += 1
                index_rows.append([row.activity_number, row.activity_title, row.organization, row.person,
                                   row.file_name, path, row.size, row.sha256, row.received_at.replace(tzinfo=None)])
        archive.writestr("Опись.xlsx", _index(index_rows))
    return written, missing


def _index(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Опись"
    sheet.append(["№", "Мероприятие", "Организация", "Кто прислал", "Файл", "Путь в архиве", "Размер, байт",
                  "SHA-256", "Получен (UTC)"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:I{len(rows) + 1}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
