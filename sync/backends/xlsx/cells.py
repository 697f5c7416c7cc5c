"""Cell values between openpyxl and nastavnik: typed reading and safe writing.

Reading keeps what staff see: numbers stay int/float, a date cell at midnight is a
`date`, booleans stay bool, text is unchanged. Writing stores dates as real dates
(serial + dd.mm.yyyy), and text that starts with "=" as text, never as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from copy import copy
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.hyperlink import Hyperlink

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sync.a1 import quote_title
from nastavnik.sync.backends.base import merged_cell_error
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Cell, Link, Table, make_table

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


def column_styles(sheet: Any) -> dict[int, Any]:
    """1-based column number → the style of its column dimension (only styled columns).

    Excel gives a cell typed into an empty styled column that column's style; cells we
    create get the same, so a date column stays dd.mm.yyyy and a calc column stays shaded.
    """
    styles: dict[int, Any] = {}
    for dim in sheet.column_dimensions.values():
        if not dim.has_style:
            continue
        low = dim.min or column_index_from_string(dim.index)
        high = min(dim.max or low, MAX_COLUMN)
        for number in range(low, high + 1):
            styles[number] = dim._style
    return styles


def column_dimension(sheet: Any, column: int) -> Any:
    """The dimension of exactly one 0-based column, split out of a grouped range if needed.

    Files saved by Excel store neighbouring columns of equal width as one range (B:F);
    changing "D" alone would otherwise write overlapping ranges, which Excel rejects.
    """
    number = column + 1
    dims = sheet.column_dimensions
    for key, dim in list(dims.items()):
        low = dim.min or column_index_from_string(dim.index)
        high = dim.max or low
        if low <= number <= high and low != high:
            del dims[key]
            for start, end in ((low, number - 1), (number, number), (number + 1, high)):
                if start <= end:
                    dims[get_column_letter(start)] = _dimension_copy(sheet, dim, start, end)
    return dims[get_column_letter(number)]


def _dimension_copy(sheet: Any, dim: Any, start: int, end: int) -> Any:
    part = ColumnDimension(
        sheet,
        index=get_column_letter(start),
        width=dim.width,
        bestFit=dim.bestFit,
        hidden=dim.hidden,
        outlineLevel=dim.outlineLevel,
        collapsed=dim.collapsed,
        min=start,
        max=end,
    )
    part._style = copy(dim._style)
    return part


def check_in_grid(write: CellWrite) -> None:
    """Refuse a write outside the sheet grid Excel allows (a bug, never staff's doing)."""
    if not (1 <= write.row <= MAX_ROW and 0 <= write.column < MAX_COLUMN):
        raise UnsafeWrite(f"Отказ: ячейка вне листа «{write.sheet}» (строка {write.row}).")


def write_cell(sheet: Any, write: CellWrite, styles: dict[int, Any]) -> None:
    """Put one CellWrite into the sheet, keeping the cell's style (or the column's for a new cell)."""
    check_in_grid(write)
    cell = sheet.cell(row=write.row, column=write.column + 1)
    if isinstance(cell, MergedCell):
        raise merged_cell_error(sheet.title, write.row, write.column)
    style = styles.get(write.column + 1)
    if style is not None and write.value is not None and not cell.has_style:
        cell._style = copy(style)
    put_value(cell, write.value, write.is_date)


def put_value(cell: Any, value: Cell, is_date: bool) -> None:
    """Set a cell's value the way staff expect to see it; None clears the value, not the style.

    A `Link` becomes its text with an in-workbook hyperlink; any other value drops a link
    the cell had (service sheets are rewritten, and a stale link would point elsewhere).
    """
    if isinstance(value, Link):
        _put_link(cell, value)
        return
    if cell.hyperlink is not None:
        _drop_link(cell)
    if value is None or isinstance(value, bool):
        cell.value = value
    elif isinstance(value, datetime):
        _put_datetime(cell, value)
    elif isinstance(value, date):
        _put_dated(cell, value, DATE_FORMAT)
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise UnsafeWrite(f"Отказ: нечисловое значение {value} в ячейке {cell.coordinate}.")
        if is_date:
            _put_dated(cell, value, DATE_FORMAT)  # a serial number meant as a date
        else:
            cell.value = value
    else:
        _put_text(cell, value)


def _put_datetime(cell: Any, value: datetime) -> None:
    value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
    if value.time() == _MIDNIGHT:
        _put_dated(cell, value.date(), DATE_FORMAT)
    else:
        _put_dated(cell, value, DATETIME_FORMAT)


def _put_link(cell: Any, link: Link) -> None:
    _put_text(cell, link.text)
    cell.hyperlink = Hyperlink(
        ref=cell.coordinate, location=f"{quote_title(link.sheet)}!{link.cell}"
    )
    font = copy(cell.font)
    font.underline = "single"
    font.color = LINK_COLOUR
    cell.font = font


def _drop_link(cell: Any) -> None:
    cell.hyperlink = None
    font = copy(cell.font)
    if (
        font.underline == "single"
        and font.color is not None
        and font.color.rgb == "00" + LINK_COLOUR
    ):
        font.underline = None
        font.color = None
        cell.font = font


def _put_text(cell: Any, text: str) -> None:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"  # openpyxl made it a formula: store it as the text it is
        cell.quotePrefix = True  # and Excel keeps it text when staff edit the cell


def _put_dated(cell: Any, value: date | int | float, number_format: str) -> None:
    """Set a date value with our format, unless staff already gave the cell a date format.

    The check comes first: openpyxl itself gives a date a yyyy-mm-dd format on assignment.
    """
    staff_format = is_date_format(cell.number_format)
    cell.value = value
    if not staff_format:
        cell.number_format = number_format
