"""The Google Sheets backend: a shared spreadsheet as a `Workbook`, in at most four requests.

A sync costs, whatever the number of rows and sheets:

1. ``spreadsheets.get`` — titles, ids, grid sizes, the layout stamp (only those fields);
2. ``values.batchGet`` — every requested sheet, ``UNFORMATTED_VALUE`` / ``SERIAL_NUMBER``;
3. only when the ChangeSet touches staff rows: a guard ``values.batchGet`` of those rows,
   compared with the snapshot (see `google_read`), so nothing lands in a shifted row;
4. only when there is something to write: one ``spreadsheets.batchUpdate`` holding it all —
   new sheets, grid growth, layout, every changed cell (typed values, never formulas),
   the layout stamp. Google applies a batch atomically: all of it, or nothing.

Why one batchUpdate and not ``values.batchUpdate`` + ``batchUpdate``: with the guard read,
two writes would make five requests; one atomic write also means a failure never leaves
values without their formats, and a lost answer is handled in one place. A rerun with
nothing new costs requests 1 and 2 only.
"""

from __future__ import annotations

import os
import random
import weakref
from collections.abc import Mapping, Sequence
from datetime import date

import requests

from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sheets_schema.text import header_key
from nastavnik.sync.backends.base import ApplyResult
from nastavnik.sync.backends.google.auth import load_credentials, spreadsheet_id
from nastavnik.sync.backends.google.cells import grid_needs, header_texts, value_requests
from nastavnik.sync.backends.google.http import RateLimiter, RequestRejected, RetryPolicy, SheetsApi
from nastavnik.sync.backends.google.layout import layout_requests, metadata_request
from nastavnik.sync.backends.google.model import (
    DATES_KEY,
    LAYOUT_FIELDS,
    STAMP_KEY,
    BookInfo,
    Json,
    date_columns,
    date_keys_of,
    dates_value,
    layout_ranges,
    parse_layouts,
)
from nastavnik.sync.backends.google.read import (
    RETRY_HINT,
    ReadState,
    check_rows,
    fetch_book,
    guard_rows,
    read_tables,
    snapshot_of,
)
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import Link, SheetLayout, Snapshot

READ_ATTEMPTS = 3
NEW_SHEET_ROWS, NEW_SHEET_COLUMNS = 1000, 26
GROWTH_ROWS = 100  # headroom added when the grid grows, so appends rarely need it
# Requests whose repetition changes nothing: a batch of only these may be re-sent blindly.
REPEAT_SAFE = frozenset(
    {
        "updateCells",
        "repeatCell",
        "setDataValidation",
        "updateSheetProperties",
        "updateDimensionProperties",
        "updateDeveloperMetadata",
    }
)
# Google's answers that mean the spreadsheet changed under us (staff deleted rows, a sheet).
_MOVED = (
    "exceeds grid limits",
    "No grid with id",
    "already exists",
    "No conditional format",
    "No protected range",
    "Unable to parse range",
)


