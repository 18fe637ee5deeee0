"""The program file (`programs/*.yaml`): a roadmap as a person reviews and edits it.

`dump_program` writes a Program as readable YAML (Cyrillic as is, block style, one line
per value, a header explaining the fields); `load_program_file` reads it back and checks
it, reporting every problem at once in Russian, with the file, the activity and the field.

Hand edits: a deadline given only as `text:` (or as a plain string) is understood again
by `bot.domain.deadlines.parse_deadline`; `kind` with explicit dates is taken as written.
Party keys (`normalized`) are never in the file; they are derived from the names.

The loader resolves fewer plain scalars than YAML 1.1 does: only true/false, null,
decimal integers and YYYY-MM-DD dates. So `number: 1.10` stays the text «1.10» and a
title «Нет» or «yes» stays text instead of turning into a number or a boolean.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.domain.models import Activity, Party, PartyKind, Period, Program, Schedule, ScheduleKind, Section

DeadlineParser = Callable[[str, Period], Schedule]

_DATED_KINDS = {ScheduleKind.DATE, ScheduleKind.PERIOD, ScheduleKind.RECURRING}
_KIND_NAMES = ", ".join(k.value for k in ScheduleKind)
_PARTY_KIND_NAMES = ", ".join(k.value for k in PartyKind)

_PROGRAM_FIELDS = (
    "source", "composed", "reviewed_by", "title", "municipality", "timezone", "period",
    "organizations", "sections", "activities",
)
_ACTIVITY_FIELDS = ("number", "section", "title", "deadline", "responsible", "result", "source_lines")
_DEADLINE_FIELDS = ("text", "kind", "start", "end", "due", "needs_review", "review_reason")


class ProgramFileError(Exception):
    """A program file that cannot be loaded. `message` is Russian and lists every problem."""

    def __init__(self, file_name: str, problems: list[str]) -> None:
        self.file_name = file_name
        self.problems = problems
        lines = [f"Файл {file_name} не загружен — исправьте и загрузите снова:"]
        lines += [f"  • {problem}" for problem in problems]
        self.message = "\n".join(lines)
        super().__init__(self.message)


# ─── writing ────────────────────────────────────────────────────────────────


class _Flow(list):  # type: ignore[type-arg]
    """A short list of scalars written on one line: `due: [2023-09-30, 2023-10-31]`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key: easier to read and to edit by hand.
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: object) -> bool:
        # A person edits this file: «&id009»/«*id009» for a repeated date would only confuse.
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Flow, _represent_flow)

_HEADER = """\
# Дорожная карта: {title}
# Источник: {source}
# Проверил: {reviewer}
#
# Этот файл можно править руками. Даты пишутся как ГГГГ-ММ-ДД.
# Срок мероприятия (deadline):
#   text — срок, как он написан в документе;
#   kind — вид срока: date (к дате), period (в период, срок — последний день),
#          recurring (несколько дат), continuous (постоянно, без даты), unspecified (не понят);
#   start, end — начало и конец периода; due — даты, к которым ждём выполнения;
#   needs_review: true — срок надо проверить (почему — в review_reason).
# Чтобы срок заново вычислился из текста, оставьте в deadline только text.
# Ответственные (responsible): kind — person (человек), role (должность), organization (организация).
# Загрузка в бота: python -m bot load programs/ИМЯ_ФАЙЛА.yaml
"""


def dump_program(program: Program, *, reviewed_by: str | None = None) -> str:
    header = _HEADER.format(
        title=_one_line(program.title) + (f" ({_one_line(program.municipality)})" if program.municipality else ""),
        source=_one_line(program.source) if program.source else "составлена вручную",
        reviewer=_one_line(reviewed_by) if reviewed_by else "ещё не проверен",
    )
    document: dict[str, Any] = {"source": program.source, "composed": program.composed}
    if reviewed_by:
        document["reviewed_by"] = reviewed_by
    document.update(
        title=program.title,
        municipality=program.municipality,
        timezone=program.timezone,
        period={"start": program.period.start, "end": program.period.end},
        organizations=list(program.organizations),
        sections=[_section_entry(s) for s in program.sections],
        activities=[_activity_entry(a) for a in program.activities],
    )
    body = yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096
    )
    return header + "\n" + body


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _section_entry(section: Section) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if section.number is not None:
        entry["number"] = section.number
    entry["title"] = section.title
    return entry


