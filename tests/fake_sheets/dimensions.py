"""Developer metadata on single rows or columns follows them, as Google documents.

"If developer metadata is associated with row 5 and another row is then subsequently
inserted above row 5, that original metadata will still be associated with the row it
was first associated with (what is now row 6). If the associated object is deleted its
metadata is deleted too." Sorting moves rows, so their metadata moves with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from tests.fake_sheets.common import Json


def _of(entries: list[Json], dimension: str) -> list[Json]:
    kind = "ROW" if dimension == "ROWS" else "COLUMN"
    return [m for m in entries if m["location"]["locationType"] == kind]


def _move(meta: Json, index: int) -> None:
    span = meta["location"]["dimensionRange"]
    span["startIndex"], span["endIndex"] = index, index + 1


def _index(meta: Json) -> int:
    return int(meta["location"]["dimensionRange"].get("startIndex", 0))


def inserted(entries: list[Json], dimension: str, at: int, count: int) -> None:
    """`count` rows/columns were inserted before index `at`."""
    for meta in _of(entries, dimension):
        if _index(meta) >= at:
            _move(meta, _index(meta) + count)


def deleted(entries: list[Json], dimension: str, start: int, end: int) -> list[Json]:
    """Rows/columns [start, end) were deleted: their metadata goes, later ones move up."""
    gone = {id(m) for m in _of(entries, dimension) if start <= _index(m) < end}
    kept = [m for m in entries if id(m) not in gone]
    for meta in _of(kept, dimension):
        if _index(meta) >= end:
            _move(meta, _index(meta) - (end - start))
    return kept


def permuted(entries: list[Json], moved: Mapping[int, int]) -> None:
    """Rows were sorted: old row index → new row index."""
    for meta in _of(entries, "ROWS"):
        if _index(meta) in moved:
            _move(meta, moved[_index(meta)])


def shift_ranges(ranges: list[Json], dimension: str, at: int, delta: int) -> None:
    """Move GridRange bounds after an insert (delta > 0) or delete (delta < 0)."""
    prefix = "Row" if dimension == "ROWS" else "Column"
    for grid_range in ranges:
        for key, is_end in ((f"start{prefix}Index", False), (f"end{prefix}Index", True)):
            if key in grid_range:
                grid_range[key] = _shift(int(grid_range[key]), is_end, at, delta)


def _shift(value: int, is_end: bool, at: int, delta: int) -> int:
    if delta > 0:
        moves = value > at or (value == at and not is_end)
        return value + delta if moves else value
    if value >= at - delta:
        return value + delta
    return at if value > at else value
