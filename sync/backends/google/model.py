"""What nastavnik knows about a Google spreadsheet between its read and its write.

`BookInfo` comes from the one metadata call: sheet ids, titles, grid sizes, the layout
stamp, which columns hold dates, and which rules and protections are ours. Also here:
cell values between the Sheets API and `Cell` (serial numbers ↔ dates).

Why dates need a note: values are read with ``UNFORMATTED_VALUE`` / ``SERIAL_NUMBER``,
so a date comes back as its serial number and only the cell's format says it is a date.
nastavnik therefore records, per sheet, the headers of the columns it formats as dates
or writes dates into (developer metadata ``nastavnik_dates``), and converts numbers in
exactly those columns back to dates on reading. Columns are named by header text, so
the note survives staff moving columns. The date columns declared in `sheets_schema`
count too, so even a spreadsheet nastavnik has never formatted reads its declared dates
as dates. Other columns keep their numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from nastavnik.sheets_schema.choices import STATE_DONE, STATE_DUE_SOON, STATE_OVERDUE
from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.palette import VOCABULARIES
from nastavnik.sheets_schema.readers import moment_from_serial
from nastavnik.sheets_schema.text import fold, header_key
from nastavnik.sync.a1 import quote_title
from nastavnik.sync.snapshot import Cell, SheetLayout

Json = dict[str, Any]
MARK = "nastavnik"  # our protected ranges' description starts with it
STAMP_KEY = "nastavnik_layout"
ANCHORED_KEY = "nastavnik_anchored"  # row anchors are left on some rows (see `anchors`)
DATES_KEY = "nastavnik_dates"
# Our colour rules: a vocabulary word as TEXT_EQ / TEXT_STARTS_WITH (and, before layout 2,
# three TEXT_CONTAINS rules with the deadline words).
OUR_RULE_WORDS = {
    "TEXT_CONTAINS": frozenset((STATE_OVERDUE, STATE_DUE_SOON, STATE_DONE)),
    "TEXT_EQ": frozenset(w.text for v in VOCABULARIES for w in v.words if not w.prefix),
    "TEXT_STARTS_WITH": frozenset(w.text for v in VOCABULARIES for w in v.words if w.prefix),
}
SERIAL_EPOCH = datetime(1899, 12, 30)
_MIDNIGHT = time()
_META = "developerMetadata(metadataId,metadataKey,metadataValue)"
METADATA_FIELDS = (
    "properties.title,"
    "sheets(properties(sheetId,title,index,hidden,"
    "gridProperties(rowCount,columnCount,frozenRowCount)),merges,"
    "conditionalFormats(ranges,booleanRule(condition(type,values))),basicFilter(range),"
    f"protectedRanges(protectedRangeId,description,range),{_META}),"
    f"{_META}"
)


@dataclass(frozen=True)
class SheetInfo:
    """One sheet as the metadata call describes it."""

    sheet_id: int
    title: str
    rows: int
    columns: int
    date_keys: frozenset[str] = frozenset()  # header keys of date columns
    dates_meta: int | None = None  # id of the `nastavnik_dates` metadata, if any
    our_rules: tuple[int, ...] = ()  # indices of our state-colour rules
    our_protections: tuple[int, ...] = ()  # ids of our warning-only protections
    frozen: bool = False  # the header row is frozen
    filtered: bool = False  # the sheet has a basic filter
    ruled: frozenset[int] = frozenset()  # columns our colour rules start in
    protected: frozenset[int] = frozenset()  # columns our protections start in
    merges: tuple[tuple[int, int, int, int], ...] = ()  # staff's merged ranges, 0-based [)


@dataclass(frozen=True)
class BookInfo:
    """The spreadsheet as the metadata call describes it (sheets in workbook order)."""

    title: str
    sheets: tuple[SheetInfo, ...]
    stamp: str = ""
    stamp_meta: int | None = None
    anchored_meta: int | None = None  # id of the ANCHORED_KEY note, when anchors are left
    _by_key: dict[str, SheetInfo] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for sheet in self.sheets:
            self._by_key.setdefault(sheet.title, sheet)
            self._by_key.setdefault(fold(sheet.title), sheet)

    def sheet(self, title: str) -> SheetInfo | None:
        """The sheet with this title (exact, else case/space/ё-insensitive)."""
        return self._by_key.get(title) or self._by_key.get(fold(title))

    @property
    def order(self) -> tuple[str, ...]:
        """Sheet titles in workbook order."""
        return tuple(s.title for s in self.sheets)


def parse_metadata(answer: Json) -> BookInfo:
    """BookInfo from a spreadsheets.get answer requested with METADATA_FIELDS."""
    stamp, stamp_meta = _metadata_value(answer.get("developerMetadata", []), STAMP_KEY)
    sheets = tuple(_sheet_info(sheet) for sheet in answer.get("sheets", []))
    title = str(answer.get("properties", {}).get("title", ""))
    _, anchored = _metadata_value(answer.get("developerMetadata", []), ANCHORED_KEY)
    return BookInfo(title, sheets, stamp, stamp_meta, anchored)


def _sheet_info(sheet: Json) -> SheetInfo:
    props = sheet.get("properties", {})
    grid = props.get("gridProperties", {})
    dates, dates_meta = _metadata_value(sheet.get("developerMetadata", []), DATES_KEY)
    rules = [
        (i, rule) for i, rule in enumerate(sheet.get("conditionalFormats", [])) if _is_ours(rule)
    ]
    protections = [
        p
        for p in sheet.get("protectedRanges", [])
        if str(p.get("description", "")).startswith(MARK) and "protectedRangeId" in p
    ]
    return SheetInfo(
        int(props.get("sheetId", 0)),
        str(props.get("title", "")),
        int(grid.get("rowCount", 0)),
        int(grid.get("columnCount", 0)),
        _date_keys(dates),
        dates_meta,
        tuple(i for i, _ in rules),
        tuple(int(p["protectedRangeId"]) for p in protections),
        frozen=int(grid.get("frozenRowCount", 0)) >= 1,
        filtered="basicFilter" in sheet,
        ruled=frozenset(
            int(r.get("startColumnIndex", 0)) for _, rule in rules for r in rule.get("ranges", [])
        ),
        protected=frozenset(
            int(p.get("range", {}).get("startColumnIndex", 0)) for p in protections
        ),
        merges=tuple(
            (
                int(m.get("startRowIndex", 0)),
                int(m.get("endRowIndex", 0)),
                int(m.get("startColumnIndex", 0)),
                int(m.get("endColumnIndex", 0)),
            )
            for m in sheet.get("merges", [])
        ),
    )


LAYOUT_FIELDS = (
    "sheets(properties(title),"
    "data(startRow,startColumn,"
    "rowData(values(note,dataValidation(condition(type)),userEnteredFormat(backgroundColor)))))"
)


def layout_ranges(titles: Iterable[str]) -> list[str]:
    """The header row and the first data row of each sheet: notes and validations live there."""
    return [f"{quote_title(title)}!1:2" for title in titles]


def parse_layouts(answer: Json, book: BookInfo) -> dict[str, SheetLayout]:
    """Title → the layout pieces a sheet has: metadata facts plus notes and validations."""
    out: dict[str, SheetLayout] = {}
    for sheet in answer.get("sheets", []):
        info = book.sheet(str(sheet.get("properties", {}).get("title", "")))
        if info is None:
            continue
        noted: set[int] = set()
        shaded: set[int] = set()
        validated: set[int] = set()
        for data in sheet.get("data", []):
            top, left = int(data.get("startRow", 0)), int(data.get("startColumn", 0))
            for number, row in enumerate(data.get("rowData", []), start=top):
                for column, cell in enumerate(row.get("values", []), start=left):
                    if number == 0 and cell.get("note"):
                        noted.add(column)
                    if number == 0 and _filled(cell):
                        shaded.add(column)
                    if number == 1 and cell.get("dataValidation"):
                        validated.add(column)
        out[info.title] = SheetLayout(
            frozen=info.frozen,
            filtered=info.filtered,
            printed=True,  # the Sheets API has no print settings to lose
            validated=frozenset(validated),
            noted=frozenset(noted),
            shaded=frozenset(shaded),
            ruled=info.ruled,
            protected=info.protected,
        )
    return out


def _filled(cell: Json) -> bool:
    """True when a cell has a background other than white."""
    colour = cell.get("userEnteredFormat", {}).get("backgroundColor")
    if not colour:
        return False
    return any(colour.get(k, 0) < 1 for k in ("red", "green", "blue"))


def _metadata_value(entries: Iterable[Json], key: str) -> tuple[str, int | None]:
    for entry in entries:
        if entry.get("metadataKey") == key:
            return str(entry.get("metadataValue", "")), int(entry.get("metadataId", 0))
    return "", None


def _date_keys(text: str) -> frozenset[str]:
    try:
        keys = json.loads(text) if text else []
    except json.JSONDecodeError:
        return frozenset()
    return frozenset(str(k) for k in keys) if isinstance(keys, list) else frozenset()


def dates_value(keys: Iterable[str]) -> str:
    """The `nastavnik_dates` metadata value: a JSON list of header keys."""
    return json.dumps(sorted(set(keys)), ensure_ascii=False)


def _is_ours(rule: Json) -> bool:
    condition = rule.get("booleanRule", {}).get("condition", {})
    values = condition.get("values", [])
    word = values[0].get("userEnteredValue", "") if values else ""
    return word in OUR_RULE_WORDS.get(str(condition.get("type")), frozenset())


@cache
def declared_dates() -> dict[str, frozenset[str]]:
    """Folded sheet title → header keys of its declared date columns."""
    from nastavnik import sheets_schema

    return {
        fold(spec.title): frozenset(
            header_key(c.header) for c in spec.columns if c.type is ValueType.DATE
        )
        for spec in sheets_schema.ALL_SHEETS
    }


def date_keys_of(sheet: SheetInfo) -> frozenset[str]:
    """The header keys of a sheet's date columns: recorded by us, or declared."""
    return sheet.date_keys | declared_dates().get(fold(sheet.title), frozenset())


