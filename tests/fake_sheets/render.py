"""JSON renderings of spreadsheets, sheets and cells, as ``spreadsheets.get`` answers.

Google omits proto3 defaults (``frozenRowCount: 0``, ``hidden: false``,
``sheetId: 0`` inside a GridRange) but always prints ``sheetId`` and
``index`` of SheetProperties.  Colours are mirrored into their ``*Style``
twins (``backgroundColor`` <-> ``backgroundColorStyle.rgbColor``).
"""

from __future__ import annotations

from typing import Any

from tests.fake_sheets import a1, cellvalues
from tests.fake_sheets.common import Json, deep_copy, prune_defaults
from tests.fake_sheets.state import Sheet, Spreadsheet

_SHEET_KEEP = frozenset({"sheetId", "index"})
_COLOR_PAIRS = {
    "backgroundColor": "backgroundColorStyle",
    "foregroundColor": "foregroundColorStyle",
    "color": "colorStyle",
    "tabColor": "tabColorStyle",
    "bandColor": "bandColorStyle",
}
_STYLE_TO_PLAIN = {style: plain for plain, style in _COLOR_PAIRS.items()}
DEFAULT_FORMAT: Json = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}


def sync_styles(value: Any) -> Any:
    """Fill ``fooStyle`` from ``foo`` and ``foo`` from ``fooStyle.rgbColor`` (new copy)."""
    if isinstance(value, list):
        return [sync_styles(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: sync_styles(item) for key, item in value.items()}
    for plain, style in _COLOR_PAIRS.items():
        if plain in out and style not in out:
            out[style] = {"rgbColor": deep_copy(out[plain])}
        elif style in out and plain not in out and "rgbColor" in out[style]:
            out[plain] = deep_copy(out[style]["rgbColor"])
    return out


def style_partner(name: str) -> str | None:
    """``backgroundColor`` <-> ``backgroundColorStyle``."""
    return _COLOR_PAIRS.get(name) or _STYLE_TO_PLAIN.get(name)


def sheet_props_json(sheet: Sheet) -> Json:
    """SheetProperties as Google prints them; a tab colour comes back in 8-bit steps."""
    props: Json = prune_defaults(sync_styles(sheet.props), _SHEET_KEEP)
    for colour in (props.get("tabColor"), props.get("tabColorStyle", {}).get("rgbColor")):
        if isinstance(colour, dict):
            for channel, value in list(colour.items()):
                if channel in ("red", "green", "blue", "alpha") and isinstance(value, int | float):
                    colour[channel] = round(value * 255) / 255
    return props


def spreadsheet_props_json(book: Spreadsheet) -> Json:
    """SpreadsheetProperties, with Google's default cell format."""
    props: Json = sync_styles(book.props)
    props.setdefault("defaultFormat", deep_copy(DEFAULT_FORMAT))
    return props


def spreadsheet_json(book: Spreadsheet, data: dict[int, list[a1.Rect]] | None = None) -> Json:
    """The Spreadsheet resource; ``data`` maps sheetId -> rects to include as grid data.

    With ``data`` only the sheets it names are listed (as with ``ranges=``).
    """
    sheets = book.sheets if data is None else [s for s in book.sheets if s.sheet_id in data]
    out: Json = {
        "spreadsheetId": book.id,
        "properties": spreadsheet_props_json(book),
        "sheets": [sheet_json(book, s, (data or {}).get(s.sheet_id)) for s in sheets],
    }
    spreadsheet_meta = [
        m for m in book.developer_metadata if m["location"].get("locationType") == "SPREADSHEET"
    ]
    if spreadsheet_meta:
        out["developerMetadata"] = deep_copy(spreadsheet_meta)
    out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{book.id}/edit"
    return out


def sheet_json(book: Spreadsheet, sheet: Sheet, rects: list[a1.Rect] | None) -> Json:
    """One Sheet resource; grid data only for ``rects``."""
    out: Json = {"properties": sheet_props_json(sheet)}
    if rects:
        out["data"] = [grid_data_json(book, sheet, rect) for rect in rects]
    if sheet.conditional_formats:
        out["conditionalFormats"] = deep_copy(sheet.conditional_formats)
    if sheet.protected_ranges:
        out["protectedRanges"] = deep_copy(sheet.protected_ranges)
    if sheet.basic_filter is not None:
        out["basicFilter"] = deep_copy(sheet.basic_filter)
    if sheet.merges:
        out["merges"] = deep_copy(sheet.merges)
    meta = [
        m
        for m in book.developer_metadata
        if m["location"].get("locationType") == "SHEET"
        and m["location"].get("sheetId") == sheet.sheet_id
    ]
    if meta:
        out["developerMetadata"] = deep_copy(meta)
    return out


def grid_data_json(book: Spreadsheet, sheet: Sheet, rect: a1.Rect) -> Json:
    """GridData for ``rect``: trailing empty cells and rows left out."""
    out: Json = {}
    if rect.row0:
        out["startRow"] = rect.row0
    if rect.col0:
        out["startColumn"] = rect.col0
    rows: list[Json] = []
    for row in range(rect.row0, min(rect.row1, len(sheet.rows))):
        line = sheet.rows[row]
        cells = [cell_json(book, line[c]) for c in range(rect.col0, min(rect.col1, len(line)))]
        while cells and not cells[-1]:
            cells.pop()
        rows.append({"values": cells} if cells else {})
    while rows and not rows[-1]:
        rows.pop()
    if rows:
        out["rowData"] = rows
    out["rowMetadata"] = [{"pixelSize": 21} for _ in range(rect.height)]
    for meta in sheet.dimension_metadata:
        span = meta["location"]["dimensionRange"]
        row = int(span.get("startIndex", 0))
        if meta["location"]["locationType"] == "ROW" and rect.row0 <= row < rect.row1:
            entry = out["rowMetadata"][row - rect.row0]
            entry.setdefault("developerMetadata", []).append(deep_copy(meta))
    out["columnMetadata"] = [{"pixelSize": 100} for _ in range(rect.width)]
    return out


def cell_json(book: Spreadsheet, cell: Json | None) -> Json:
    """CellData with the calculated fields (effectiveValue, formattedValue)."""
    if not cell:
        return {}
    out: Json = {}
    entered = cell.get("userEnteredValue")
    if entered:
        effective = cellvalues.effective_value(cell) or {}
        out["userEnteredValue"] = deep_copy(entered)
        out["effectiveValue"] = effective
        fmt = cellvalues.number_format(cell)
        out["formattedValue"] = cellvalues.format_value(effective, fmt, book.locale)
    for key in ("userEnteredFormat", "note", "dataValidation"):
        if key in cell:
            out[key] = deep_copy(cell[key])
    if "userEnteredFormat" in cell:
        out["effectiveFormat"] = deep_copy(cell["userEnteredFormat"])
    return out
