"""Abbreviations a roadmap defines for itself: «Отдел образования администрации города Зеи
(далее – ООА)». Found in the whole text, expanded in the «Ответственные» cells."""

from __future__ import annotations

import re
from collections.abc import Mapping

_ABBREVIATION = re.compile(
    r"([А-ЯЁA-Z][^()]{3,200}?)\s*\(\s*далее\s*[-–—:]?\s*[«\"]?([А-ЯЁA-Z][А-ЯЁA-Zа-яё0-9 ]{0,15}?)[»\"]?\s*\)"
)


def find_abbreviations(text: str) -> dict[str, str]:
    """«Отдел образования администрации города Зеи (далее – ООА)» → {"ООА": "Отдел …"}."""
    found: dict[str, str] = {}
    for match in _ABBREVIATION.finditer(" ".join(text.split())):
        full, short = match.group(1).strip(), match.group(2).strip()
        # The full name is the tail of the sentence before the bracket: from its last capital phrase.
        full = re.split(r"[.;:,]\s+|\s[-–—]\s", full)[-1].strip(" ,")
        if short and full and len(full) > len(short):
            found[short] = full
    return found


def split_abbreviations(piece: str, abbreviations: Mapping[str, str]) -> list[str]:
    """«ООА ОО» is two parties; «Отдел образования … Рабочая группа» stays one piece unless an
    abbreviation token stands alone between them."""
    tokens = piece.split()
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token in abbreviations:
            if segments[-1]:
                segments.append([])
            segments[-1].append(token)
            segments.append([])
        else:
            segments[-1].append(token)
    return [" ".join(seg) for seg in segments if seg]


def clean_abbreviations(found: Mapping[str, str]) -> dict[str, str]:
    """A full name that starts with another abbreviation («ООА образовательные организации»
    for «ОО») lost a separator in the document: keep the part after it."""
    cleaned = {}
    for short, full in found.items():
        words = full.split()
        while len(words) > 1 and words[0] in found and words[0] != short:
            words = words[1:]
        cleaned[short] = " ".join(words)
    return cleaned


def expand(name: str, abbreviations: Mapping[str, str]) -> str:
    """«ООА» → «Отдел образования администрации города Зеи», also inside a longer name."""
    for short, full in abbreviations.items():
        if name == short:
            name = full
        else:
            name = re.sub(rf"(?<![А-ЯЁA-Zа-яё]){re.escape(short)}(?![А-ЯЁA-Zа-яё])", full, name)
    return name
