"""OpenAPI 3.0 schemas of the MAX description → JSON Schema 2020-12, with the file's known
defects corrected (see `max_spec` for why and `shared/specs/README.md` for the defects).

- `nullable: true` → the schema or null; `format: int32/int64` → integer bounds;
- object schemas are flattened: their `allOf` chains merged into one object with
  `additionalProperties: false`, so unknown fields are refused everywhere;
- `discriminator` → the union dispatches on its property to the mapped schema (an unmapped value
  is refused); a subtype's `allOf` reference to its union means the union's plain fields.
"""

from __future__ import annotations

import copy
from typing import Any

INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
DROP = {"description", "example", "examples", "readOnly", "writeOnly", "x-opGroup", "nullable", "discriminator",
        "format", "title", "externalDocs", "deprecated"}


def correct(schemas: dict[str, Any]) -> None:
    """The file's known defects (module docstring), fixed in place."""
    schemas["ChatType"]["enum"] = [*schemas["ChatType"]["enum"], "dialog"]
    schemas["MessageBody"]["required"] = [r for r in schemas["MessageBody"]["required"] if r != "link"]
    schemas["Button"]["discriminator"]["mapping"].setdefault("chat", "#/components/schemas/ChatButton")
    mapping = schemas["Update"]["discriminator"]["mapping"]
    for key, target in list(mapping.items()):
        if isinstance(target, dict):
            mapping[key] = target["$ref"]
    mapping.setdefault("message_chat_created", "#/components/schemas/MessageChatCreatedUpdate")
    # `Intent` (positive/negative/default) is defined but referenced nowhere; the callback button's
    # `intent` field is documented in MAX's button reference and sent by clients (maxapi).
    callback_fields = schemas["CallbackButton"]["allOf"][1]["properties"]
    callback_fields.setdefault("intent", {"$ref": "#/components/schemas/Intent"})
    buttons = schemas["InlineKeyboardAttachmentRequestPayload"]["properties"]["buttons"]
    buttons["minItems"] = buttons.pop("minLength", 1)
    for part in schemas["VideoAttachment"].get("allOf", []):
        thumb = part.get("properties", {}).get("thumbnail")
        if isinstance(thumb, dict) and "type" in thumb and "allOf" in thumb:
            thumb.pop("type")


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


class Converter:
    """OpenAPI schemas → JSON Schema. Object schemas are flattened (their `allOf` chains merged into
    one object with `additionalProperties: false`), so unknown fields are refused without
    `unevaluatedProperties`, which jsonschema evaluates slowly (over a second per update)."""

    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        # subtype name → the unions whose mapping names it
        self.parents: dict[str, set[str]] = {}
        for name, schema in schemas.items():
            for target in (schema.get("discriminator") or {}).get("mapping", {}).values():
                self.parents.setdefault(ref_name(target), set()).add(name)

    def defs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, schema in self.schemas.items():
            disc = schema.get("discriminator")
            if disc and disc.get("mapping"):
                prop = disc["propertyName"]
                branches = [{"if": {"properties": {prop: {"const": key}}, "required": [prop]},
                             "then": {"$ref": f"#/$defs/{ref_name(target)}"}}
                            for key, target in disc["mapping"].items()]
                out[name] = {"type": "object", "required": [prop],
                             "properties": {prop: {"enum": list(disc["mapping"])}}, "allOf": branches}
            else:
                out[name] = self.convert(schema, owner=name)
        return out

    def _fields(self, schema: dict[str, Any], owner: str | None) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
        """An object schema's own and inherited properties, required names and other keywords."""
        props: dict[str, Any] = {}
        required: list[str] = []
        extra: dict[str, Any] = {}
        for member in schema.get("allOf", []):
            if "$ref" in member:
                name = ref_name(member["$ref"])
                member = self.schemas[name]
                owner_of_member: str | None = name
            else:
                owner_of_member = owner
            p, r, e = self._fields(member, owner_of_member)
            props.update(p)
            required += [x for x in r if x not in required]
            extra.update(e)
        props.update(schema.get("properties", {}))
        required += [x for x in schema.get("required", []) if x not in required]
        for key, value in schema.items():
            if key not in ("allOf", "properties", "required", "discriminator", "type") and key not in DROP:
                extra[key] = value
        return props, required, extra

    def _is_object(self, schema: dict[str, Any]) -> bool:
        if "properties" in schema or schema.get("type") == "object" and "additionalProperties" not in schema:
            return True
        members = schema.get("allOf", [])
        if len(members) > 1:
            return True
        return any("properties" in m or "$ref" in m and self._is_object(self.schemas[ref_name(m["$ref"])])
                   for m in members)

    def convert(self, schema: Any, *, owner: str | None = None) -> Any:
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            out: dict[str, Any] = {"$ref": f"#/$defs/{ref_name(schema['$ref'])}"}
        elif self._is_object(schema):
            props, required, extra = self._fields(schema, owner)
            out = {"type": "object", "properties": {k: self.convert(v) for k, v in props.items()},
                   "additionalProperties": False}
            if required:
                out["required"] = required
            out.update({k: self.convert_keyword(k, v) for k, v in extra.items()})
        else:
            out = {}
            for key, value in schema.items():
                if key in DROP or key == "required" and not isinstance(value, list):
                    continue  # `"required": false` on a property (MessageBody.attachments) is not a keyword
                out[key] = self.convert_keyword(key, value)
            if schema.get("format") in INT_BOUNDS and schema.get("type") == "integer":
                low, high = INT_BOUNDS[schema["format"]]
                out.setdefault("minimum", low)
                out.setdefault("maximum", high)
        if schema.get("nullable"):
            out = {"anyOf": [{"type": "null"}, out]}
        return out

    def convert_keyword(self, key: str, value: Any) -> Any:
        if key in ("items", "additionalProperties") and isinstance(value, dict):
            return self.convert(value)
        if key in ("allOf", "oneOf", "anyOf"):
            return [self.convert(v) for v in value]
        if key == "properties":
            return {k: self.convert(v) for k, v in value.items()}
        return copy.deepcopy(value)
