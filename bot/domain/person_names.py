"""Person names inside a «Ответственные» cell or a line of program text.

Russian documents write a person as «Петренко А.С.», «А.С.Петренко», «Карабибер Г Б»,
«Иванова И. И.» or «Иванова Ирина Ивановна», often several in a row with no separator
(«А.С.Петренко О.Н.Кравец»). Every found name is given back as «Фамилия И.О.».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Latin capitals that look like Cyrillic ones turn up in initials typed on a Latin layout.
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTX", "АВЕКМНОРСТХ")

_TOKEN = re.compile(
    r"(?P<initial>[А-ЯЁ](?:\.|(?![А-ЯЁа-яёA-Za-z0-9]))|[ABEKMHOPCTX]\.)"
    r"|(?P<word>[А-ЯЁа-яёA-Za-z0-9]+(?:-[А-ЯЁа-яёA-Za-z0-9]+)*)"
    r"|(?P<other>\S)"
)
_CAPITALISED = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*$")
_PATRONYMIC = re.compile(r"(?:вич|ич|вна|чна)$")
# Capitalised words that stand next to initials but are never a surname: positions,
# bodies, months, document words. Exact forms where a stem would also be a surname
# («Школьников», «Советов», «Замятина»).
_NOT_A_SURNAME = re.compile(
    r"^(?:директор\w*|заместител\w*|зам|зав|замдиректора|руководител\w*|учител\w*|педагог\w*|психолог\w*"
    r"|логопед\w*|дефектолог\w*|классн\w*|социальн\w*|администраци\w*|управлени\w*|отдел[аеу]?|школ[аыеу]|школой"
    r"|лице[йяюе]|гимнази\w*|муниципальн\w*|специалист\w*|координатор\w*|методист\w*|совет(?:а|у|ом|е|ы|ник\w*)?"
    r"|комитет\w*|министерств\w*|рабоч\w*|член\w*|участник\w*|обучающ\w*|учащ\w*|ученик\w*|родител\w*"
    r"|председател\w*|ответственн\w*|куратор\w*|эксперт\w*|центр\w{0,2}|утвержд\w*|согласов\w*|приказ\w*"
    r"|программ\w*|проект\w*|завуч\w*|тьютор\w*|вожат\w*|библиотекар\w*|секретар\w*|начальник\w*|заведующ\w*"
    r"|инспектор\w*|преподавател\w*|воспитател\w*|главн\w*|ведущ\w*|старш\w*|все|всех|январ\w*|феврал\w*"
    r"|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|протокол\w*"
    r"|педсовет\w*|коллектив\w*|групп\w*|кафедр\w*|организатор\w*|представител\w*|инструктор\w*|совместно"
    r"|ответственные|исполнител\w*|разработчик\w*|дата|подпись|печать)$"
)
# «школа им. А.С. Пушкина», «им. А. Асеева и Ю. Голикова»: a name inside a school's name.
_NAMED_AFTER = re.compile(r"(?:\bим\.|\bимени)\s*$", re.IGNORECASE)
_AND_BETWEEN = re.compile(r"^\s*(?:и|,)\s*$")

NAME_SCORE, DANGLING_INITIAL = 10, 3


@dataclass(frozen=True)
class _Token:
    kind: str  # initial | word | other
    text: str
    start: int
    end: int

    @property
    def dotted(self) -> bool:
        return self.text.endswith(".")

    @property
    def letter(self) -> str:
        return self.text[0].translate(_LATIN_TO_CYRILLIC)

    @property
    def surname_like(self) -> bool:
        return (self.kind == "word" and bool(_CAPITALISED.match(self.text))
                and not _NOT_A_SURNAME.match(self.text.casefold()))

    @property
    def patronymic_like(self) -> bool:
        return self.surname_like and bool(_PATRONYMIC.search(self.text))


@dataclass(frozen=True)
class PersonMatch:
    name: str  # «Фамилия И.О.»
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup or "other", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _initials_ok(initials: list[_Token], *, before: bool) -> bool:
    """One initial needs its dot; two may go without («Карабибер Г Б»), except before a
    surname where undotted capitals are more likely class letters than initials."""
    if any(t.dotted for t in initials):
        return True
    return len(initials) == 2 and not before


def _name_at(tokens: list[_Token], i: int, orientations: str) -> tuple[int, str] | None:
    """The name starting at token i, if one does: (tokens used, «Фамилия И.О.»)."""
    def initials_from(j: int) -> list[_Token]:
        found = []
        while j < len(tokens) and tokens[j].kind == "initial" and len(found) < 2:
            found.append(tokens[j])
            j += 1
        return found

    token = tokens[i]
    if token.surname_like:
        after = initials_from(i + 1)
        if "a" in orientations and after and _initials_ok(after, before=False):
            return 1 + len(after), _format(token.text, [t.letter for t in after])
        words = tokens[i:i + 3]
        if len(words) == 3 and all(w.surname_like for w in words):
            if words[2].patronymic_like and not words[1].patronymic_like:  # Иванова Ирина Ивановна
                return 3, _format(words[0].text, [words[1].text[0], words[2].text[0]])
            if words[1].patronymic_like and not words[2].patronymic_like:  # Ирина Ивановна Иванова
                return 3, _format(words[2].text, [words[0].text[0], words[1].text[0]])
    if token.kind == "initial" and "b" in orientations:
        initials = initials_from(i)
        j = i + len(initials)
        if j < len(tokens) and tokens[j].surname_like and _initials_ok(initials, before=True):
            return len(initials) + 1, _format(tokens[j].text, [t.letter for t in initials])
    return None


def _best_cover(tokens: list[_Token], orientations: str) -> tuple[int, list[tuple[int, int, str]]]:
    """Dynamic programming over the tokens: most names, fewest initials left over."""
    score = [0] * (len(tokens) + 1)
    step: list[tuple[int, str] | None] = [None] * len(tokens)  # (tokens used, name) where a name starts
    for i in range(len(tokens) - 1, -1, -1):
        score[i] = score[i + 1] - (DANGLING_INITIAL if tokens[i].kind == "initial" else 0)
        found = _name_at(tokens, i, orientations)
        if found is not None and score[i + found[0]] + NAME_SCORE >= score[i]:  # a tie goes to the name
            score[i], step[i] = score[i + found[0]] + NAME_SCORE, found
    names, i = [], 0
    while i < len(tokens):
        if step[i] is None:
            i += 1
            continue
        used, name = step[i]
        names.append((i, i + used, name))
        i += used
    return score[0], names


def find_persons(text: str) -> list[PersonMatch]:
    """Every person named in text, in order. A whole piece is read one way when it can be
    («А.С.Петренко О.Н.Кравец» is two names with initials first, not «Петренко О.Н.»)."""
    tokens = _tokens(text)
    if not any(t.kind == "initial" for t in tokens) and not any(t.patronymic_like for t in tokens):
        return []
    # Surname-first, initials-first, then mixed: the first of the best scores wins.
    _, names = max((_best_cover(tokens, way) for way in ("a", "b", "ab")), key=lambda found: found[0])
    matches, skipping, previous_end = [], False, 0
    for first, last, name in names:
        start, end = tokens[first].start, tokens[last - 1].end
        between, previous_end = text[previous_end:start], end
        if _NAMED_AFTER.search(text[max(0, start - 12):start]) or (skipping and _AND_BETWEEN.match(between)):
            skipping = True  # part of the school's name, not a person
            continue
        skipping = False
        matches.append(PersonMatch(name=name, start=start, end=end))
    return matches


def person_name(text: str) -> str | None:
    """«Фамилия И.О.» when the whole text is one person's name, else None."""
    found = find_persons(text)
    if len(found) != 1:
        return None
    rest = text[:found[0].start] + text[found[0].end:]
    return found[0].name if not rest.strip(" .,") else None


def _format(surname: str, initials: list[str]) -> str:
    return f"{surname} {''.join(letter.upper() + '.' for letter in initials)}"
