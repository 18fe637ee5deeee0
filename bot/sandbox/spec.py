"""The official Bot API description as a validator for the emulator's traffic.
(A little over 300 lines: request and result checks share the recursive type walker.)

The description is `../shared/specs/telegram-bot-api-10.1.json` next to the repository (see that
folder's README: methods with their parameters, types with their fields, `required` flags, union
types listed as `subtypes`); `BOT_API_SPEC` names another copy. It is read once, on first use.

- `check_request(method, params)`: what the bot sent. Unknown method, unknown parameter, missing
  required parameter, wrong basic type; JSON-serialized objects are checked field by field against
  their type, recursively. Top-level values arrive as text (multipart or URL-encoded forms carry
  no types), so "42" is an Integer there and "true" a Boolean; inside JSON the types must match.
- `check_result(method, result)`: what the emulator answered, against the method's return type:
  required fields present, no unknown fields, basic types, recursively.

Union types (MaybeInaccessibleMessage, ChatMember, MessageOrigin, InputMedia, MenuButton…) accept
any matching subtype; a subtype whose `type`/`status`/`source` field is documented as
`always "x"` / `must be x` is chosen by that field, so its errors are reported precisely.
Both functions return human-readable problems, [] when the traffic conforms.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SPEC_FILE = "telegram-bot-api-10.1.json"
SPEC_ENV = "BOT_API_SPEC"
UPLOAD_MARKER = "__upload__"  # the emulator's uploaded file parts: (UPLOAD_MARKER, filename, bytes, mime)
_PRIMITIVES = {"Integer", "String", "Boolean", "Float", "InputFile"}
_DISCRIMINATORS = ("type", "status", "source")
_CONSTANT = re.compile(r"(?:always|must be) [\"“]?([A-Za-z0-9_]+)[\"”]?\.?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_BOOLEAN = {"true", "false", "True", "False", "1", "0"}
_ATTACH = re.compile(r"^attach://(.+)$")
_MAX_SHOWN = 8  # problems per check_request/check_result: enough to see the pattern


class SpecNotFound(FileNotFoundError):
    pass


def find_spec_file(file_name: str, env_var: str) -> Path:
    """$<env_var>, else the first `shared/specs/<file_name>` (or `specs/`) above this file."""
    if os.environ.get(env_var):
        return Path(os.environ[env_var])
    here = Path(__file__).resolve()
    for folder in here.parents:
        for candidate in (folder / "shared" / "specs" / file_name, folder / "specs" / file_name):
            if candidate.is_file():
                return candidate
    raise SpecNotFound(f"{file_name} not found above {here.parent} (set {env_var})")


def spec_path() -> Path:
    return find_spec_file(SPEC_FILE, SPEC_ENV)


@dataclass
class TypeDef:
    name: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    subtypes: list[str] = field(default_factory=list)
    constant: tuple[str, str] | None = None  # (field, value) for a subtype of a union


@dataclass
class Spec:
    version: str
    methods: dict[str, dict[str, Any]]  # by lower-case name: Telegram's method names are case-insensitive
    types: dict[str, TypeDef]

    @classmethod
    def load(cls, path: Path) -> Spec:
        data = json.loads(path.read_text(encoding="utf-8"))
        types: dict[str, TypeDef] = {}
        for name, raw in data["types"].items():
            fields = {f["name"]: f for f in raw.get("fields", [])}
            constant = None
            for key in _DISCRIMINATORS:
                described = fields.get(key)
                if described and described.get("required") and described["types"] == ["String"]:
                    match = _CONSTANT.search(described.get("description", ""))
                    if match:
                        constant = (key, match.group(1))
                        break
            types[name] = TypeDef(name, fields, list(raw.get("subtypes", [])), constant)
        methods = {name.lower(): raw for name, raw in data["methods"].items()}
        return cls(data.get("version", "?"), methods, types)

    def method(self, name: str) -> dict[str, Any] | None:
        return self.methods.get(name.lower())


@cache
def load_spec(path: str | None = None) -> Spec:
    return Spec.load(Path(path) if path else spec_path())


# ─── the checks ────────────────────────────────────────────────────────────


def check_request(method: str, params: dict[str, Any], spec: Spec | None = None) -> list[str]:
    spec = spec or load_spec()
    described = spec.method(method)
    if described is None:
        return [f"unknown method {method!r}"]
    fields = {f["name"]: f for f in described.get("fields", [])}
    attached = _attachments(params)
    problems: list[str] = []
    for name, value in params.items():
        if name in fields:
            problems += _check(spec, value, fields[name]["types"], name, top=True)
        elif name in attached:
            if not is_upload(value):
                problems.append(f"{name}: referenced as attach://{name} but is not a file part")
        else:
            problems.append(f"unknown parameter {name!r}")
    for name, described_field in fields.items():
        if described_field.get("required") and name not in params:
            problems.append(f"missing required parameter {name!r}")
    return _short(problems)


def check_result(method: str, result: Any, spec: Spec | None = None) -> list[str]:
    spec = spec or load_spec()
    described = spec.method(method)
    if described is None:
        return [f"unknown method {method!r}"]
    returns = described.get("returns") or []
    if not returns:
        return []
    return _short(_check(spec, result, returns, "result", top=False))


def check_object(type_name: str, value: Any, spec: Spec | None = None) -> list[str]:
    """One object (e.g. an Update the emulator delivers) against a type of the spec."""
    spec = spec or load_spec()
    return _short(_check(spec, value, [type_name], type_name, top=False))


def is_upload(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 4 and value[0] == UPLOAD_MARKER


# ─── internals ─────────────────────────────────────────────────────────────


def _short(problems: list[str]) -> list[str]:
    if len(problems) > _MAX_SHOWN:
        return problems[:_MAX_SHOWN] + [f"… and {len(problems) - _MAX_SHOWN} more"]
    return problems


def _attachments(params: dict[str, Any]) -> set[str]:
    """Names of multipart parts that some value refers to as attach://name."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            match = _ATTACH.match(value)
            if match:
                found.add(match.group(1))
            elif value[:1] in "[{":
                try:
                    walk(json.loads(value))
                except ValueError:
                    pass
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for value in params.values():
        walk(value)
    return found


