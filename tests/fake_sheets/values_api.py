"""``spreadsheets.values.*``: get, batchGet, update, batchUpdate, append, clear, batchClear.

Google's answer shapes kept here: trailing empty cells and rows are trimmed,
interior empty rows come back as ``[]``, a range without values has no
``values`` key, ``range`` echoes the requested range resolved against the
grid (``Sheet1`` -> ``Sheet1!A1:Z1000``), zero counters are omitted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tests.fake_sheets import a1, cellvalues
from tests.fake_sheets.common import Json, Query, qbool, qget
from tests.fake_sheets.errors import invalid_argument
from tests.fake_sheets.state import Sheet, Spreadsheet, read_rect, rect_error
from tests.fake_sheets.tables import find_table

_INPUT_OPTIONS = ("RAW", "USER_ENTERED")


@dataclass
class Written:
    """What one write touched, for the per-range and batch totals."""

    response: Json
    sheet_id: int
    rows: set[int] = field(default_factory=set)
    cols: set[int] = field(default_factory=set)
    cells: int = 0


def read_values(book: Spreadsheet, sheet: Sheet, rect: a1.Rect, query: Query) -> Json:
    """A ValueRange for ``rect`` rendered with the query's render options."""
    major = qget(query, "majorDimension", "ROWS")
    major = "COLUMNS" if major == "COLUMNS" else "ROWS"
    value_option = qget(query, "valueRenderOption", "FORMATTED_VALUE")
    date_option = qget(query, "dateTimeRenderOption", "SERIAL_NUMBER")
    grid: list[list[Any]] = []
    for row in range(rect.row0, min(rect.row1, len(sheet.rows))):
        line = sheet.rows[row]
        cols = range(rect.col0, min(rect.col1, len(line)))
        cells = [line[c] for c in cols]
        grid.append([cellvalues.render(c, value_option, date_option, book.locale) for c in cells])
    if major == "COLUMNS":
        grid = _transpose(grid)
    out: Json = {"range": a1.format_rect(sheet.title, rect), "majorDimension": major}
    trimmed = _trim(grid)
    if trimmed:
        out["values"] = trimmed
    return out


def _transpose(grid: list[list[Any]]) -> list[list[Any]]:
    width = max((len(line) for line in grid), default=0)
    return [[line[c] if c < len(line) else "" for line in grid] for c in range(width)]


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    out = [_trim_line(line) for line in grid]
    while out and not out[-1]:
        out.pop()
    return out


def _trim_line(line: list[Any]) -> list[Any]:
    end = len(line)
    while end and line[end - 1] == "":
        end -= 1
    return line[:end]


def values_get(book: Spreadsheet, range_text: str, query: Query) -> Json:
    """GET .../values/{range}."""
    sheet, parsed = book.resolve(range_text)
    return read_values(book, sheet, read_rect(sheet, parsed), query)


def values_batch_get(book: Spreadsheet, query: Query) -> Json:
    """GET .../values:batchGet?ranges=...&ranges=..."""
    out: Json = {"spreadsheetId": book.id}
    ranges = query.get("ranges", [])
    if ranges:
        out["valueRanges"] = [values_get(book, text, query) for text in ranges]
    return out


def _input_option(option: str) -> str:
    if option not in _INPUT_OPTIONS:
        shown = option or "INPUT_VALUE_OPTION_UNSPECIFIED"
        raise invalid_argument(f"Invalid valueInputOption: {shown}")
    return option


def values_update(book: Spreadsheet, range_text: str, query: Query, body: Json) -> Json:
    """PUT .../values/{range}?valueInputOption=..."""
    option = _input_option(qget(query, "valueInputOption"))
    sheet, parsed = book.resolve(range_text)
    rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
    written = write_values(book, sheet, rect, body, option, grow=False)
    _add_updated_data(book, sheet, written.response, query)
    return written.response


def values_batch_update(book: Spreadsheet, body: Json) -> Json:
    """POST .../values:batchUpdate."""
    option = _input_option(str(body.get("valueInputOption", "")))
    query = _response_query(body)
    out: Json = {"spreadsheetId": book.id}
    results: list[Written] = []
    for item in body.get("data", []):
        sheet, parsed = book.resolve(str(item.get("range", "")))
        rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
        written = write_values(book, sheet, rect, item, option, grow=False)
        _add_updated_data(book, sheet, written.response, query)
        results.append(written)
    out.update(_totals(results))
    if results:
        out["responses"] = [w.response for w in results]
    return out