class GoogleWorkbook:
    """A Google spreadsheet reached through `SheetsApi`."""

    def __init__(
        self,
        api: SheetsApi,
        *,
        rng: random.Random | None = None,
        new_sheet_rows: int = NEW_SHEET_ROWS,
        growth_rows: int = GROWTH_ROWS,
    ) -> None:
        self._api = api
        # Google's own default size and some headroom; tests use less (the fake is slow).
        self._new_rows, self._growth = new_sheet_rows, growth_rows
        self._rng = rng or random.SystemRandom()
        self._title = ""
        self._primed: tuple[BookInfo, int] | None = None  # metadata fetched by exists()
        self._states: dict[int, ReadState] = {}

    @property
    def name(self) -> str:
        """The spreadsheet's title once known, else its id."""
        return self._title or self._api.spreadsheet_id

    @property
    def api(self) -> SheetsApi:
        """The API client (request counters for reports and tests)."""
        return self._api

    @property
    def write_requests(self) -> int:
        """The row-safety re-read plus the one spreadsheets.batchUpdate."""
        return 2

    def exists(self) -> bool:
        """True when the spreadsheet opens; a clear error when it does not (missing, not shared).

        The metadata fetched here is reused by the next `read`, so this costs no extra request.
        """
        before = self._api.requests_sent
        book = fetch_book(self._api)
        self._title = book.title
        self._primed = (book, self._api.requests_sent - before)
        return True

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Metadata and one batchGet of the requested sheets that exist."""
        for attempt in range(1, READ_ATTEMPTS + 1):
            before = self._api.requests_sent
            book, earlier = self._primed or (fetch_book(self._api), 0)
            self._primed = None
            self._title = book.title
            try:
                tables, state = read_tables(self._api, book, titles)
            except RequestRejected as error:
                if attempt < READ_ATTEMPTS and _moved(error):
                    continue  # a sheet was renamed between the two calls: read again
                raise
            spent = self._api.requests_sent - before + earlier
            return self._remember(snapshot_of(book, tables, spent), state)
        raise AssertionError("unreachable")  # pragma: no cover

    def read_layouts(self, snapshot: Snapshot) -> dict[str, SheetLayout]:
        """Which layout pieces each sheet of `snapshot` has: one more spreadsheets.get of
        the header and first data row of those sheets (notes, validations); the rest comes
        from the read's metadata."""
        state = self._state(snapshot)
        titles = [t for t in snapshot.tables if state.book.sheet(t) is not None]
        if not titles:
            return {}
        return parse_layouts(self._api.grid(layout_ranges(titles), LAYOUT_FIELDS), state.book)

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Guard the rows in play, then write everything in one atomic batchUpdate."""
        if changes.is_empty:
            return ApplyResult(0, 0)
        before = self._api.requests_sent
        state = self._state(snapshot)
        rows = guard_rows(changes, snapshot)
        try:
            if rows:
                check_rows(self._api, snapshot, state, rows)
            batch = self._batch(changes, snapshot, state)
            if batch:
                safe = all(next(iter(r)) in REPEAT_SAFE for r in batch)
                self._api.batch_update(batch, repeat_safe=safe)
        except RequestRejected as error:
            if _moved(error):
                raise ConcurrentEdit(
                    "Таблица изменилась во время синхронизации (строки или листы).",
                    hint=RETRY_HINT,
                ) from error
            raise
        self._forget(snapshot)
        return ApplyResult(changes.cells_changed, self._api.requests_sent - before)

    # ------------------------------------------------------------------ the batch
    def _batch(self, changes: ChangeSet, snapshot: Snapshot, state: ReadState) -> list[Json]:
        book = state.book
        ids = {s.title: s.sheet_id for s in book.sheets}
        needs = _needs(changes)
        requests_ = self._new_sheets(changes, book, ids, needs)
        if requests_ and state.disposable is not None:
            gone = book.sheet(state.disposable)
            if gone is not None and gone.title not in changes.new_sheets:
                requests_.append({"deleteSheet": {"sheetId": gone.sheet_id}})
        requests_.extend(_growth(book, needs, self._growth))
        resolved = _ids_for(changes, book, ids)
        if changes.column_formats or changes.sheet_formats:
            requests_.extend(
                layout_requests(changes.column_formats, changes.sheet_formats, resolved, book)
            )
        requests_.extend(value_requests(changes.writes, resolved, resolved))
        requests_.extend(_date_marks(changes, snapshot, book, resolved))
        if changes.layout_stamp and changes.layout_stamp != book.stamp:
            location = {"spreadsheet": True}
            requests_.append(
                metadata_request(STAMP_KEY, changes.layout_stamp, location, book.stamp_meta)
            )
        return requests_

    def _new_sheets(
        self,
        changes: ChangeSet,
        book: BookInfo,
        ids: dict[str, int],
        needs: Mapping[str, tuple[int, int]],
    ) -> list[Json]:
        out: list[Json] = []
        order = list(book.order)
        for title in changes.new_sheets:
            if title in ids or book.sheet(title) is not None:
                continue
            index = changes.position_of(title, order)
            order.insert(index, title)
            sheet_id = self._new_id(set(ids.values()))
            rows, cols = needs.get(title, (0, 0))
            grid = {
                "rowCount": max(self._new_rows, rows + self._growth),
                "columnCount": max(NEW_SHEET_COLUMNS, cols),
            }
            props = {"sheetId": sheet_id, "title": title, "index": index, "gridProperties": grid}
            out.append({"addSheet": {"properties": props}})
            ids[title] = sheet_id
        return out

    def _new_id(self, used: set[int]) -> int:
        while True:
            candidate = self._rng.randint(1, 2**31 - 1)
            if candidate not in used:
                return candidate

    # ------------------------------------------------------------ snapshot state
    def _remember(self, snapshot: Snapshot, state: ReadState) -> Snapshot:
        key = id(snapshot)
        if key not in self._states:
            weakref.finalize(snapshot, self._states.pop, key, None)
        self._states[key] = state
        return snapshot

    def _state(self, snapshot: Snapshot) -> ReadState:
        """What the read of `snapshot` learned; fresh metadata when that is spent or unknown."""
        state = self._states.get(id(snapshot))
        if state is not None:
            return state
        book = fetch_book(self._api)
        cols = {
            title: date_columns(table.header, date_keys_of(sheet))
            for title, table in snapshot.tables.items()
            if (sheet := book.sheet(title)) is not None
        }
        return ReadState(book, date_cols=cols)

    def _forget(self, snapshot: Snapshot) -> None:
        """After a write the sheet ids, sizes and rules of the read are out of date."""
        self._states.pop(id(snapshot), None)


def _moved(error: RequestRejected) -> bool:
    return any(mark in error.reason for mark in _MOVED)


def _needs(changes: ChangeSet) -> dict[str, tuple[int, int]]:
    """Sheet → grid size the writes and formats need."""
    needs = grid_needs(changes.writes)
    for fmt in changes.column_formats:
        rows, cols = needs.get(fmt.sheet, (2, 0))
        needs[fmt.sheet] = (max(rows, 2), max(cols, fmt.column + 1))
    for sheet_fmt in changes.sheet_formats:
        rows, cols = needs.get(sheet_fmt.sheet, (2, 1))
        needs[sheet_fmt.sheet] = (
            max(rows, 2),
            max(cols, sheet_fmt.width),
        )
    return needs


def _growth(book: BookInfo, needs: Mapping[str, tuple[int, int]], spare: int) -> list[Json]:
    out: list[Json] = []
    for title, (rows, cols) in needs.items():
        sheet = book.sheet(title)
        if sheet is None or (rows <= sheet.rows and cols <= sheet.columns):
            continue
        grid = {
            "rowCount": sheet.rows if rows <= sheet.rows else rows + spare,
            "columnCount": max(sheet.columns, cols),
        }
        out.append(
            {
                "updateSheetProperties": {
                    "properties": {"sheetId": sheet.sheet_id, "gridProperties": grid},
                    "fields": "gridProperties.rowCount,gridProperties.columnCount",
                }
            }
        )
    return out


def _ids_for(changes: ChangeSet, book: BookInfo, ids: Mapping[str, int]) -> dict[str, int]:
    """Sheet id of every title the ChangeSet names (also as written in another case or ё)."""
    out = dict(ids)
    titles = {w.sheet for w in changes.writes}
    titles |= {w.value.sheet for w in changes.writes if isinstance(w.value, Link)}
    titles |= {f.sheet for f in changes.column_formats} | {f.sheet for f in changes.sheet_formats}
    for title in titles - set(out):
        sheet = book.sheet(title)
        if sheet is not None:
            out[title] = sheet.sheet_id
    return out


def _date_marks(
    changes: ChangeSet, snapshot: Snapshot, book: BookInfo, ids: Mapping[str, int]
) -> list[Json]:
    """Record new date columns (by header) so later reads return their dates as dates."""
    marks: dict[str, set[str]] = {}
    for fmt in changes.column_formats:
        if fmt.col.type is ValueType.DATE:
            marks.setdefault(fmt.sheet, set()).add(header_key(fmt.col.header))
    headers = header_texts(changes.writes)
    for write in changes.writes:
        if write.row < 2 or write.value is None:
            continue
        if not (write.is_date or isinstance(write.value, date)):
            continue
        text = headers.get((write.sheet, write.column))
        table = snapshot.tables.get(write.sheet)
        if text is None and table is not None:
            text = table.value(1, write.column)
        if isinstance(text, str) and text.strip():
            marks.setdefault(write.sheet, set()).add(header_key(text))
    out: list[Json] = []
    for title, keys in marks.items():
        sheet = book.sheet(title)
        old = sheet.date_keys if sheet is not None else frozenset()
        if keys <= old:
            continue
        existing = sheet.dates_meta if sheet is not None else None
        location = {"sheetId": ids[title]}
        out.append(metadata_request(DATES_KEY, dates_value(old | keys), location, existing))
    return out


def open_google(
    target: str,
    credentials: str | os.PathLike[str] | None = None,
    *,
    session: requests.Session | None = None,
    policy: RetryPolicy | None = None,
    limiter: RateLimiter | None = None,
) -> GoogleWorkbook:
    """The workbook for a spreadsheet URL or id, with credentials found as documented."""
    sheet_id = spreadsheet_id(target)
    auth = load_credentials(credentials)
    api = SheetsApi(
        sheet_id,
        auth.credentials,
        session=session,
        account=auth.account,
        policy=policy,
        limiter=limiter,
    )
    return GoogleWorkbook(api)
