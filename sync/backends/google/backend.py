"""The Google Sheets backend: a shared spreadsheet as a `Workbook`, in four requests.

A sync costs, whatever the number of sheets (and, up to 2 MB of changes, of rows):

1. ``spreadsheets.get`` — titles, ids, grid sizes, the layout stamp (only those fields);
2. ``values.batchGet`` — every requested sheet, ``UNFORMATTED_VALUE`` / ``SERIAL_NUMBER``;
3. only when there is something to write: one ``spreadsheets.batchUpdate`` with new
   sheets, grid growth, layout, the service sheets' cells (typed values, never formulas),
   the layout stamp, and a row anchor on every staff row in play — checked in the same
   answer (see `anchors`);
4. ``values.batchUpdateByDataFilter`` — the cells of staff rows, each row found by its
   anchor when Google applies the write, so a row inserted, deleted or sorted meanwhile
   cannot receive another row's values; the journal row last, with the true count.

A rerun with nothing new costs requests 1 and 2 only. Bodies are compact UTF-8 and at
most 2 MB (`parts`): a large write becomes ceil(bytes / 2 MB) bodies of requests 3 and
4, each atomic and each safe to apply alone (`writer`).
"""

from __future__ import annotations

import os
import random
import weakref
from collections.abc import Callable, Mapping, Sequence

import requests

from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sync.backends.base import ApplyResult, merged_cell_error
from nastavnik.sync.backends.google.anchors import (
    anchors_for,
    bookkeeping,
    create_request,
    date_formats,
    value_ranges,
)
from nastavnik.sync.backends.google.auth import load_credentials, spreadsheet_id
from nastavnik.sync.backends.google.cells import value_requests
from nastavnik.sync.backends.google.http import RateLimiter, RequestRejected, RetryPolicy, SheetsApi
from nastavnik.sync.backends.google.layout import layout_requests, metadata_request
from nastavnik.sync.backends.google.model import (
    LAYOUT_FIELDS,
    STAMP_KEY,
    BookInfo,
    Json,
    date_columns,
    date_keys_of,
    layout_ranges,
    parse_layouts,
)
from nastavnik.sync.backends.google.parts import MAX_BODY
from nastavnik.sync.backends.google.read import (
    RETRY_HINT,
    ReadState,
    fetch_book,
    guard_rows,
    read_tables,
    snapshot_of,
)
from nastavnik.sync.backends.google.structure import date_marks, grid_growth, grid_sizes
from nastavnik.sync.backends.google.writer import Write, counted, send
from nastavnik.sync.changeset import CellWrite, ChangeSet
from nastavnik.sync.snapshot import Link, SheetLayout, Snapshot

