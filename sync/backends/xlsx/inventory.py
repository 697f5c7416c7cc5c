"""Which pieces of nastavnik's layout each sheet of a .xlsx file has, for `init` repairs.

Read straight from the package (the cell data is skipped): the frozen pane, the
autofilter, the print setup, the columns with a validation from row 2, our colour rules,
and the header cells with a note (the sheet's comments part). Pure over the file's bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO

from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.xlsx.layout import OLD_CONTAINS, OUR_EQUAL, OUR_PREFIX
from nastavnik.sync.backends.xlsx.writer.book import read_package, relationships
from nastavnik.sync.backends.xlsx.writer.xml import Unsupported, column_number, split_range
from nastavnik.sync.snapshot import SheetLayout

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_XM = "{http://schemas.microsoft.com/office/excel/2006/main}"
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b(?:[^>]*/>|.*?</(?:\w+:)?sheetData>)", re.DOTALL)
_TRUE = ("1", "true")
_FIRST_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*\br=\"1\"[^>]*>(.*?)</(?:\w+:)?row>", re.DOTALL)
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*>")


def read_layouts(data: bytes, titles: Iterable[str]) -> dict[str, SheetLayout]:
    """Title → layout pieces of the worksheets named in `titles` (matched like titles are)."""
    wanted = {fold(t) for t in titles}
    out: dict[str, SheetLayout] = {}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        package = read_package(archive)
        filled = filled_styles(archive.read(package.styles))
        for title, member in package.worksheets.items():
            if fold(title) in wanted:
                xml = archive.read(member)
                notes = _header_notes(archive, member)
                out[title] = sheet_layout(xml, notes, header_fills(xml, filled))
    return out


def filled_styles(styles: bytes) -> frozenset[int]:
    """Indices of the cell formats (cellXfs) that paint a background."""
    root = ET.fromstring(styles)
    fills = [
        (pattern := fill.find(f"{_MAIN}patternFill")) is not None
        and pattern.get("patternType", "none") not in ("none", "gray125")
        for fill in root.iterfind(f"{_MAIN}fills/{_MAIN}fill")
    ]
    formats = root.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")
    return frozenset(
        n for n, xf in enumerate(formats) if _at(fills, int(xf.get("fillId", "0") or 0))
    )


def _at(flags: list[bool], index: int) -> bool:
    return 0 <= index < len(flags) and flags[index]


def header_fills(xml: bytes, filled: frozenset[int]) -> frozenset[int]:
    """Columns whose header cell (row 1) has a filled style."""
    row = _FIRST_ROW.search(xml)
    if row is None:
        return frozenset()
    found = set()
    for cell in _CELL.finditer(row.group(1)):
        ref, style = (
            re.search(rb'\br="([A-Z]+)1"', cell.group(0)),
            re.search(rb'\bs="(\d+)"', cell.group(0)),
        )
        if ref and style and int(style.group(1)) in filled:
            found.add(column_number(ref.group(1).decode()) - 1)
    return frozenset(found)


def sheet_layout(
    xml: bytes, noted: frozenset[int], shaded: frozenset[int] = frozenset()
) -> SheetLayout:
    """The layout pieces of one worksheet part (its cell data is not parsed)."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise Unsupported("a DTD in a worksheet")
    root = ET.fromstring(_SHEET_DATA.sub(b"", xml, count=1))
    frozen = any(
        pane.get("state", "") in ("frozen", "frozenSplit") and float(pane.get("ySplit", 0)) >= 1
        for pane in root.iter(f"{_MAIN}pane")
    )
    fit = root.find(f"{_MAIN}sheetPr/{_MAIN}pageSetUpPr")
    printed = (
        fit is not None
        and fit.get("fitToPage", "").lower() in _TRUE
        and root.find(f"{_MAIN}pageSetup") is not None
    )
    return SheetLayout(
        frozen=frozen,
        filtered=root.find(f"{_MAIN}autoFilter") is not None,
        printed=printed,
        validated=frozenset(_validated(root)),
        noted=noted,
        shaded=shaded,
        ruled=frozenset(_ruled(root)),
    )


def _validated(root: ET.Element) -> Iterator[int]:
    for rule in root.iter(f"{_MAIN}dataValidation"):
        yield from _columns_at_row_2(rule.get("sqref", ""))
    for ref in root.iter(f"{_XM}sqref"):  # Excel's extension list (x14:dataValidation)
        yield from _columns_at_row_2(ref.text or "")


def _ruled(root: ET.Element) -> Iterator[int]:
    for block in root.iter(f"{_MAIN}conditionalFormatting"):
        if any(_is_ours(rule) for rule in block.iter(f"{_MAIN}cfRule")):
            yield from _columns_at_row_2(block.get("sqref", ""))


def _is_ours(rule: ET.Element) -> bool:
    kind = rule.get("type")
    formulas = [f.text or "" for f in rule.iter(f"{_MAIN}formula")]
    if kind == "containsText":
        return rule.get("text", "") in OLD_CONTAINS
    if kind == "beginsWith":
        return rule.get("text", "") in OUR_PREFIX
    return (
        kind == "cellIs"
        and rule.get("operator") == "equal"
        and formulas[:1] in ([f] for f in OUR_EQUAL)
    )


def _columns_at_row_2(sqref: str) -> Iterator[int]:
    """0-based columns of the ranges in `sqref` that include row 2."""
    for part in sqref.split():
        try:
            top, left, bottom, right = split_range(part.replace("$", ""))
        except Unsupported:
            continue
        if top <= 2 <= bottom:
            yield from range(left, right + 1)


def _header_notes(archive: zipfile.ZipFile, member: str) -> frozenset[int]:
    """Columns whose header cell (row 1) has a note, from the sheet's comments part."""
    found: set[int] = set()
    for kind, target in relationships(archive, member).values():
        if kind != "comments" or target not in archive.NameToInfo:
            continue
        for comment in ET.fromstring(archive.read(target)).iter(f"{_MAIN}comment"):
            try:
                row, column = split_range(comment.get("ref", ""))[:2]
            except Unsupported:
                continue
            if row == 1:
                found.add(column)
    return frozenset(found)
