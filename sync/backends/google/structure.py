"""Structure requests of a write: grid sizes and growth, and the date-column notes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.text import header_key
from nastavnik.sync.backends.google.cells import grid_needs, header_texts
from nastavnik.sync.backends.google.layout import metadata_request
from nastavnik.sync.backends.google.model import DATES_KEY, BookInfo, Json, dates_value
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import Snapshot


def grid_sizes(changes: ChangeSet) -> dict[str, tuple[int, int]]:
    """Sheet → grid size the writes and formats need."""
    needs = grid_needs(changes.writes)
    for fmt in changes.column_formats:
        rows, cols = needs.get(fmt.sheet, (2, 0))
        needs[fmt.sheet] = (max(rows, 2), max(cols, fmt.column + 1))
    for sheet_fmt in changes.sheet_formats:
        rows, cols = needs.get(sheet_fmt.sheet, (2, 1))
        needs[sheet_fmt.sheet] = (
            max(rows, 2),
            max(cols, sheet_fmt.width),
        )
    return needs


def grid_growth(book: BookInfo, needs: Mapping[str, tuple[int, int]], spare: int) -> list[Json]:
    out: list[Json] = []
    for title, (rows, cols) in needs.items():
        sheet = book.sheet(title)
        if sheet is None or (rows <= sheet.rows and cols <= sheet.columns):
            continue
        grid = {
            "rowCount": sheet.rows if rows <= sheet.rows else rows + spare,
            "columnCount": max(sheet.columns, cols),
        }
        out.append(
            {
                "updateSheetProperties": {
                    "properties": {"sheetId": sheet.sheet_id, "gridProperties": grid},
                    "fields": "gridProperties.rowCount,gridProperties.columnCount",
                }
            }
        )
    return out


def date_marks(
    changes: ChangeSet, snapshot: Snapshot, book: BookInfo, ids: Mapping[str, int]
) -> list[Json]:
    """Record new date columns (by header) so later reads return their dates as dates."""
    marks: dict[str, set[str]] = {}
    for fmt in changes.column_formats:
        if fmt.col.type is ValueType.DATE:
            marks.setdefault(fmt.sheet, set()).add(header_key(fmt.col.header))
    headers = header_texts(changes.writes)
    for write in changes.writes:
        if write.row < 2 or write.value is None:
            continue
        if not (write.is_date or isinstance(write.value, date)):
            continue
        text = headers.get((write.sheet, write.column))
        table = snapshot.tables.get(write.sheet)
        if text is None and table is not None:
            text = table.value(1, write.column)
        if isinstance(text, str) and text.strip():
            marks.setdefault(write.sheet, set()).add(header_key(text))
    out: list[Json] = []
    for title, keys in marks.items():
        sheet = book.sheet(title)
        old = sheet.date_keys if sheet is not None else frozenset()
        if keys <= old:
            continue
        existing = sheet.dates_meta if sheet is not None else None
        location = {"sheetId": ids[title]}
        out.append(metadata_request(DATES_KEY, dates_value(old | keys), location, existing))
    return out
