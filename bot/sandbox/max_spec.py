"""The official MAX Bot API description (OpenAPI 3.0) as a validator for the MAX emulator's traffic.

The file is `../shared/specs/max-bot-api-openapi-2026-07-01.json` (`MAX_API_SPEC` names another copy).
OpenAPI 3.0 schemas are not JSON Schema, and this file cannot be fed to a validator as published
(see `shared/specs/README.md`), so it is converted once into JSON Schema 2020-12 and validated with
`jsonschema` — the reference Python implementation, maintained, and the engine under
openapi-core and openapi-schema-validator themselves. Those two were not used: they do not dispatch
on `discriminator`, do not refuse unknown fields through `allOf` chains, and would need this file's
defects fixed first anyway; an emulator must never be more lenient than the real server. The
conversion (`max_openapi.py`): nullable, int32/int64 bounds, discriminator dispatch, objects
flattened with `additionalProperties: false` (unknown fields refused in requests and answers).

Corrections of the file's known defects, each one following the file's own prose or examples:
- `ChatType` also has `dialog` (every example of a dialog says so);
- `MessageBody.required` names `link`, which is no property of it: dropped;
- `NewMessageBody` lists `text`, `attachments`, `link` as required but nullable, and every example
  omits them: in a request they may be omitted (null stays allowed);
- the `chat` button and `message_chat_created` update are mapped into their unions; the `Update`
  mapping written as `{"$ref": …}` objects is read as names;
- `minLength` on an array (`InlineKeyboardAttachmentRequestPayload.buttons`) means `minItems`;
- `VideoAttachment.thumbnail` is declared twice: the object form is kept;
- `Intent` is defined but unreferenced: it is the callback button's optional `intent` field.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from bot.sandbox.max_openapi import Converter, correct, ref_name
from bot.sandbox.spec import find_spec_file

SPEC_FILE = "max-bot-api-openapi-2026-07-01.json"
SPEC_ENV = "MAX_API_SPEC"
_MAX_SHOWN = 8
# Status codes the description's introduction lists for every method, answered with `Error`.
GENERIC_ERROR_STATUSES = {400, 401, 403, 404, 405, 429, 500, 503}


def spec_path() -> Path:
    return find_spec_file(SPEC_FILE, SPEC_ENV)


@dataclass
class Operation:
    method: str
    path: str
    raw: dict[str, Any]


class MaxSpec:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        schemas = copy.deepcopy(data["components"]["schemas"])
        correct(schemas)
        self.schemas = schemas
        self._defs = Converter(schemas).defs()
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> MaxSpec:
        return cls(json.loads((path or spec_path()).read_text(encoding="utf-8")))

    def operation(self, method: str, path: str) -> Operation | None:
        item = self.data["paths"].get(path)
        if item is None or method.lower() not in item:
            return None
        return Operation(method.upper(), path, item[method.lower()])

    def validator(self, key: str, schema: dict[str, Any]) -> Draft202012Validator:
        found = self._validators.get(key)
        if found is None:
            converted = Converter(self.schemas).convert(schema)
            found = Draft202012Validator({**converted, "$defs": self._defs})
            self._validators[key] = found
        return found

    def check(self, key: str, schema: dict[str, Any], instance: Any) -> list[str]:
        errors = [_deepest(e) for e in self.validator(key, schema).iter_errors(instance)]
        # A failing branch drops its annotations, so "unevaluated" also lists fields that are known:
        # shown only when it is the sole problem (then the fields really are unknown).
        real = [e for e in errors if e.validator != "unevaluatedProperties"]
        paths = [list(e.absolute_path) for e in errors]
        deepest = [e for e in errors if not any(len(p) > len(e.absolute_path) and p[:len(e.absolute_path)]
                                                 == list(e.absolute_path) for p in paths)]
        shown = sorted(real or deepest, key=lambda e: [str(p) for p in e.absolute_path])
        return [_describe(e) for e in shown[:_MAX_SHOWN]]

    def check_object(self, name: str, instance: Any) -> list[str]:
        return self.check("#" + name, {"$ref": f"#/components/schemas/{name}"}, instance)

    # ─── one operation's traffic ────────────────────────────────────────────

    def check_request(self, op: Operation, query: dict[str, str], path_params: dict[str, str],
                      body: Any, *, has_body: bool, ignored_query: frozenset[str] = frozenset()) -> list[str]:
        problems: list[str] = []
        params = {p["name"]: p for p in op.raw.get("parameters", [])}
        for name in query:
            if name not in params and name not in ignored_query:
                problems.append(f"unknown query parameter {name!r}")
        for name, param in params.items():
            where = query if param["in"] == "query" else path_params
            if name not in where:
                if param.get("required"):
                    problems.append(f"missing required parameter {name!r}")
                continue
            value, error = _typed(where[name], param.get("schema", {}), self.schemas)
            if error:
                problems.append(f"parameter {name!r}: {error}")
                continue
            problems += [f"parameter {name!r}: {p}" for p in
                         self.check(f"{op.method} {op.path} {name}", param.get("schema", {}), value)]
        request_body = op.raw.get("requestBody")
        if request_body is None:
            if has_body:
                problems.append("this method takes no request body")
        elif not has_body:
            if request_body.get("required"):
                problems.append("missing required JSON request body")
        else:
            schema = request_body["content"]["application/json"]["schema"]
            problems += self.check(f"{op.method} {op.path} body", _request_schema(schema, self.schemas), body)
        return problems

    def check_response(self, op: Operation | None, status: int, body: Any) -> list[str]:
        schema = self.response_schema(op, status)
        if schema is None:
            return [f"status {status} is not documented for {op.method} {op.path}" if op else f"status {status}"]
        key = f"{op.method if op else ''} {op.path if op else ''} {status}"
        return self.check(key, schema, body)

    def response_schema(self, op: Operation | None, status: int) -> dict[str, Any] | None:
        responses = op.raw.get("responses", {}) if op else {}
        response = responses.get(str(status))
        if response is not None:
            if "$ref" in response:
                response = self.data["components"]["responses"][ref_name(response["$ref"])]
            return response["content"]["application/json"]["schema"]
        if status in GENERIC_ERROR_STATUSES:
            return {"$ref": "#/components/schemas/Error"}
        return None


def _request_schema(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """NewMessageBody's nullable "required" fields may be omitted in requests (module docstring)."""
    if schema.get("$ref", "").endswith("/NewMessageBody"):
        return {"$ref": "#/components/schemas/NewMessageBody__request"}
    if schema.get("$ref", "").endswith("/CallbackAnswer"):
        return {"$ref": "#/components/schemas/CallbackAnswer__request"}
    return schema


