"""What follows the cells of a worksheet part, for the streaming writer: merged cells,
hyperlinks and tables are checked before anything is written; hyperlinks are updated.

Only in-workbook links are written (``<hyperlink ref location>`` needs no relationship);
a write removes the link its cell had, as the openpyxl path does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.backends.base import merged_cell_error
from nastavnik.sync.backends.xlsx.writer.elements import WORKSHEET_ORDER, ElementEdit, apply_edits
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

# Children of <worksheet> before and after <hyperlinks>, by the schema's order.
_AT_LINKS = WORKSHEET_ORDER.index(b"hyperlinks")
_BEFORE_LINKS = WORKSHEET_ORDER[WORKSHEET_ORDER.index(b"sheetData") + 1 : _AT_LINKS]
_AFTER_LINKS = WORKSHEET_ORDER[_AT_LINKS + 1 :]


class Tail:
    """The part of one worksheet after ``</sheetData>``, as read by the pre-scan."""

    def __init__(
        self, title: str, prefix: bytes, tail: bytes, tables: Sequence[tuple[str, Bounds]] = ()
    ) -> None:
        self._title = title
        self._p = prefix
        self.prefix = prefix
        self.text = tail
        self._tables = tables  # (name, header row) of the sheet's Excel tables
        self._links: set[tuple[int, int]] = set()
        self._link_ranges: list[Bounds] = []
        for ref in self._refs(tail, b"hyperlinks", b"hyperlink"):
            bounds = split_range(ref)
            if bounds[:2] == bounds[2:]:
                self._links.add(bounds[:2])
            else:
                self._link_ranges.append(bounds)
        self._merged = [split_range(ref) for ref in self._refs(tail, b"mergeCells", b"mergeCell")]

    def edit(self, edits: Sequence[ElementEdit]) -> None:
        """Make the element edits that belong after the cells."""
        self.text = apply_edits(self.text, self._p, edits, head=False)

    def check(self, rows: RowWrites) -> None:
        """Refuse writes into merged cells and into the header of an Excel table (its
        column names live in the table part); decline writes into a hyperlink that covers
        a range of cells."""
        numbers = sorted(rows)
        for name, (top, left, _, right) in self._tables:
            for column in rows.get(top, {}):
                if left <= column <= right:
                    raise table_header_error(self._title, name, top, column)
        for top, left, bottom, right in self._merged:
            for number in numbers[bisect_left(numbers, top) : bisect_right(numbers, bottom)]:
                for column in rows[number]:
                    if left <= column <= right and (number, column) != (top, left):
                        raise merged_cell_error(self._title, number, column)
        for top, left, bottom, right in self._link_ranges:
            for number in numbers[bisect_left(numbers, top) : bisect_right(numbers, bottom)]:
                if any(left <= column <= right for column in rows[number]):
                    raise Unsupported("запись в ячейку гиперссылки, охватывающей несколько ячеек")

    def linked(self, row: int, column: int) -> bool:
        """True when the cell has a hyperlink now."""
        return (row, column) in self._links

    def patched(self, rows: RowWrites, new_links: list[bytes]) -> bytes:
        """The tail without the hyperlinks of written cells and with `new_links`."""
        tail = self.text
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


def table_header_error(title: str, table: str, row: int, column: int) -> WorkbookError:
    """The Russian refusal to write into the header row of an Excel table."""
    return WorkbookError(
        f"Ячейка {cell_address(row, column)} листа «{title}» — заголовок таблицы Excel "
        f"«{table}»; менять заголовки таблиц программа не может.",
        hint="Уберите таблицу (Работа с таблицами → Преобразовать в диапазон) или "
        "расширьте её заголовок сами и повторите.",
    )