def _activity_entry(activity: Activity) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if activity.number is not None:
        entry["number"] = activity.number
    if activity.section is not None:
        entry["section"] = activity.section
    entry["title"] = activity.title
    entry["deadline"] = _deadline_entry(activity.deadline)
    entry["responsible"] = [{"kind": p.kind.value, "name": p.name} for p in activity.responsible]
    if activity.result is not None:
        entry["result"] = activity.result
    if activity.source_lines is not None:
        entry["source_lines"] = _Flow(activity.source_lines)
    return entry


def _deadline_entry(schedule: Schedule) -> dict[str, Any]:
    entry: dict[str, Any] = {"text": schedule.source, "kind": schedule.kind.value}
    if schedule.start is not None:
        entry["start"] = schedule.start
    if schedule.end is not None:
        entry["end"] = schedule.end
    if schedule.due:
        entry["due"] = _Flow(schedule.due)
    entry["needs_review"] = schedule.needs_review
    if schedule.review_reason:
        entry["review_reason"] = schedule.review_reason
    return entry


# ─── reading: YAML with line numbers and few implicit types ─────────────────


class _Mapping(dict):  # type: ignore[type-arg]
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:0|[1-9][0-9]*)$", list("0123456789")),
    ("timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", list("0123456789")),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = _Mapping()
    data.line = node.start_mark.line + 1
    yield data
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"поле «{key}» повторяется", key_node.start_mark)
        seen.add(key)
    data.update(loader.construct_mapping(node))


def _construct_date(loader: _Loader, node: yaml.ScalarNode) -> date | str:
    # An impossible date («2024-02-30») stays text, so the field check can name the field.
    text = loader.construct_scalar(node)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def _yaml_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"строка {mark.line + 1}, столбец {mark.column + 1}: " if mark is not None else ""
    return f"{where}ошибка разметки YAML ({problem}). Проверьте отступы, двоеточия и кавычки."


# ─── reading: checking fields ───────────────────────────────────────────────


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def load_program_file(
    text_or_path: str | Path,
    *,
    name: str | None = None,
    default_timezone: str = "Europe/Moscow",
    parse_deadline: DeadlineParser | None = None,
) -> Program:
    """Read a program file. A `Path`, or a one-line string ending in .yaml/.yml, is read
    from disk; any other string is the YAML text itself. Raises ProgramFileError."""
    if isinstance(text_or_path, Path) or (
        "\n" not in text_or_path and text_or_path.endswith((".yaml", ".yml"))
    ):
        path = Path(text_or_path)
        name = name or str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ProgramFileError(name, ["файл не найден."]) from None
        except UnicodeDecodeError:
            problem = "файл не в кодировке UTF-8. Сохраните его как UTF-8 и загрузите снова."
            raise ProgramFileError(name, [problem]) from None
        except OSError as exc:
            raise ProgramFileError(name, [f"файл не читается: {exc.strerror or exc}."]) from None
    else:
        text = text_or_path
        name = name or "<текст программы>"
    try:
        document = yaml.load(text, Loader=_Loader)  # noqa: S506 — _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        raise ProgramFileError(name, [_yaml_error(exc)]) from None
    parser = parse_deadline or _default_deadline_parser()
    problems = _Problems()
    program = _program(document, problems, default_timezone=default_timezone, parse_deadline=parser)
    if problems.items or program is None:
        raise ProgramFileError(name, problems.items or ["файл пуст."])
    return program


def _default_deadline_parser() -> DeadlineParser | None:
    try:
        from bot.domain.deadlines import parse_deadline
    except ImportError as exc:
        if getattr(exc, "name", None) not in {"bot.domain.deadlines", None}:
            raise
        return None
    return parse_deadline


def _party_normalizer() -> Callable[[str], str]:
    try:
        from bot.domain.parties import normalize_party_name
    except ImportError as exc:
        if getattr(exc, "name", None) not in {"bot.domain.parties", None}:
            raise
        return fold_party_name
    return normalize_party_name  # type: ignore[no-any-return]


_QUOTES = re.compile(r"[«»\"'“”„‘’`]")


def fold_party_name(name: str) -> str:
    """Fallback party key until bot.domain.parties provides one: case, ё, quotes, dots and
    spacing folded («Якшина А.И.» and «якшина а. и.» are the same person)."""
    text = _QUOTES.sub("", name.casefold().replace("ё", "е")).replace(".", " ")
    text = re.sub(r"№\s*", "№ ", text)
    return " ".join(text.split())