def _typed(raw: str, schema: dict[str, Any], schemas: dict[str, Any]) -> tuple[Any, str | None]:
    """A query value (text) as the type its schema names; arrays use style "simple" (a,b,c)."""
    if "$ref" in schema:
        schema = schemas[ref_name(schema["$ref"])]
    kind = schema.get("type")
    if kind == "integer":
        try:
            return int(raw), None
        except ValueError:
            return None, f"{raw!r} is not an integer"
    if kind == "boolean":
        if raw in ("true", "false"):
            return raw == "true", None
        return None, f"{raw!r} is not a boolean"
    if kind == "array":
        return raw.split(",") if raw else [], None
    return raw, None


def _deepest(error: Any) -> Any:
    """For "not valid under any of the given schemas" (nullable, unions): the branch's own reason."""
    while error.context:
        leaves = [_deepest(e) for e in error.context]
        # The null branch of a nullable schema and "unevaluated" leftovers explain least.
        useful = [e for e in leaves if e.validator not in ("unevaluatedProperties",)
                  and not (e.validator == "type" and e.validator_value == "null")] or leaves
        error = max(useful, key=lambda e: len(e.absolute_path))
        if not error.context:
            break
    return error


def _describe(error: Any) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    message = error.message if len(error.message) < 200 else error.message[:200] + "…"
    return f"{where}: {message}"


@cache
def load_spec() -> MaxSpec:
    spec = MaxSpec.load()
    _add_request_variants(spec)
    return spec


def _add_request_variants(spec: MaxSpec) -> None:
    new_body = copy.deepcopy(spec.schemas["NewMessageBody"])
    new_body["required"] = []
    answer = copy.deepcopy(spec.schemas["CallbackAnswer"])
    answer["properties"]["message"]["allOf"] = [{"$ref": "#/components/schemas/NewMessageBody__request"}]
    spec.schemas["NewMessageBody__request"] = new_body
    spec.schemas["CallbackAnswer__request"] = answer
    spec._defs = Converter(spec.schemas).defs()
    spec._validators.clear()