READ_ATTEMPTS = 3
NEW_SHEET_ROWS, NEW_SHEET_COLUMNS = 1000, 26
GROWTH_ROWS = 100  # headroom added when the grid grows, so appends rarely need it
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
        max_body: int = MAX_BODY,
    ) -> None:
        self._api = api
        self._max_body = max_body  # bytes per request body (tests split small writes)
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
        """Writes of a sync under 2 MB: structure with anchors, then the anchored cells.

        An estimate; the journal row gets the count actually sent (see `writer`).
        """
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
        """Write in bodies of ≤ 2 MB; cells of staff rows through row anchors (`anchors`)."""
        if changes.is_empty:
            return ApplyResult(0, 0)
        before = self._api.requests_sent
        state = self._state(snapshot)

        def spent() -> int:  # this run's requests so far: retries and redone attempts included
            return changes.earlier_requests + snapshot.requests + self._api.requests_sent - before

        try:
            self._send(changes, snapshot, state, spent)
        except ConcurrentEdit as error:
            error.requests = snapshot.requests + self._api.requests_sent - before
            raise
        self._forget(snapshot)
        return ApplyResult(changes.cells_changed, self._api.requests_sent - before)

    def _send(
        self, changes: ChangeSet, snapshot: Snapshot, state: ReadState, spent: Callable[[], int]
    ) -> None:
        try:
            write = self._write(changes, snapshot, state, spent)
            send(self._api, write, snapshot, state.date_cols, self._max_body)
        except RequestRejected as error:
            if _moved(error):
                raise ConcurrentEdit(
                    "Таблица изменилась во время синхронизации (строки или листы).",
                    hint=RETRY_HINT,
                ) from error
            raise

    def _write(
        self, changes: ChangeSet, snapshot: Snapshot, state: ReadState, spent: Callable[[], int]
    ) -> Write:
        """Split the ChangeSet: positional structure, anchored rows, the journal row."""
        _refuse_merged(changes, state.book)
        tally = changes.request_tally
        rows = guard_rows(changes, snapshot)
        if tally is not None:  # the journal row: anchored too, even on a new journal sheet
            rows.setdefault(tally[0], set()).add(tally[1])
        anchors = anchors_for(rows)
        bound = {(a.sheet, a.row): a for a in anchors}
        journal = [w for w in changes.writes if tally and (w.sheet, w.row) == tally[:2]]
        rest = [w for w in changes.writes if not (tally and (w.sheet, w.row) == tally[:2])]
        free = [w for w in rest if (w.sheet, w.row) not in bound]
        tied = [w for w in rest if (w.sheet, w.row) in bound]
        ids = _ids_for(changes, state.book, {s.title: s.sheet_id for s in state.book.sheets})
        structure = self._batch(changes, snapshot, state, ids, free)
        before, after = bookkeeping(state.book, bool(anchors))
        creates = [create_request(a, ids[a.sheet]) for a in anchors]
        structure = [*before, *structure, *date_formats(tied, ids), *after, *creates]
        journal_anchor = bound.get(tally[:2]) if tally else None

        def final() -> list[Json]:
            return value_ranges(
                counted(journal, tally, spent()), [journal_anchor] if journal_anchor else []
            )

        return Write(structure, anchors, value_ranges(tied, anchors), final if journal else None)

    # ------------------------------------------------------------------ the batch
    def _batch(
        self,
        changes: ChangeSet,
        snapshot: Snapshot,
        state: ReadState,
        ids: dict[str, int],
        writes: Sequence[CellWrite],
    ) -> list[Json]:
        """Every request but the journal row's, in an order whose every prefix is safe.

        New sheets and grid growth first, then the date-column notes, the layout and its
        stamp, and the cells: a sync interrupted between two parts finds the structure it
        needs and writes what is missing.
        """
        book = state.book
        needs = grid_sizes(changes)
        requests_ = self._new_sheets(changes, book, ids, needs)
        if requests_ and state.disposable is not None:
            gone = book.sheet(state.disposable)
            if gone is not None and gone.title not in changes.new_sheets:
                requests_.append({"deleteSheet": {"sheetId": gone.sheet_id}})
        requests_.extend(grid_growth(book, needs, self._growth))
        requests_.extend(date_marks(changes, snapshot, book, ids))
        if changes.column_formats or changes.sheet_formats:
            requests_.extend(
                layout_requests(changes.column_formats, changes.sheet_formats, ids, book)
            )
        if changes.layout_stamp and changes.layout_stamp != book.stamp:
            location = {"spreadsheet": True}
            requests_.append(
                metadata_request(STAMP_KEY, changes.layout_stamp, location, book.stamp_meta)
            )
        requests_.extend(value_requests(writes, ids, ids))
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


def _refuse_merged(changes: ChangeSet, book: BookInfo) -> None:
    """A write into a merged cell other than its top-left one is refused, as on .xlsx."""
    merged = {s.title: s.merges for s in book.sheets if s.merges}
    for write in changes.writes:
        sheet = book.sheet(write.sheet)
        for top, bottom, left, right in merged.get(sheet.title if sheet else "", ()):
            inside = top <= write.row - 1 < bottom and left <= write.column < right
            if inside and (write.row - 1, write.column) != (top, left):
                raise merged_cell_error(write.sheet, write.row, write.column)


def _moved(error: RequestRejected) -> bool:
    return any(mark in error.reason for mark in _MOVED)


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
