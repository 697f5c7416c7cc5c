"""Small helpers shared by the fake Sheets server modules."""

from __future__ import annotations

import copy
import re
from typing import Any

Json = dict[str, Any]

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")

#: Largest float that still converts to an int without losing precision.
_MAX_SAFE_INT = 2**53


def snake_case(name: str) -> str:
    """``valueInputOption`` -> ``value_input_option`` (proto field names in errors)."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def camel_case(name: str) -> str:
    """``value_input_option`` -> ``valueInputOption``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def strip_nulls(value: Any) -> Any:
    """Drop ``null`` members of objects, as Google's JSON parser does.

    List items are kept: ``null`` inside ``values`` means "leave this cell".
    """
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value]
    return value


def json_number(value: float) -> float | int:
    """Render an integral float as an int, the way Google's JSON does (``2`` not ``2.0``)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < _MAX_SAFE_INT:
        return int(value)
    return value


def deep_copy(value: Any) -> Any:
    """A deep copy of JSON-like data."""
    return copy.deepcopy(value)


def as_dict(value: Any) -> Json:
    """``value`` if it is a dict, otherwise an empty dict."""
    return value if isinstance(value, dict) else {}


def prune_defaults(value: Any, keep: frozenset[str] = frozenset()) -> Any:
    """Drop proto3 default values (``false``, ``0``, ``""``, ``[]``) from objects.

    Google omits fields that hold their default value; ``keep`` names fields
    that Google always prints (e.g. ``index``, ``sheetId`` in sheet properties).
    Empty objects are kept: they are "set" messages.
    """
    if isinstance(value, list):
        return [prune_defaults(v, keep) for v in value]
    if not isinstance(value, dict):
        return value
    out: Json = {}
    for key, item in value.items():
        if key not in keep and _is_default(item):
            continue
        out[key] = prune_defaults(item, keep)
    return out


def _is_default(item: Any) -> bool:
    if item is None or item is False:
        return True
    if isinstance(item, (int, float)) and not isinstance(item, bool):
        return item == 0
    return isinstance(item, (str, list)) and not item


Query = dict[str, list[str]]


def qget(query: Query, name: str, default: str = "") -> str:
    """Last value of a query parameter (or ``default``)."""
    values = query.get(name)
    return values[-1] if values else default


def qbool(query: Query, name: str) -> bool:
    """A boolean query parameter; gspread sends ``True``/``False``."""
    return qget(query, name, "false").lower() in ("true", "1")
