"""Field masks: ``fields=`` partial responses and the ``fields`` of update requests.

A mask is parsed into a tree ``{"sheets": {"properties": {}}}``; an empty
subtree means "the whole field".  Both ``.`` and ``/`` separate path parts
(gspread sends ``gridProperties/frozenRowCount``), parentheses group
sub-selections (``sheets(properties(sheetId,title))``).
"""

from __future__ import annotations

from typing import Any

from tests.fake_sheets.common import Json, as_dict, deep_copy

Mask = dict[str, "Mask"]


class MaskSyntaxError(ValueError):
    """The mask text is not well formed."""


def parse_mask(text: str) -> Mask:
    """Parse a field mask; raises MaskSyntaxError on unbalanced parentheses."""
    tree: Mask = {}
    rest = _parse_list(text.replace(" ", ""), 0, tree)
    if rest != len(text.replace(" ", "")):
        raise MaskSyntaxError(text)
    return tree


def _parse_list(text: str, pos: int, into: Mask) -> int:
    while pos < len(text):
        pos = _parse_item(text, pos, into)
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        break
    return pos


def _parse_item(text: str, pos: int, into: Mask) -> int:
    start = pos
    while pos < len(text) and text[pos] not in ",()":
        pos += 1
    path = [part for part in text[start:pos].replace("/", ".").split(".") if part]
    if not path:
        raise MaskSyntaxError(text)
    node = into
    for part in path:
        node = node.setdefault(part, {})
    if pos < len(text) and text[pos] == "(":
        pos = _parse_list(text, pos + 1, node)
        if pos >= len(text) or text[pos] != ")":
            raise MaskSyntaxError(text)
        pos += 1
    return pos


def paths(mask: Mask, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Leaf paths of a mask: ``{"a": {"b": {}}}`` -> ``[("a", "b")]``."""
    out: list[tuple[str, ...]] = []
    for key, sub in mask.items():
        out.extend(paths(sub, (*prefix, key)) if sub else [(*prefix, key)])
    return out


def project(value: Any, mask: Mask) -> Any:
    """Keep only the masked fields of a response (lists are mapped over)."""
    if not mask or "*" in mask:
        return value
    if isinstance(value, list):
        return [project(item, mask) for item in value]
    if isinstance(value, dict):
        return {key: project(value[key], sub) for key, sub in mask.items() if key in value}
    return value


def apply_update(target: Json, source: Json, mask: Mask) -> Json:
    """Copy the masked fields from ``source`` onto ``target`` (a new dict).

    A masked field missing from ``source`` is cleared, as Google does.
    """
    if "*" in mask:
        return dict(deep_copy(source))
    result = dict(target)
    for key, sub in mask.items():
        if not sub:
            if key in source:
                result[key] = deep_copy(source[key])
            else:
                result.pop(key, None)
            continue
        inner = apply_update(as_dict(target.get(key)), as_dict(source.get(key)), sub)
        if inner:
            result[key] = inner
        else:
            result.pop(key, None)
    return result
