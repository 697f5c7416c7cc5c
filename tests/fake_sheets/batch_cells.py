"""``spreadsheets.batchUpdate`` requests that touch cells and rules.

repeatCell, updateCells, setDataValidation, sortRange, conditional format
rules and protected ranges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.fake_sheets import a1, cellvalues
from tests.fake_sheets.batch_update import BatchContext, handler, sheet_of, update_mask
from tests.fake_sheets.common import Json, deep_copy, prune_defaults
from tests.fake_sheets.errors import invalid_argument
from tests.fake_sheets.fieldmask import Mask, apply_update
from tests.fake_sheets.render import style_partner, sync_styles
from tests.fake_sheets.state import Sheet, grid_range_json, grid_rect, rect_error


def _grid(ctx: BatchContext, grid_range: Json) -> tuple[Sheet, a1.Rect]:
    sheet = sheet_of(ctx, grid_range)
    return sheet, grid_rect(sheet, grid_range)


def _with_partners(mask: Mask) -> Mask:
    """Masking ``backgroundColor`` also updates ``backgroundColorStyle`` and back."""
    out: Mask = {}
    for key, sub in mask.items():
        out[key] = _with_partners(sub)
        partner = style_partner(key)
        if partner is not None:
            out.setdefault(partner, {})
    return out


def _cell_mask(request: Json) -> Mask:
    return _with_partners(update_mask(request, "CellData"))


def _apply(sheet: Sheet, row: int, col: int, source: Json, mask: Mask) -> None:
    cell = apply_update(sheet.cell(row, col) or {}, source, mask)
    if "note" in mask and "note" not in cell:
        cell["note"] = ""  # Google keeps a cleared note and reads it back as ""
    sheet.set_cell(row, col, cell)


@handler("repeatCell")
def _repeat_cell(ctx: BatchContext, request: Json) -> None:
    sheet, rect = _grid(ctx, request.get("range", {}))
    mask = _cell_mask(request)
    source = sync_styles(request.get("cell", {}))
    for row in range(rect.row0, rect.row1):
        for col in range(rect.col0, rect.col1):
            _apply(sheet, row, col, source, mask)


@handler("updateCells")
def _update_cells(ctx: BatchContext, request: Json) -> None:
    mask = _cell_mask(request)
    rows = [row.get("values", []) for row in request.get("rows", [])]
    height, width = len(rows), max((len(r) for r in rows), default=0)
    if "start" in request:
        start = request["start"]
        sheet = sheet_of(ctx, start)
        row0, col0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        rect = a1.Rect(row0, row0 + max(height, 1), col0, col0 + max(width, 1))
        if rect.row1 > sheet.row_count or rect.col1 > sheet.column_count:
            raise rect_error(sheet.title, rect, sheet)
    elif "range" in request:
        sheet, rect = _grid(ctx, request["range"])
        if height > rect.height or width > rect.width:
            raise invalid_argument("The rows and values do not fit in the range.")
    else:
        raise invalid_argument("Either 'start' or 'range' must be set.")
    for row in range(rect.row0, rect.row1):
        line = rows[row - rect.row0] if row - rect.row0 < height else []
        for col in range(rect.col0, rect.col1):
            data = line[col - rect.col0] if col - rect.col0 < len(line) else {}
            _apply(sheet, row, col, sync_styles(data), mask)


@handler("setDataValidation")
def _set_data_validation(ctx: BatchContext, request: Json) -> None:
    sheet, rect = _grid(ctx, request.get("range", {}))
    rule = request.get("rule")
    mask: Mask = {"dataValidation": {}}
    source = {"dataValidation": prune_defaults(deep_copy(rule))} if rule else {}
    for row in range(rect.row0, rect.row1):
        for col in range(rect.col0, rect.col1):
            _apply(sheet, row, col, source, mask)


@handler("sortRange")
def _sort_range(ctx: BatchContext, request: Json) -> None:
    sheet, rect = _grid(ctx, request.get("range", {}))
    block = [
        [sheet.cell(r, c) for c in range(rect.col0, rect.col1)] for r in range(rect.row0, rect.row1)
    ]
    for spec in reversed(request.get("sortSpecs", [])):
        index = int(spec.get("dimensionIndex", 0)) - rect.col0
        if not 0 <= index < rect.width:
            raise invalid_argument("sortSpecs dimensionIndex is outside the range.")
        block.sort(key=_row_key(index, spec.get("sortOrder") == "DESCENDING"))
    for r, line in enumerate(block):
        for c, cell in enumerate(line):
            sheet.set_cell(rect.row0 + r, rect.col0 + c, cell)


def _row_key(index: int, descending: bool) -> Callable[[list[Json | None]], tuple[int, Any]]:
    def key(line: list[Json | None]) -> tuple[int, Any]:
        return cellvalues.sort_key(line[index], descending)

    return key


def _rule_json(ctx: BatchContext, rule: Json) -> tuple[Sheet, Json]:
    ranges = rule.get("ranges", [])
    if not ranges:
        raise invalid_argument("A conditional format rule needs at least one range.")
    sheet = sheet_of(ctx, ranges[0])
    for grid_range in ranges:
        if int(grid_range.get("sheetId", 0)) != sheet.sheet_id:
            raise invalid_argument("All ranges of a conditional format rule must be on one sheet.")
        grid_rect(sheet, grid_range)
    out: Json = sync_styles(deep_copy(rule))
    out["ranges"] = [grid_range_json(sheet.sheet_id, r) for r in ranges]
    return sheet, out


def _rule_index(sheet: Sheet, request: Json) -> int:
    index = int(request.get("index", 0))
    if not 0 <= index < len(sheet.conditional_formats):
        raise invalid_argument(
            f"No conditional format on sheet: {sheet.sheet_id} at index: {index}"
        )
    return index


@handler("addConditionalFormatRule")
def _add_conditional_format(ctx: BatchContext, request: Json) -> None:
    sheet, rule = _rule_json(ctx, request.get("rule", {}))
    index = min(int(request.get("index", 0)), len(sheet.conditional_formats))
    sheet.conditional_formats.insert(index, rule)


@handler("updateConditionalFormatRule")
def _update_conditional_format(ctx: BatchContext, request: Json) -> Json:
    sheet = sheet_of(ctx, request)
    index = _rule_index(sheet, request)
    old = sheet.conditional_formats.pop(index)
    if "rule" in request:
        _, new = _rule_json(ctx, request["rule"])
        new_index = index
    else:
        new, new_index = old, min(int(request.get("newIndex", 0)), len(sheet.conditional_formats))
    sheet.conditional_formats.insert(new_index, new)
    reply = {"newRule": new, "newIndex": new_index, "oldRule": old, "oldIndex": index}
    out: Json = prune_defaults(deep_copy(reply))
    return out


@handler("deleteConditionalFormatRule")
def _delete_conditional_format(ctx: BatchContext, request: Json) -> Json:
    sheet = sheet_of(ctx, request)
    return {"rule": sheet.conditional_formats.pop(_rule_index(sheet, request))}


def _protected_json(ctx: BatchContext, given: Json, range_id: int) -> tuple[Sheet, Json]:
    grid_range = given.get("range", {})
    sheet, _ = _grid(ctx, grid_range)
    out: Json = prune_defaults(deep_copy(given))
    out["protectedRangeId"] = range_id
    out["range"] = grid_range_json(sheet.sheet_id, grid_range)
    if "unprotectedRanges" in out:
        out["unprotectedRanges"] = [
            grid_range_json(sheet.sheet_id, r) for r in given["unprotectedRanges"]
        ]
    out["requestingUserCanEdit"] = True
    out["editors"] = out.get("editors", {})  # warning-only ones carry editors too
    return sheet, out


def _find_protected(ctx: BatchContext, range_id: int) -> tuple[Sheet, Json]:
    for sheet in ctx.book.sheets:
        for protected in sheet.protected_ranges:
            if protected["protectedRangeId"] == range_id:
                return sheet, protected
    raise invalid_argument(f"No protected range with id: {range_id}")


@handler("addProtectedRange")
def _add_protected_range(ctx: BatchContext, request: Json) -> Json:
    given = request.get("protectedRange", {})
    range_id = int(given.get("protectedRangeId") or ctx.store.random_id())
    if any(p["protectedRangeId"] == range_id for s in ctx.book.sheets for p in s.protected_ranges):
        raise invalid_argument(f"A protected range with id {range_id} already exists.")
    sheet, stored = _protected_json(ctx, given, range_id)
    reply = deep_copy(stored)
    if "editors" in stored:
        users = [u for u in stored["editors"].get("users", []) if u != ctx.identity]
        stored["editors"]["users"] = [ctx.identity, *users]
    sheet.protected_ranges.append(stored)
    return {"protectedRange": reply}


@handler("updateProtectedRange")
def _update_protected_range(ctx: BatchContext, request: Json) -> None:
    given = request.get("protectedRange", {})
    sheet, old = _find_protected(ctx, int(given.get("protectedRangeId", 0)))
    merged = apply_update(old, given, update_mask(request, "ProtectedRange"))
    new_sheet, new = _protected_json(ctx, merged, int(old["protectedRangeId"]))
    sheet.protected_ranges.remove(old)
    new_sheet.protected_ranges.append(new)


@handler("deleteProtectedRange")
def _delete_protected_range(ctx: BatchContext, request: Json) -> None:
    sheet, protected = _find_protected(ctx, int(request.get("protectedRangeId", 0)))
    sheet.protected_ranges.remove(protected)
