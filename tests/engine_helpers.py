"""Helpers for engine-level tests: a memory workbook from factory rows, a fixed clock."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import RunReport, run_sync
from nastavnik.sync.snapshot import Cell
from tests import factories

TODAY = factories.TODAY


def clock() -> datetime:
    """A fixed clock: runs are reproducible."""
    return datetime(2025, 11, 20, 9, 0, 0)


def memory_workbook(**sheets: Sequence[Mapping[str, object]]) -> MemoryWorkbook:
    """A memory workbook with the factory defaults (mentor, mentee, pair, programme)."""
    snap = factories.workbook(**sheets)
    return MemoryWorkbook.from_grids(
        {title: [list(t.header), *map(list, t.rows)] for title, t in snap.tables.items()}
    )


def sync(workbook: MemoryWorkbook, today: date = TODAY) -> RunReport:
    """One sync with the fixed clock."""
    return run_sync(workbook, today, clock)


def column(workbook: MemoryWorkbook, spec: SheetSpec, header: str) -> list[Cell]:
    """The data cells of one column (found by header) of a sheet."""
    grid = workbook.grid(spec.title)
    index = [str(h) if h is not None else "" for h in grid[0]].index(header)
    return [row[index] if index < len(row) else None for row in grid[1:]]


def input_cells(workbook: MemoryWorkbook, spec: SheetSpec) -> list[tuple[int, int, Cell]]:
    """(row, column, value) of every cell under an input header (or an unknown staff header)."""
    grid = workbook.grid(spec.title)
    auto = {c.header for c in spec.columns if c.is_auto}
    found = []
    for index, header in enumerate(grid[0]):
        if header in auto:
            continue
        for row_number, row in enumerate(grid[1:], start=2):
            found.append((row_number, index, row[index] if index < len(row) else None))
    return found
