"""One worksheet part patched as a stream: untouched rows are copied byte for byte.

`SheetPatch.write` copies the part to the output (through xlsx_stream_scan.Scanner),
re-creating only the rows that have planned writes, inserting new rows in order, and
adjusting ``<dimension>`` and ``<hyperlinks>`` (backends/xlsx/writer/tail.py). Rows and cells are
found by their ``r`` attributes, which every spreadsheet program writes; a part without
them, with rows or cells out of order, or a write into a formula cell makes the writer
decline (openpyxl then does the write). A planned cell written as ``<c r="G5"…`` (Excel,
LibreOffice, openpyxl) is replaced in place; any other row is read cell by cell.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import IO

from nastavnik.sync.a1 import cell_address, column_letter
from nastavnik.sync.backends.xlsx.writer.cells import CellMaker, OldCell
from nastavnik.sync.backends.xlsx.writer.elements import ElementEdit, apply_edits
from nastavnik.sync.backends.xlsx.writer.scan import Scanner, Sink
from nastavnik.sync.backends.xlsx.writer.tail import RowWrites, Tail
from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    column_index,
    element_pattern,
    split_range,
    with_attributes,
)
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Link

_ROW_NUMBER = re.compile(rb"""(?:^|\s)r\s*=\s*["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\s+r\s*=\s*["']([A-Za-z]{1,3})(\d+)["']""")
_SPACES = (b" ", b"\t", b"\n", b"\r")
MAX_COLUMN = 16_384
_CELL_STYLE = re.compile(rb"""(?:^|\s)s\s*=\s*["'](\d+)["']""")


# (0-based column, old style, the cell has a value) → the header cell's new style
Restyle = Callable[[int, int, bool], int]


class SheetPatch:
    """The planned writes and layout edits of one sheet, applied while its part is copied."""

    def __init__(self, title: str, rows: RowWrites, maker: CellMaker, tail: Tail):
        self._rows = rows
        self._maker = maker
        self._p = tail.prefix
        self._tail = tail
        self._tail.check(rows)
        self.edits: Sequence[ElementEdit] = ()  # the head's element edits
        self.heights: dict[int, float | None] = {}  # row → height in points (None: default)
        self._restyle: Restyle | None = None
        self._new_links: list[bytes] = []
        self._column_styles: dict[int, int] = {}
        p = re.escape(self._p)
        self._row_or_end = re.compile(rb"<" + p + rb"row\b([^>]*)>|</" + p + rb"sheetData>")
        self._cell = re.compile(
            rb"<" + p + rb"c(?=[\s/>])(?=[^>]*?\sr\s*=\s*[\"']([A-Za-z]{1,3})(\d+)[\"'])"
            rb"([^>]*?)(?:/>|>(.*?)</" + p + rb"c>)",
            re.S,
        )
        self._formula = re.compile(rb"<" + p + rb"f\b")
        self._row_end = b"</" + self._p + b"row>"
        self._cell_open = b"<" + self._p + b"c"
        self._cell_close = b"</" + self._p + b"c>"

    def restyle_header(self, restyle: Restyle) -> None:
        """Give the cells of row 1 the styles `restyle` makes of theirs."""
        self._restyle = restyle
        self._rows.setdefault(1, {})

    def write(self, source: IO[bytes], out: Sink) -> None:
        """Copy the part from `source` to `out` with the writes applied."""
        scan = Scanner(source, out)
        p = re.escape(self._p)
        start = scan.read_until(re.compile(rb"<" + p + rb"sheetData\b[^>]*?(/?)>"))
        if start is None:
            raise Unsupported("в листе нет данных <sheetData>")
        out.write(self._head(scan.take(start.start())))
        opening = scan.take(start.end())
        if start.group(1):  # <sheetData/>: no rows yet
            out.write(b"<" + self._p + b"sheetData>")
            self._new_rows(out, sorted(self._rows))
        else:
            out.write(opening)
            self._stream_rows(scan, out)
        closing = b"</" + self._p + b"sheetData>"
        scan.rest()  # the tail as it was is in self._tail (pre-scanned and edited)
        out.write(closing + self._tail.patched(self._rows, self._new_links))

    def _head(self, head: bytes) -> bytes:
        """Head edits made; column styles noted; the dimension grown to cover the new values."""
        head = apply_edits(head, self._p, self.edits, head=True)
        for match in element_pattern(self._p, b"col").finditer(head):
            found = attributes(match.group(1))
            style = _number(found.get("style", "0"))
            if style:
                low = _number(found.get("min", "1"))
                for number in range(low, min(_number(found.get("max", str(low))), 16_384) + 1):
                    self._column_styles[number - 1] = style
        dimension = re.search(rb"<" + re.escape(self._p) + rb"dimension\b[^>]*>", head)
        if dimension is None:
            return head
        ref = attributes(dimension.group(0)).get("ref", "A1")
        grown = _grown(split_range(ref), self._rows)
        new = (
            with_attributes(dimension.group(0), {"ref": grown})
            if grown != ref
            else dimension.group(0)
        )
        return head[: dimension.start()] + new + head[dimension.end() :]

    def _stream_rows(self, scan: Scanner, out: Sink) -> None:
        targets = sorted(self._rows)
        next_target, last = 0, 0
        while True:
            match = scan.search(self._row_or_end)
            if match is None:
                raise Unsupported("у данных листа нет конца <sheetData>")
            if match.group(1) is None:  # </sheetData>
                scan.pos = match.start()
                scan.flush()
                self._new_rows(out, targets[next_target:])
                return
            found = _ROW_NUMBER.search(match.group(1))
            number = int(found.group(1)) if found else 0
            if number <= last:
                raise Unsupported("строка без номера или строки не по порядку")
            last = number
            scan.pos = match.start()
            missing = targets[next_target : bisect_left(targets, number, lo=next_target)]
            if missing:
                scan.flush()
                self._new_rows(out, missing)
                next_target += len(missing)
            if next_target < len(targets) and targets[next_target] == number:
                out.write(self._patched_row(self._take_row(scan, match), number))
                next_target += 1
            else:
                scan.pos = match.end()

    def _take_row(self, scan: Scanner, match: re.Match[bytes]) -> bytes:
        if match.group(0).endswith(b"/>"):
            return scan.take(match.end())
        end = scan.find(self._row_end, match.end())
        return scan.take(end + len(self._row_end))

    def _new_rows(self, out: Sink, numbers: list[int]) -> None:
        p = self._p
        for number in numbers:
            cells = [self._cell_for(w, 0) for _, w in sorted(self._rows[number].items())]
            if not cells:
                continue
            if number == 1 and self._restyle is not None:
                cells = [self._restyled(b"".join(cells))]
            tag = self._sized(b'<%srow r="%d">' % (p, number), number)
            out.write(tag + b"".join(cells) + b"</" + p + b"row>")

    def _patched_row(self, element: bytes, number: int) -> bytes:
        """The row with its planned cells replaced or inserted; other cells byte for byte."""
        tag_end = element.index(b">") + 1
        tag = element[:tag_end]
        inner = b"" if tag.endswith(b"/>") else element[tag_end : -len(self._row_end)]
        writes = self._rows[number]
        columns = sorted(writes)
        if tag.endswith(b"/>"):
            tag = tag[:-2].rstrip() + b">"
        cells = inner
        if columns:
            tag = _spans_checked(tag, columns[0], columns[-1])
            in_place = self._in_place(inner, number)
            cells = self._merged(inner, number) if in_place is None else in_place
        if number == 1 and self._restyle is not None:
            cells = self._restyled(cells)
        return self._sized(tag, number) + cells + self._row_end

    def _sized(self, tag: bytes, number: int) -> bytes:
        """The row's start tag with the planned height (or back to the default height)."""
        if number not in self.heights:
            return tag
        height = self.heights[number]
        if height is None:
            return with_attributes(tag, {"ht": None, "customHeight": None})
        return with_attributes(tag, {"ht": f"{height:g}", "customHeight": "1"})

    def _restyled(self, inner: bytes) -> bytes:
        """Row 1's cells with the header styles (everything else in them as it was)."""
        assert self._restyle is not None
        parts: list[bytes] = []
        copied = 0
        for match in self._cell.finditer(inner):
            style_found = _CELL_STYLE.search(match.group(3))
            old = int(style_found.group(1)) if style_found else 0
            content = match.group(4) or b""
            has_value = b"<" + self._p + b"v" in content or b"<" + self._p + b"is" in content
            new = self._restyle(column_index(match.group(1)), old, has_value)
            if new == old:
                continue
            tag_end = match.group(0).index(b">") + 1
            tag = with_attributes(match.group(0)[:tag_end], {"s": str(new)})
            parts += (inner[copied : match.start()], tag, match.group(0)[tag_end:])
            copied = match.end()
        return b"".join(parts) + inner[copied:]

    def _in_place(self, inner: bytes, number: int) -> bytes | None:
        """Fast path: every planned cell exists, written as ``<c r="G5"…`` (as Excel,
        LibreOffice and openpyxl write cells) and is replaced in place, or lies right of
        the row's last cell and is appended; None otherwise (`_merged` then reads the row)."""
        spots: list[tuple[int, int, int, CellWrite]] = []
        last: int | None = None  # the row's last cell's column, found on first need
        for column, write in self._rows[number].items():
            at = inner.find(b' r="%s%d"' % (_letters(column), number))
            if at < 0:
                last = self._last_column(inner, number) if last is None else last
                if column <= last:
                    return None
                spots.append((len(inner), len(inner), -1, write))  # appended at the end
                continue
            start = inner.rfind(b"<", 0, at)
            if start < 0 or inner[start:at] != self._cell_open:
                return None
            close = inner.find(b">", at)
            if close < 0:
                return None
            end = close + 1
            if inner[close - 1 : close] != b"/":  # a cell with content: up to its end tag
                end = inner.find(self._cell_close, close) + len(self._cell_close)
                if end < len(self._cell_close):
                    return None
                if self._formula.search(inner, close, end):
                    continue  # a formula is staff input: the cell stays as it is
            spots.append((start, end, close, write))
        spots.sort(key=_position)
        parts: list[bytes] = []
        copied = 0
        for start, end, close, write in spots:
            if start < copied:
                return None
            found = _CELL_STYLE.search(inner, start, close) if close >= 0 else None
            parts += (
                inner[copied:start],
                self._cell_for(write, int(found.group(1)) if found else 0),
            )
            copied = end
        parts.append(inner[copied:])
        return b"".join(parts)

    def _last_column(self, inner: bytes, number: int) -> int:
        """The 0-based column of the row's last cell (-1: no cells; 16,384: not known)."""
        at = len(inner)
        while (at := inner.rfind(self._cell_open, 0, at)) >= 0:
            if inner[at + len(self._cell_open) : at + len(self._cell_open) + 1] in _SPACES:
                found = _CELL_REF.match(inner, at + len(self._cell_open))
                if found is None or int(found.group(2)) != number or self._after(inner, at):
                    return MAX_COLUMN
                return column_index(found.group(1))
        return -1 if not inner.strip() else MAX_COLUMN

    def _after(self, inner: bytes, at: int) -> bool:
        """True when something other than blanks follows the cell starting at `at`."""
        close = inner.find(b">", at)
        if close < 0:
            return True
        end = close + 1
        if inner[close - 1 : close] != b"/":
            end = inner.find(self._cell_close, close)
            if end < 0:
                return True
            end += len(self._cell_close)
        return bool(inner[end:].strip())

    def _merged(self, inner: bytes, number: int) -> bytes:
        """Every cell of the row read; planned ones replaced or inserted in column order."""
        writes = self._rows[number]
        columns = sorted(writes)
        parts: list[bytes] = []
        digits = b"%d" % number
        copied = position = due = 0
        previous = -1
        for match in self._cell.finditer(inner):
            if match.start() != position and inner[position : match.start()].strip():
                raise Unsupported("ячейка без адреса или посторонний элемент в строке")
            position = match.end()
            column = column_index(match.group(1))
            if match.group(2) != digits or column <= previous:
                raise Unsupported("ячейка не в своей строке или не по порядку")
            previous = column
            while due < len(columns) and columns[due] <= column:
                parts.append(inner[copied : match.start()])
                copied = match.start()
                if columns[due] == column:
                    parts.append(self._replaced(match, writes[column]))
                    copied = match.end()
                else:
                    parts.append(self._cell_for(writes[columns[due]], 0))
                due += 1
        if inner[position:].strip():
            raise Unsupported("посторонний элемент в строке")
        parts.append(inner[copied:])
        parts.extend(self._cell_for(writes[column], 0) for column in columns[due:])
        return b"".join(parts)

    def _replaced(self, match: re.Match[bytes], write: CellWrite) -> bytes:
        if match.group(4) and self._formula.search(match.group(4)):
            return match.group(0)  # a formula is staff input: the cell stays as it is
        found = _CELL_STYLE.search(match.group(3))
        return self._cell_for(write, int(found.group(1)) if found else 0)

    def _cell_for(self, write: CellWrite, style: int) -> bytes:
        """The new cell for `write` where the sheet has a cell with `style` (0: none)."""
        if isinstance(write.value, Link):
            ref = cell_address(write.row, write.column)
            self._new_links.append(self._maker.hyperlink(ref, write.value))
        old = OldCell(style, self._tail.linked(write.row, write.column))
        return self._maker.make(write, old, self._column_styles.get(write.column))


def _grown(bounds: tuple[int, int, int, int], rows: RowWrites) -> str:
    """The dimension covering `bounds` and every written value."""
    top, left, bottom, right = bounds
    for number, columns in rows.items():
        used = [c for c, w in columns.items() if w.value is not None]
        if used:
            top, bottom = min(top, number), max(bottom, number)
            left, right = min(left, *used), max(right, *used)
    first, last = cell_address(top, left), cell_address(bottom, right)
    return first if first == last else f"{first}:{last}"


def _spans_checked(tag: bytes, first: int, last: int) -> bytes:
    """Drop the optional ``spans`` hint of a row when its cells no longer fit in it."""
    if b"spans" not in tag:
        return tag
    spans = attributes(tag).get("spans")
    if spans is None:
        return tag
    low, _, high = spans.partition(":")
    if low.isdigit() and high.isdigit() and int(low) <= first + 1 and last + 1 <= int(high):
        return tag
    return with_attributes(tag, {"spans": None})


def _number(text: str) -> int:
    if not text.isdigit():
        raise Unsupported(f"не целое число: {text!r}")
    return int(text)


@lru_cache(maxsize=1024)
def _letters(column: int) -> bytes:
    return column_letter(column).encode()


def _position(spot: tuple[int, int, int, CellWrite]) -> tuple[int, int]:
    return spot[0], spot[3].column
