"""Request checking against the discovery documents shipped with google-api-python-client.

Discovery ``schemas`` are converted to JSON Schema once (``$ref`` ->
``definitions``, objects closed with ``additionalProperties: false``, enums
kept) and validated with ``jsonschema``.  Proto JSON leniencies Google has
are kept: ``null`` members are dropped before checking, snake_case names are
accepted next to camelCase, and scalars are coerced as protobuf's JSON
parser does (a number for a string field, ``"5"`` for an int32, ``"true"``
for a bool, an enum's number for its name); ``normalize`` then converts the
body to the canonical form.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import googleapiclient
import jsonschema

from tests.fake_sheets.common import Json, camel_case, snake_case
from tests.fake_sheets.errors import ApiError, invalid_argument

_DOCS = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"
_INT_PATTERN = r"^-?[0-9]+$"
_NUM_PATTERN = r"^(-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|NaN|-?Infinity)$"
_PROTO_TYPES = {
    "integer": "TYPE_INT32",
    "number": "TYPE_DOUBLE",
    "boolean": "TYPE_BOOL",
    "string": "TYPE_STRING",
}


@functools.cache
def discovery(api: str) -> Json:
    """The parsed discovery document: ``sheets`` -> sheets.v4, ``drive`` -> drive.v3."""
    name = "sheets.v4.json" if api == "sheets" else "drive.v3.json"
    doc: Json = json.loads((_DOCS / name).read_text(encoding="utf-8"))
    return doc


@functools.cache
def methods(api: str) -> dict[str, Json]:
    """Discovery methods by id (``sheets.spreadsheets.values.get``)."""
    found: dict[str, Json] = {}
    stack = [discovery(api)]
    while stack:
        node = stack.pop()
        for method in node.get("methods", {}).values():
            found[method["id"]] = method
        stack.extend(node.get("resources", {}).values())
    return found


def convert(prop: Json) -> Json:
    """One discovery property/schema -> JSON Schema."""
    if "$ref" in prop:
        return {"$ref": f"#/definitions/{prop['$ref']}"}
    kind = prop.get("type")
    if kind == "object":
        return _convert_object(prop)
    if kind == "array":
        items = prop.get("items", {})
        if items.get("type") == "any":
            return {"type": "array"}
        return {"type": "array", "items": convert(items)}
    if kind == "integer" or prop.get("format") in ("int64", "uint64"):
        return {"type": ["integer", "string"], "pattern": _INT_PATTERN}
    if kind == "number":
        return {"type": ["number", "string"], "pattern": _NUM_PATTERN}
    if kind == "string" and "enum" in prop:
        return {"type": ["string", "integer"], "enum": [*prop["enum"], *range(len(prop["enum"]))]}
    if kind == "string":
        return {"type": ["string", "number", "boolean"]}
    if kind == "boolean":
        return {"enum": [True, False, "true", "false"]}
    return {}


def _convert_object(prop: Json) -> Json:
    if "properties" in prop:
        properties: Json = {}
        for name, sub in prop["properties"].items():
            properties[name] = convert(sub)
            properties.setdefault(snake_case(name), properties[name])
        out: Json = {"type": "object", "properties": properties, "additionalProperties": False}
        if "id" in prop:
            out["title"] = prop["id"]
        return out
    if "additionalProperties" in prop:
        return {"type": "object", "additionalProperties": convert(prop["additionalProperties"])}
    return {"type": "object"}


@functools.cache
def _validator(api: str, schema_name: str) -> jsonschema.protocols.Validator:
    definitions = {name: convert(s) for name, s in discovery(api)["schemas"].items()}
    root = {"$ref": f"#/definitions/{schema_name}", "definitions": definitions}
    validator: jsonschema.protocols.Validator = jsonschema.Draft7Validator(root)
    return validator


def validate_body(api: str, schema_name: str, body: Any, prefix: str = "") -> None:
    """Raise 400 INVALID_ARGUMENT naming the first bad field of ``body``."""
    errors = list(_validator(api, schema_name).iter_errors(body))
    if not errors:
        return
    error = min(errors, key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    raise _to_api_error(error, prefix)


def _to_api_error(error: jsonschema.ValidationError, prefix: str) -> ApiError:
    where = field_path(list(error.absolute_path), prefix)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(as_schema(error.schema).get("properties", {}))
        name = next((k for k in error.instance if k not in known), "?")
        place = f" at '{where}'" if where else ""
        message = f'Invalid JSON payload received. Unknown name "{name}"{place}: Cannot find field.'
        return invalid_argument(message, where or name)
    type_name = _type_name(as_schema(error.schema))
    shown = json.dumps(error.instance, ensure_ascii=False)
    return invalid_argument(f"Invalid value at '{where}' ({type_name}), {shown}", where)


def as_schema(value: Any) -> Json:
    """``value`` as a schema dict (jsonschema types it loosely)."""
    return value if isinstance(value, dict) else {}


def _type_name(schema: Json) -> str:
    if "enum" in schema:
        return "TYPE_ENUM"
    if "title" in schema:
        return f"type.googleapis.com/google.apps.sheets.v4.{schema['title']}"
    kind = schema.get("type")
    if kind == "array":
        return "type.googleapis.com/google.protobuf.ListValue"
    if isinstance(kind, list):
        kind = kind[0]
    return _PROTO_TYPES.get(str(kind), "type.googleapis.com/google.protobuf.Value")


def field_path(parts: list[str | int], prefix: str = "") -> str:
    """``["requests", 0, "addSheet"]`` -> ``requests[0].add_sheet`` (Google's style)."""
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + snake_case(part)
    return text


def normalize_keys(api: str, schema_name: str, body: Any) -> Any:
    """Rename snake_case members to camelCase, following the schema."""
    return _normalize(discovery(api)["schemas"], {"$ref": schema_name}, body)


def _normalize(schemas: Json, prop: Json, value: Any) -> Any:
    if "$ref" in prop:
        prop = schemas[prop["$ref"]]
    if _opaque(prop):
        return value
    if not isinstance(value, (dict, list)):
        return _coerce(prop, value)
    if isinstance(value, list):
        return [_normalize(schemas, prop.get("items", {}), item) for item in value]
    if "properties" in prop:
        fields = prop["properties"]
        out: Json = {}
        for key, item in value.items():
            name = key if key in fields else camel_case(key)
            out[name] = _normalize(schemas, fields.get(name, {}), item)
        return out
    sub = prop.get("additionalProperties", {})
    return {key: _normalize(schemas, sub, item) for key, item in value.items()}


def _opaque(prop: Json) -> bool:
    """``any`` values (cell values in ValueRange.values) are passed through as they are."""
    if prop.get("type") == "any":
        return True
    return prop.get("type") == "array" and _opaque(prop.get("items", {}))


def _coerce(prop: Json, value: Any) -> Any:
    """A scalar in the type its field declares (validation already passed)."""
    kind = prop.get("type")
    if "enum" in prop and isinstance(value, int) and not isinstance(value, bool):
        return prop["enum"][value]
    if kind == "string" and "enum" not in prop and not isinstance(value, str):
        return json.dumps(value)
    if kind == "integer" and isinstance(value, str):
        return int(value)
    if kind == "number" and isinstance(value, str):
        return float(value)
    if kind == "boolean" and isinstance(value, str):
        return value == "true"
    return value


def mask_is_valid(api: str, schema_name: str, path: tuple[str, ...]) -> bool:
    """Whether an update-mask path names real fields of ``schema_name``."""
    schemas = discovery(api)["schemas"]
    prop: Json = {"$ref": schema_name}
    for part in path:
        if "$ref" in prop:
            prop = schemas[prop["$ref"]]
        fields = prop.get("properties", {})
        name = part if part in fields else camel_case(part)
        if name not in fields:
            return False
        prop = fields[name]
    return True


def validate_query(method_id: str, query: dict[str, list[str]]) -> None:
    """Check Sheets query parameters: unknown names, enums, booleans, integers."""
    method = methods("sheets")[method_id]
    params: Json = {**discovery("sheets")["parameters"], **method.get("parameters", {})}
    for name, values in query.items():
        spec = params.get(name)
        if spec is None or spec.get("location") == "path":
            raise invalid_argument(
                f'Invalid JSON payload received. Unknown name "{name}": Cannot bind query '
                f"parameter. Field '{name}' could not be found in request message.",
                name,
            )
        for value in values:
            _check_param(name, spec, value)


def _check_param(name: str, spec: Json, value: str) -> None:
    kind = spec.get("type")
    ok = True
    if "enum" in spec:
        ok = value in spec["enum"]
    elif kind == "boolean":
        ok = value.lower() in ("true", "false", "1", "0")
    elif kind == "integer":
        ok = value.lstrip("-").isdigit()
    if not ok:
        type_name = "TYPE_ENUM" if "enum" in spec else _PROTO_TYPES.get(str(kind), "TYPE_STRING")
        field = snake_case(name)
        raise invalid_argument(f"Invalid value at '{field}' ({type_name}), \"{value}\"", field)
