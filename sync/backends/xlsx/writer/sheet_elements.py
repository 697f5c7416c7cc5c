"""The element edits of our layout: ``<cols>``, ``<sheetViews>``, ``<sheetPr>``,
``<conditionalFormatting>`` and ``<dataValidations>`` (see writer/elements.py).

Each rewrite keeps the bytes of whatever is not ours and returns its input unchanged when
our part is already as planned, so a second run with the same layout writes nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nastavnik.sync.backends.xlsx.layout import MARK, NAME_PREFIX
from nastavnik.sync.backends.xlsx.writer.elements import ElementEdit
from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    element_pattern,
    escape_attr,
    escape_text,
    unescape,
    with_attributes,
)

_ERROR_TITLE = "Значение не из списка"
_ERROR = "Такого значения нет в списке. Его можно оставить, но проверка отметит ошибку."
_DATE_TITLE = "Не дата"
_DATE_ERROR = "Введите дату в виде ДД.ММ.ГГГГ. Значение можно оставить, но проверка отметит ошибку."
DATE_CHECK = "date"  # the source of a dropdown that is a date check instead


Span = tuple[int, int, bytes]  # first and last 1-based column of a <col>, its element


def column_edit(columns: dict[int, tuple[float, Callable[[int], int]]]) -> ElementEdit:
    """Width and style (old style → new) of single 0-based columns; ranges are split."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        head = _start_tag(old, p, b"cols")
        items: list[Span] = []
        if old:
            for match in element_pattern(p, b"col").finditer(old[0]):
                found = attributes(match.group(1))
                low = int(found.get("min", "0"))
                items.append((low, int(found.get("max", str(low))), match.group(0)))
        for column, (width, style) in sorted(columns.items()):
            items = _set_column(items, column + 1, width, style, p)
        items.sort(key=lambda item: item[0])
        new = head + b"".join(item[2] for item in items) + b"</" + p + b"cols>"
        return old if old and new == old[0] else [new]

    return ElementEdit(b"cols", rewrite)


def _start_tag(old: list[bytes], p: bytes, name: bytes) -> bytes:
    """The start tag of the old list element (opened when it was empty), or a new one."""
    if not old:
        return b"<" + p + name + b">"
    head = old[0][: old[0].index(b">") + 1]
    return head[:-2].rstrip() + b">" if head.endswith(b"/>") else head


def _set_column(
    items: list[Span], number: int, width: float, style: Callable[[int], int], p: bytes
) -> list[Span]:
    found = next((item for item in items if item[0] <= number <= item[1]), None)
    if found is None:
        found = (number, number, b'<%scol min="%d" max="%d"/>' % (p, number, number))
    else:
        items.remove(found)
    low, high, tag = found
    for start, end in ((low, number - 1), (number + 1, high)):
        if start <= end:
            items.append((start, end, with_attributes(tag, {"min": str(start), "max": str(end)})))
    if low != high:
        tag = with_attributes(tag, {"min": str(number), "max": str(number)})
    new_style = style(int(attributes(tag).get("style", "0") or "0"))
    changes: dict[str, str | None] = {"width": f"{width:g}", "customWidth": "1"}
    changes["style"] = str(new_style) if new_style else None
    items.append((number, number, with_attributes(tag, changes)))
    return items


