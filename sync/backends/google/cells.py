"""Cell writes as ``updateCells`` requests: typed values, contiguous rectangles.

Values travel as typed ``ExtendedValue``s (``stringValue``, ``numberValue``,
``boolValue``): a string is stored exactly as given and is never parsed, so text that
starts with "=" stays text — the same guarantee as ``valueInputOption=RAW``.
Dates are serial numbers with a dd.mm.yyyy number format on the cell. A `Link` is its
text with a link to the target cell on the text itself (``textFormatRuns``), so no
formula is involved; every write also replaces the cell's text runs, so a link never
outlives the text it belonged to.

Cells are grouped into rectangles: runs of neighbouring columns in a row, then runs of
rows with the same columns, one ``updateCells`` per rectangle.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.backends.google.model import Json, grid_range, to_serial
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Cell, Link

MAX_TEXT = 50_000  # Google's limit for one cell
DATE_FORMAT = {"type": "DATE", "pattern": "dd.mm.yyyy"}
DATETIME_FORMAT = {"type": "DATE_TIME", "pattern": "dd.mm.yyyy hh:mm"}
VALUE_FIELDS = "userEnteredValue,textFormatRuns"
DATE_FIELDS = VALUE_FIELDS + ",userEnteredFormat.numberFormat"


@dataclass(frozen=True)
class _Run:
    row: int  # 0-based
    first: int  # 0-based first column
    cells: tuple[Json, ...]
    dated: bool


def cell_data(value: Cell, is_date: bool, gids: Mapping[str, int]) -> tuple[Json, bool]:
    """The CellData for a value, and whether it carries a date format."""
    if value is None or value == "":
        return {}, False
    if isinstance(value, Link):
        return _link(value, gids), False
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}, False
    if isinstance(value, date):
        number_format = (
            DATETIME_FORMAT
            if isinstance(value, datetime) and not isinstance(to_serial(value), int)
            else DATE_FORMAT
        )
        return _number(to_serial(value), number_format), True
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise UnsafeWrite(f"Отказ: нечисловое значение {value} для записи в таблицу.")
        return _number(value, DATE_FORMAT if is_date else None), is_date
    return {"userEnteredValue": {"stringValue": _text(str(value))}}, False


def _number(value: float, number_format: Json | None) -> Json:
    data: Json = {"userEnteredValue": {"numberValue": value}}
    if number_format is not None:
        data["userEnteredFormat"] = {"numberFormat": dict(number_format)}
    return data


def _text(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _link(link: Link, gids: Mapping[str, int]) -> Json:
    text = _text(link.text) or link.cell
    data: Json = {"userEnteredValue": {"stringValue": text}}
    gid = gids.get(link.sheet)
    if gid is not None:
        uri = f"#gid={gid}&range={link.cell}"
        data["textFormatRuns"] = [{"startIndex": 0, "format": {"link": {"uri": uri}}}]
    return data


def value_requests(
    writes: Sequence[CellWrite], sheet_ids: Mapping[str, int], gids: Mapping[str, int]
) -> list[Json]:
    """One updateCells per rectangle of written cells (the last write of a cell wins)."""
    by_sheet: dict[str, dict[tuple[int, int], tuple[Json, bool]]] = defaultdict(dict)
    shared: dict[tuple[type, Cell, bool], tuple[Json, bool]] = {}  # equal values, one dict
    for write in writes:
        if write.row < 1 or write.column < 0:
            where = cell_address(max(write.row, 1), max(write.column, 0))
            raise UnsafeWrite(f"Отказ: ячейка вне листа «{write.sheet}» ({where}).")
        key = (type(write.value), write.value, write.is_date)
        data = shared.get(key)
        if data is None:
            data = shared[key] = cell_data(write.value, write.is_date, gids)
        by_sheet[write.sheet][(write.row - 1, write.column)] = data
    out: list[Json] = []
    for title, cells in by_sheet.items():
        if title not in sheet_ids:
            raise UnsafeWrite(f"Отказ: нет листа «{title}» в таблице.")
        for rect in _rectangles(_runs(cells)):
            out.append(_update_cells(sheet_ids[title], rect))
    return out


def _runs(cells: Mapping[tuple[int, int], tuple[Json, bool]]) -> list[_Run]:
    """Runs of neighbouring cells in a row with the same kind (dated or not)."""
    runs: list[_Run] = []
    current: list[Json] = []
    start: tuple[int, int, bool] | None = None
    previous: tuple[int, int] | None = None
    for (row, col), (data, dated) in sorted(cells.items()):
        joins = start is not None and previous == (row, col - 1) and start[2] == dated
        if not joins:
            if start is not None:
                runs.append(_Run(start[0], start[1], tuple(current), start[2]))
            start, current = (row, col, dated), []
        current.append(data)
        previous = (row, col)
    if start is not None:
        runs.append(_Run(start[0], start[1], tuple(current), start[2]))
    return runs


def _rectangles(runs: Sequence[_Run]) -> list[list[_Run]]:
    """Stack runs of consecutive rows that cover the same columns with the same kind."""
    columns: dict[tuple[int, int, bool], list[_Run]] = defaultdict(list)
    for run in runs:
        columns[(run.first, len(run.cells), run.dated)].append(run)
    rects: list[list[_Run]] = []
    for group in columns.values():
        current: list[_Run] = []
        for run in sorted(group, key=lambda r: r.row):
            if current and current[-1].row != run.row - 1:
                rects.append(current)
                current = []
            current.append(run)
        rects.append(current)
    return rects


def _update_cells(sheet_id: int, rect: Sequence[_Run]) -> Json:
    first, width = rect[0].first, len(rect[0].cells)
    rows = (rect[0].row, rect[-1].row + 1)
    return {
        "updateCells": {
            "range": grid_range(sheet_id, rows, (first, first + width)),
            "rows": [{"values": list(run.cells)} for run in rect],
            "fields": DATE_FIELDS if rect[0].dated else VALUE_FIELDS,
        }
    }


def grid_needs(writes: Sequence[CellWrite]) -> dict[str, tuple[int, int]]:
    """Sheet → (rows, columns) the writes need the grid to have."""
    needs: dict[str, tuple[int, int]] = {}
    for write in writes:
        rows, cols = needs.get(write.sheet, (0, 0))
        needs[write.sheet] = (max(rows, write.row), max(cols, write.column + 1))
    return needs


def header_texts(writes: Sequence[CellWrite]) -> dict[tuple[str, int], Any]:
    """(sheet, column) → header text written by this ChangeSet."""
    return {(w.sheet, w.column): w.value for w in writes if w.row == 1}
