"""The test-facing controller: request log, counters, faults, staff edits, identity.

All methods are thread-safe; the server consults the controller once per
incoming request (``admit``) and reports the answer's status (``finish``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from tests.fake_sheets import a1, staff
from tests.fake_sheets.common import deep_copy
from tests.fake_sheets.state import DEFAULT_IDENTITY, Spreadsheet, StaffEdit, Store

RequestKind = Literal["read", "write"]
_READ_VERBS = (":search", ":getByDataFilter", ":batchGetByDataFilter")


@dataclass
class RecordedRequest:
    """One request as the fake received it (``status`` is filled in when answered)."""

    number: int
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    api: str
    kind: RequestKind
    status: int = 0
    size: int = 0  # bytes of the body as sent


@dataclass
class _Fault:
    remaining: int
    status: int
    kind: RequestKind | None
    process_anyway: bool
    skip: int = 0  # matching requests let through first


@dataclass
class _Delay:
    remaining: int
    seconds: float
    kind: RequestKind | None


@dataclass
class _Hook:
    edit: StaffEdit
    number: int | None = None
    kind: RequestKind | None = None
    skip: int = 0


@dataclass
class Admission:
    """How the server must treat one request."""

    record: RecordedRequest
    edits: list[StaffEdit] = field(default_factory=list)
    delay: float = 0.0
    fault: int | None = None
    process_anyway: bool = False


def classify(method: str, path: str) -> RequestKind:
    """Reads are GETs and the POST search/filter reads; everything else writes."""
    if method == "GET" or path.endswith(_READ_VERBS):
        return "read"
    return "write"


class Controller:
    """Counting and fault injection for one fake server."""

    def __init__(self, store: Store) -> None:
        self._lock = threading.Lock()
        self._store = store
        self._log: list[RecordedRequest] = []
        self._number = 0
        self._faults: list[_Fault] = []
        self._delays: list[_Delay] = []
        self._hooks: list[_Hook] = []
        self._caller: str | None = None
        self._disabled: set[str] = set()

    # ----------------------------------------------------------------- counting
    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the request log, oldest first."""
        with self._lock:
            return [replace(r) for r in self._log]

    @property
    def total(self) -> int:
        """Requests received since start or ``reset()`` (Drive included)."""
        return self.count()

    @property
    def reads(self) -> int:
        """Read requests (GET and search) since start or ``reset()``."""
        return self.count(kind="read")

    @property
    def writes(self) -> int:
        """Write requests (POST/PUT/DELETE) since start or ``reset()``."""
        return self.count(kind="write")

    def count(
        self,
        *,
        kind: RequestKind | None = None,
        api: str | None = None,
        method: str | None = None,
        path_contains: str | None = None,
    ) -> int:
        """Requests matching every given filter (``api`` is ``sheets`` or ``drive``)."""
        with self._lock:
            return sum(
                1
                for r in self._log
                if (kind is None or r.kind == kind)
                and (api is None or r.api == api)
                and (method is None or r.method == method.upper())
                and (path_contains is None or path_contains in r.path)
            )

    def reset(self) -> None:
        """Forget the log and counters (numbering restarts at 1); state stays."""
        with self._lock:
            self._log.clear()
            self._number = 0

    # ------------------------------------------------------------------- faults
    def fail_next(
        self,
        count: int = 1,
        status: int = 429,
        *,
        kind: RequestKind | None = None,
        process_anyway: bool = False,
        skip: int = 0,
    ) -> None:
        """Answer the next ``count`` matching requests with ``status``.

        429 gives RESOURCE_EXHAUSTED (quota), 500 INTERNAL, 502/503
        UNAVAILABLE, others FAILED_PRECONDITION.  ``process_anyway`` applies the
        request first, then answers with the error: a write that landed but whose
        answer was lost.  ``skip`` lets that many matching requests through first.
        """
        with self._lock:
            self._faults.append(_Fault(count, status, kind, process_anyway, skip))

    def delay_next(
        self, seconds: float, count: int = 1, *, kind: RequestKind | None = None
    ) -> None:
        """Sleep ``seconds`` before handling the next ``count`` matching requests."""
        with self._lock:
            self._delays.append(_Delay(count, seconds, kind))

    def clear_faults(self) -> None:
        """Drop pending faults, delays and staff edits."""
        with self._lock:
            self._faults.clear()
            self._delays.clear()
            self._hooks.clear()

    # -------------------------------------------------------------- staff edits
    def before_request(self, number: int, edit: StaffEdit) -> None:
        """Run ``edit`` just before request number ``number`` (1-based) is handled."""
        with self._lock:
            self._hooks.append(_Hook(edit, number=number))

    def before_next(
        self, edit: StaffEdit, *, kind: RequestKind | None = None, skip: int = 0
    ) -> None:
        """Run ``edit`` before the next matching request, after ``skip`` matches."""
        with self._lock:
            self._hooks.append(_Hook(edit, kind=kind, skip=skip))

    def before_first_write(self, edit: StaffEdit) -> None:
        """Run ``edit`` between the reads and the first write that follows."""
        self.before_next(edit, kind="write")

    def apply(self, edit: StaffEdit) -> None:
        """Run a staff edit now."""
        with self._store.lock:
            edit(self._store)

    # --------------------------------------------------------- identity/access
    @property
    def caller(self) -> str | None:
        """The forced caller identity, if any."""
        return self._caller

    def set_caller(self, identity: str | None) -> None:
        """Treat every request as coming from ``identity`` (``None``: use the token)."""
        with self._lock:
            self._caller = identity

    def share(self, spreadsheet_id: str, identity: str = DEFAULT_IDENTITY) -> None:
        """Give ``identity`` access to a spreadsheet."""
        with self._store.lock:
            self._store.require(spreadsheet_id).readers.add(identity)

    def unshare(self, spreadsheet_id: str, identity: str = DEFAULT_IDENTITY) -> None:
        """Take access away: Sheets answers 403, Drive 404."""
        with self._store.lock:
            self._store.require(spreadsheet_id).readers.discard(identity)

    def disable_api(self, api: str = "sheets") -> None:
        """Answer every request to ``api`` (``sheets``/``drive``) with SERVICE_DISABLED."""
        with self._lock:
            self._disabled.add(api)

    def enable_api(self, api: str = "sheets") -> None:
        """Undo ``disable_api``."""
        with self._lock:
            self._disabled.discard(api)

    def api_disabled(self, api: str) -> bool:
        """Whether ``api`` is switched off."""
        with self._lock:
            return api in self._disabled

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        """Direct access to a spreadsheet's state (hold ``store.lock`` while editing)."""
        return self._store.require(spreadsheet_id)

    # ------------------------------------------------------------------ seeding
    def create_spreadsheet(
        self,
        title: str = "Test spreadsheet",
        sheets: Mapping[str, Sequence[Sequence[Any]]] | Sequence[str] | None = None,
        *,
        locale: str = "en_US",
        time_zone: str = "Etc/GMT",
        owner: str = DEFAULT_IDENTITY,
        input_option: str = "USER_ENTERED",
    ) -> str:
        """Create a spreadsheet directly (not counted); returns its id.

        ``sheets`` maps titles to rows typed from A1, or lists titles of
        empty 1000 x 26 sheets.  Grids grow to fit the rows.
        """
        titles = list(sheets) if sheets else ["Sheet1"]
        props = {"title": title, "locale": locale, "timeZone": time_zone}
        with self._store.lock:
            book = self._store.create(props, [{"title": t} for t in titles], owner)
            if isinstance(sheets, Mapping):
                for sheet_title, rows in sheets.items():
                    cell = f"{a1.quote_title(sheet_title)}!A1"
                    staff.write_rows(book, cell, rows, input_option)
            return book.id

    def set_values(
        self,
        spreadsheet_id: str,
        range_text: str,
        rows: Sequence[Sequence[Any]],
        input_option: str = "USER_ENTERED",
    ) -> None:
        """Write rows at a range's top-left, bypassing the API (not counted)."""
        with self._store.lock:
            staff.write_rows(self._store.require(spreadsheet_id), range_text, rows, input_option)

    def get_values(
        self, spreadsheet_id: str, range_text: str, render: str = "UNFORMATTED_VALUE"
    ) -> list[Any]:
        """Read a range like ``values.get`` would (not counted)."""
        with self._store.lock:
            return staff.read_rows(self._store.require(spreadsheet_id), range_text, render)

    def sheet_properties(self, spreadsheet_id: str, title: str | None = None) -> dict[str, Any]:
        """A copy of a sheet's properties (first sheet when ``title`` is None)."""
        with self._store.lock:
            book = self._store.require(spreadsheet_id)
            sheet = book.sheets[0] if title is None else book.sheet_by_title(title)
            if sheet is None:
                raise KeyError(title)
            return dict(deep_copy(sheet.props))

    def state_of(self, spreadsheet_id: str) -> dict[str, Any]:
        """Everything stored for a spreadsheet, as comparable plain data.

        Equal before and after a run means the run wrote nothing.
        """
        with self._store.lock:
            book = self._store.require(spreadsheet_id)
            sheets = [
                {
                    "properties": s.props,
                    "rows": _trimmed(s.rows),
                    "conditionalFormats": s.conditional_formats,
                    "protectedRanges": s.protected_ranges,
                    "dimensionMetadata": s.dimension_metadata,
                }
                for s in book.sheets
            ]
            state = {"properties": book.props, "sheets": sheets}
            state["developerMetadata"] = book.developer_metadata
            return dict(deep_copy(state))

    # ----------------------------------------------------------------- internal
    def admit(
        self, method: str, path: str, query: dict[str, list[str]], body: Any, api: str
    ) -> Admission:
        """Log a new request and decide its edits, delay and fault."""
        kind = classify(method, path)
        with self._lock:
            self._number += 1
            record = RecordedRequest(self._number, method, path, query, body, api, kind)
            self._log.append(record)
            admission = Admission(record, edits=self._take_hooks(record))
            delay = _take(self._delays, kind)
            admission.delay = delay.seconds if delay else 0.0
            fault = _take(self._faults, kind)
            if fault is not None:
                admission.fault, admission.process_anyway = fault.status, fault.process_anyway
            return admission

    def finish(self, record: RecordedRequest, status: int) -> None:
        """Store the status the request was answered with."""
        with self._lock:
            record.status = status

    def _take_hooks(self, record: RecordedRequest) -> list[StaffEdit]:
        fired: list[StaffEdit] = []
        for hook in list(self._hooks):
            if hook.number is not None:
                if hook.number != record.number:
                    continue
            elif hook.kind is not None and hook.kind != record.kind:
                continue
            elif hook.skip:
                hook.skip -= 1
                continue
            fired.append(hook.edit)
            self._hooks.remove(hook)
        return fired


def _trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows without trailing empty cells and trailing empty rows."""
    out = [list(line) for line in rows]
    for line in out:
        while line and not line[-1]:
            line.pop()
    while out and not out[-1]:
        out.pop()
    return out


def _take(items: list[Any], kind: RequestKind) -> Any:
    """Consume one use of the first fault/delay that matches ``kind``."""
    for item in items:
        if item.kind is None or item.kind == kind:
            if getattr(item, "skip", 0) > 0:
                item.skip -= 1
                return None
            item.remaining -= 1
            if item.remaining <= 0:
                items.remove(item)
            return item
    return None
