"""Who a «Ответственные» cell names: persons, roles, organisations.

«Якшина А.И., руководитель ОО; МОАУ СОШ № 1» → a person, a role, an organisation.
Splitting happens on commas, semicolons and line breaks, never inside quotes or
parentheses; abbreviations the document defines («(далее – ООА)») are expanded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.domain.models import Party, PartyKind

_QUOTES = re.compile(r"[«»\"'“”„‘’`]")
# «Якшина А.И.», «Федотова Н. Э», «А.И. Якшина»
_SURNAME_INITIALS = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.?)?$")
_INITIALS_SURNAME = re.compile(r"^[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$")
_FULL_NAME = re.compile(r"^[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|ич)$")
_ORGANIZATION = re.compile(
    r"^(?:[МГ]?[АБК]?[ОД]?[АБКО]?[ОУ]|МОАУ|МБОУ|МАОУ|МКОУ|МОБУ|ГАУ|ГБУ|ГАОУ|ГБОУ|ФГБОУ|ГАУ ДПО|ГБУ ДПО|МБУ|МКУ|МАУ|ЧОУ|АНО|ООО)"
    r"\s|\bСОШ\b|\bООШ\b|\bНОШ\b|лицей|гимнази|ИРО\b|АМИРО|ИПК|ЦНППМ|(?:^|\s)школа\b|детский сад|\bДОУ\b|\bДЮСШ\b"
    r"|\bЦДО\b|\bДДТ\b|университет|колледж|институт|центр\b|министерств|управлени|отдел\b|комитет|администраци",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"руководител|директор|заместител|координатор|специалист|педагог|учител|методист|эксперт|куратор|"
    r"психолог|ответственн|представител|член|председател|рабоч\w* групп|администраци\w* оо|классн",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(
    r"([А-ЯЁA-Z][^()]{3,200}?)\s*\(\s*далее\s*[-–—:]?\s*[«\"]?([А-ЯЁA-Z][А-ЯЁA-Zа-яё0-9 ]{0,15}?)[»\"]?\s*\)"
)


def normalize_party_name(name: str) -> str:
    """Stable key: case, ё, quotes, dots and spacing folded (same as storage's fallback)."""
    text = _QUOTES.sub("", name.casefold().replace("ё", "е")).replace(".", " ")
    text = re.sub(r"№\s*", "№ ", text)
    return " ".join(text.split())


def classify_party(name: str) -> PartyKind:
    text = " ".join(name.split()).strip(" .")
    if _SURNAME_INITIALS.match(text) or _INITIALS_SURNAME.match(text) or _FULL_NAME.match(text):
        return PartyKind.PERSON
    if _ROLE_WORDS.search(text):
        return PartyKind.ROLE
    if _ORGANIZATION.search(text):
        return PartyKind.ORGANIZATION
    return PartyKind.ROLE


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


def split_cell(cell: str) -> list[str]:
    """Split on , ; and line breaks outside quotes and parentheses."""
    parts, buffer, depth, quoted = [], [], 0, False
    for char in cell:
        if char in "«“":
            quoted = True
        elif char in "»”":
            quoted = False
        elif char == '"':
            quoted = not quoted
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in ",;\n" and depth == 0 and not quoted:
            parts.append("".join(buffer))
            buffer = []
            continue
        buffer.append(char)
    parts.append("".join(buffer))
    return [p for p in (_tidy(part) for part in parts) if p]


def _tidy(part: str) -> str:
    part = " ".join(part.split()).strip(" -–—")
    # A trailing dot ends an initial («А.И.») but is noise after a word («Педагоги ОО.»).
    if part.endswith(".") and not re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", part):
        part = part.rstrip(". ")
    return part


_PERSON_IN_TEXT = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.?)?")
_ORG_FORM = re.compile(r"(?<=\S)\s+(?=(?:МОАУ|МБОУ|МАОУ|МКОУ|МОБУ|ГАУ|ГБУ|ГАОУ|ГБОУ|МБУ|МКУ|МАУ)\s)")


def _initials_split(parts: list[str]) -> list[str]:
    """Cells written without separators: «МОАУ СОШ № 1 Якшина А.И. Постных Л.В.» is a
    school and two persons; «МОАУ ЦО МОАУ Лицей» two schools."""
    result = []
    for part in parts:
        names = [" ".join(n.split()) for n in _PERSON_IN_TEXT.findall(part)]
        rest = part
        for name in names:
            rest = rest.replace(name, " ", 1) if name in rest else re.sub(re.escape(name).replace("\\ ", r"\s*"), " ", rest, 1)
        rest = " ".join(rest.split()).strip(" ,.")
        if not names or (len(names) == 1 and not rest):
            result.extend(_ORG_FORM.split(part))
            continue
        if rest:
            result.extend(_ORG_FORM.split(rest))
        result.extend(_tidy(n) if n.endswith(".") else n.rstrip() + ("." if re.search(r"[А-ЯЁ]$", n.strip()) else "")
                      for n in names)
    return result


def _split_abbreviations(piece: str, abbreviations: Mapping[str, str]) -> list[str]:
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


def parse_parties(cell: str, abbreviations: Mapping[str, str] | None = None) -> list[Party]:
    parties: list[Party] = []
    seen: set[tuple[PartyKind, str]] = set()
    cell = re.sub(r"\s*\(\s*далее\s*[-–—:]?[^)]*\)", "", cell or "")  # the definition itself
    pieces = _initials_split(split_cell(cell))
    if abbreviations:
        pieces = [seg for piece in pieces for seg in _split_abbreviations(piece, abbreviations)]
    for raw in pieces:
        name = raw
        if abbreviations:
            for short, full in abbreviations.items():
                if name == short:
                    name = full
                else:
                    name = re.sub(rf"(?<![А-ЯЁA-Zа-яё]){re.escape(short)}(?![А-ЯЁA-Zа-яё])", full, name)
        kind = classify_party(name)
        key = (kind, normalize_party_name(name))
        if key not in seen:
            seen.add(key)
            parties.append(Party(kind=kind, name=name, normalized=key[1]))
    return parties