def _kind(value: Any) -> str:
    if is_upload(value):
        return "a file"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a Boolean"
    if isinstance(value, int):
        return "an Integer"
    if isinstance(value, float):
        return "a Float"
    if isinstance(value, str):
        return "a String"
    if isinstance(value, list):
        return "an Array"
    if isinstance(value, dict):
        return "an Object"
    return type(value).__name__


def _check(spec: Spec, value: Any, alternatives: list[str], path: str, *, top: bool) -> list[str]:
    """[] if `value` is one of the type expressions, else the problems of the closest one."""
    if len(alternatives) > 1 and all(a.startswith("Array of ") for a in alternatives):
        # The scraper splits "Array of InputMediaAudio, InputMediaDocument, …" into one Array per
        # type; Telegram means one Array whose items are any of them (photos and videos mix).
        return _check_array(spec, value, [a.removeprefix("Array of ") for a in alternatives], path, top=top)
    if isinstance(value, dict):
        constants = [_constant(spec, a) for a in alternatives]
        if len(alternatives) > 1 and all(constants):
            chosen = [a for a, c in zip(alternatives, constants) if c and value.get(c[0]) == c[1]]
            if len(chosen) == 1:
                return _check_one(spec, value, chosen[0], path, top=False)
            if not chosen:
                keys = sorted({c[0] for c in constants if c})
                allowed = sorted({c[1] for c in constants if c})
                shown = ", ".join(f"{k}={value.get(k)!r}" for k in keys)
                return [f"{path}: {shown} is none of {allowed}"]
    results: list[tuple[int, int, list[str]]] = []
    for expression in alternatives:
        problems = _check_one(spec, value, expression, path, top=top)
        if not problems:
            return []
        results.append((_misfit(spec, _decoded(value, path, top)[0], expression), len(problems), problems))
    if len(results) > 1 and all(len(p) == 1 and p[0].startswith(f"{path}: expected ") for _, _, p in results):
        # The value's kind matches none of them: name them all.
        return [f"{path}: expected {' or '.join(alternatives)}, got {_kind(value)}"]
    return min(results, key=lambda r: (r[0], r[1]))[2] if results else []


