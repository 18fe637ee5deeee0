"""Russian for what `bot.domain.program_file_schema` finds wrong: one «где: что не так»
line per pydantic error, the place named as a person finds it in the file
(«мероприятие 1.2, строка 5, поле deadline.due», «поле period.end», «поле sections[2]»)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.models import PartyKind, ScheduleKind
from bot.domain.program_file_fields import scalar_text

_KINDS = ", ".join(k.value for k in ScheduleKind)
_PARTY_KINDS = ", ".join(k.value for k in PartyKind)

# By error type, or «type:field» where a field needs words of its own («field[]»: an item of a list).
_MESSAGES = {
    "extra_forbidden": "неизвестное поле «{field}» (допустимы: {allowed}). Проверьте написание.",
    "missing": "не заполнено.",
    "missing:period": "не заполнено. Пример: period: {{start: 2023-09-01, end: 2024-08-31}}",
    "missing:deadline": "не заполнено. Напишите срок как в документе: deadline: до 30.09.2023",
    "text_type": "ожидается текст.",
    "number_type": "ожидается номер как в документе, например '1.2'.",
    "bool_type": "ожидается true или false, а написано «{input}».",
    "date_with_time": "«{input}» — нужна дата без времени, например 2023-09-30.",
    "not_a_date": "«{input}» — не дата; пишите ГГГГ-ММ-ДД, например 2023-09-30.",
    "end_before_start": "конец ({end:%Y-%m-%d}) раньше начала ({start:%Y-%m-%d}).",
    "timezone": "«{input}» — неизвестный часовой пояс; пример: Europe/Moscow, Asia/Yekaterinburg.",
    "period_text": "«{input}» — пишите start и end, например start: 2023-09-01, end: 2024-08-31.",
    "organization": "ожидается название организации.",
    "organization_twice": "«{name}» указана дважды.",
    "unknown_section": "раздела «{section}» нет в списке sections — добавьте его туда или исправьте название.",
    "source_lines": "«{input}» — ожидаются номера первой и последней строки, например [12, 14].",
    "party_kind": f"«{{input}}» — допустимы: {_PARTY_KINDS}.",
    "schedule_kind": f"«{{input}}» — такого вида срока нет; допустимы: {_KINDS}.",
    "kind_missing": (
        f"не указан вид срока, а даты ({{fields}}) указаны. Укажите kind ({_KINDS}) "
        "или удалите даты, чтобы срок вычислился из text."
    ),
    "text_missing": "не заполнено: нужен срок, как он написан в документе.",
    "deadline_text": "не удалось понять срок «{text}» ({error}). Укажите kind и даты вручную.",
    "due_one": "для kind: date нужна ровно одна дата, например due: [2023-09-30].",
    "due_needed": "для kind: {kind} нужны даты в due (для period хватит end).",
    "due_unwanted": "у срока kind: {kind} не бывает дат due — удалите их или смените kind.",
    "due_twice": "даты повторяются.",
    "model_type:": "ожидаются поля программы (title, period, activities, …), а найдено другое.",
    "model_type:period": "ожидаются поля start и end.",
    "list_type:organizations": "ожидается список школ, по одной в строке, начиная с «- ».",
    "list_type:sections": "ожидается список разделов с полями number и title.",
    "model_type:sections[]": "ожидаются поля number и title.",
    "list_type:activities": "ожидается список мероприятий (каждое начинается с «- »).",
    "model_type:activities[]": "ожидаются поля number, title, deadline, …",
    "list_type:named_in_text": "ожидается список людей и ролей, названных в тексте программы (name, kind, reason).",
    "model_type:named_in_text[]": "ожидаются поля name, kind и reason.",
    "list_type:responsible": "ожидается список: - kind: role\n      name: Руководитель ОО",
    "model_type:responsible[]": f"ожидаются поля kind ({_PARTY_KINDS}) и name.",
    "model_type:deadline": "ожидается текст срока или поля text, kind, start, end, due.",
}


def describe_problems(errors: Sequence[Any], document: object) -> list[str]:
    """`ValidationError.errors()` of `check_program_file(document)` as «где: что не так»."""
    return [f"{_where(error['loc'], document, error['type'])}: {_what(error)}" for error in errors]


def _what(error: Any) -> str:
    loc = error["loc"]
    field = ""
    if loc:
        field = f"{loc[-2]}[]" if isinstance(loc[-1], int) else str(loc[-1])
    template = _MESSAGES.get(f"{error['type']}:{field}") or _MESSAGES.get(error["type"])
    if template is None:  # not expected: every check above has its words
        return str(error["msg"])
    return template.format(**(error.get("ctx") or {}), input=error.get("input"), field=field)


def _where(loc: Sequence[str | int], document: object, kind: str) -> str:
    if kind == "extra_forbidden":  # an unknown field is reported at the entry holding it
        loc = loc[:-1]
        if not loc:
            return "программа"
    if not loc:
        return "начало файла"
    if loc[0] == "activities" and len(loc) > 1 and isinstance(loc[1], int):
        label = activity_label(document, loc[1])
        return f"{label}, поле {_path(loc[2:])}" if len(loc) > 2 else label
    return f"поле {_path(loc)}"


def activity_label(document: object, index: int) -> str:
    """«мероприятие 1.2, строка 5», by the activity's number and its line in the file."""
    activities = document.get("activities") if isinstance(document, dict) else None
    raw = activities[index] if isinstance(activities, list) and index < len(activities) else None
    if not isinstance(raw, dict):
        return f"мероприятие № {index + 1} по порядку"
    number = scalar_text(raw.get("number"))
    label = f"мероприятие {number}" if number else f"мероприятие без номера (№ {index + 1} по порядку)"
    line = getattr(raw, "line", None)
    return label if line is None else f"{label}, строка {line}"


def _path(loc: Sequence[str | int]) -> str:
    """`('responsible', 0, 'kind')` → `responsible[1].kind`; the dates in `due` are not numbered."""
    text = ""
    for position, part in enumerate(loc):
        if isinstance(part, int):
            text += "" if position and loc[position - 1] == "due" else f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
