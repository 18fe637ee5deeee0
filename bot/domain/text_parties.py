"""People a program names in its text, outside the roadmap table.

The director who approves it («УТВЕРЖДАЮ Директор МБОУ СОШ № 3 ________ И.И. Иванова»),
the one responsible for it («Ответственный за реализацию программы – заместитель
директора по УВР Петрова А.А.»), its coordinator or project head. Each comes back with a
short reason the coordinator can read; when only a position is named
(«Ответственный – заместитель директора по УВР») that role comes back instead.
"""

from __future__ import annotations

import re

from bot.domain.models import Party, PartyKind
from bot.domain.parties import classify_party, is_position, names_a_role, normalize_party_name, split_cell
from bot.domain.person_names import find_persons

REASON = "назван в тексте программы: {}"
_SIGNATURE = re.compile(r"(?<![А-ЯЁа-яё])(утверждаю|утвержден[оа]?|согласован[оа]?)(?![А-ЯЁа-яё])", re.IGNORECASE)
_SIGNATURE_REASON = {"утвер": "утверждает", "согла": "согласовывает"}
_SIGNATURE_LINES = 6  # how far below each «УТВЕРЖДАЮ» its signature may sit
_TITLE = re.compile(r"^\s*(?:ПРОГРАММА|ПОЛОЖЕНИЕ|ПЛАН|ДОРОЖНАЯ|ПАСПОРТ|СОДЕРЖАНИЕ)\b")
_NUMBERING = r"^[\s*_]*(?:\d+(?:\.\d+)*\.?\s+|[-•·–]\s*)?"
# A label, then what it names. Labels that are also ordinary sentence starts need a
# separator («Ответственный за …: …»); the others may be followed by the name directly.
_LABELS = [
    # «Школьным координатором Программы является заместитель директора по УВР»
    re.compile(_NUMBERING + r"(?P<label>(?:[А-ЯЁа-яё]+[ыи]м\s+)?(?:координатор|куратор|руководител|ответственн)\w*"
               r"(?:\s+(?:за\s+[^\t]{1,60}?\s+)?(?:реализации\s+)?(?:программы|проекта))?)"
               r"\s+(?:является|назначен[аы]?)\s+(?P<value>.*)$", re.IGNORECASE),
    re.compile(_NUMBERING + r"(?P<label>ответственн\w*(?:\s+за\s+[^:–—\t]{1,80}?)?)"
               r"\s*(?:[:–—\t]|\s-\s)\s*(?P<value>.*)$", re.IGNORECASE),
    re.compile(_NUMBERING + r"(?P<label>(?:координатор|куратор)\w*(?:\s+(?:реализации\s+)?(?:программы|проекта))?)"
               r"\s*[:–—\t-]?\s*(?P<value>.*)$", re.IGNORECASE),
    re.compile(_NUMBERING + r"(?P<label>руководител\w*\s+(?:программы|проекта|рабочей\s+группы))"
               r"\s*[:–—\t-]?\s*(?P<value>.*)$", re.IGNORECASE),
    re.compile(_NUMBERING + r"(?P<label>разработчик\w*(?:\s+программы)?)\s*[:–—\t-]?\s*(?P<value>.*)$", re.IGNORECASE),
    re.compile(_NUMBERING + r"(?P<label>директор(?![а-яё])(?:\s+(?:школы|гимназии|лицея|учреждения|ОО|ОУ))?)"
               r"\s*[:–—\t-]?\s*(?P<value>.*)$", re.IGNORECASE),
]
# «Ответственные за реализацию программы» over a numbered list of people.
_HEADING = re.compile(
    r"^(?!.*\s[-–—]\s)[\s*_#]*(?P<label>(?:ответственн|разработчик|исполнител|координатор|куратор)\w*"
    r"(?:\s+[^\s:;,\t*]+){0,7}?)[\s*_]*(?P<colon>:)?[\s*_]*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^[\s*_]*(?:[-•·–]\s*)?\d+(?:\.\d+)*[.)]?\s*")
_ROLE_ALLOWED = ("ответствен", "координатор", "куратор", "руководител")
# «школьным координатором» → «школьный координатор», «руководителем» → «руководитель»
_INSTRUMENTAL = [(re.compile(r"(\w)[ыи]м\b"), r"\1ый"), (re.compile(r"(\w)ом\b"), r"\1"),
                 (re.compile(r"(\w)ем\b"), r"\1ь")]
_VERB_LIKE = re.compile(r"^(?![а-яё]*(?:совет|предмет|кабинет|бюджет|институт|персонал|материал|филиал|сайт)$)"
                        r"[а-яё]{3,}(?:ет|ит|ют|ят|ется|ится|ут|ал|ала|али)$")
_LONG_LINE = 100  # signature lines are short; a longer line is prose
_SIGNATURE_WIDTH = 60


def find_text_parties(lines: list[str]) -> list[tuple[Party, str]]:
    found: list[tuple[Party, str]] = []
    seen: set[tuple[PartyKind, str]] = set()

    def add(kind: PartyKind, name: str, reason: str) -> None:
        key = (kind, normalize_party_name(name))
        if key not in seen:
            seen.add(key)
            found.append((Party(kind=kind, name=name, normalized=key[1]), REASON.format(reason)))

    for index, line in enumerate(lines):
        signed = _signatures(lines, index)
        for name, reason in signed:
            add(PartyKind.PERSON, name, reason)
        if signed or _signature_keywords(line):
            continue
        for kind, name, reason in _labelled(lines, index):
            add(kind, name, reason)
    return found


