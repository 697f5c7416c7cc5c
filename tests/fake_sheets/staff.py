"""Staff edits: changes a person makes in the browser between two API requests.

Each helper returns a ``StaffEdit`` (a callable on the Store) to hand to
``controller.before_request(k, edit)``, ``controller.before_first_write(edit)``
or ``controller.apply(edit)``.  Rows are 1-based like in the Sheets UI;
``sheet`` is a title, or ``None`` for the first sheet.  Edits bypass the
API: they are not counted and never fail on quota.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.fake_sheets import a1, cellvalues
from tests.fake_sheets.errors import invalid_argument
from tests.fake_sheets.state import Sheet, Spreadsheet, StaffEdit, Store, grid_range_json
from tests.fake_sheets.values_api import clear_rect, read_values, write_values


def _edited(store: Store, spreadsheet_id: str) -> Spreadsheet:
    """The spreadsheet a staff edit changes (its Drive modifiedTime moves)."""
    book = store.require(spreadsheet_id)
    book.touch()
    return book


def _sheet(book: Spreadsheet, title: str | None) -> Sheet:
    if title is None:
        return book.sheets[0]
    sheet = book.sheet_by_title(title)
    if sheet is None:
        raise invalid_argument(f"No sheet titled {title!r}")
    return sheet


def write_rows(
    book: Spreadsheet,
    range_text: str,
    rows: Sequence[Sequence[Any]],
    input_option: str = "USER_ENTERED",
) -> None:
    """Write ``rows`` at the top-left of ``range_text``, growing the grid if needed."""
    sheet, parsed = book.resolve(range_text)
    rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
    width = max((len(r) for r in rows), default=0)
    if rect.col0 + width > sheet.column_count:
        sheet.grid["columnCount"] = rect.col0 + width
    anchor = a1.Rect(rect.row0, rect.row0 + 1, rect.col0, rect.col0 + 1, False, False)
    body = {"values": [list(r) for r in rows]}
    write_values(book, sheet, anchor, body, input_option, grow=True)


def read_rows(book: Spreadsheet, range_text: str, render: str = "UNFORMATTED_VALUE") -> list[Any]:
    """Values of a range as the values API would return them (trimmed)."""
    sheet, parsed = book.resolve(range_text)
    rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
    rect = a1.Rect(rect.row0, min(rect.row1, sheet.row_count), rect.col0, rect.col1)
    values: list[Any] = read_values(book, sheet, rect, {"valueRenderOption": [render]}).get(
        "values", []
    )
    return values


def set_cell(spreadsheet_id: str, cell: str, value: Any) -> StaffEdit:
    """Type ``value`` into one cell (``'Журнал'!B3`` or ``B3``); ``""`` clears it."""

    def edit(store: Store) -> None:
        book = _edited(store, spreadsheet_id)
        if value == "":
            sheet, parsed = book.resolve(cell)
            rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
            clear_rect(sheet, rect)
            return
        write_rows(book, cell, [[value]])

    return edit


def set_value(
    spreadsheet_id: str, row: int, column: int, value: Any, sheet: str | None = None
) -> StaffEdit:
    """Type ``value`` at 1-based (row, column) of ``sheet`` (first sheet when None)."""

    def edit(store: Store) -> None:
        target = _sheet(_edited(store, spreadsheet_id), sheet)
        ref = _cell_ref(target, row, column - 1)
        set_cell(spreadsheet_id, ref, value)(store)

    return edit


def insert_rows(
    spreadsheet_id: str,
    before_row: int,
    rows: Sequence[Sequence[Any]] | int = 1,
    sheet: str | None = None,
) -> StaffEdit:
    """Insert rows above ``before_row`` (existing rows shift down), optionally filled."""

    def edit(store: Store) -> None:
        book = _edited(store, spreadsheet_id)
        target = _sheet(book, sheet)
        count = rows if isinstance(rows, int) else len(rows)
        target.insert("ROWS", before_row - 1, count)
        if not isinstance(rows, int) and rows:
            write_rows(book, _cell_ref(target, before_row, 0), rows)

    return edit


def delete_rows(
    spreadsheet_id: str, first_row: int, count: int = 1, sheet: str | None = None
) -> StaffEdit:
    """Delete ``count`` rows starting at ``first_row`` (rows below shift up)."""

    def edit(store: Store) -> None:
        target = _sheet(_edited(store, spreadsheet_id), sheet)
        target.delete("ROWS", first_row - 1, min(first_row - 1 + count, target.row_count))

    return edit


def sort_rows(
    spreadsheet_id: str,
    column: str | int,
    *,
    header_rows: int = 1,
    descending: bool = False,
    sheet: str | None = None,
) -> StaffEdit:
    """Sort the data rows below ``header_rows`` by ``column`` (``"B"`` or 0-based index)."""

    def edit(store: Store) -> None:
        target = _sheet(_edited(store, spreadsheet_id), sheet)
        index = a1.column_index(column) if isinstance(column, str) else column
        target.sort_rows(
            header_rows,
            len(target.rows),
            key=lambda line: cellvalues.sort_key(_at(line, index), descending),
        )

    return edit


def append_row(spreadsheet_id: str, values: Sequence[Any], sheet: str | None = None) -> StaffEdit:
    """Type a new row right below the last row that has any value."""

    def edit(store: Store) -> None:
        book = _edited(store, spreadsheet_id)
        target = _sheet(book, sheet)
        used = [
            i
            for i, line in enumerate(target.rows)
            if any(c and c.get("userEnteredValue") for c in line)
        ]
        row = (used[-1] + 1) if used else 0
        write_rows(book, _cell_ref(target, row + 1, 0), [list(values)])

    return edit


def _at(line: list[Any], index: int) -> Any:
    return line[index] if index < len(line) else None


def _cell_ref(sheet: Sheet, row: int, col: int) -> str:
    return f"{a1.quote_title(sheet.title)}!{a1.cell_name(row - 1, col)}"


def merge_cells(
    spreadsheet_id: str, first_row: int, last_row: int, column: int, sheet: str | None = None
) -> StaffEdit:
    """Merge rows first_row..last_row (1-based) of one column (0-based), as «Объединить»."""

    def edit(store: Store) -> None:
        target = _sheet(_edited(store, spreadsheet_id), sheet)
        bounds = {
            "startRowIndex": first_row - 1,
            "endRowIndex": last_row,
            "startColumnIndex": column,
            "endColumnIndex": column + 1,
        }
        target.merges.append(grid_range_json(target.sheet_id, bounds))

    return edit


def hide_sheet(spreadsheet_id: str, sheet: str) -> StaffEdit:
    """Hide a sheet («Скрыть лист»)."""

    def edit(store: Store) -> None:
        _sheet(_edited(store, spreadsheet_id), sheet).props["hidden"] = True

    return edit
