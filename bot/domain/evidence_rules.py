"""What counts as evidence: which results are documents, and which files we refuse.

Pure functions; the handlers turn the refusal reasons into Russian texts.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePath

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
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


class FileRefusal(StrEnum):
    EMPTY = "empty"
    TOO_BIG = "too_big"
    EXECUTABLE = "executable"


def requires_document(result: str | None) -> bool:
    """Does the expected result name a document that «Выполнено» should come with?"""
    if not result:
        return False
    return bool(_DOCUMENT_WORDS.search(result.casefold()))


def refusal_by_metadata(file_name: str | None, size: int | None) -> FileRefusal | None:
    """Checks possible before downloading: size and extension."""
    if size is not None and size == 0:
        return FileRefusal.EMPTY
    if size is not None and size > MAX_EVIDENCE_BYTES:
        return FileRefusal.TOO_BIG
    if file_name and PurePath(file_name.strip().lower()).suffix in EXECUTABLE_EXTENSIONS:
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