def _program(
    document: object, problems: _Problems, *, default_timezone: str, parse_deadline: DeadlineParser | None
) -> Program | None:
    if document is None:
        return None
    if not isinstance(document, dict):
        problems.add("начало файла", "ожидаются поля программы (title, period, activities, …), а найдено другое.")
        return None
    _unknown_fields(document, _PROGRAM_FIELDS, problems, "программа")

    source = _optional_text(document, "source", problems, "поле source")
    composed = _flag(document, "composed", problems, "поле composed", default=False)
    _optional_text(document, "reviewed_by", problems, "поле reviewed_by")
    title = _required_text(document, "title", problems, "поле title")
    municipality = _optional_text(document, "municipality", problems, "поле municipality")
    timezone = _timezone(document.get("timezone"), problems, default_timezone)
    period = _period(document.get("period"), problems)
    organizations = _organizations(document.get("organizations"), problems)
    sections = _sections(document.get("sections"), problems)

    raw_activities = document.get("activities")
    activities: list[Activity] = []
    if raw_activities is None:
        raw_activities = []
    if not isinstance(raw_activities, list):
        problems.add("поле activities", "ожидается список мероприятий (каждое начинается с «- »).")
        raw_activities = []
    normalize = _party_normalizer()
    section_titles = {s.title for s in sections}
    for index, raw in enumerate(raw_activities, start=1):
        activity = _activity(raw, index, problems, period, parse_deadline, normalize, section_titles)
        if activity is not None:
            activities.append(activity)

    if problems.items or title is None or period is None:
        return None
    return Program(
        title=title,
        municipality=municipality,
        period=period,
        timezone=timezone,
        sections=sections,
        activities=activities,
        organizations=organizations,
        source=source,
        composed=composed,
    )


def _activity(
    raw: object,
    index: int,
    problems: _Problems,
    period: Period | None,
    parse_deadline: DeadlineParser | None,
    normalize: Callable[[str], str],
    section_titles: set[str],
) -> Activity | None:
    if not isinstance(raw, dict):
        problems.add(f"мероприятие № {index} по порядку", "ожидаются поля number, title, deadline, …")
        return None
    before = len(problems.items)
    number = _scalar_text(raw.get("number"))
    label = f"мероприятие {number}" if number else f"мероприятие без номера (№ {index} по порядку)"
    if isinstance(raw, _Mapping):
        label += f", строка {raw.line}"
    _unknown_fields(raw, _ACTIVITY_FIELDS, problems, label)
    if raw.get("number") not in (None, "") and number is None:
        problems.add(f"{label}, поле number", "ожидается номер как в документе, например '1.2'.")

    title = _required_text(raw, "title", problems, f"{label}, поле title")
    section = _optional_text(raw, "section", problems, f"{label}, поле section")
    if section is not None and section_titles and section not in section_titles:
        problems.add(
            f"{label}, поле section",
            f"раздела «{section}» нет в списке sections — добавьте его туда или исправьте название.",
        )
    result = _optional_text(raw, "result", problems, f"{label}, поле result")
    source_lines = _source_lines(raw.get("source_lines"), problems, f"{label}, поле source_lines")
    responsible = _responsible(raw.get("responsible"), problems, label, normalize)
    deadline = _deadline(raw.get("deadline"), problems, label, period, parse_deadline)

    if len(problems.items) > before or title is None or deadline is None:
        return None
    return Activity(
        number=number,
        section=section,
        title=title,
        deadline=deadline,
        responsible=responsible,
        result=result,
        source_lines=source_lines,
    )


