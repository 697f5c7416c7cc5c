"""Targeted scans of a package's XML for what calamine does not expose.

calamine reads values (cached formula results included) but not where formulas are, error
values (it reads `#N/A` as blank), or document properties. These scans answer exactly
that without a second full parse: a sheet part is searched byte-wise for formula elements
and error cells, and only those few cells are looked at; the small workbook, relationship
and custom-property parts are parsed with ElementTree.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO
from xml.etree import ElementTree

from nastavnik.sync.backends.xlsx.layout import STAMP_PROPERTY

_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
# A formula element or an error-typed cell, with or without a namespace prefix.
_SPECIAL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st=[\"']e[\"']")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>]")
_ATTR = re.compile(rb"""\b(r|t)\s*=\s*["']([^"']*)["']""")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?(?:/>|>([^<]*)<)")
_ADDRESS = re.compile(rb"^([A-Z]{1,3})([0-9]+)$")
_MARKS = (b"<f", b":f", b't="e"', b"t='e'")  # fast pre-check before the regex
_CHUNK = 1 << 20
_ENTITIES = {b"&amp;": b"&", b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'"}


@dataclass
class SheetScan:
    """Formula cells and error values of one sheet: (1-based row, 0-based column) keys."""

    formulas: set[tuple[int, int]] = field(default_factory=set)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formulas with no stored result
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # "#N/A", "#DIV/0!", …


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the name of its part in the package (from workbook.xml and its rels)."""
    book_part = _target(package, "", f"{_DOC_REL}/officeDocument")
    if book_part is None:
        return {}
    rels = _relationships(package, book_part)
    book = ElementTree.fromstring(package.read(book_part))
    parts: dict[str, str] = {}
    for sheet in book.iter():
        if sheet.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = rels.get(sheet.get(f"{{{_DOC_REL}}}id", ""))
        if target is not None:
            parts[sheet.get("name", "")] = target
    return parts


def read_stamp(package: zipfile.ZipFile) -> str:
    """The layout stamp from docProps/custom.xml ("" when there is none)."""
    part = _target(package, "", f"{_DOC_REL}/custom-properties")
    if part is None or part not in package.NameToInfo:
        return ""
    root = ElementTree.fromstring(package.read(part))
    for prop in root.iter(f"{{{_CUSTOM}}}property"):
        if prop.get("name") == STAMP_PROPERTY:
            return "".join(child.text or "" for child in prop)
    return ""


def scan_sheet(xml: bytes) -> SheetScan:
    """Formula and error cells of one sheet part held in memory."""
    return scan_stream(BytesIO(xml))


def scan_stream(stream: IO[bytes], chunk_size: int = _CHUNK) -> SheetScan:
    """Formula and error cells of one sheet part, read in chunks (memory stays flat).

    Each chunk is cut before its last row, so every cell is scanned whole; a chunk with no
    candidate bytes costs a few `bytes.find` calls. Only `<sheetData>` is scanned (formulas
    of conditional formats and extensions live outside it), and reading stops at its end.
    """
    found = SheetScan()
    carry, inside = b"", False
    while True:
        chunk = stream.read(chunk_size)
        data = carry + chunk
        if not inside:
            opening = data.find(b"sheetData")
            if opening < 0:
                carry = data[-16:] if chunk else b""
                if not chunk:
                    return found
                continue
            if data[opening + 9 : opening + 11].lstrip().startswith(b"/"):
                return found  # <sheetData/>: no cells
            data, inside = data[opening + 9 :], True
        closing = data.find(b"sheetData")
        if closing >= 0 or not chunk:
            _scan_rows(data if closing < 0 else data[:closing], found)
            return found
        cut = max(data.rfind(b"<row"), data.rfind(b":row"))
        _scan_rows(data[:cut] if cut > 0 else b"", found)
        carry = data[cut:] if cut > 0 else data


def _scan_rows(xml: bytes, found: SheetScan) -> None:
    """Note the formula and error cells of whole rows of sheet XML."""
    if not any(mark in xml for mark in _MARKS):
        return
    position = 0
    while (match := _SPECIAL.search(xml, position)) is not None:
        start = _cell_start(xml, match.start())
        end = xml.find(b">", start) + 1
        close = _cell_end(xml, end)
        position = max(close, match.end())
        attrs = dict(_ATTR.findall(xml[start:end]))
        where = _where(attrs.get(b"r", b""))
        if where is None:
            continue
        _note_cell(found, where, attrs.get(b"t", b"n"), xml[end:close])


def _note_cell(found: SheetScan, where: tuple[int, int], kind: bytes, inner: bytes) -> None:
    has_formula = _FORMULA.search(inner) is not None
    value = _VALUE.search(inner)
    text = value.group(1) if value is not None else None
    if has_formula:
        found.formulas.add(where)
        if text is None or (not text and kind != b"str"):
            found.uncached.add(where)  # an empty string result is stored as t="str" <v></v>
    if kind == b"e" and text:
        found.errors[where] = _unescape(text).decode("utf-8", "replace")


def _cell_start(xml: bytes, before: int) -> int:
    """Where the `<c …>` element holding position `before` starts."""
    start = before
    while start > 0:
        start = xml.rfind(b"<", 0, start)
        if _CELL_START.match(xml, start):
            return start
    return before


def _cell_end(xml: bytes, after: int) -> int:
    """Where the cell that opened before `after` closes (a self-closing cell ends at `after`)."""
    if xml[after - 2 : after] == b"/>":
        return after
    found = _CELL_CLOSE.search(xml, after)
    return found.start() if found else len(xml)


def _where(address: bytes) -> tuple[int, int] | None:
    match = _ADDRESS.match(address.replace(b"$", b""))
    if match is None:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + letter - 64
    return int(match.group(2)), column - 1


def _unescape(text: bytes) -> bytes:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id → target part name, for `part` ("" for the package itself)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package.NameToInfo:
        return {}
    found: dict[str, str] = {}
    for rel in ElementTree.fromstring(package.read(rels_name)).iter(_PKG_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = resolved
        found["type:" + rel.get("Type", "")] = resolved
    return found


def _target(package: zipfile.ZipFile, part: str, rel_type: str) -> str | None:
    return _relationships(package, part).get("type:" + rel_type)
