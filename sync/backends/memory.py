"""In-memory workbook: the reference backend for tests of the engine and the contract suite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sync.backends.base import ApplyResult
from nastavnik.sync.changeset import ChangeSet, ColumnFormat, SheetFormat
from nastavnik.sync.snapshot import Cell, Snapshot, make_table, title_filter


@dataclass
class MemoryWorkbook:
    """Sheets as lists of rows. `formats` records applied layout for assertions.

    `formulas` marks cells holding a formula, (title, 1-based row, 0-based column) → formula
    text; the grid holds the formula's stored result (None: none stored). A write to such a
    cell replaces the formula, as a spreadsheet would.
    """

    sheets: dict[str, list[list[Cell]]] = field(default_factory=dict)
    column_formats: dict[tuple[str, int], ColumnFormat] = field(default_factory=dict)
    sheet_formats: dict[str, SheetFormat] = field(default_factory=dict)
    layout_stamp: str = ""
    formulas: dict[tuple[str, int, int], str] = field(default_factory=dict)
    writes_applied: int = 0
    name: str = "память"

    @classmethod
    def from_grids(cls, grids: Mapping[str, Sequence[Sequence[Cell]]]) -> MemoryWorkbook:
        """A workbook holding copies of the given grids (first row of each is the header)."""
        return cls({title: [list(r) for r in grid] for title, grid in grids.items()})

    @property
    def write_requests(self) -> int:
        """No API."""
        return 0

    def exists(self) -> bool:
        """Always there."""
        return True

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Snapshot of the requested sheets that exist."""
        wanted = title_filter(titles)
        tables = {
            title: make_table(title, grid, *self._formula_cells(title))
            for title, grid in self.sheets.items()
            if wanted(title)
        }
        return Snapshot(tables, tuple(self.sheets), self.layout_stamp)

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Write the ChangeSet; refuse if an anchored row changed since the snapshot."""
        self._check_anchors(changes, snapshot)
        for title in changes.new_sheets:
            self.sheets.setdefault(title, [])
        for write in changes.writes:
            grid = self.sheets[write.sheet]
            while len(grid) < write.row:
                grid.append([])
            line = grid[write.row - 1]
            while len(line) <= write.column:
                line.append(None)
            line[write.column] = write.value
            self.formulas.pop((write.sheet, write.row, write.column), None)
        for fmt in changes.column_formats:
            self.column_formats[(fmt.sheet, fmt.column)] = fmt
        for sheet_fmt in changes.sheet_formats:
            self.sheet_formats[sheet_fmt.sheet] = sheet_fmt
        if changes.layout_stamp:
            self.layout_stamp = changes.layout_stamp
        self.writes_applied += 1 if not changes.is_empty else 0
        return ApplyResult(changes.cells_changed, 0)

    def _formula_cells(
        self, title: str
    ) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
        """Where this sheet's formulas are, and which of them have no stored result."""
        grid = self.sheets[title]
        cells = {(row, column) for sheet, row, column in self.formulas if sheet == title}
        blank = {
            (row, column)
            for row, column in cells
            if row > len(grid) or column >= len(grid[row - 1]) or grid[row - 1][column] is None
        }
        return frozenset(cells), frozenset(blank)

    def _check_anchors(self, changes: ChangeSet, snapshot: Snapshot) -> None:
        for anchor in changes.anchors:
            current = make_table(anchor.sheet, self.sheets.get(anchor.sheet, []))
            before = snapshot.tables.get(anchor.sheet)
            if before is None or current.header != before.header:
                raise ConcurrentEdit(f"Лист «{anchor.sheet}» изменился во время синхронизации.")
            now = tuple(current.value(anchor.row, i) for i in range(len(current.header)))
            was = tuple(before.value(anchor.row, i) for i in range(len(before.header)))
            if now != was:
                raise ConcurrentEdit(f"Строка {anchor.row} листа «{anchor.sheet}» изменилась.")

    def grid(self, title: str) -> list[list[Cell]]:
        """The rows of a sheet (for tests)."""
        return self.sheets[title]
