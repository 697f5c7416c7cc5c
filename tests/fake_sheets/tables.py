"""Table detection for ``values.append``.

Google appends "after the table" found in the requested range: the fake
takes the last non-empty cell of the range (last row, then last column)
and grows the block of value cells connected to it (horizontally and
vertically, across the whole sheet).  The new rows go below that block,
starting at its first column.  This reproduces the recorded quirk where a
row ``x, "", z`` makes the "table" the lone ``z`` cell (``tableRange:
Sheet1!C1``) and the next append lands in column C.
"""

from __future__ import annotations

from tests.fake_sheets.a1 import Rect
from tests.fake_sheets.state import Sheet

Run = tuple[int, int]


def find_table(sheet: Sheet, search: Rect) -> Rect | None:
    """The table block the append anchors on, or ``None`` for an empty range."""
    seed = _last_value_cell(sheet, search)
    if seed is None:
        return None
    return _component(sheet, seed)


def _last_value_cell(sheet: Sheet, search: Rect) -> tuple[int, int] | None:
    for row in range(min(search.row1, len(sheet.rows)) - 1, search.row0 - 1, -1):
        width = min(search.col1, len(sheet.rows[row]))
        for col in range(width - 1, search.col0 - 1, -1):
            if sheet.has_value(row, col):
                return row, col
    return None


def _runs(sheet: Sheet, row: int, cache: dict[int, list[Run]]) -> list[Run]:
    """Half-open column spans of consecutive value cells in ``row``."""
    if row in cache:
        return cache[row]
    runs: list[Run] = []
    width = len(sheet.rows[row]) if 0 <= row < len(sheet.rows) else 0
    start = -1
    for col in range(width + 1):
        filled = col < width and sheet.has_value(row, col)
        if filled and start < 0:
            start = col
        elif not filled and start >= 0:
            runs.append((start, col))
            start = -1
    cache[row] = runs
    return runs


def _component(sheet: Sheet, seed: tuple[int, int]) -> Rect:
    cache: dict[int, list[Run]] = {}
    row, col = seed
    first = next(run for run in _runs(sheet, row, cache) if run[0] <= col < run[1])
    queue = [(row, first)]
    seen = {(row, first)}
    row0, row1, col0, col1 = row, row + 1, first[0], first[1]
    while queue:
        row, (start, end) = queue.pop()
        row0, row1 = min(row0, row), max(row1, row + 1)
        col0, col1 = min(col0, start), max(col1, end)
        for other in (row - 1, row + 1):
            for run in _runs(sheet, other, cache):
                if run[0] < end and start < run[1] and (other, run) not in seen:
                    seen.add((other, run))
                    queue.append((other, run))
    return Rect(row0, row1, col0, col1)
