"""``spreadsheets.batchUpdate``: dispatcher and sheet/dimension requests.

Requests run in order against the live spreadsheet; the caller rolls the
whole batch back when one fails (Google applies a batch atomically).
Errors are prefixed ``Invalid requests[i].kind: `` as Google does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.fake_sheets import a1, schema
from tests.fake_sheets.common import Json, camel_case, deep_copy
from tests.fake_sheets.errors import ApiError, invalid_argument, unimplemented
from tests.fake_sheets.fieldmask import Mask, MaskSyntaxError, apply_update, parse_mask, paths
from tests.fake_sheets.render import sheet_props_json
from tests.fake_sheets.state import (
    Sheet,
    Spreadsheet,
    Store,
    check_cell_limit,
    grid_range_json,
    grid_rect,
    title_conflict,
)


@dataclass
class BatchContext:
    """What a request handler may touch."""

    book: Spreadsheet
    store: Store
    identity: str
    metadata_ids: set[int] | None = None  # developer metadata ids in use (filled on demand)


Handler = Callable[[BatchContext, Json], Json | None]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register a handler for one request kind (``addSheet``...)."""

    def register(func: Handler) -> Handler:
        HANDLERS[kind] = func
        return func

    return register


def run_batch(ctx: BatchContext, body: Json, render: Callable[[Spreadsheet], Json]) -> Json:
    """Apply ``body["requests"]`` and build the BatchUpdateSpreadsheetResponse."""
    requests = body.get("requests", [])
    if not requests:
        raise invalid_argument("Must specify at least one request.")
    replies = [_run_one(ctx, index, request) for index, request in enumerate(requests)]
    out: Json = {"spreadsheetId": ctx.book.id, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        out["updatedSpreadsheet"] = render(ctx.book)
    return out


def _run_one(ctx: BatchContext, index: int, request: Json) -> Json:
    kinds = list(request)
    if len(kinds) != 1:
        raise invalid_argument(
            f"Invalid requests[{index}]: exactly one request kind must be set, got {kinds}"
        )
    kind = kinds[0]
    func = HANDLERS.get(kind)
    if func is None:
        raise unimplemented(f"batchUpdate request '{kind}'")
    try:
        reply = func(ctx, request[kind])
    except ApiError as error:
        if error.code != 400:
            raise
        raise error.with_prefix(f"Invalid requests[{index}].{kind}: ") from None
    return {kind: reply} if reply is not None else {}


def update_mask(request: Json, schema_name: str) -> Mask:
    """The request's ``fields`` mask, checked against ``schema_name``'s fields."""
    text = str(request.get("fields", ""))
    if not text:
        raise invalid_argument("At least one field must be specified in 'fields'.")
    try:
        mask = _camel_mask(parse_mask(text))
    except MaskSyntaxError:
        raise invalid_argument(f"Invalid field mask: {text}") from None
    for path in paths(mask):
        if path != ("*",) and not schema.mask_is_valid("sheets", schema_name, path):
            raise invalid_argument(f"Invalid field mask: '{'.'.join(path)}' in {schema_name}")
    return mask


def _camel_mask(mask: Mask) -> Mask:
    return {camel_case(key): _camel_mask(sub) for key, sub in mask.items()}


def sheet_of(ctx: BatchContext, request: Json, key: str = "sheetId") -> Sheet:
    """The sheet a request names by id (0 when absent, like proto defaults)."""
    return ctx.book.sheet_by_id(int(request.get(key, 0)))


@handler("addSheet")
def _add_sheet(ctx: BatchContext, request: Json) -> Json:
    book = ctx.book
    given = deep_copy(request.get("properties", {}))
    if "title" in given:
        title_conflict(book, str(given["title"]), None)
    if "sheetId" in given and any(s.sheet_id == int(given["sheetId"]) for s in book.sheets):
        raise invalid_argument(f"A sheet with id {given['sheetId']} already exists.")
    index = min(int(given.pop("index", len(book.sheets))), len(book.sheets))
    sheet = Sheet(ctx.store.sheet_props(book, given, index))
    book.sheets.insert(index, sheet)
    book.reindex()
    check_cell_limit(book)
    return {"properties": sheet_props_json(sheet)}


@handler("deleteSheet")
def _delete_sheet(ctx: BatchContext, request: Json) -> None:
    book = ctx.book
    sheet_id = int(request.get("sheetId", 0))
    sheet = next((s for s in book.sheets if s.sheet_id == sheet_id), None)
    if sheet is None:
        raise invalid_argument(f"No sheet with id: {sheet_id}")
    if len(book.sheets) == 1:
        raise invalid_argument("You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    book.developer_metadata = [m for m in book.developer_metadata if _metadata_sheet(m) != sheet_id]
    book.reindex()


def _metadata_sheet(meta: Json) -> int | None:
    location = meta.get("location", {})
    if "sheetId" in location:
        return int(location["sheetId"])
    if "dimensionRange" in location:
        return int(location["dimensionRange"].get("sheetId", 0))
    return None


@handler("updateSheetProperties")
def _update_sheet_properties(ctx: BatchContext, request: Json) -> None:
    book = ctx.book
    given = request.get("properties", {})
    sheet = sheet_of(ctx, given)
    mask = update_mask(request, "SheetProperties")
    old_index = sheet.props.get("index", 0)
    new = apply_update(sheet.props, given, mask)
    new["sheetId"] = sheet.sheet_id
    new["index"] = new.get("index", old_index)
    grid = new.setdefault("gridProperties", {})
    for key in ("rowCount", "columnCount"):
        grid.setdefault(key, sheet.grid.get(key))
    _check_sheet_props(book, sheet, new)
    sheet.props = new
    if new["index"] != old_index:
        _move_sheet(book, sheet, int(new["index"]))
    sheet.truncate()
    check_cell_limit(book)


def _check_sheet_props(book: Spreadsheet, sheet: Sheet, new: Json) -> None:
    if new.get("title") != sheet.title:
        title_conflict(book, str(new.get("title", "")), sheet.sheet_id)
    grid = new["gridProperties"]
    if int(grid["rowCount"]) < 1 or int(grid["columnCount"]) < 1:
        raise invalid_argument("A sheet must have at least one row and one column.")
    if int(grid.get("frozenRowCount", 0)) > int(grid["rowCount"]):
        raise invalid_argument("You can't freeze all visible rows on the sheet.")
    if int(grid.get("frozenColumnCount", 0)) > int(grid["columnCount"]):
        raise invalid_argument("You can't freeze all visible columns on the sheet.")


def _move_sheet(book: Spreadsheet, sheet: Sheet, target: int) -> None:
    """Indexes count "before the move", as in the Sheets API."""
    current = book.sheets.index(sheet)
    book.sheets.remove(sheet)
    if target > current:
        target -= 1
    book.sheets.insert(max(0, min(target, len(book.sheets))), sheet)
    book.reindex()


@handler("updateSpreadsheetProperties")
def _update_spreadsheet_properties(ctx: BatchContext, request: Json) -> None:
    mask = update_mask(request, "SpreadsheetProperties")
    new = apply_update(ctx.book.props, request.get("properties", {}), mask)
    if not str(new.get("title", "")).strip():
        raise invalid_argument("Spreadsheet title cannot be empty.")
    ctx.book.props = new


@handler("appendDimension")
def _append_dimension(ctx: BatchContext, request: Json) -> None:
    sheet = sheet_of(ctx, request)
    length = int(request.get("length", 0))
    if length < 1:
        raise invalid_argument("length must be greater than 0")
    dimension = _dimension(request.get("dimension"))
    sheet.insert(dimension, _size(sheet, dimension), length)
    check_cell_limit(ctx.book)


def _dimension(value: object) -> str:
    if value not in ("ROWS", "COLUMNS"):
        raise invalid_argument("dimension must be ROWS or COLUMNS")
    return str(value)


def _size(sheet: Sheet, dimension: str) -> int:
    return sheet.row_count if dimension == "ROWS" else sheet.column_count


def dimension_span(ctx: BatchContext, dim_range: Json) -> tuple[Sheet, str, int, int]:
    """Resolve a DimensionRange: (sheet, dimension, start, end), end clamped."""
    sheet = sheet_of(ctx, dim_range)
    dimension = _dimension(dim_range.get("dimension"))
    size = _size(sheet, dimension)
    start = int(dim_range.get("startIndex", 0))
    end = min(int(dim_range.get("endIndex", size)), size)
    if start < 0 or start >= end:
        raise invalid_argument(f"Invalid dimension range: startIndex {start}, endIndex {end}")
    return sheet, dimension, start, end


@handler("insertDimension")
def _insert_dimension(ctx: BatchContext, request: Json) -> None:
    dim_range = request.get("range", {})
    sheet = sheet_of(ctx, dim_range)
    dimension = _dimension(dim_range.get("dimension"))
    start = int(dim_range.get("startIndex", 0))
    end = int(dim_range.get("endIndex", start))
    if start < 0 or end <= start or start > _size(sheet, dimension):
        raise invalid_argument(f"Invalid dimension range: startIndex {start}, endIndex {end}")
    if request.get("inheritFromBefore") and start == 0:
        raise invalid_argument("Cannot inherit properties from before the first row or column.")
    sheet.insert(dimension, start, end - start)
    check_cell_limit(ctx.book)


@handler("deleteDimension")
def _delete_dimension(ctx: BatchContext, request: Json) -> None:
    sheet, dimension, start, end = dimension_span(ctx, request.get("range", {}))
    remaining = _size(sheet, dimension) - (end - start)
    noun = "rows" if dimension == "ROWS" else "columns"
    if remaining < 1:
        raise invalid_argument(f"You can't delete all the {noun} on the sheet.")
    frozen_key = "frozenRowCount" if dimension == "ROWS" else "frozenColumnCount"
    if remaining <= int(sheet.grid.get(frozen_key, 0)):
        raise invalid_argument(f"Sorry, it is not possible to delete all non-frozen {noun}.")
    sheet.delete(dimension, start, end)


@handler("updateDimensionProperties")
def _update_dimension_properties(ctx: BatchContext, request: Json) -> None:
    """Pixel sizes and hidden flags are accepted and not modelled."""
    update_mask(request, "DimensionProperties")
    if "range" in request:
        dimension_span(ctx, request["range"])


@handler("autoResizeDimensions")
def _auto_resize(ctx: BatchContext, request: Json) -> None:
    """Column widths are not modelled; the range is checked."""
    if "dimensions" in request:
        dimension_span(ctx, request["dimensions"])


def _visual_only(ctx: BatchContext, request: Json) -> None:
    """Merges, borders and basic filters do not change values; accepted as no-ops."""
    grid_range = request.get("range", request.get("filter", {}).get("range"))
    if isinstance(grid_range, dict):
        grid_rect(sheet_of(ctx, grid_range), grid_range)
    elif "sheetId" in request:
        sheet_of(ctx, request)


HANDLERS["updateBorders"] = _visual_only


@handler("mergeCells")
def _merge_cells(ctx: BatchContext, request: Json) -> None:
    """Merged ranges are kept and listed in ``sheets[].merges`` (as Google does)."""
    grid_range = request.get("range", {})
    sheet = sheet_of(ctx, grid_range)
    rect = grid_rect(sheet, grid_range)
    kind = request.get("mergeType", "MERGE_ALL")
    if kind == "MERGE_ROWS":
        spans = [a1.Rect(r, r + 1, rect.col0, rect.col1) for r in range(rect.row0, rect.row1)]
    elif kind == "MERGE_COLUMNS":
        spans = [a1.Rect(rect.row0, rect.row1, c, c + 1) for c in range(rect.col0, rect.col1)]
    else:
        spans = [rect]
    for span in spans:
        if any(_overlaps(span, grid_rect(sheet, m)) for m in sheet.merges):
            raise invalid_argument("You can't merge cells that are already merged.")
        bounds = {
            "startRowIndex": span.row0,
            "endRowIndex": span.row1,
            "startColumnIndex": span.col0,
            "endColumnIndex": span.col1,
        }
        sheet.merges.append(grid_range_json(sheet.sheet_id, bounds))


@handler("unmergeCells")
def _unmerge_cells(ctx: BatchContext, request: Json) -> None:
    grid_range = request.get("range", {})
    sheet = sheet_of(ctx, grid_range)
    rect = grid_rect(sheet, grid_range)
    sheet.merges = [m for m in sheet.merges if not _overlaps(rect, grid_rect(sheet, m))]


def _overlaps(one: a1.Rect, other: a1.Rect) -> bool:
    return (
        one.row0 < other.row1
        and other.row0 < one.row1
        and one.col0 < other.col1
        and other.col0 < one.col1
    )


@handler("setBasicFilter")
def _set_basic_filter(ctx: BatchContext, request: Json) -> None:
    """Replaces the sheet's basic filter (Google keeps one per sheet)."""
    given = request.get("filter", {})
    grid_range = given.get("range")
    if not isinstance(grid_range, dict):
        raise invalid_argument("filter.range is required")
    sheet = sheet_of(ctx, grid_range)
    grid_rect(sheet, grid_range)
    sheet.basic_filter = deep_copy(given)


@handler("clearBasicFilter")
def _clear_basic_filter(ctx: BatchContext, request: Json) -> None:
    sheet_of(ctx, request).basic_filter = None