def _totals(results: list[Written]) -> Json:
    """The non-zero ``totalUpdated*`` counts of a values batch."""
    totals = {
        "totalUpdatedRows": len({(w.sheet_id, r) for w in results for r in w.rows}),
        "totalUpdatedColumns": len({(w.sheet_id, c) for w in results for c in w.cols}),
        "totalUpdatedCells": sum(w.cells for w in results),
        "totalUpdatedSheets": len({w.sheet_id for w in results if w.cells}),
    }
    return {key: value for key, value in totals.items() if value}


def _response_query(body: Json) -> Query:
    query: Query = {}
    if body.get("includeValuesInResponse"):
        query["includeValuesInResponse"] = ["true"]
    for key, target in (
        ("responseValueRenderOption", "valueRenderOption"),
        ("responseDateTimeRenderOption", "dateTimeRenderOption"),
    ):
        if key in body:
            query[target] = [str(body[key])]
    return query


def _add_updated_data(book: Spreadsheet, sheet: Sheet, response: Json, query: Query) -> None:
    if not qbool(query, "includeValuesInResponse") or "updatedRange" not in response:
        return
    render = {
        "valueRenderOption": query.get("responseValueRenderOption", ["FORMATTED_VALUE"]),
        "dateTimeRenderOption": query.get("responseDateTimeRenderOption", ["SERIAL_NUMBER"]),
    }
    render.update({k: v for k, v in query.items() if k in render})
    _, parsed = book.resolve(str(response["updatedRange"]))
    rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
    response["updatedData"] = read_values(book, sheet, rect, render)


def oriented(body: Json) -> list[list[Any]]:
    """``values`` of a ValueRange as rows, whatever its majorDimension."""
    rows: list[list[Any]] = []
    for index, line in enumerate(body.get("values", [])):
        if not isinstance(line, list):
            raise invalid_argument(
                f"Invalid values[{index}]: list_value expected", f"data.values[{index}]"
            )
        rows.append(line)
    if body.get("majorDimension") == "COLUMNS":
        height = max((len(col) for col in rows), default=0)
        rows = [[col[r] if r < len(col) else None for col in rows] for r in range(height)]
    return rows


def write_values(
    book: Spreadsheet, sheet: Sheet, rect: a1.Rect, body: Json, option: str, *, grow: bool
) -> Written:
    """Write a ValueRange at ``rect``'s top-left and describe the result."""
    rows = oriented(body)
    height = len(rows)
    width = max((len(line) for line in rows), default=0)
    written = Written({"spreadsheetId": book.id}, sheet.sheet_id)
    if not height or not width:
        return written
    target = a1.Rect(rect.row0, rect.row0 + height, rect.col0, rect.col0 + width)
    _check_fits(sheet, rect, target, grow=grow)
    for r, line in enumerate(rows):
        for c, value in enumerate(line):
            if value is not None:
                _check_scalar(value, r, c)
                _write_cell(book, sheet, target.row0 + r, target.col0 + c, value, option)
                written.rows.add(target.row0 + r)
                written.cols.add(target.col0 + c)
                written.cells += 1
    counts = {"updatedRows": len(written.rows), "updatedColumns": len(written.cols)}
    counts["updatedCells"] = written.cells
    written.response["updatedRange"] = a1.format_rect(sheet.title, target)
    written.response.update({k: v for k, v in counts.items() if v})
    return written


def _check_fits(sheet: Sheet, rect: a1.Rect, target: a1.Rect, *, grow: bool) -> None:
    if rect.rows_bounded and target.height > rect.height:
        raise invalid_argument(
            f"Requested writing within range [{a1.format_rect(sheet.title, rect)}], but tried "
            f"writing to row [{target.row1}]"
        )
    if rect.cols_bounded and target.width > rect.width:
        raise invalid_argument(
            f"Requested writing within range [{a1.format_rect(sheet.title, rect)}], but tried "
            f"writing to column [{a1.column_letters(target.col1 - 1)}]"
        )
    if target.col1 > sheet.column_count or (target.row1 > sheet.row_count and not grow):
        raise rect_error(sheet.title, target, sheet)
    if target.row1 > sheet.row_count:
        sheet.grid["rowCount"] = target.row1


