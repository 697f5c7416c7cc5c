"""Reading a .xlsx package fast: values with calamine, the rest by targeted XML scans.

calamine (Rust) reads the values a program saved, cached formula results included, with
dates recognised from their number formats (the 1904 date system too). What it does not
expose comes from `scan.py`: which cells hold formulas (and which of those have no stored
result), error values such as `#N/A` (calamine reads them as blank), and the layout stamp.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from io import BytesIO
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook, SheetTypeEnum

from nastavnik.sync.backends.xlsx.scan import SheetScan, read_stamp, scan_stream, sheet_parts
from nastavnik.sync.snapshot import Cell, Snapshot, Table, make_table, title_filter

_MIDNIGHT = time()
_AS_IS = frozenset({str, bool, int, date})  # already what a Cell holds (the fast path)
# Of those, the types whose equal values may share one object: never int or bool, which
# would mix with each other (1 == True) in a shared mapping.
_SHARED = frozenset({str, date})


def read_package(data: bytes, titles: Sequence[str]) -> Snapshot:
    """The requested sheets that exist (titles match case/space/ё-insensitively).

    Raises what calamine, zipfile or ElementTree raise on a damaged package; the caller
    turns that into a Russian message.
    """
    wanted = title_filter(titles)
    with zipfile.ZipFile(BytesIO(data)) as package:
        parts = sheet_parts(package)
        stamp = read_stamp(package)
        book = CalamineWorkbook.from_filelike(BytesIO(data))
        shared: dict[Cell, Cell] = {}
        try:
            order = tuple(book.sheet_names)
            worksheets = [s.name for s in book.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
            tables = {
                title: _table(title, book, package, parts.get(title), shared)
                for title in worksheets
                if wanted(title)
            }
        finally:
            book.close()
    return Snapshot(tables, order, stamp)


def _table(
    title: str,
    book: CalamineWorkbook,
    package: zipfile.ZipFile,
    part: str | None,
    shared: dict[Cell, Cell],
) -> Table:
    grid = _grid(book.get_sheet_by_name(title), shared)
    scan = SheetScan()
    if part and part in package.NameToInfo:
        with package.open(part) as stream:
            scan = scan_stream(stream)
    for (row, column), text in scan.errors.items():
        line = grid[row - 1] if row <= len(grid) else None
        if line is not None:
            line.extend([None] * (column + 1 - len(line)))
            line[column] = text
    return make_table(title, grid, frozenset(scan.formulas), frozenset(scan.uncached))


def _grid(sheet: CalamineSheet, shared: dict[Cell, Cell]) -> list[list[Cell]]:
    """The sheet from A1, row by row (calamine leaves out the empty area before the data)."""
    end = sheet.end
    if end is None:
        return []
    grid: list[list[Cell]] = []
    skipped_columns: list[Cell] | None = None
    for values in sheet.iter_rows():
        if skipped_columns is None:
            skipped_columns = [None] * (end[1] + 1 - len(values))
        grid.append(_row(values, skipped_columns, shared))
    return [[] for _ in range(end[0] + 1 - len(grid))] + grid


def _row(values: Iterable[Any], skipped: list[Cell], shared: dict[Cell, Cell]) -> list[Cell]:
    """One row of calamine values as Cells; blank cells are None, trailing ones dropped.

    Equal texts and dates share one object (`shared`, one per read): calamine makes a new
    object for every cell, and a registry repeats its codes, names and dates row after row
    (on 100,000 meetings that is most of the read's memory).
    """
    row = [
        *skipped,
        *(
            None if v == "" else shared.setdefault(v, v) if type(v) in _SHARED else
            v if type(v) in _AS_IS else _cell(v)
            for v in values
        ),
    ]  # fmt: skip
    while row and row[-1] is None:
        row.pop()
    return row


def _cell(value: object) -> Cell:
    """A calamine value as a Cell: whole numbers as int, a date-time at midnight as a date.

    Times of day and durations (time / [h]:mm formats) become text as shown ("08:30"),
    because a Cell has no time type and readers treat them as text anyway.
    """
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, datetime):
        return value.date() if value.time() == _MIDNIGHT else value
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return None if value is None else str(value)
