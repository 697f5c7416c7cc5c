"""In-memory state of the fake: spreadsheets, sheets and their cell grids."""

from __future__ import annotations

import datetime as dt
import random
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fake_sheets import a1, dimensions
from tests.fake_sheets.common import Json, deep_copy
from tests.fake_sheets.errors import ApiError, invalid_argument, not_found

#: Identity used when a client does not say who it is.
DEFAULT_IDENTITY = "fake-robot@fake-project.iam.gserviceaccount.com"
DEFAULT_ROWS = 1000
DEFAULT_COLUMNS = 26
CELL_LIMIT = 10_000_000
_ID_CHARS = string.ascii_letters + string.digits + "-_"

Row = list[Json | None]
#: A change made "by a person in the browser": a callable run on the Store.
StaffEdit = Callable[["Store"], None]


def now_rfc3339() -> str:
    """``2023-08-17T10:52:37.010Z``, like Drive's timestamps."""
    moment = dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Sheet:
    """One tab: its properties (as Google's SheetProperties JSON) and cells.

    ``rows`` is a ragged grid of CellData dicts (``None`` = empty cell);
    it only extends as far as cells were ever written.
    """

    props: Json
    rows: list[Row] = field(default_factory=list)
    conditional_formats: list[Json] = field(default_factory=list)
    protected_ranges: list[Json] = field(default_factory=list)
    # Row/column developer metadata: moves with its row/column (see `dimensions`).
    dimension_metadata: list[Json] = field(default_factory=list)
    merges: list[Json] = field(default_factory=list)  # GridRanges of merged cells
    basic_filter: Json | None = None  # the sheet's BasicFilter, as set

    @property
    def sheet_id(self) -> int:
        return int(self.props["sheetId"])

    @property
    def title(self) -> str:
        return str(self.props["title"])

    @property
    def grid(self) -> Json:
        grid: Json = self.props.setdefault("gridProperties", {})
        return grid

    @property
    def row_count(self) -> int:
        return int(self.grid.get("rowCount", 0))

    @property
    def column_count(self) -> int:
        return int(self.grid.get("columnCount", 0))

    def cell(self, row: int, col: int) -> Json | None:
        """The CellData at (row, col), or ``None``."""
        if row >= len(self.rows):
            return None
        line = self.rows[row]
        return line[col] if col < len(line) else None

    def set_cell(self, row: int, col: int, cell: Json | None) -> None:
        """Store a CellData (``None``/``{}`` empties the cell)."""
        if not cell:
            if row < len(self.rows) and col < len(self.rows[row]):
                self.rows[row][col] = None
            return
        while len(self.rows) <= row:
            self.rows.append([])
        line = self.rows[row]
        if len(line) <= col:
            line.extend([None] * (col + 1 - len(line)))
        line[col] = cell

    def has_value(self, row: int, col: int) -> bool:
        """Whether the cell holds a value (formats and notes do not count)."""
        cell = self.cell(row, col)
        return bool(cell and cell.get("userEnteredValue"))

    def insert(self, dimension: str, at: int, count: int) -> None:
        """Insert empty rows/columns before ``at`` and grow the grid."""
        key = "rowCount" if dimension == "ROWS" else "columnCount"
        self.grid[key] = int(self.grid.get(key, 0)) + count
        if dimension == "ROWS":
            if at < len(self.rows):
                self.rows[at:at] = [[] for _ in range(count)]
        else:
            for line in self.rows:
                if at < len(line):
                    line[at:at] = [None] * count
        dimensions.shift_ranges(self.range_holders(), dimension, at, count)
        dimensions.inserted(self.dimension_metadata, dimension, at, count)

    def delete(self, dimension: str, start: int, end: int) -> None:
        """Delete rows/columns ``[start, end)`` and shrink the grid."""
        key = "rowCount" if dimension == "ROWS" else "columnCount"
        self.grid[key] = int(self.grid.get(key, 0)) - (end - start)
        if dimension == "ROWS":
            del self.rows[start:end]
        else:
            for line in self.rows:
                del line[start:end]
        dimensions.shift_ranges(self.range_holders(), dimension, start, start - end)
        self.dimension_metadata = dimensions.deleted(self.dimension_metadata, dimension, start, end)

    def sort_rows(self, start: int, end: int, key: Callable[[Row], Any]) -> None:
        """Sort rows [start, end) by `key`; row metadata moves with its row."""
        block = self.rows[start:end]
        was = {id(line): start + i for i, line in enumerate(block)}
        block.sort(key=key)
        self.rows[start:end] = block
        moved = {was[id(line)]: start + i for i, line in enumerate(block)}
        dimensions.permuted(self.dimension_metadata, moved)

    def truncate(self) -> None:
        """Drop cells outside rowCount x columnCount."""
        del self.rows[self.row_count :]
        for line in self.rows:
            del line[self.column_count :]

    def range_holders(self) -> list[Json]:
        """GridRange dicts that move when rows/columns move."""
        ranges = [p["range"] for p in self.protected_ranges if "range" in p] + self.merges
        if self.basic_filter is not None and "range" in self.basic_filter:
            ranges.append(self.basic_filter["range"])
        for rule in self.conditional_formats:
            ranges.extend(rule.get("ranges", []))
        return ranges

    def snapshot(self) -> Sheet:
        """A copy that survives later edits of this sheet."""
        return Sheet(
            deep_copy(self.props),
            [list(line) for line in self.rows],
            deep_copy(self.conditional_formats),
            deep_copy(self.protected_ranges),
            deep_copy(self.dimension_metadata),
            deep_copy(self.merges),
            deep_copy(self.basic_filter) if self.basic_filter is not None else None,
        )