def _signature_keywords(line: str) -> list[str]:
    """«УТВЕРЖДАЮ», «Согласовано:» heading a signature block (capitals, or first on the line)."""
    reasons = []
    for match in _SIGNATURE.finditer(line):
        word = match.group(1)
        before = line[:match.start()]
        starts_line = not re.sub(r"[\s«»\"'“”:]", "", before.split("\t")[-1])
        if word.isupper() or starts_line or before.rstrip().endswith(("«", '"', "“")):
            reasons.append(_SIGNATURE_REASON[word[:5].casefold()])
    return reasons


def _signatures(lines: list[str], index: int) -> list[tuple[str, str]]:
    """Persons signing under the keywords on line index. Blocks side by side («СОГЛАСОВАНО
    УТВЕРЖДАЮ» on one line or two) sign in the same order below."""
    keywords = _signature_keywords(lines[index])
    if not keywords or (index > 0 and _only_keywords(lines[index - 1]) and _only_keywords(lines[index])):
        return []  # read with the keyword line above
    same_line, taken = _SIGNATURE.split(lines[index])[-1], 0
    persons = _signers([same_line])
    for line in lines[index + 1:]:
        if len(persons) >= len(keywords):
            break
        if _signature_keywords(line):
            if taken == 0 and _only_keywords(line) and not same_line.strip():
                keywords += _signature_keywords(line)  # the second block's keyword just below
                continue
            break
        if (taken >= _SIGNATURE_LINES * len(keywords) or _TITLE.match(line) or len(line) > _LONG_LINE
                or _starts_a_label(line)):
            break
        if line.strip():
            persons += _signers([line])
            taken += 1
    return list(zip(persons, keywords))


def _signers(lines: list[str]) -> list[str]:
    return [person.name for text in lines for part in text.split("\t") for person in find_persons(part)]


def _only_keywords(line: str) -> bool:
    return bool(_signature_keywords(line)) and not re.sub(r"[\W_]", "", _SIGNATURE.sub("", line))


def _starts_a_label(line: str) -> bool:
    return any(pattern.match(line) for pattern in _LABELS[:-1])  # «Директор …» belongs to the block


def _labelled(lines: list[str], index: int) -> list[tuple[PartyKind, str, str]]:
    heading = _HEADING.match(lines[index])
    if heading and (heading.group("colon") or len(heading.group("label").split()) > 1):
        label = " ".join(heading.group("label").split()).casefold()
        listed = _listed_below(lines, index)
        if listed:
            return [(PartyKind.PERSON, name, label) for name in listed]
    for number, pattern in enumerate(_LABELS):
        match = pattern.match(lines[index])
        if not match:
            continue
        label = " ".join(match.group("label").split()).casefold()
        if number == 0:  # «координатором программы является …»: the label in the nominative
            for ending, nominative in _INSTRUMENTAL:
                label = ending.sub(nominative, label)
        value = match.group("value").strip()
        below = next((line.strip() for line in lines[index + 1:index + 3] if line.strip()), "")
        if not value:  # a passport table: the label on one line, the value on the next
            value = below
        persons = _persons_in(value)
        if not persons and classify_party(value) is PartyKind.ORGANIZATION and len(below) <= _SIGNATURE_WIDTH:
            persons = _persons_in(below)  # «Директор МАОУ «Волковская СОШ»», the name on the next line
        if persons:
            return [(PartyKind.PERSON, name, label) for name in persons]
        role = _role_in(value) if any(word in label for word in _ROLE_ALLOWED) else None
        return [(PartyKind.ROLE, role, label)] if role else []
    return []


def _listed_below(lines: list[str], index: int) -> list[str]:
    """The persons of the numbered list under a heading (which may wrap over a few lines)."""
    names: list[str] = []
    for line in lines[index + 1:index + 16]:
        if not line.strip(" *_"):
            if names:
                break
            continue
        found = _persons_in(_LIST_ITEM.sub("", line).strip(" *_")) if _LIST_ITEM.match(line) else []
        if not found and names:
            break
        names += found
    return names


def _persons_in(value: str) -> list[str]:
    """Persons of a labelled value, each standing with at most a position or a school."""
    names = []
    for piece in split_cell(value.replace("\t", ";")):
        found = find_persons(piece)
        if not found:
            if not (_may_stand_beside_a_name(piece) or classify_party(piece) is PartyKind.ORGANIZATION):
                break  # a sentence, not a list of people
            continue
        beside = [piece[:found[0].start], *(piece[a.end:b.start] for a, b in zip(found, found[1:])),
                  piece[found[-1].end:]]
        if not all(_may_stand_beside_a_name(" ".join(re.sub(r"[_:–—()/]+", " ", text).split()))
                   for text in beside):
            break
        names += [person.name for person in found]
    return names


def _may_stand_beside_a_name(text: str) -> bool:
    """A position («заместитель директора по УВР») or a school («МБОУ СОШ № 3»), not a sentence."""
    words = text.split()
    if len(words) > 10 or any(_VERB_LIKE.match(word) for word in words):
        return False
    return not words or is_position(text) or names_a_role(text) or all(not word[0].islower() for word in words)


def _role_in(value: str) -> str | None:
    """«заместитель директора по УВР» when a position is all the label names."""
    pieces = split_cell(value)
    if not pieces:
        return None
    role = pieces[0]
    if len(role.split()) > 8 or classify_party(role) is not PartyKind.ROLE:
        return None
    return role if names_a_role(role) and _may_stand_beside_a_name(role) else None