def date_columns(header: Iterable[Cell], keys: frozenset[str]) -> list[int]:
    """Indices of the columns whose header is one of `keys`."""
    if not keys:
        return []
    return [
        i for i, text in enumerate(header) if isinstance(text, str) and header_key(text) in keys
    ]


def cell_of(value: Any) -> Cell:
    """A value as the values API returns it, as a Cell ("" is blank)."""
    if value == "" or value is None:
        return None
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def from_serial(value: Cell) -> Cell:
    """A serial number as a date (a datetime when it has a time of day); others unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    moment = moment_from_serial(value)
    if moment is None:
        return value
    return moment.date() if moment.time() == _MIDNIGHT else moment


def to_serial(value: date) -> int | float:
    """A date (or datetime, wall-clock time) as a spreadsheet serial number."""
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None)
        if moment.time() == _MIDNIGHT:
            return (moment - SERIAL_EPOCH).days
        return (moment - SERIAL_EPOCH) / timedelta(days=1)
    return (value - SERIAL_EPOCH.date()).days


def typed_rows(
    rows: Iterable[Iterable[Any]], dates: Iterable[int], first_row: int = 1
) -> list[list[Cell]]:
    """Rows from the API as Cells; numbers in `dates` columns of data rows become dates."""
    wanted = set(dates)
    out: list[list[Cell]] = []
    for number, raw in enumerate(rows, start=first_row):
        row = [cell_of(v) for v in raw]
        if wanted and number > 1:
            for index in wanted:
                if index < len(row):
                    row[index] = from_serial(row[index])
        out.append(row)
    return out


def grid_range(
    sheet_id: int, rows: tuple[int, int | None], columns: tuple[int, int | None]
) -> Json:
    """A GridRange from 0-based [start, end) bounds (None: to the end of the grid)."""
    out: Json = {"sheetId": sheet_id, "startRowIndex": rows[0], "startColumnIndex": columns[0]}
    if rows[1] is not None:
        out["endRowIndex"] = rows[1]
    if columns[1] is not None:
        out["endColumnIndex"] = columns[1]
    return out