def _misfit(spec: Spec, value: Any, expression: str) -> int:
    """How many of an object's keys a type does not know: the closest alternative knows most."""
    described = spec.types.get(expression)
    if not isinstance(value, dict) or described is None or described.subtypes:
        return 0
    return sum(1 for key in value if key not in described.fields)


def _decoded(value: Any, path: str, top: bool) -> tuple[Any, list[str]]:
    """A top-level JSON-serialized parameter, decoded."""
    if top and isinstance(value, str):
        try:
            return json.loads(value), []
        except ValueError:
            return None, [f"{path}: not valid JSON"]
    return value, []


def _check_one(spec: Spec, value: Any, expression: str, path: str, *, top: bool) -> list[str]:
    if expression.startswith("Array of "):
        return _check_array(spec, value, [expression.removeprefix("Array of ")], path, top=top)
    if expression in _PRIMITIVES:
        return [] if _primitive_ok(value, expression, top) else [f"{path}: expected {expression}, got {_kind(value)}"]
    described = spec.types.get(expression)
    if described is None:
        return [f"{path}: the spec names an unknown type {expression!r}"]
    value, problems = _decoded(value, path, top)
    if problems:
        return problems
    if described.subtypes:
        return _check_union(spec, value, described, path)
    return _check_fields(spec, value, described, path)


def _check_array(spec: Spec, value: Any, inner: list[str], path: str, *, top: bool) -> list[str]:
    value, problems = _decoded(value, path, top)
    if problems:
        return problems
    if not isinstance(value, list):
        return [f"{path}: expected Array of {' or '.join(inner)}, got {_kind(value)}"]
    out: list[str] = []
    for index, item in enumerate(value):
        out += _check(spec, item, inner, f"{path}[{index}]", top=False)
    return out


def _primitive_ok(value: Any, expression: str, top: bool) -> bool:
    if expression == "InputFile":
        return is_upload(value)
    if top and isinstance(value, str):  # form fields are text
        if expression == "String":
            return True
        if expression == "Integer":
            return bool(_INTEGER.match(value.strip()))
        if expression == "Float":
            try:
                float(value)
            except ValueError:
                return False
            return True
        if expression == "Boolean":
            return value.strip() in _BOOLEAN
    if expression == "String":
        return isinstance(value, str)
    if expression == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expression == "Float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expression == "Boolean":
        return isinstance(value, bool)
    return False


def _check_union(spec: Spec, value: Any, described: TypeDef, path: str) -> list[str]:
    problems = _check(spec, value, described.subtypes, path, top=False)
    if not problems or problems[0].startswith(f"{path}: expected ") or " is none of " in problems[0]:
        return problems
    if isinstance(value, dict) and any(
        (c := _constant(spec, name)) and value.get(c[0]) == c[1] for name in described.subtypes
    ):
        return problems  # the subtype its type/status field names: its own problems
    return [f"{path}: matches no subtype of {described.name}; closest: {problems[0]}", *problems[1:]]


def _constant(spec: Spec, name: str) -> tuple[str, str] | None:
    described = spec.types.get(name)
    return described.constant if described else None


def _check_fields(spec: Spec, value: Any, described: TypeDef, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: expected {described.name}, got {_kind(value)}"]
    problems: list[str] = []
    for key, item in value.items():
        field_spec = described.fields.get(key)
        if field_spec is None:
            problems.append(f"{path}.{key}: unknown field of {described.name}")
            continue
        problems += _check(spec, item, field_spec["types"], f"{path}.{key}", top=False)
    for key, field_spec in described.fields.items():
        if field_spec.get("required") and key not in value:
            problems.append(f"{path}: {described.name} lacks required field {key!r}")
    if described.constant is not None:
        key, constant = described.constant
        if key in value and value[key] != constant:
            problems.append(f"{path}.{key}: {described.name} requires {constant!r}, got {value[key]!r}")
    return problems