@dataclass
class Spreadsheet:
    """One spreadsheet file."""

    id: str
    props: Json
    sheets: list[Sheet]
    developer_metadata: list[Json] = field(default_factory=list)
    readers: set[str] = field(default_factory=set)
    created_time: str = field(default_factory=now_rfc3339)
    modified_time: str = field(default_factory=now_rfc3339)

    @property
    def title(self) -> str:
        return str(self.props.get("title", ""))

    @property
    def locale(self) -> str:
        return str(self.props.get("locale", "en_US"))

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        """The sheet with ``sheet_id``; 400 like Google when there is none."""
        for sheet in self.sheets:
            if sheet.sheet_id == sheet_id:
                return sheet
        raise invalid_argument(f"No grid with id: {sheet_id}")

    def sheet_by_title(self, title: str) -> Sheet | None:
        """Exact title match (Google matches case-insensitively as a fallback)."""
        exact = [s for s in self.sheets if s.title == title]
        loose = [s for s in self.sheets if s.title.casefold() == title.casefold()]
        found = exact or loose
        return found[0] if found else None

    def first_visible(self) -> Sheet:
        """The sheet a range without a title refers to."""
        visible = [s for s in self.sheets if not s.props.get("hidden")]
        return (visible or self.sheets)[0]

    def reindex(self) -> None:
        """Renumber ``index`` after sheets moved."""
        for index, sheet in enumerate(self.sheets):
            sheet.props["index"] = index

    def resolve(self, text: str) -> tuple[Sheet, a1.A1]:
        """Find the sheet an A1 range names (bare titles win over bare ranges)."""
        parsed = a1.parse(text)
        if parsed.bare is not None:
            sheet = self.sheet_by_title(parsed.bare)
            if sheet is not None:
                return sheet, a1.A1(text, sheet.title, None, None)
            start, end = a1.parse_cells(text, parsed.bare)
            first = self.first_visible()
            return first, a1.A1(text, first.title, start, end)
        sheet = self.sheet_by_title(parsed.sheet or "")
        if sheet is None:
            raise a1.parse_error(text)
        return sheet, parsed

    def total_cells(self) -> int:
        """Cells in all grids (Google caps this at ten million)."""
        return sum(s.row_count * s.column_count for s in self.sheets)

    def snapshot(self) -> Spreadsheet:
        """A copy used to roll back a failed batch."""
        return Spreadsheet(
            self.id,
            deep_copy(self.props),
            [s.snapshot() for s in self.sheets],
            deep_copy(self.developer_metadata),
            set(self.readers),
            self.created_time,
            self.modified_time,
        )

    def restore(self, snapshot: Spreadsheet) -> None:
        """Go back to ``snapshot`` (all-or-nothing batches)."""
        self.props = snapshot.props
        self.sheets = snapshot.sheets
        self.developer_metadata = snapshot.developer_metadata

    def touch(self) -> None:
        """Record a modification (Drive's ``modifiedTime``)."""
        self.modified_time = now_rfc3339()


