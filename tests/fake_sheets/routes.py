"""URL routing: which handler serves a request, with validation and access checks.

Paths are matched percent-encoded (gspread encodes ``!`` and ``:`` inside
ranges), so a raw ``:`` marks a custom verb such as ``:append``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fake_sheets import drive_api, metadata, schema, spreadsheet_api, values_api
from tests.fake_sheets.batch_update import BatchContext, run_batch
from tests.fake_sheets.common import Json, Query, qget, strip_nulls
from tests.fake_sheets.errors import ApiError, drive_not_found, invalid_argument, permission_denied
from tests.fake_sheets.fieldmask import parse_mask, project
from tests.fake_sheets.state import Spreadsheet, Store

# Registers the cell, rule and metadata request handlers.
from tests.fake_sheets import batch_cells as _batch_cells  # noqa: F401  # isort: skip

_SID = r"(?P<sid>[^/:]+)"
_VALUES = rf"^/v4/spreadsheets/{_SID}/values"


@dataclass
class Call:
    """One routed request."""

    store: Store
    identity: str
    query: Query
    body: Json
    params: dict[str, str]
    book: Spreadsheet | None = None

    @property
    def spreadsheet(self) -> Spreadsheet:
        assert self.book is not None
        return self.book


@dataclass
class HttpResponse:
    """Status and JSON body (``None`` for 204)."""

    status: int
    body: Json | None = None


@dataclass
class Route:
    """One endpoint; ``method_id`` names the discovery method for query checks."""

    method: str
    pattern: str
    method_id: str
    handler: Callable[[Call], Json | None]
    body_schema: str | None = None
    body_prefix: str = ""
    status: int = 200
    regex: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.regex = re.compile(self.pattern)

    @property
    def api(self) -> str:
        return self.method_id.split(".")[0]

    def run(
        self, store: Store, identity: str, query: Query, body: Any, params: dict[str, str]
    ) -> HttpResponse:
        """Validate, resolve the spreadsheet, call the handler (all-or-nothing)."""
        if self.api == "sheets":
            schema.validate_query(self.method_id, query)
        call = Call(store, identity, query, self._body(body), params)
        if "sid" in params:
            call.book = self._book(store, params["sid"], identity)
        snapshot = call.book.snapshot() if call.book and self.method != "GET" else None
        try:
            result = self.handler(call)
        except ApiError:
            if call.book is not None and snapshot is not None:
                call.book.restore(snapshot)
            raise
        if call.book is not None and snapshot is not None:
            call.book.touch()
        return HttpResponse(self.status, result)

    def _body(self, body: Any) -> Json:
        if self.body_schema is None or body is None:
            return {}
        body = strip_nulls(body)
        schema.validate_body(self.api, self.body_schema, body, self.body_prefix)
        normalized: Json = schema.normalize_keys(self.api, self.body_schema, body)
        return normalized

    def _book(self, store: Store, sid: str, identity: str) -> Spreadsheet:
        book = store.spreadsheets.get(sid)
        if self.api == "drive":
            if book is None or identity not in book.readers:
                raise drive_not_found(sid)
            return book
        book = store.require(sid)
        if identity not in book.readers:
            raise permission_denied()
        return book


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route for ``method path`` and its decoded parameters."""
    for route in ROUTES:
        if route.method != method:
            continue
        found = route.regex.match(path)
        if found:
            return route, {k: unquote(v) for k, v in found.groupdict().items()}
    return None


def _batch(call: Call) -> Json:
    ctx = BatchContext(call.spreadsheet, call.store, call.identity)
    body = call.body
    query: dict[str, list[str]] = {"ranges": list(body.get("responseRanges", []))}
    if body.get("responseIncludeGridData"):
        query["includeGridData"] = ["true"]

    def updated(book: Spreadsheet) -> Json:
        """The spreadsheet after the batch, as spreadsheets.get would give it."""
        return spreadsheet_api.get_spreadsheet(book, query)

    answer = run_batch(ctx, body, updated)
    mask = qget(call.query, "fields")
    return project(answer, parse_mask(mask)) if mask else answer


def _metadata_get(call: Call) -> Json:
    return metadata.get_metadata(call.spreadsheet, int(call.params["mid"]))


def _drive_delete(call: Call) -> None:
    del call.store.spreadsheets[call.spreadsheet.id]