def _deadline(
    raw: object, problems: _Problems, label: str, period: Period | None, parse_deadline: DeadlineParser | None
) -> Schedule | None:
    where = f"{label}, поле deadline"
    if raw is None:
        problems.add(where, "не заполнено. Напишите срок как в документе: deadline: до 30.09.2023")
        return None
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict):
        problems.add(where, "ожидается текст срока или поля text, kind, start, end, due.")
        return None
    _unknown_fields(raw, _DEADLINE_FIELDS, problems, where)
    before = len(problems.items)
    text = _optional_text(raw, "text", problems, f"{where}.text")
    needs_review = _flag(raw, "needs_review", problems, f"{where}.needs_review", default=None)
    review_reason = _optional_text(raw, "review_reason", problems, f"{where}.review_reason")
    dated_fields = [key for key in ("start", "end", "due") if raw.get(key) is not None]

    if raw.get("kind") is None:
        if dated_fields:
            problems.add(
                f"{where}.kind",
                f"не указан вид срока, а даты ({', '.join(dated_fields)}) указаны. Укажите kind "
                f"({_KIND_NAMES}) или удалите даты, чтобы срок вычислился из text.",
            )
            return None
        if text is None:
            problems.add(f"{where}.text", "не заполнено: нужен срок, как он написан в документе.")
            return None
        if period is None or len(problems.items) > before:
            return None  # the period's own problem is already reported
        schedule = _derive(text, period, parse_deadline, problems, where)
        if schedule is None:
            return None
        overrides: dict[str, Any] = {"source": text}
        if needs_review is not None:
            overrides["needs_review"] = needs_review
        if review_reason is not None:
            overrides["review_reason"] = review_reason
        return schedule.model_copy(update=overrides)

    kind_text = _scalar_text(raw.get("kind"))
    try:
        kind = ScheduleKind(kind_text)
    except ValueError:
        problems.add(f"{where}.kind", f"«{raw.get('kind')}» — такого вида срока нет; допустимы: {_KIND_NAMES}.")
        return None
    start = _optional_date(raw.get("start"), problems, f"{where}.start")
    end = _optional_date(raw.get("end"), problems, f"{where}.end")
    due = _dates(raw.get("due"), problems, f"{where}.due")
    if len(problems.items) > before:
        return None
    if start and end and end < start:
        problems.add(f"{where}.end", f"конец ({end:%Y-%m-%d}) раньше начала ({start:%Y-%m-%d}).")
    if kind is ScheduleKind.PERIOD and not due and end is not None:
        due = [end]  # a period is due on its last day
    if kind is ScheduleKind.DATE and len(due) != 1:
        problems.add(f"{where}.due", "для kind: date нужна ровно одна дата, например due: [2023-09-30].")
    elif kind in (ScheduleKind.PERIOD, ScheduleKind.RECURRING) and not due:
        problems.add(f"{where}.due", f"для kind: {kind.value} нужны даты в due (для period хватит end).")
    elif kind not in _DATED_KINDS and due:
        problems.add(f"{where}.due", f"у срока kind: {kind.value} не бывает дат due — удалите их или смените kind.")
    if len(due) != len(set(due)):
        problems.add(f"{where}.due", "даты повторяются.")
    if len(problems.items) > before:
        return None
    return Schedule(
        kind=kind,
        start=start,
        end=end,
        due=tuple(sorted(due)),
        needs_review=bool(needs_review),
        source=text or "",
        review_reason=review_reason,
    )


def _derive(
    text: str, period: Period, parse_deadline: DeadlineParser | None, problems: _Problems, where: str
) -> Schedule | None:
    if parse_deadline is None:
        # Without the deadline parser the text stays as written, flagged for a person.
        return Schedule(
            kind=ScheduleKind.UNSPECIFIED,
            needs_review=True,
            source=text,
            review_reason="Срок не разобран автоматически: укажите kind и даты вручную.",
        )
    try:
        return parse_deadline(text, period)
    except Exception as exc:  # noqa: BLE001 — any parser failure is the file's problem to report
        problems.add(f"{where}.text", f"не удалось понять срок «{text}» ({exc}). Укажите kind и даты вручную.")
        return None


def _responsible(raw: object, problems: _Problems, label: str, normalize: Callable[[str], str]) -> list[Party]:
    where = f"{label}, поле responsible"
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(where, "ожидается список: - kind: role\n      name: Руководитель ОО")
        return []
    parties: list[Party] = []
    for position, item in enumerate(raw, start=1):
        here = f"{where}[{position}]"
        if not isinstance(item, dict):
            problems.add(here, f"ожидаются поля kind ({_PARTY_KIND_NAMES}) и name.")
            continue
        _unknown_fields(item, ("kind", "name"), problems, here)
        name = _required_text(item, "name", problems, f"{here}.name")
        try:
            kind = PartyKind(_scalar_text(item.get("kind")))
        except ValueError:
            problems.add(f"{here}.kind", f"«{item.get('kind')}» — допустимы: {_PARTY_KIND_NAMES}.")
            continue
        if name is not None:
            parties.append(Party(kind=kind, name=name, normalized=normalize(name)))
    return parties


# ─── small field readers ────────────────────────────────────────────────────


def _unknown_fields(raw: dict[Any, Any], allowed: tuple[str, ...], problems: _Problems, where: str) -> None:
    for key in raw:
        if key not in allowed:
            problems.add(where, f"неизвестное поле «{key}» (допустимы: {', '.join(allowed)}). Проверьте написание.")


