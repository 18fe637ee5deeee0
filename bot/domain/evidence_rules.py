"""What counts as evidence: which results are documents, and which files we refuse.

Pure functions; the handlers turn the refusal reasons into Russian texts.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.domain.file_names import normalize_file_name, split_extension

# Telegram lets a bot download files up to 20 MB; anything bigger we could never store.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

# Result phrasings in the roadmaps that name a paper: «Протокол заседания»,
# «Аналитическая справка», «Приказ», «Отчёт», «План мероприятий», «Программа развития»…
_DOCUMENT_WORDS = re.compile(
    r"протокол|справк|приказ|отч[её]т|\bплан|анализ|программ|положени|график|списк|список"
    r"|информаци|распоряжени|методическ\w* рекомендац|рекомендац|карт[аы]\b|концепци|паспорт"
    r"|документ|сводн|журнал|доклад|презентац|таблиц|мониторинг|анкет|соглашени|договор|заключени",
)

EXECUTABLE_EXTENSIONS = frozenset(
    ".exe .bat .cmd .com .scr .msi .msp .js .jse .vbs .vbe .wsf .wsh .ps1 .psm1 .sh .jar .apk"
    " .dll .sys .cpl .lnk .hta .pif .reg .app .dmg .deb .rpm .run .bin .elf".split()
)
# PE (MZ), ELF, Mach-O (both byte orders, 32/64, universal), scripts (#!, also after a BOM).
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa\xce",
                     b"\xfe\xed\xfa\xcf", b"\xca\xfe\xba\xbe", b"#!", b"\xef\xbb\xbf#!")


class FileRefusal(StrEnum):
    EMPTY = "empty"
    TOO_BIG = "too_big"
    EXECUTABLE = "executable"


def requires_document(result: str | None) -> bool:
    """Does the expected result name a document that «Выполнено» should come with?"""
    if not result:
        return False
    return bool(_DOCUMENT_WORDS.search(result.casefold()))


def is_executable_name(file_name: str | None) -> bool:
    """By extension, on the normalised name: «evil.bat.», «run.js..», «setup.cmd. » and
    «отчёт\u202Efdp.exe» are all programs."""
    _, ext = split_extension(normalize_file_name(file_name))
    return ext.casefold() in EXECUTABLE_EXTENSIONS


def refusal_by_metadata(file_name: str | None, size: int | None) -> FileRefusal | None:
    """Checks possible before downloading: size and extension (of the normalised name)."""
    if size is not None and size == 0:
        return FileRefusal.EMPTY
    if size is not None and size > MAX_EVIDENCE_BYTES:
        return FileRefusal.TOO_BIG
    if file_name and is_executable_name(file_name):
        return FileRefusal.EXECUTABLE
    return None


def refusal_by_content(file_name: str | None, content: bytes) -> FileRefusal | None:
    """Checks on the downloaded bytes: a renamed program is still a program."""
    by_metadata = refusal_by_metadata(file_name, len(content))
    if by_metadata is not None:
        return by_metadata
    if content.startswith(_EXECUTABLE_MAGIC):
        return FileRefusal.EXECUTABLE
    return None