def _range(call: Call) -> str:
    text = call.params["range"]
    if not text:
        raise invalid_argument("Unable to parse range: ")
    return text


ROUTES = [
    Route(
        "GET",
        rf"^/v4/spreadsheets/{_SID}$",
        "sheets.spreadsheets.get",
        lambda c: spreadsheet_api.get_spreadsheet(c.spreadsheet, c.query),
    ),
    Route(
        "POST",
        r"^/v4/spreadsheets$",
        "sheets.spreadsheets.create",
        lambda c: spreadsheet_api.create_spreadsheet(c.store, c.body, c.identity),
        "Spreadsheet",
        "spreadsheet",
    ),
    Route(
        "POST",
        rf"^/v4/spreadsheets/{_SID}:batchUpdate$",
        "sheets.spreadsheets.batchUpdate",
        _batch,
        "BatchUpdateSpreadsheetRequest",
    ),
    Route(
        "GET",
        rf"{_VALUES}:batchGet$",
        "sheets.spreadsheets.values.batchGet",
        lambda c: values_api.values_batch_get(c.spreadsheet, c.query),
    ),
    Route(
        "POST",
        rf"{_VALUES}:batchUpdate$",
        "sheets.spreadsheets.values.batchUpdate",
        lambda c: values_api.values_batch_update(c.spreadsheet, c.body),
        "BatchUpdateValuesRequest",
    ),
    Route(
        "POST",
        rf"{_VALUES}:batchUpdateByDataFilter$",
        "sheets.spreadsheets.values.batchUpdateByDataFilter",
        lambda c: values_api.values_batch_update_by_data_filter(c.spreadsheet, c.body),
        "BatchUpdateValuesByDataFilterRequest",
    ),
    Route(
        "POST",
        rf"{_VALUES}:batchClear$",
        "sheets.spreadsheets.values.batchClear",
        lambda c: values_api.values_batch_clear(c.spreadsheet, c.body),
        "BatchClearValuesRequest",
    ),
    Route(
        "POST",
        rf"{_VALUES}/(?P<range>.*):append$",
        "sheets.spreadsheets.values.append",
        lambda c: values_api.values_append(c.spreadsheet, _range(c), c.query, c.body),
        "ValueRange",
        "data",
    ),
    Route(
        "POST",
        rf"{_VALUES}/(?P<range>.*):clear$",
        "sheets.spreadsheets.values.clear",
        lambda c: values_api.values_clear(c.spreadsheet, _range(c)),
        "ClearValuesRequest",
    ),
    Route(
        "GET",
        rf"{_VALUES}/(?P<range>.*)$",
        "sheets.spreadsheets.values.get",
        lambda c: values_api.values_get(c.spreadsheet, _range(c), c.query),
    ),
    Route(
        "PUT",
        rf"{_VALUES}/(?P<range>.*)$",
        "sheets.spreadsheets.values.update",
        lambda c: values_api.values_update(c.spreadsheet, _range(c), c.query, c.body),
        "ValueRange",
        "data",
    ),
    Route(
        "GET",
        rf"^/v4/spreadsheets/{_SID}/developerMetadata/(?P<mid>[0-9]+)$",
        "sheets.spreadsheets.developerMetadata.get",
        _metadata_get,
    ),
    Route(
        "POST",
        rf"^/v4/spreadsheets/{_SID}/developerMetadata:search$",
        "sheets.spreadsheets.developerMetadata.search",
        lambda c: metadata.search_metadata(c.spreadsheet, c.body),
        "SearchDeveloperMetadataRequest",
    ),
    Route(
        "POST",
        r"^/drive/v3/files$",
        "drive.files.create",
        lambda c: drive_api.create_file(c.store, c.body, c.query, c.identity),
        "File",
    ),
    Route(
        "GET",
        r"^/drive/v3/files$",
        "drive.files.list",
        lambda c: drive_api.list_files(c.store, c.query, c.identity),
    ),
    Route(
        "GET",
        r"^/drive/v3/files/(?P<sid>[^/]+)$",
        "drive.files.get",
        lambda c: drive_api.get_file(c.spreadsheet, c.query),
    ),
    Route(
        "DELETE",
        r"^/drive/v3/files/(?P<sid>[^/]+)$",
        "drive.files.delete",
        _drive_delete,
        status=204,
    ),
]
