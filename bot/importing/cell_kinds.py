"""What a cell's words look like: a deadline, a responsible party, a result.

Used where the table's own structure cannot be trusted (one cell per line, shifted cells).
Plain word lists on purpose: the deadline and party parsers decide what a cell *means*;
these only tell which column a piece of text belongs to, and must not move when those
parsers change."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

_MONTH = (r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн[ьяе]|июл[ьяе]|август\w*|сентябр\w*|октябр\w*"
          r"|ноябр\w*|декабр\w*)")
# A word that by itself makes a cell a deadline.
_CORE = re.compile(
    r"\d{1,2}\.\d{1,2}(?:\.\d{2,4})?|(?<!\d)20\d\d(?!\d)|\b" + _MONTH + r"\b"
    r"|\b(?:ежемесячн|еженедельн|ежеквартальн|ежегодн|ежедневн|ежечетвертн|постоянн|систематическ|регулярн"
    r"|четверт|полугоди|квартал|каникул|триместр)\w*"
    r"|\bв\s+течени[ие]\b|\bвесь\s+период|\bпо\s+мере\s+необходимост|\bпо\s+графику|\bпо\s+запросу"
    r"|\bпо\s+согласованию|\bв\s+сроки\b|\bраз\s+в\b|\b\d{1,2}\s*(?:-?го)?\s+числа\b"
    r"|\b(?:летом|осенью|зимой|весной|лето|осень|зима|весна)\b|\bв\s+период\b",
    re.IGNORECASE,
)
# Words a deadline cell is made of besides its core («до конца учебного года», «не позднее 3 числа»).
_FILLER = frozenset(
    "до к ко с со по в во на не позднее позже течение течении года год году годы гг г учебного учебный учебном "
    "всего весь всей период периода каждого каждый каждую каждой месяца месяц месяцев числа число неделю недели "
    "раз раза итогам итогов начала начало конца конец срок сроки ежегодно необходимости мере графику плану "
    "согласованию запросу за и или а также после перед окончания середина середины реализации программы проекта "
    "четверти четверть полугодия полугодие квартала квартал дня дней рабочих следующего отчётным отчетным "
    "понедельник понедельникам вторник среду четверг пятницу пятницам субботу i ii iii iv 1-й 2-й 3-й 4-й "
    "первой второй третьей четвертой четвёртой первого второго мероприятий года. уч уч. учебн".split()
)
_PERSON = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ](?:\.\s?[А-ЯЁ]\.?|\s[А-ЯЁ](?![А-ЯЁа-яё])|\.)"
    r"|(?<![А-ЯЁа-яё])[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁ][а-яё]{2,}"
)
# Persons' roles and bodies in the forms a «Ответственные» cell uses (not «педагогический»,
# «воспитательной», «экспертиза»).
_PARTY_WORDS = re.compile(
    r"руководител[ьия]|директор(?:а|ы)?\b|заместител|\bзам\.|\bзам\s|замдиректор|координатор|специалист"
    r"|педагог(?:и|ов)?\b|педагогическ\w+ работник|учител[ьяи]|методист|эксперт(?:ы|ов)?\b|куратор|психолог(?:и|ов)?\b"
    r"|логопед|дефектолог|тьютор(?:ы|ов)?\b|советник|классн\w* руковод|ответственн\w* (?:за|лиц)|представител[ьи]"
    r"|\bчлен|председател|рабоч\w* групп|администраци[яи]\b|инспектор|библиотекар|завуч|воспитател(?:ь|и|ей)\b"
    r"|наставник(?:и|ов)?\b|организатор|участники\b|секретар|комисси[яи]\b|организаци[ияйю]\b"
    r"|управлени\w* образовани|отдел\w* образовани|комитет|министерств"
    r"|\b(?:[МГ][БАК]?[ОД]?[АБКО]?У|МОАУ|МБОУ|МАОУ|МКОУ|МОБУ|ГБОУ|ГАУ|ГБУ|МБУ|МКУ|СОШ|ООШ|НОШ|ОО|ОУ|ОИВ|УО|ООА|РМК"
    r"|ШНОР|ИМЦ|ШМО|РМО|ММО|ЦНППМ|ИРО|ИПК|ЗДУВР|ЗДВР|ППЭ|РЦОИ|ГЭК)\b|лицей|гимнази",
    re.IGNORECASE,
)
_CAPS_ONLY = re.compile(r"^(?:[А-ЯЁ]{2,6}(?:-\d)?[\s,;]*)+$")
# What a «Результат» cell starts with: a short participle («Проведен», «Разработаны») or a
# document / figure noun.
_RESULT_START = re.compile(
    r"^(?:[А-ЯЁ][а-яё]{3,}(?:ен|ена|ено|ены|ён|ёна|ёно|ёны|ан|ана|ано|аны|ят|яты|ыт|ыта|ыты|ит)\b(?!\s+[А-ЯЁ]\.)"
    r"|(?:Протокол|Приказ|Справк|Аналитическ|Отч[её]т|Информаци|Повышени|Увеличени|Снижени|Наличи|Рост|Доля"
    r"|Методическ\w* рекомендац|План\b|Положени|Список|Списк|Перечень|Банк|Участие|Достижени|Положительн"
    r"|Результат|Выполнени|Обеспечени|Создание условий|Сформированн|Качественн)\w*"
    r"|\d+\s*%)"
)
_ACTION = re.compile(r"^[А-ЯЁ][а-яё]{3,}(?:ние|тие|ция|ка|ство)\b")  # «Проведение», «Подготовка»
_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z0-9][А-ЯЁа-яёA-Za-z0-9.\-]*")
_COMPOUND_PREPOSITIONS = frozenset(("во время", "в течение", "в течении", "в рамках", "в целях", "в ходе", "по итогам",
                                    "в том", "том числе", "в соответствии", "в части", "по вопросам"))
_PREPOSITIONS = frozenset(
    "и или в во на по с со к ко для о об от из за при через без а также не как между под над".split())


class Kind(Enum):
    DEADLINE = "deadline"
    PARTY = "party"
    RESULT = "result"
    OTHER = "other"


@lru_cache(maxsize=8192)
def deadline_strength(text: str) -> int:
    """2: the text is a deadline («до 15 мая», «В течение учебного года»); 1: it names one
    among other words; 0: no deadline in it."""
    text = " ".join(text.split())
    if not text or len(text) > 120 or not _CORE.search(text):
        return 0
    rest = _CORE.sub(" ", text)
    others = [w for w in _WORD.findall(rest) if w.casefold().strip(".-") not in _FILLER and not w[0].isdigit()]
    head = text.lstrip(" -–—•(«\"")
    words = _WORD.findall(head)
    # A deadline cell opens with its own words («до», «в течение», a month, a date), a result
    # naming a year («Определены цели на 2024 год») does not.
    opens = bool(_CORE.match(head)) or not words or words[0][0].isdigit() or words[0].casefold() in _FILLER
    return 2 if opens and (len(others) <= 2 or (len(others) <= 4 and len(text) <= 60)) else 1


def looks_like_result(text: str) -> bool:
    return bool(_RESULT_START.match(text.strip(" «\"-–—•"))) and not _PERSON.search(text[:40])


def looks_like_party(text: str) -> bool:
    """A person («Федотова Н. Э.», «Б.С. Муртазов»), a role or a body (incl. «ОО», «РМК»)."""
    text = text.strip()
    if not text or len(text) > 200 or deadline_strength(text) == 2 or looks_like_result(text):
        return False
    if _PERSON.search(text) or _CAPS_ONLY.match(text):
        return True
    found = _PARTY_WORDS.search(text)
    # «Размещение материалов на сайтах ОО» is an action naming a body, not a body
    return found is not None and (not _ACTION.match(text) or len(text[: found.start()].split()) < 3)


def ends_with_adjective(text: str) -> bool:
    """«… в неблагоприятных», «Диагностика профессиональных»: its noun is on the next line."""
    return bool(re.search(r"[а-яё]{3,}(?:ых|ого|его|ому|ему|ую|юю|ая|яя|ый|ые)$", text.rstrip()))


def has_person(text: str) -> bool:
    return _PERSON.search(text) is not None


def starts_with_role(text: str) -> bool:
    """«Отдел образования…», «Заместитель директора…», «Иванова И.И.»: a capitalised role, body
    or person opens the line (an abbreviation like «МОАУ ЦО» does not count: titles name schools)."""
    first = text.split()[0] if text.split() else ""
    return first[:1].isupper() and not first.isupper() and starts_as_party(text)


def starts_as_party(text: str) -> bool:
    """«классные руководители», «заместитель директора по УВР»: a role opens the line (a
    continuation like «компетенций педагогов МОАУ СОШ № 1» only mentions one)."""
    return looks_like_party(" ".join(text.split()[:2]))


def opens_with_action(text: str) -> bool:
    return _ACTION.match(text) is not None


@lru_cache(maxsize=8192)
def kind_of(text: str) -> Kind:
    if deadline_strength(text) == 2:
        return Kind.DEADLINE
    if looks_like_result(text):
        return Kind.RESULT
    if looks_like_party(text):
        return Kind.PARTY
    return Kind.OTHER


def ends_mid_phrase(text: str) -> bool:
    """A line that cannot end a cell: a hyphenated word break, a trailing preposition, an
    open bracket or quote."""
    text = text.rstrip()
    if re.search(r"[А-ЯЁа-яё]-$", text) or text.count("(") > text.count(")") or text.count("«") > text.count("»"):
        return True
    words = text.split()  # lowercase only: «Вакулина А. И» ends with an initial, not with «и»
    return bool(words) and (words[-1] in _PREPOSITIONS or " ".join(words[-2:]).casefold() in _COMPOUND_PREPOSITIONS)