def _scalar_text(value: object) -> str | None:
    """Text, tolerating what YAML turns into numbers or dates: `number: 5`, `title: 2024`."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return None


def _optional_text(raw: dict[Any, Any], key: str, problems: _Problems, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    text = _scalar_text(value)
    if text is None and not (isinstance(value, str)):
        problems.add(where, "ожидается текст.")
    return text


def _required_text(raw: dict[Any, Any], key: str, problems: _Problems, where: str) -> str | None:
    value = raw.get(key)
    text = _scalar_text(value)
    if text is None:
        problems.add(where, "не заполнено." if value in (None, "") else "ожидается текст.")
    return text


def _flag(raw: dict[Any, Any], key: str, problems: _Problems, where: str, *, default: bool | None) -> bool | None:
    value = raw.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        problems.add(where, f"ожидается true или false, а написано «{value}».")
        return default
    return value


def _date(value: object, problems: _Problems, where: str) -> date | None:
    if isinstance(value, datetime):
        problems.add(where, f"«{value}» — нужна дата без времени, например 2023-09-30.")
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d.%m.%Y").date()):
            try:
                return parse(text)
            except ValueError:
                continue
    problems.add(where, f"«{value}» — не дата; пишите ГГГГ-ММ-ДД, например 2023-09-30.")
    return None


def _optional_date(value: object, problems: _Problems, where: str) -> date | None:
    return None if value is None else _date(value, problems, where)


def _dates(value: object, problems: _Problems, where: str) -> list[date]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    parsed = [_date(item, problems, where) for item in items]
    return [d for d in parsed if d is not None]


def _period(raw: object, problems: _Problems) -> Period | None:
    if raw is None:
        problems.add("поле period", "не заполнено. Пример: period: {start: 2023-09-01, end: 2024-08-31}")
        return None
    if isinstance(raw, str):
        try:
            return Period.parse(raw)
        except ValueError:
            problems.add("поле period", f"«{raw}» — пишите start и end, например start: 2023-09-01, end: 2024-08-31.")
            return None
    if not isinstance(raw, dict):
        problems.add("поле period", "ожидаются поля start и end.")
        return None
    _unknown_fields(raw, ("start", "end"), problems, "поле period")
    start = _date(raw.get("start"), problems, "поле period.start") if raw.get("start") is not None else None
    end = _date(raw.get("end"), problems, "поле period.end") if raw.get("end") is not None else None
    for key in ("start", "end"):
        if raw.get(key) is None:
            problems.add(f"поле period.{key}", "не заполнено.")
    if start is None or end is None:
        return None
    if end < start:
        problems.add("поле period.end", f"конец ({end:%Y-%m-%d}) раньше начала ({start:%Y-%m-%d}).")
        return None
    return Period(start=start, end=end)


def _timezone(raw: object, problems: _Problems, default: str) -> str:
    if raw is None:
        return default
    zone = _scalar_text(raw)
    try:
        if zone is None:
            raise ValueError
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add("поле timezone", f"«{raw}» — неизвестный часовой пояс; пример: Europe/Moscow, Asia/Yekaterinburg.")
        return default
    return zone


def _organizations(raw: object, problems: _Problems) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add("поле organizations", "ожидается список школ, по одной в строке, начиная с «- ».")
        return []
    names: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, start=1):
        name = _scalar_text(item)
        if name is None:
            problems.add(f"поле organizations[{position}]", "ожидается название организации.")
            continue
        key = fold_party_name(name)
        if key in seen:
            problems.add(f"поле organizations[{position}]", f"«{name}» указана дважды.")
            continue
        seen.add(key)
        names.append(name)
    return names


def _sections(raw: object, problems: _Problems) -> list[Section]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add("поле sections", "ожидается список разделов с полями number и title.")
        return []
    sections: list[Section] = []
    for position, item in enumerate(raw, start=1):
        where = f"поле sections[{position}]"
        if isinstance(item, str):
            item = {"title": item}
        if not isinstance(item, dict):
            problems.add(where, "ожидаются поля number и title.")
            continue
        _unknown_fields(item, ("number", "title"), problems, where)
        title = _required_text(item, "title", problems, f"{where}.title")
        if title is not None:
            sections.append(Section(number=_scalar_text(item.get("number")), title=title))
    return sections


def _source_lines(raw: object, problems: _Problems, where: str) -> tuple[int, int] | None:
    if raw is None:
        return None
    ok = (
        isinstance(raw, list)
        and len(raw) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in raw)
        and raw[0] <= raw[1]
    )
    if not ok:
        problems.add(where, f"«{raw}» — ожидаются номера первой и последней строки, например [12, 14].")
        return None
    return (raw[0], raw[1])
