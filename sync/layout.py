"""The workbook's structure: missing sheets and columns, formats, and initial content.

`plan_layout` decides which sheets and header cells to add (never moving or renaming a
staff column) and returns the *planned* tables — the snapshot's tables with the added
headers — so the cell planner addresses columns that will exist after the write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from nastavnik import sheets_schema
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Col, Kind
from nastavnik.sheets_schema.service import SUMMARY
from nastavnik.sync.a1 import column_letter, quote_title
from nastavnik.sync.changeset import ChangeSetBuilder, ColumnFormat, SheetFormat
from nastavnik.sync.snapshot import SheetLayout, Snapshot, Table

LAYOUT_VERSION = "2"  # 2: colours from the vocabularies, wrapped headers, filters, print setup
MAX_HEADER_LINES = 4
CHARACTERS_PER_WIDTH = 1.0  # a width counts digits; Cyrillic prose and its quotes run as wide
PORTRAIT_WIDTH = 100  # characters across an A4 portrait page; wider sheets print landscape


def plan_layout(
    snapshot: Snapshot,
    builder: ChangeSetBuilder,
    *,
    full: bool,
    layouts: Mapping[str, SheetLayout] | None = None,
) -> dict[str, Table]:
    """Add missing sheets and columns; `full` (init) also adds missing input columns.

    Returns declared title → planned table. Formats are (re)applied to every sheet when the
    layout changed; `init` also re-applies them to each sheet that lost a piece (a repair),
    judged from `layouts` (what the backend found on each sheet; None: not known).
    """
    planned: dict[str, Table] = {}
    for spec in sheets_schema.ALL_SHEETS:
        table = snapshot.table(spec.title)
        if table is None:
            builder.new_sheets.append(spec.title)
            table = Table(spec.title, (), ())
        planned[spec.title] = _add_missing_columns(spec, table, builder, full or not table.header)
    builder.declared_order = tuple(spec.title for spec in sheets_schema.ALL_SHEETS)
    if SUMMARY.title in builder.new_sheets:
        builder.open_on = SUMMARY.title
    stamp = layout_stamp(planned)
    if stamp != snapshot.layout_stamp:
        _plan_formats(planned, builder, sheets_schema.ALL_SHEETS)
        builder.layout_stamp = stamp
    elif full and layouts is not None:
        _plan_formats(planned, builder, needing_repair(layouts, planned))
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


def needing_repair(
    layouts: Mapping[str, SheetLayout], planned: Mapping[str, Table]
) -> list[SheetSpec]:
    """Declared sheets that lost a piece of their layout (staff, or a round trip, removed it)."""
    out = []
    for spec in sheets_schema.ALL_SHEETS:
        table = planned[spec.title]
        found = layouts.get(table.title)
        if found is None or _misses(spec, table, found, planned):
            out.append(spec)
    return out


def _misses(
    spec: SheetSpec, table: Table, found: SheetLayout, planned: Mapping[str, Table]
) -> bool:
    if not (found.frozen and found.filtered and found.printed):
        return True
    if spec.note and 0 not in found.noted:
        return True
    for col in spec.columns:
        index = table.column_index(col.header)
        if index is None:
            continue
        fmt = _column_format(planned, table, index, col)
        wanted = (
            (fmt.validated, found.validated),
            (bool(fmt.note), found.noted),
            (col.states is not None, found.ruled),
            (col.is_auto, found.shaded),
            (col.is_auto and found.protected is not None, found.protected or frozenset()),
        )
        if any(needed and index not in present for needed, present in wanted):
            return True
    return False


def _column_format(
    planned: Mapping[str, Table], table: Table, index: int, col: Col
) -> ColumnFormat:
    ref_range = _ref_range(planned, col.ref.sheet, col.ref.header) if col.ref else ""
    return ColumnFormat(table.title, index, col, col.choices, ref_range)


def _plan_formats(
    planned: Mapping[str, Table], builder: ChangeSetBuilder, specs: Sequence[SheetSpec]
) -> None:
    for spec in specs:
        table = planned[spec.title]
        for col in spec.columns:
            index = table.column_index(col.header)
            if index is not None:
                builder.column_formats.append(_column_format(planned, table, index, col))
        builder.sheet_formats.append(sheet_format(spec, table))


def sheet_format(spec: SheetSpec, table: Table) -> SheetFormat:
    """Whole-sheet layout of one declared sheet at its planned columns."""
    widths = [col.width for col in spec.columns]
    lines = max((wrapped_lines(col.header, col.width) for col in spec.columns), default=1)
    return SheetFormat(
        table.title,
        spec.note,
        spec.service,
        width=max(table.width, len(table.header), 1),
        header_lines=min(lines, MAX_HEADER_LINES),
        landscape=sum(widths) > PORTRAIT_WIDTH,
    )


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped at word boundaries in a column `width` characters wide."""
    room = max(int(width * CHARACTERS_PER_WIDTH), 4)
    return sum(_paragraph_lines(part, room) for part in text.splitlines()) or 1


def _paragraph_lines(text: str, room: int) -> int:
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used = used + 1 + len(word) if used else len(word)
        while used > room:  # a word longer than the column breaks inside
            lines, used = lines + 1, used - room
    return lines


def _ref_range(planned: Mapping[str, Table], sheet: str, header: str) -> str:
    table = planned.get(sheet)
    index = table.column_index(header) if table else None
    if table is None or index is None:
        return ""
    letter = column_letter(index)
    return f"{quote_title(table.title)}!${letter}$2:${letter}$2000"
