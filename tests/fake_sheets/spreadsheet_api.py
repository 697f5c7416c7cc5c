"""``spreadsheets.get`` (with ``fields``/``ranges``/``includeGridData``) and ``spreadsheets.create``."""

from __future__ import annotations

from tests.fake_sheets import a1
from tests.fake_sheets.common import Json, Query, qbool, qget
from tests.fake_sheets.errors import invalid_argument
from tests.fake_sheets.fieldmask import Mask, MaskSyntaxError, parse_mask, project
from tests.fake_sheets.render import spreadsheet_json
from tests.fake_sheets.state import Spreadsheet, Store, read_rect


def _mask(query: Query) -> Mask | None:
    """The ``fields`` mask; a mask the fake cannot parse means "everything"."""
    text = qget(query, "fields")
    if not text:
        return None
    try:
        return parse_mask(text)
    except MaskSyntaxError:
        return None


def _wants_grid(query: Query, mask: Mask | None) -> bool:
    if qbool(query, "includeGridData"):
        return True
    if mask is None:
        return False
    sheets = mask.get("sheets")
    return "*" in mask or (sheets is not None and ("data" in sheets or not sheets))


def get_spreadsheet(book: Spreadsheet, query: Query) -> Json:
    """GET /v4/spreadsheets/{id}."""
    mask = _mask(query)
    ranges = query.get("ranges", [])
    data: dict[int, list[a1.Rect]] | None = None
    if ranges:
        data = {}
        for text in ranges:
            sheet, parsed = book.resolve(text)
            data.setdefault(sheet.sheet_id, []).append(read_rect(sheet, parsed))
    elif _wants_grid(query, mask):
        data = {s.sheet_id: [a1.Rect(0, s.row_count, 0, s.column_count)] for s in book.sheets}
    if data is not None and not _wants_grid(query, mask):
        data = {sheet_id: [] for sheet_id in data}
    out = spreadsheet_json(book, data)
    if mask is None:
        return out
    projected: Json = project(out, mask)
    return projected


def create_spreadsheet(store: Store, body: Json, identity: str) -> Json:
    """POST /v4/spreadsheets."""
    sheet_props = [s.get("properties", {}) for s in body.get("sheets", [])]
    titles = [str(p["title"]).casefold() for p in sheet_props if "title" in p]
    if len(titles) != len(set(titles)):
        raise invalid_argument("Sheet titles must be unique.")
    props = {k: v for k, v in body.get("properties", {}).items() if k != "defaultFormat"}
    book = store.create(props, sheet_props, identity)
    return spreadsheet_json(book)