def _check_scalar(value: Any, row: int, col: int) -> None:
    """Google refuses nested lists/objects as cell values (``Invalid values[r][c]``)."""
    if isinstance(value, (dict, list)):
        kind = "struct_value" if isinstance(value, dict) else "list_value"
        shown = json.dumps(value, ensure_ascii=False)
        raise invalid_argument(f"Invalid values[{row}][{col}]: {kind} {shown}")


def _write_cell(
    book: Spreadsheet, sheet: Sheet, row: int, col: int, value: Any, option: str
) -> None:
    if option == "RAW":
        entered, number_format = cellvalues.parse_raw(value), None
    else:
        entered, number_format = cellvalues.parse_user_entered(value, book.locale)
    cell = dict(sheet.cell(row, col) or {})
    if entered is None:
        cell.pop("userEnteredValue", None)
    else:
        cell["userEnteredValue"] = entered
    fmt = dict(cell.get("userEnteredFormat") or {})
    if number_format and "numberFormat" not in fmt:
        fmt["numberFormat"] = number_format
        cell["userEnteredFormat"] = fmt
    sheet.set_cell(row, col, cell)


def values_append(book: Spreadsheet, range_text: str, query: Query, body: Json) -> Json:
    """POST .../values/{range}:append - find the table, write below it."""
    option = _input_option(qget(query, "valueInputOption"))
    sheet, parsed = book.resolve(range_text)
    search = read_rect(sheet, parsed)
    table = find_table(sheet, search)
    row, col = (table.row1, table.col0) if table else (search.row0, search.col0)
    height = len(oriented(body))
    if qget(query, "insertDataOption", "OVERWRITE") == "INSERT_ROWS" and height:
        sheet.insert("ROWS", min(row, sheet.row_count), height)
    anchor = a1.Rect(row, row + 1, col, col + 1, rows_bounded=False, cols_bounded=False)
    written = write_values(book, sheet, anchor, body, option, grow=True)
    _add_updated_data(book, sheet, written.response, query)
    out: Json = {"spreadsheetId": book.id, "updates": written.response}
    if table:
        out["tableRange"] = a1.format_rect(sheet.title, table)
    return out


def clear_rect(sheet: Sheet, rect: a1.Rect) -> None:
    """Remove values (not formats or notes) inside ``rect``."""
    for row in range(rect.row0, min(rect.row1, len(sheet.rows))):
        line = sheet.rows[row]
        for col in range(rect.col0, min(rect.col1, len(line))):
            cell = line[col]
            if cell and "userEnteredValue" in cell:
                rest = {k: v for k, v in cell.items() if k != "userEnteredValue"}
                line[col] = rest or None


def values_clear(book: Spreadsheet, range_text: str) -> Json:
    """POST .../values/{range}:clear."""
    sheet, parsed = book.resolve(range_text)
    rect = read_rect(sheet, parsed)
    clear_rect(sheet, rect)
    return {"spreadsheetId": book.id, "clearedRange": a1.format_rect(sheet.title, rect)}


def values_batch_clear(book: Spreadsheet, body: Json) -> Json:
    """POST .../values:batchClear."""
    cleared = [values_clear(book, str(text))["clearedRange"] for text in body.get("ranges", [])]
    out: Json = {"spreadsheetId": book.id}
    if cleared:
        out["clearedRanges"] = cleared
    return out


def values_batch_update_by_data_filter(book: Spreadsheet, body: Json) -> Json:
    """POST .../values:batchUpdateByDataFilter (developer-metadata lookups).

    Each DataFilterValueRange is written at every row or column its filter matches,
    from the row's first cell; a filter that matches nothing writes nothing.
    """
    from tests.fake_sheets.metadata import matcher

    match = matcher(book)
    option = _input_option(str(body.get("valueInputOption", "")))
    out: Json = {"spreadsheetId": book.id}
    results: list[Written] = []
    responses: list[Json] = []
    for item in body.get("data", []):
        data_filter = item.get("dataFilter", {})
        for meta in match(data_filter):
            span = meta["location"]["dimensionRange"]
            sheet = book.sheet_by_id(int(span.get("sheetId", 0)))
            index = int(span.get("startIndex", 0))
            if meta["location"]["locationType"] == "ROW":
                rect = a1.Rect(index, index + 1, 0, sheet.column_count)
            else:
                rect = a1.Rect(0, sheet.row_count, index, index + 1)
            written = write_values(book, sheet, rect, item, option, grow=False)
            results.append(written)
            responses.append({**written.response, "dataFilter": data_filter})
    out.update(_totals(results))
    if responses:
        out["responses"] = responses
    return out
