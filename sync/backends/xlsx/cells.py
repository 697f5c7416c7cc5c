"""Cell values between openpyxl and nastavnik: typed reading, and the limits and refusals
the surgical writer shares (writer/cells.py makes the cells).

Reading keeps what staff see: numbers stay int/float, a date cell at midnight is a
`date`, booleans stay bool, text is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Cell, Table, make_table

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
MAX_TEXT = 32_767  # Excel refuses longer cell text
LINK_COLOUR = "0563C1"
_MIDNIGHT = time()
_PLAIN = (str, int, float)  # bool is an int: also plain


def read_table(sheet: Any) -> Table:
    """A read-only worksheet as a Table: typed values, trailing blank cells and rows dropped.

    The sheet's stored dimension is ignored (some programs write a wrong one), so every
    row actually present is read; rows missing in the middle come back as blank rows.
    """
    sheet.reset_dimensions()
    grid = [_row(values) for values in sheet.iter_rows(values_only=True)]
    return make_table(sheet.title, grid)


def _row(values: Iterable[object]) -> list[Cell]:
    row = [v if v is None or isinstance(v, _PLAIN) else _typed(v) for v in values]
    while row and (row[-1] is None or row[-1] == ""):
        row.pop()
    return row


def _typed(value: object) -> Cell:
    """A non-plain value openpyxl produced, as a Cell.

    Times of day and durations (time / [h]:mm formats) become text as shown ("08:30"),
    because a Cell has no time type and readers treat them as text anyway.
    """
    if isinstance(value, datetime):
        return value.date() if value.time() == _MIDNIGHT else value
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(value)


def check_in_grid(write: CellWrite) -> None:
    """Refuse a write outside the sheet grid Excel allows (a bug, never staff's doing)."""
    if not (1 <= write.row <= MAX_ROW and 0 <= write.column < MAX_COLUMN):
        raise UnsafeWrite(f"Отказ: ячейка вне листа «{write.sheet}» (строка {write.row}).")


def merged_cell_error(title: str, row: int, column: int) -> WorkbookError:
    """The Russian refusal to write into merged cells (both write paths use it)."""
    return WorkbookError(
        f"Ячейка {cell_address(row, column)} листа «{title}» входит в объединённые ячейки — "
        "записать нельзя.",
        hint="Разъедините ячейки в этом столбце и повторите.",
    )
