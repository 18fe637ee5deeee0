"""The program file (`programs/*.yaml`): a roadmap as a person reviews and edits it.

`dump_program` writes a Program as readable YAML (Cyrillic as is, block style, one line
per value, a header explaining the fields); `load_program_file` reads it back, checks it
against the pydantic models of `program_file_schema` and reports every problem at once in
Russian (`program_file_problems`), with the file, the activity and the field.

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
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.domain.models import Activity, NamedInText, Party, Period, Program, Schedule, Section
from bot.domain.program_file_fields import fold_party_name
from bot.domain.program_file_problems import describe_problems
from bot.domain.program_file_schema import ActivityDoc, DeadlineParser, ProgramDoc, check_program_file

__all__ = ["DeadlineParser", "ProgramFileError", "dump_program", "fold_party_name", "load_program_file"]


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
    if program.text_parties:  # people and roles named only in the text: invitable after `load` too
        document["named_in_text"] = [{"kind": n.party.kind.value, "name": n.party.name, "reason": n.reason}
                                     for n in program.text_parties]
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


# ─── reading: checking, then converting to domain models ────────────────────


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
    if document is None:
        raise ProgramFileError(name, ["файл пуст."])
    try:
        checked = check_program_file(document, parse_deadline=parse_deadline or _default_deadline_parser())
    except ValidationError as exc:
        raise ProgramFileError(name, describe_problems(exc.errors(), document)) from None
    return _program(checked, default_timezone)


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


def _program(checked: ProgramDoc, default_timezone: str) -> Program:
    assert checked.period.start is not None and checked.period.end is not None
    normalize = _party_normalizer()
    return Program(
        title=checked.title,
        municipality=checked.municipality,
        period=Period(start=checked.period.start, end=checked.period.end),
        timezone=checked.timezone or default_timezone,
        sections=[Section(number=s.number, title=s.title) for s in checked.sections or []],
        activities=[_activity(a, normalize) for a in checked.activities or []],
        organizations=list(checked.organizations or []),
        source=checked.source,
        composed=bool(checked.composed),
        text_parties=[NamedInText(party=Party(kind=n.kind, name=n.name, normalized=normalize(n.name)),
                                  reason=n.reason or "") for n in checked.named_in_text or []],
    )


def _activity(checked: ActivityDoc, normalize: Callable[[str], str]) -> Activity:
    return Activity(
        number=checked.number,
        section=checked.section,
        title=checked.title,
        deadline=checked.deadline.schedule,
        responsible=[Party(kind=p.kind, name=p.name, normalized=normalize(p.name)) for p in checked.responsible or []],
        result=checked.result,
        source_lines=checked.source_lines,
    )