def frozen_header() -> ElementEdit:
    """The first row frozen (staff's own frozen pane below one header row stays)."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        pane = (
            b'<%spane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            b'<%sselection pane="bottomLeft" activeCell="A2" sqref="A2"/>' % (p, p)
        )
        if not old:
            view = b'<%ssheetView workbookViewId="0">%s</%ssheetView>' % (p, pane, p)
            return [b"<%ssheetViews>%s</%ssheetViews>" % (p, view, p)]
        views = old[0]
        found_view = re.search(rb"<" + re.escape(p) + rb"sheetView\b[^>]*>", views)
        if found_view is None:
            raise Unsupported("в <sheetViews> нет <sheetView>")
        existing = re.search(rb"<" + re.escape(p) + rb"pane\b[^>]*>", views)
        if existing is not None:
            found = attributes(existing.group(0))
            if found.get("state") == "frozen" and found.get("ySplit") == "1":
                return old
        start, end = found_view.start(), found_view.end()
        tag = found_view.group(0)
        if tag.endswith(b"/>"):
            inner, close = b"", b"</" + p + b"sheetView>"
            tag = tag[:-2].rstrip() + b">"
        else:
            close_at = views.index(b"</" + p + b"sheetView>", end)
            inner, close = views[end:close_at], b""
            end = close_at
        inner = re.sub(rb"<" + re.escape(p) + rb"pane\b[^>]*/>", b"", inner)
        inner = re.sub(rb"<" + re.escape(p) + rb"selection\b[^>]*\bpane=[^>]*/>", b"", inner)
        return [views[:start] + tag + pane + inner + close + views[end:]]

    return ElementEdit(b"sheetViews", rewrite)


def tab_colour(rgb: str) -> ElementEdit:
    """The sheet tab coloured `rgb` ("7F7F7F")."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        colour = b'<%stabColor rgb="00%s"/>' % (p, rgb.encode())
        if not old:
            return [b"<%ssheetPr>%s</%ssheetPr>" % (p, colour, p)]
        element = old[0]
        existing = re.search(rb"<" + re.escape(p) + rb"tabColor\b[^>]*/>", element)
        if existing is not None:
            return [element[: existing.start()] + colour + element[existing.end() :]]
        tag_end = element.index(b">") + 1
        if element[:tag_end].endswith(b"/>"):
            head = element[: tag_end - 2].rstrip() + b">"
            return [head + colour + b"</" + p + b"sheetPr>"]
        return [element[:tag_end] + colour + element[tag_end:]]

    return ElementEdit(b"sheetPr", rewrite)


def validations(
    dropdowns: Sequence[tuple[str, str, str]], dropped: Callable[[set[str]], None]
) -> ElementEdit:
    """Our dropdowns (sqref, header, source; no source: none) replacing ours on the same
    range or column; `dropped` learns the list names the removed ones used."""
    targets = {sqref for sqref, _, _ in dropdowns}
    headers = {header for _, header, _ in dropdowns}

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        head = _start_tag(old, p, b"dataValidations")
        items: list[bytes] = []
        formula = element_pattern(p, b"formula1")
        for match in element_pattern(p, b"dataValidation").finditer(old[0] if old else b""):
            found = attributes(match.group(1))
            ours = found.get("promptTitle") == MARK
            if ours and (found.get("sqref") in targets or found.get("prompt") in headers):
                listed = formula.search(match.group(2) or b"")
                name = unescape((listed.group(2) or b"").decode()) if listed else ""
                dropped({name} if name.startswith(NAME_PREFIX) else set())
                continue
            items.append(match.group(0))
        for sqref, header, source in dropdowns:
            if source:
                items.append(_dropdown(p, sqref, header, source))
        if not items:
            return []
        head = with_attributes(head, {"count": str(len(items))})
        new = head + b"".join(items) + b"</" + p + b"dataValidations>"
        return old if old and old[0] == new else [new]

    return ElementEdit(b"dataValidations", rewrite)


def _dropdown(p: bytes, sqref: str, header: str, source: str) -> bytes:
    q = p.decode()
    if source == DATE_CHECK:
        return (
            f'<{q}dataValidation type="date" errorStyle="warning" operator="between" '
            f'allowBlank="1" showErrorMessage="1" errorTitle="{escape_attr(_DATE_TITLE)}" '
            f'error="{escape_attr(_DATE_ERROR)}" promptTitle="{MARK}" '
            f'prompt="{escape_attr(header)}" sqref="{sqref}"><{q}formula1>1</{q}formula1>'
            f"<{q}formula2>2958465</{q}formula2></{q}dataValidation>"
        ).encode()
    return (
        f'<{q}dataValidation type="list" errorStyle="warning" allowBlank="1" '
        f'showErrorMessage="1" errorTitle="{escape_attr(_ERROR_TITLE)}" '
        f'error="{escape_attr(_ERROR)}" promptTitle="{MARK}" prompt="{escape_attr(header)}" '
        f'sqref="{sqref}"><{q}formula1>{escape_text(source)}</{q}formula1></{q}dataValidation>'
    ).encode()
