"""What follows the cells of a worksheet part, for the streaming writer: merged cells,
hyperlinks and tables are checked before anything is written; hyperlinks are updated.

Only in-workbook links are written (``<hyperlink ref location>`` needs no relationship);
a write removes the link its cell had, as the openpyxl path does.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from nastavnik.sync.backends.base import merged_cell_error
from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    element_pattern,
    insertion_point,
    section_pattern,
    split_elements,
    split_range,
)
from nastavnik.sync.changeset import CellWrite

RowWrites = dict[int, dict[int, CellWrite]]  # row (1-based) → column (0-based) → write
Bounds = tuple[int, int, int, int]  # first row, first column, last row, last column

# Children of <worksheet> that may come after the cells, split by where <hyperlinks> goes.
_BEFORE_LINKS = (
    b"sheetCalcPr", b"sheetProtection", b"protectedRanges", b"scenarios", b"autoFilter",
    b"sortState", b"dataConsolidate", b"customSheetViews", b"mergeCells", b"phoneticPr",
    b"conditionalFormatting", b"dataValidations",
)  # fmt: skip
_AFTER_LINKS = (
    b"printOptions", b"pageMargins", b"pageSetup", b"headerFooter", b"rowBreaks",
    b"colBreaks", b"customProperties", b"cellWatches", b"ignoredErrors", b"smartTags",
    b"drawing", b"legacyDrawing", b"legacyDrawingHF", b"drawingHF", b"picture",
    b"oleObjects", b"controls", b"webPublishItems", b"tableParts", b"extLst",
)  # fmt: skip


class Tail:
    """The part of one worksheet after ``</sheetData>``, as read by the pre-scan."""

    def __init__(self, title: str, prefix: bytes, tail: bytes) -> None:
        self._title = title
        self._p = prefix
        if re.search(rb"<" + re.escape(prefix) + rb"tablePart\b", tail):
            raise Unsupported("the sheet has Excel tables")  # their headers live elsewhere
        self._links: set[tuple[int, int]] = set()
        self._link_ranges: list[Bounds] = []
        for ref in self._refs(tail, b"hyperlinks", b"hyperlink"):
            bounds = split_range(ref)
            if bounds[:2] == bounds[2:]:
                self._links.add(bounds[:2])
            else:
                self._link_ranges.append(bounds)
        self._merged = [split_range(ref) for ref in self._refs(tail, b"mergeCells", b"mergeCell")]

    def check(self, rows: RowWrites) -> None:
        """Refuse writes into merged cells (as the openpyxl path does); decline writes into
        a hyperlink that covers a range of cells."""
        numbers = sorted(rows)
        for top, left, bottom, right in self._merged:
            for number in numbers[bisect_left(numbers, top) : bisect_right(numbers, bottom)]:
                for column in rows[number]:
                    if left <= column <= right and (number, column) != (top, left):
                        raise merged_cell_error(self._title, number, column)
        for top, left, bottom, right in self._link_ranges:
            for number in numbers[bisect_left(numbers, top) : bisect_right(numbers, bottom)]:
                if any(left <= column <= right for column in rows[number]):
                    raise Unsupported("a write into a hyperlink over several cells")

    def linked(self, row: int, column: int) -> bool:
        """True when the cell has a hyperlink now."""
        return (row, column) in self._links

    def patched(self, tail: bytes, rows: RowWrites, new_links: list[bytes]) -> bytes:
        """`tail` without the hyperlinks of written cells and with `new_links`."""
        written = any(column in rows.get(row, {}) for row, column in self._links)
        if not written and not new_links:
            return tail
        p = self._p
        section = section_pattern(p, b"hyperlinks").search(tail)
        items = []
        if section is not None:
            for match in split_elements(section.group(2), element_pattern(p, b"hyperlink")):
                ref = attributes(match.group(1)).get("ref", "")
                row, column = split_range(ref)[:2]
                if ":" in ref or column not in rows.get(row, {}):
                    items.append(match.group(0))
        items += new_links
        opening = section.group(1) if section is not None else b"<%shyperlinks>" % p
        block = opening + b"".join(items) + b"</%shyperlinks>" % p if items else b""
        if section is not None:
            return tail[: section.start()] + block + tail[section.end() :]
        at = insertion_point(tail, p, b"worksheet", _BEFORE_LINKS, _AFTER_LINKS)
        return tail[:at] + block + tail[at:]

    def _refs(self, tail: bytes, section: bytes, item: bytes) -> list[str]:
        found = section_pattern(self._p, section).search(tail)
        if found is None:
            return []
        items = split_elements(found.group(2), element_pattern(self._p, item))
        return [attributes(match.group(1)).get("ref", "") for match in items]