class Store:
    """All spreadsheets plus id generation; guarded by ``lock``."""

    def __init__(self, seed: int | None = None) -> None:
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.rng = random.Random(seed)

    def random_id(self) -> int:
        """A positive int32 like Google's sheetId / protectedRangeId."""
        return self.rng.randint(1, 2**31 - 1)

    def new_file_id(self) -> str:
        """A 44-character Drive-like file id."""
        while True:
            file_id = "1" + "".join(self.rng.choice(_ID_CHARS) for _ in range(43))
            if file_id not in self.spreadsheets:
                return file_id

    def new_sheet_id(self, book: Spreadsheet) -> int:
        """A sheetId unused in ``book``."""
        used = {s.sheet_id for s in book.sheets}
        while True:
            candidate = self.random_id()
            if candidate not in used:
                return candidate

    def create(self, props: Json, sheet_props: list[Json], owner: str) -> Spreadsheet:
        """Create a spreadsheet; sheets default to one ``Sheet1`` 1000 x 26."""
        full: Json = {"title": "Untitled spreadsheet", "locale": "en_US"}
        full.update({"autoRecalc": "ON_CHANGE", "timeZone": "Etc/GMT"})
        full.update(deep_copy(props))
        book = Spreadsheet(self.new_file_id(), full, [], readers={owner})
        for index, given in enumerate(sheet_props or [{}]):
            book.sheets.append(Sheet(self.sheet_props(book, given, index)))
        self.spreadsheets[book.id] = book
        return book

    def sheet_props(self, book: Spreadsheet, given: Json, index: int) -> Json:
        """Complete SheetProperties for a new sheet."""
        props: Json = deep_copy(given)
        if "sheetId" not in props:
            props["sheetId"] = 0 if not book.sheets else self.new_sheet_id(book)
        props.setdefault("title", _free_title(book))
        props.setdefault("index", index)
        props.setdefault("sheetType", "GRID")
        grid = props.setdefault("gridProperties", {})
        grid.setdefault("rowCount", DEFAULT_ROWS)
        grid.setdefault("columnCount", DEFAULT_COLUMNS)
        return props

    def require(self, spreadsheet_id: str) -> Spreadsheet:
        """The spreadsheet or Google's 404."""
        book = self.spreadsheets.get(spreadsheet_id)
        if book is None:
            raise not_found()
        return book


def _free_title(book: Spreadsheet) -> str:
    taken = {s.title.casefold() for s in book.sheets}
    number = len(book.sheets) + 1
    while f"sheet{number}" in taken:
        number += 1
    return f"Sheet{number}"


def check_cell_limit(book: Spreadsheet) -> None:
    """Google refuses to grow a workbook beyond ten million cells."""
    if book.total_cells() > CELL_LIMIT:
        raise invalid_argument(
            "This action would increase the number of cells in the workbook above the limit "
            f"of {CELL_LIMIT} cells."
        )


def grid_error(title: str, start: a1.Ref | None, end: a1.Ref | None, sheet: Sheet) -> ApiError:
    """``Range ('Sheet1'!A1001) exceeds grid limits. Max rows: 1000, max columns: 26``."""
    return invalid_argument(
        f"Range ({a1.format_refs(title, start, end)}) exceeds grid limits. "
        f"Max rows: {sheet.row_count}, max columns: {sheet.column_count}"
    )


def rect_error(title: str, rect: a1.Rect, sheet: Sheet) -> ApiError:
    """The grid-limit error for a concrete rectangle."""
    start = a1.Ref(rect.col0, rect.row0)
    end = a1.Ref(rect.col1 - 1, rect.row1 - 1) if rect.height * rect.width > 1 else None
    return grid_error(title, start, end, sheet)


def read_rect(sheet: Sheet, parsed: a1.A1) -> a1.Rect:
    """Resolve a range for reading/clearing: clamp to the grid, 400 when outside."""
    rect = a1.to_rect(parsed.start, parsed.end, sheet.row_count, sheet.column_count)
    if rect.row0 >= sheet.row_count or rect.col0 >= sheet.column_count:
        raise grid_error(sheet.title, parsed.start, parsed.end, sheet)
    return a1.Rect(
        rect.row0,
        min(rect.row1, sheet.row_count),
        rect.col0,
        min(rect.col1, sheet.column_count),
        rect.rows_bounded,
        rect.cols_bounded,
    )


def grid_rect(sheet: Sheet, grid_range: Json) -> a1.Rect:
    """A GridRange (missing bounds = unbounded) clamped to the sheet's grid."""
    row0 = int(grid_range.get("startRowIndex", 0))
    col0 = int(grid_range.get("startColumnIndex", 0))
    row1 = int(grid_range.get("endRowIndex", sheet.row_count))
    col1 = int(grid_range.get("endColumnIndex", sheet.column_count))
    if row0 < 0 or col0 < 0 or row1 < row0 or col1 < col0:
        raise invalid_argument("Invalid range: start index must be <= end index")
    if row1 > sheet.row_count or col1 > sheet.column_count:
        rect = a1.Rect(row0, max(row1, row0 + 1), col0, max(col1, col0 + 1))
        raise rect_error(sheet.title, rect, sheet)
    return a1.Rect(row0, row1, col0, col1)


def grid_range_json(sheet_id: int, grid_range: Json) -> Json:
    """A GridRange as Google prints it: ``sheetId`` 0 omitted, indices kept."""
    out: Json = {}
    if sheet_id:
        out["sheetId"] = sheet_id
    for key in ("startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"):
        if key in grid_range:
            out[key] = int(grid_range[key])
    return out


def title_conflict(book: Spreadsheet, title: str, sheet_id: int | None) -> None:
    """400 when another sheet already uses ``title`` (case-insensitive)."""
    if not title.strip():
        raise invalid_argument("Sheet titles cannot be empty.")
    for sheet in book.sheets:
        if sheet.sheet_id != sheet_id and sheet.title.casefold() == title.casefold():
            raise invalid_argument(
                f'A sheet with the name "{title}" already exists. Please enter another name.'
            )
