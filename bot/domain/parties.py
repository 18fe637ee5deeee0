"""Who a «Ответственные» cell names: persons, roles, organisations.

«Якшина А.И., руководитель ОО; МОАУ СОШ № 1» → a person, a role, an organisation.
Splitting happens on commas, semicolons, line breaks and full stops between parties,
never inside quotes or parentheses, and between names written in a row
(«А.С.Петренко О.Н.Кравец»). A person always comes out as «Фамилия И.О.»; a position
written with a name («заместитель директора по УВР Иванова И.И.») is that person;
groups («классные руководители») are roles; counts and classes («11 классов») are no
party. Abbreviations the document defines («(далее – ООА)») are expanded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.domain.abbreviations import clean_abbreviations, expand, find_abbreviations, split_abbreviations
from bot.domain.models import Party, PartyKind
from bot.domain.person_names import find_persons, person_name

__all__ = [
    "classify_party", "clean_abbreviations", "find_abbreviations", "is_position", "names_a_role",
    "normalize_party_name", "parse_parties", "split_cell",
]

_QUOTES = re.compile(r"[«»\"'“”„‘’`]")
_ORGANIZATION = re.compile(
    r"^(?:[МГ]?[АБК]?[ОД]?[АБКО]?[ОУ]|МОАУ|МБОУ|МАОУ|МКОУ|МОБУ|ГАУ|ГБУ|ГАОУ|ГБОУ|ФГБОУ|ГАУ ДПО|ГБУ ДПО|МБУ|МКУ|МАУ|ЧОУ|АНО|ООО)"
    r"\s|\bСОШ\b|\bООШ\b|\bНОШ\b|лицей|гимнази|ИРО\b|АМИРО|ИПК|ЦНППМ|(?:^|\s)школа\b|детский сад|\bДОУ\b|\bДЮСШ\b"
    r"|\bЦДО\b|\bДДТ\b|университет|колледж|институт|центр\b|министерств|управлени|отдел\b|комитет|администраци"
    r"|^О[ОУ]$|федеральн\w* организатор|^орган\w* (?:исполнительн|местного|государственн)",
    re.IGNORECASE,
)
# A legal form first («МБОУ ДО «Центр психолого-педагогической помощи»») is a body even
# when a role word follows.
_LEGAL_FORM_FIRST = re.compile(
    r"^(?:[МГ]?[АБК]?[ОД]?[АБК]?ОУ|МОАУ|МОБУ|М[АБК]?ДОУ|МБУ|МКУ|МАУ|ГАУ|ГБУ|ГКУ|ФГ[АБ]ОУ|[ОК]Г[АБК]ОУ|ЧОУ|АНО|ООО)"
    r"(?:\s*ДО|\s*ДПО)?\b"
)
_ROLE_WORDS = re.compile(
    r"руководител|директор|заместител|координатор|специалист|педагог|учител|методист|эксперт|куратор|"
    r"психолог|ответственн|представител|член|председател|рабоч\w* групп|администраци\w* оо|классн|"
    r"обучающ|учащ|ученик|школьник|выпускник|родител|студент|коллектив|завуч|тьютор|вожат|библиотекар|"
    r"логопед|дефектолог|советник|секретар|начальник|заведующ|инспектор|преподавател|воспитател|"
    r"\bзам\b|\bи\.\s?о\.",
    re.IGNORECASE,
)
_ROLE_ABBREVIATION = re.compile(r"\bЗД[А-ЯЁ]{1,4}\b")  # ЗДУВР, ЗДВР: a deputy director
# The school's own administration is its staff (a role); a town's administration is a body.
_SCHOOL_ADMINISTRATION = re.compile(
    r"^администраци\w*(?:\s*$|\s*\(|\s+(?:оо|оу|школ|лице|гимнази|образовательн|учреждени|организаци"
    r"|м[абк]?[бо]?оу|моау|мобу|сош|оош|детск))",
    re.IGNORECASE,
)
_PARTICIPLE_AFTER = re.compile(r"\s*[а-яё]+(?:ющ|ащ|ящ|вш)(?:ие|ий|ая|ее|их)\b")
_NEAR = 40  # how far around a separator to look (a window keeps long cells linear)
# Words cut short with a dot that never end a party («зам. директора», «им. Пушкина»).
_SHORTENED = {"зам", "им", "ст", "кл", "ул", "пос", "обл", "рук", "пед", "зав", "нач", "гл", "вед", "спец", "соц",
              "дир", "уч", "шк", "гг", "мед", "доп", "проф", "тел", "каб", "отв", "руковод", "замдир", "ио"}
# Counts, classes and frequencies that land in the column: «11 классов», «5-9 классы»,
# «100%», «1 раз в месяц».
_COUNT = re.compile(
    r"^\d[\d\s,.;/–—-]*(?:-?(?:х|е|ые|ых|ти|ми))?\s*(?:[«\"]?[А-ЯЁа-яё][»\"]?\s+)?"
    r"(?:кл\.?|класс\w*|параллел\w*|чел\.?|человек\w*|%|раза?\b.*|ед\.?|шт\.?)?\s*$",
    re.IGNORECASE,
)


def normalize_party_name(name: str) -> str:
    """Stable key: case, ё, quotes, dots and spacing folded (same as storage's fallback)."""
    text = _QUOTES.sub("", name.casefold().replace("ё", "е")).replace(".", " ")
    text = re.sub(r"№\s*", "№ ", text)
    return " ".join(text.split())


def classify_party(name: str) -> PartyKind:
    text = " ".join(name.split()).strip(" .")
    if person_name(text):
        return PartyKind.PERSON
    if _LEGAL_FORM_FIRST.match(text):
        return PartyKind.ORGANIZATION
    if names_a_role(text):
        return PartyKind.ROLE
    if _ORGANIZATION.search(text):
        return PartyKind.ORGANIZATION
    return PartyKind.ROLE


def names_a_role(text: str) -> bool:
    """A position or a group of people is named: «учителя-предметники», «ЗДУВР», «администрация школы»."""
    return bool(_ROLE_WORDS.search(text) or _ROLE_ABBREVIATION.search(text) or _SCHOOL_ADMINISTRATION.match(text))


def split_cell(cell: str) -> list[str]:
    """Split on , ; and line breaks outside quotes and parentheses («9, 11 классы» stays whole)."""
    parts, buffer, depth, quoted = [], [], 0, False
    for index, char in enumerate(cell):
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
        if depth == 0 and not quoted and (char in ";\n" or (char == "," and _splits_at_comma(cell, index))
                                          or (char == "." and _ends_a_sentence(cell, index))):
            parts.append("".join(buffer))
            buffer = []
            continue
        buffer.append(char)
    parts.append("".join(buffer))
    return [p for p in (_tidy(part) for part in parts) if p]


def _splits_at_comma(text: str, index: int) -> bool:
    """Not in «9, 11 классы», nor before a participle that describes the body before it
    («Органы исполнительной власти, осуществляющие управление в сфере образования»)."""
    before, after = text[max(0, index - _NEAR):index], text[index + 1:index + 1 + _NEAR]
    if re.search(r"\d\s*$", before) and re.match(r"\s*\d", after):
        return False
    return not _PARTICIPLE_AFTER.match(after)


def _ends_a_sentence(text: str, index: int) -> bool:
    """«Директор ОО. Зам.директора по УВР» is two parties; «зам. директора», «И.И. Иванова»
    and «им. Пушкина» are not split."""
    before = re.search(r"(?:([А-ЯЁа-яёA-Za-z]+)|[»)])$", text[max(0, index - _NEAR):index])
    if not before or (before.group(1) and (len(before.group(1)) < 2 or before.group(1).casefold() in _SHORTENED)):
        return False
    return bool(re.match(r"\s*[А-ЯЁ][А-ЯЁа-яё]", text[index + 1:index + 1 + _NEAR]))


def _tidy(part: str) -> str:
    part = " ".join(part.split()).strip(" -–—")
    # A trailing dot ends an initial («А.И.») but is noise after a word («Педагоги ОО.»).
    if part.endswith(".") and not re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", part):
        part = part.rstrip(". ")
    return part


_ORG_FORM = re.compile(r"(?<=\S)\s+(?=(?:МОАУ|МБОУ|МАОУ|МКОУ|МОБУ|ГАУ|ГБУ|ГАОУ|ГБОУ|МБУ|МКУ|МАУ)\s)")
# What stands beside a name and only describes that person: «заместитель директора по УВР
# Иванова И.И.», «Иванова И.И. – зам. директора», «директор МБОУ СОШ № 3 Петров П.П.».
# Singular only: «Руководители МТГ» beside a name is a group of its own.
_POSITION = re.compile(
    r"^(?:и\.?\s?о\.?(?:\s|$)|(?:\S+\s+){0,2}?(?:зам|заместитель|замдиректора|директор|руководитель|учитель|педагог"
    r"|психолог|логопед|дефектолог|методист|завуч|советник|координатор|куратор|председатель|секретарь|библиотекарь"
    r"|ответственн(?:ый|ая)|специалист|инспектор|тьютор|вожат(?:ый|ая)|начальник|заведующ(?:ий|ая)|эксперт|член"
    r"|преподаватель|воспитатель|консультант|организатор|инструктор)(?![а-яё]))",
    re.IGNORECASE,
)
_NOISE_BESIDE_NAME = re.compile(r"^(?:и|а также|совместно с|с|при участии|по согласованию|ФИО|Ф\.И\.О)$", re.IGNORECASE)


def _around_persons(part: str) -> tuple[list[str], list[str]]:
    """(the other pieces, the persons) of one piece. Several names may stand in a row with
    no separator («МОАУ СОШ № 1 Якшина А.И. Постных Л.В.»: a school and two persons); a
    position written with a name is that person, not a second party."""
    persons = find_persons(part)
    if not persons:
        return _split_organizations(part), []
    others, cursor = [], 0
    for found in persons:
        others.append(part[cursor:found.start])
        cursor = found.end
    others.append(part[cursor:])
    kept = [piece for number, raw in enumerate(others) if not _describes_a_name(raw, after_a_name=number > 0)
            for piece in _split_organizations(_trim(raw))]
    return kept, [found.name for found in persons]


def _describes_a_name(raw: str, *, after_a_name: bool) -> bool:
    """Nothing, a position, or words set off after a name by a dash or a bracket
    («Сидорова Т.А., Орлова Е.В. – учителя русского языка»)."""
    text = _trim(raw)
    if not text or is_position(text):
        return True
    return after_a_name and bool(re.match(r"\s*(?:[-–—]|\()", raw)) and names_a_role(text)


def _split_organizations(text: str) -> list[str]:
    """«МОАУ ЦО МОАУ Лицей» is two schools; «Администрация МБОУ СОШ № 3» stays one piece."""
    pieces: list[str] = []
    for piece in _ORG_FORM.split(text):
        if pieces and classify_party(pieces[-1]) is not PartyKind.ORGANIZATION:
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


def is_position(text: str) -> bool:
    """«заместитель директора по УВР», «ЗДУВР», «по согласованию»: words that only describe
    the person they stand beside."""
    return bool(_NOISE_BESIDE_NAME.match(text) or _POSITION.match(text) or _ROLE_ABBREVIATION.match(text))


def _trim(text: str) -> str:
    """What is left beside the names, without separators and the halves of a bracket that
    held a name («ШМО учителей начальных классов (рук. Иванова И.И.)»)."""
    text = " ".join(text.split()).strip(" ,.;:/_\t-–—")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    elif text.count("(") != text.count(")"):
        text = re.sub(r"^[^(]*\)|\([^)]*$", "", text)
    return text.strip(" ,.;:/_-–—")


def parse_parties(cell: str, abbreviations: Mapping[str, str] | None = None) -> list[Party]:
    parties: list[Party] = []
    seen: set[tuple[PartyKind, str]] = set()

    def add(kind: PartyKind, name: str) -> None:
        key = (kind, normalize_party_name(name))
        if key not in seen:
            seen.add(key)
            parties.append(Party(kind=kind, name=name, normalized=key[1]))

    cell = re.sub(r"\s*\(\s*далее\s*[-–—:]?[^)]*\)", "", cell or "")  # the definition itself
    for part in split_cell(cell):
        if _not_a_party(part):
            continue
        others, persons = _around_persons(part)
        if abbreviations:
            others = [seg for piece in others for seg in split_abbreviations(piece, abbreviations)]
        for raw in others:
            name = expand(raw, abbreviations) if abbreviations else raw
            if not _not_a_party(name):
                add(classify_party(name), person_name(name) or name)
        for name in persons:
            add(PartyKind.PERSON, name)
    return parties


def _not_a_party(text: str) -> bool:
    """An empty dash, a count or a class: «—», «11 классов», «100%», «1 раз в месяц»."""
    return not re.search(r"[А-ЯЁа-яёA-Za-z]", text) or bool(_COUNT.match(text))
