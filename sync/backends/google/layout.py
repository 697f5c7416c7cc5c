"""Layout as spreadsheets.batchUpdate requests: what `init` (and a changed layout) applies.

Per declared column: width; a header note; for key and calc columns a grey header and
light data cells plus a warning-only protected range (staff may still type there after
a warning); a dd.mm.yyyy format for dates; a dropdown — a list (ONE_OF_LIST), a column
of another sheet (ONE_OF_RANGE) or "a valid date" — never strict, so an unusual value
is a warning to staff, not a block. Per sheet: a frozen bold header, a grey tab and a
note for service sheets, and state colours (red / yellow / green) on state columns.

Replacing our own layout is idempotent: our protections (description starting with
«nastavnik») and our state-colour rules are deleted before new ones are added, in the
same atomic batch. The layout stamp and the date-column note are developer metadata.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.palette import TONE_FILLS, StateWord
from nastavnik.sync.backends.google.model import MARK, BookInfo, Json, grid_range
from nastavnik.sync.changeset import ColumnFormat, SheetFormat

DATE_FORMAT = {"type": "DATE", "pattern": "dd.mm.yyyy"}
HEADER_GREY = {"red": 0.851, "green": 0.851, "blue": 0.851}
DATA_GREY = {"red": 0.949, "green": 0.949, "blue": 0.949}
SERVICE_TAB = {"red": 0.498, "green": 0.498, "blue": 0.498}
PIXELS_PER_CHARACTER = 7
PIXELS_PER_LINE, ROW_PADDING = 17, 4  # a 10 pt line, as Google sizes rows


def layout_requests(
    columns: Sequence[ColumnFormat],
    sheets: Sequence[SheetFormat],
    sheet_ids: Mapping[str, int],
    book: BookInfo,
) -> list[Json]:
    """Every request of a layout (re)application, ours removed first."""
    touched = {f.sheet for f in columns} | {f.sheet for f in sheets}
    requests = _removals(touched, book)
    notes: dict[tuple[str, int], list[str]] = defaultdict(list)
    for fmt in columns:
        requests.extend(column_requests(fmt, sheet_ids[fmt.sheet]))
        notes[(fmt.sheet, fmt.column)].append(fmt.note)
    rule_index: dict[str, int] = defaultdict(int)
    for fmt in columns:
        rules = colour_rules(fmt, sheet_ids[fmt.sheet], rule_index[fmt.sheet])
        rule_index[fmt.sheet] += len(rules)
        requests.extend(rules)
    for sheet_fmt in sheets:
        sheet = book.sheet(sheet_fmt.sheet)
        filtered = sheet is not None and sheet.filtered
        requests.extend(sheet_requests(sheet_fmt, sheet_ids[sheet_fmt.sheet], filtered))
        if sheet_fmt.note:
            notes[(sheet_fmt.sheet, 0)].insert(0, sheet_fmt.note)
    for (title, column), texts in notes.items():
        text = "\n\n".join(t for t in texts if t)
        if text:
            requests.append(_note(sheet_ids[title], column, text))
    return requests


def _removals(touched: set[str], book: BookInfo) -> list[Json]:
    out: list[Json] = []
    for title in sorted(touched):
        sheet = book.sheet(title)
        if sheet is None:
            continue
        out.extend(
            {"deleteProtectedRange": {"protectedRangeId": pid}} for pid in sheet.our_protections
        )
        out.extend(
            {"deleteConditionalFormatRule": {"sheetId": sheet.sheet_id, "index": index}}
            for index in sorted(sheet.our_rules, reverse=True)
        )
    return out


def column_requests(fmt: ColumnFormat, sheet_id: int) -> list[Json]:
    """Width, shading and protection, date format, dropdown of one column."""
    span = (fmt.column, fmt.column + 1)
    width = {
        "updateDimensionProperties": {
            "range": {
                "sheetId": sheet_id,
                "dimension": "COLUMNS",
                "startIndex": fmt.column,
                "endIndex": fmt.column + 1,
            },
            "properties": {"pixelSize": fmt.col.width * PIXELS_PER_CHARACTER + 12},
            "fields": "pixelSize",
        }
    }
    out = [width]
    data_format: Json = {}
    if fmt.col.is_auto:
        out.append(_repeat(grid_range(sheet_id, (0, 1), span), {"backgroundColor": HEADER_GREY}))
        data_format["backgroundColor"] = DATA_GREY
        out.append(_protection(sheet_id, fmt))
    if fmt.col.type is ValueType.DATE:
        data_format["numberFormat"] = DATE_FORMAT
    if fmt.col.wraps:
        data_format["wrapStrategy"] = "WRAP"
    if data_format:
        out.append(_repeat(grid_range(sheet_id, (1, None), span), data_format))
    rule = validation_rule(fmt)
    if rule is not None:
        target = grid_range(sheet_id, (1, None), span)
        out.append({"setDataValidation": {"range": target, "rule": rule}})
    return out


def _repeat(target: Json, user_format: Json) -> Json:
    fields = ",".join(f"userEnteredFormat.{name}" for name in user_format)
    return {
        "repeatCell": {
            "range": target,
            "cell": {"userEnteredFormat": user_format},
            "fields": fields,
        }
    }


def _protection(sheet_id: int, fmt: ColumnFormat) -> Json:
    return {
        "addProtectedRange": {
            "protectedRange": {
                "range": grid_range(sheet_id, (0, None), (fmt.column, fmt.column + 1)),
                "description": f"{MARK}: «{fmt.col.header}» заполняется автоматически",
                "warningOnly": True,
            }
        }
    }


def validation_rule(fmt: ColumnFormat) -> Json | None:
    """The non-strict dropdown / date check of a column, or None."""
    if fmt.ref_range:
        condition: Json = {
            "type": "ONE_OF_RANGE",
            "values": [{"userEnteredValue": "=" + fmt.ref_range}],
        }
    elif fmt.choices or fmt.col.choices:
        choices = fmt.choices or fmt.col.choices
        condition = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in choices]}
    elif fmt.col.type is ValueType.DATE:
        return {"condition": {"type": "DATE_IS_VALID"}, "strict": False}
    else:
        return None
    return {"condition": condition, "strict": False, "showCustomUi": True}


def sheet_requests(fmt: SheetFormat, sheet_id: int, filtered: bool = False) -> list[Json]:
    """Frozen, bold, wrapped header tall enough to show it; service tab colour; autofilter.

    A sheet that already has a filter keeps it (staff's criteria stay). Google's API has
    no print settings: printing repeats the frozen header row, chosen in the print dialog.
    """
    props: Json = {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}}
    fields = "gridProperties.frozenRowCount"
    if fmt.service:
        props["tabColorStyle"] = {"rgbColor": SERVICE_TAB}
        fields += ",tabColorStyle"
    header = {"textFormat": {"bold": True}, "wrapStrategy": "WRAP", "verticalAlignment": "TOP"}
    out: list[Json] = [
        {"updateSheetProperties": {"properties": props, "fields": fields}},
        _repeat(grid_range(sheet_id, (0, 1), (0, None)), header),
        {
            "updateDimensionProperties": {
                "range": {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": 0, "endIndex": 1},
                "properties": {"pixelSize": PIXELS_PER_LINE * fmt.header_lines + ROW_PADDING},
                "fields": "pixelSize",
            }
        },
    ]
    if not filtered:
        span = grid_range(sheet_id, (0, None), (0, fmt.width))
        out.append({"setBasicFilter": {"filter": {"range": span}}})
    return out


def colour_rules(fmt: ColumnFormat, sheet_id: int, first_index: int) -> list[Json]:
    """One conditional format per word of the column's vocabulary (none without one)."""
    if fmt.col.states is None:
        return []
    target = grid_range(sheet_id, (1, None), (fmt.column, fmt.column + 1))
    return [
        {"addConditionalFormatRule": {"rule": colour_rule(word, target), "index": index}}
        for index, word in enumerate(fmt.col.states.words, start=first_index)
    ]


def colour_rule(word: StateWord, target: Json) -> Json:
    """A word's rule: the exact text (or its start), filled with the word's tone."""
    colour = TONE_FILLS[word.tone]
    rgb = {
        name: round(int(colour[at : at + 2], 16) / 255, 3)
        for name, at in (("red", 0), ("green", 2), ("blue", 4))
    }
    kind = "TEXT_STARTS_WITH" if word.prefix else "TEXT_EQ"
    return {
        "ranges": [target],
        "booleanRule": {
            "condition": {"type": kind, "values": [{"userEnteredValue": word.text}]},
            "format": {"backgroundColor": rgb},
        },
    }


def _note(sheet_id: int, column: int, text: str) -> Json:
    return {
        "updateCells": {
            "range": grid_range(sheet_id, (0, 1), (column, column + 1)),
            "rows": [{"values": [{"note": text}]}],
            "fields": "note",
        }
    }


def metadata_request(key: str, value: str, location: Json, existing: int | None) -> Json:
    """Create our developer metadata, or update its value when it exists."""
    if existing is not None:
        return {
            "updateDeveloperMetadata": {
                "dataFilters": [{"developerMetadataLookup": {"metadataId": existing}}],
                "developerMetadata": {"metadataValue": value},
                "fields": "metadataValue",
            }
        }
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": key,
                "metadataValue": value,
                "location": location,
                "visibility": "DOCUMENT",
            }
        }
    }
