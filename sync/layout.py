"""The workbook's structure: missing sheets and columns, formats, and initial content.

`plan_layout` decides which sheets and header cells to add (never moving or renaming a
staff column) and returns the *planned* tables — the snapshot's tables with the added
headers — so the cell planner addresses columns that will exist after the write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

from nastavnik import sheets_schema
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Kind
from nastavnik.sync.a1 import column_letter, quote_title
from nastavnik.sync.changeset import ChangeSetBuilder, ColumnFormat, SheetFormat
from nastavnik.sync.snapshot import Snapshot, Table

LAYOUT_VERSION = "1"
STATE_HEADERS = ("Состояние", "Уровень")


def plan_layout(snapshot: Snapshot, builder: ChangeSetBuilder, *, full: bool) -> dict[str, Table]:
    """Add missing sheets and columns; `full` (init) also adds missing input columns.

    Returns declared title → planned table. Formats are (re)applied when the layout changed.
    """
    planned: dict[str, Table] = {}
    for spec in sheets_schema.ALL_SHEETS:
        table = snapshot.table(spec.title)
        if table is None:
            builder.new_sheets.append(spec.title)
            table = Table(spec.title, (), ())
        planned[spec.title] = _add_missing_columns(spec, table, builder, full or not table.header)
    stamp = layout_stamp(planned)
    if stamp != snapshot.layout_stamp:
        _plan_formats(planned, builder)
        builder.layout_stamp = stamp
    return planned


def _add_missing_columns(
    spec: SheetSpec, table: Table, builder: ChangeSetBuilder, full: bool
) -> Table:
    header = list(table.header)
    next_index = table.width
    for col in spec.columns:
        if table.column_index(col.header) is not None:
            continue
        if not (full or spec.service or col.kind is not Kind.INPUT):
            continue
        builder.set_header(table, next_index, col.header)
        header.extend([None] * (next_index + 1 - len(header)))
        header[next_index] = col.header
        next_index += 1
    if len(header) == len(table.header):
        return table
    return replace(table, header=tuple(header))


def layout_stamp(planned: Mapping[str, Table]) -> str:
    """Fingerprint of the declared layout at the planned positions (formats depend on both)."""
    digest = hashlib.sha256(LAYOUT_VERSION.encode())
    for spec in sheets_schema.ALL_SHEETS:
        table = planned[spec.title]
        for col in spec.columns:
            digest.update(repr((spec.title, col, table.column_index(col.header))).encode())
    return digest.hexdigest()[:16]


def _plan_formats(planned: Mapping[str, Table], builder: ChangeSetBuilder) -> None:
    for spec in sheets_schema.ALL_SHEETS:
        table = planned[spec.title]
        states: list[int] = []
        for col in spec.columns:
            index = table.column_index(col.header)
            if index is None:
                continue
            ref_range = _ref_range(planned, col.ref.sheet, col.ref.header) if col.ref else ""
            builder.column_formats.append(
                ColumnFormat(table.title, index, col, col.choices, ref_range)
            )
            if col.kind is Kind.CALC and col.header in STATE_HEADERS:
                states.append(index)
        builder.sheet_formats.append(
            SheetFormat(table.title, spec.note, spec.service, tuple(states))
        )


def _ref_range(planned: Mapping[str, Table], sheet: str, header: str) -> str:
    table = planned.get(sheet)
    index = table.column_index(header) if table else None
    if table is None or index is None:
        return ""
    letter = column_letter(index)
    return f"{quote_title(table.title)}!${letter}$2:${letter}$2000"
