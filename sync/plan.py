"""plan(...) → ChangeSet: only the cells whose value differs. Pure.

Registry sheets: key cells (when blank) and calc cells of every row; calc cells of blank
rows are cleared. Service sheets: the whole grid, leftovers cleared. The journal: one row
appended. Every write goes through ChangeSetBuilder, which refuses writes to staff input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from nastavnik import sheets_schema
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Kind, ValueType
from nastavnik.sync.changeset import ChangeSetBuilder, RowHeight
from nastavnik.sync.layout import wrapped_lines
from nastavnik.sync.registry import Registry
from nastavnik.sync.snapshot import Cell, Table


def to_cell(value: Cell) -> Cell:
    """How a computed value is written: booleans as «да»/«нет»."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    return value


def plan_registry(
    registry: Registry,
    cells: Mapping[str, Mapping[int, Mapping[str, Cell]]],
    appended: Mapping[str, Sequence[Mapping[str, Cell]]],
    planned: Mapping[str, Table],
    builder: ChangeSetBuilder,
) -> None:
    """Plan key and calc cells of every usable registry sheet, and rows to append."""
    for spec in sheets_schema.REGISTRY_SHEETS:
        if registry.sheet(spec).usable:
            _plan_sheet(spec, planned[spec.title], cells.get(spec.title, {}), builder)
            _plan_appended(spec, planned[spec.title], appended.get(spec.title, ()), builder)


def _plan_appended(
    spec: SheetSpec, table: Table, rows: Sequence[Mapping[str, Cell]], builder: ChangeSetBuilder
) -> None:
    indices = builder.column_indices(table, spec)
    for offset, values in enumerate(rows, start=1):
        for header, value in values.items():
            if header in indices:
                col = spec.column(header)
                builder.append_cell(
                    table, table.last_row + offset, col, indices[header], to_cell(value)
                )


def _plan_sheet(
    spec: SheetSpec,
    table: Table,
    cells: Mapping[int, Mapping[str, Cell]],
    builder: ChangeSetBuilder,
) -> None:
    indices = builder.column_indices(table, spec)
    calc = [
        (c, indices[c.header]) for c in spec.columns if c.kind is Kind.CALC and c.header in indices
    ]
    keys = [
        (c, indices[c.header]) for c in spec.columns if c.kind is Kind.KEY and c.header in indices
    ]
    empty: Mapping[str, Cell] = {}
    for row, _ in table.numbered_rows():
        values = cells.get(row, empty)
        for col, index in keys:
            if col.header in values and not table.has_formula(row, index):
                builder.set_cell(table, spec, row, col, index, to_cell(values[col.header]))
        for col, index in calc:
            if not table.has_formula(row, index):  # staff's formula: kept (parse warns)
                builder.set_cell(table, spec, row, col, index, to_cell(values.get(col.header)))


MAX_ROW_LINES = 10  # a longer text is cut at ten lines rather than making a giant row


def plan_service_sheet(
    spec: SheetSpec, table: Table, grid: Sequence[Sequence[Cell]], builder: ChangeSetBuilder
) -> None:
    """Rewrite a service sheet with `grid` (header included); clear whatever is left over."""
    dates = {i for i, c in enumerate(spec.columns) if c.type is ValueType.DATE}
    width = max([table.width, *(len(r) for r in grid)], default=0)
    last = max(table.last_row, len(grid))
    for row in range(1, last + 1):
        line = grid[row - 1] if row <= len(grid) else ()
        for column in range(width):
            value = to_cell(line[column]) if column < len(line) else None
            builder.set_service_cell(table, row, column, value, column in dates and row > 1)


def plan_row_heights(planned: Mapping[str, Table], builder: ChangeSetBuilder) -> None:
    """Rows whose wrapped long text the service wrote get a height that shows all of it.

    The height counts every wrapped column of the row (staff's text too, as it stands), so
    a row is never made shorter than its text; rows the run did not write keep theirs.
    """
    wrapped: dict[str, dict[int, int]] = {}
    for spec in sheets_schema.ALL_SHEETS:
        table = planned[spec.title]
        columns = {table.column_index(c.header): c for c in spec.columns if c.wraps}
        wrapped[table.title] = {i: c.width for i, c in columns.items() if i is not None}
    tables = {table.title: table for table in planned.values()}
    written: dict[tuple[str, int], dict[int, Cell]] = {}
    for write in builder.writes:
        if write.row > 1 and write.column in wrapped.get(write.sheet, {}):
            written.setdefault((write.sheet, write.row), {})[write.column] = write.value
    for (title, row), values in written.items():
        table = tables[title]
        lines = max(
            wrapped_lines(_text(values[i] if i in values else table.value(row, i)), width)
            for i, width in wrapped[title].items()
        )
        builder.row_heights.append(RowHeight(title, row, min(lines, MAX_ROW_LINES)))


def _text(value: Cell) -> str:
    return "" if value is None else str(value)


def plan_journal(
    table: Table, entry: Sequence[Cell], builder: ChangeSetBuilder, tally_column: int | None = None
) -> None:
    """Append one journal row below the last one; `tally_column` counts the run's requests."""
    row = table.last_row + 1
    for column, value in enumerate(entry):
        builder.set_service_cell(table, row, column, value, isinstance(value, date))
    if tally_column is not None:
        builder.request_tally = (table.title, row, tally_column)
