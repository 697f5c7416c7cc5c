"""Request sizes on the Google path: compact UTF-8 bodies, writes split under a byte limit.

Google refuses a body over 10 MiB and recommends 2 MB; the fake refuses over 10 MiB as
Google does. Splits are exercised with a small limit so a small school needs several parts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from nastavnik.demo.large import large_grids
from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sheets_schema.service import JOURNAL
from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.backends.google.parts import body_size, split_parts
from nastavnik.sync.engine import ALL_TITLES, run_init, run_sync
from nastavnik.sync.snapshot import Cell
from tests.backend_harnesses import create_google_book, google_workbook
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer
from tests.fake_sheets.controller import RecordedRequest

SMALL = 30_000  # bytes per body: a small school's first sync needs several parts


def _school() -> dict[str, list[list[Cell]]]:
    return large_grids(24, 12, 300)


def _workbook(fake: FakeServer, max_body: int) -> tuple[str, GoogleWorkbook]:
    book_id = create_google_book(fake, _school())
    workbook = google_workbook(fake, book_id)
    run_init(workbook)
    return book_id, _limited(workbook, max_body)


def _limited(workbook: GoogleWorkbook, max_body: int) -> GoogleWorkbook:
    return GoogleWorkbook(workbook.api, new_sheet_rows=12, growth_rows=4, max_body=max_body)


def _writes(fake: FakeServer) -> list[RecordedRequest]:
    return [r for r in fake.controller.requests if r.kind == "write"]


def _tables(workbook: GoogleWorkbook) -> dict[str, list[list[Cell]]]:
    snapshot = workbook.read(ALL_TITLES)
    return {t: [list(table.header), *map(list, table.rows)] for t, table in snapshot.tables.items()}


def _without_journal(tables: Mapping[str, Any]) -> dict[str, Any]:
    return {t: rows for t, rows in tables.items() if t != JOURNAL.title}


def _cells(request: dict[str, Any]) -> list[Any]:
    return [v for row in request["updateCells"]["rows"] for v in row["values"]]


def test_split_keeps_the_order_and_every_cell_within_the_limit() -> None:
    rows = [{"values": [{"userEnteredValue": {"stringValue": f"Иванова {i}"}}]} for i in range(400)]
    grid = {"sheetId": 5, "startRowIndex": 1, "endRowIndex": 401, "startColumnIndex": 2}
    big = {"updateCells": {"range": grid, "rows": rows, "fields": "userEnteredValue"}}
    small = {"updateSheetProperties": {"properties": {"sheetId": 5}, "fields": "title"}}
    parts = split_parts([small, big, small], limit=3_000)
    assert len(parts) > 3 and all(body_size(p) <= 3_000 for p in parts)
    flat = [r for p in parts for r in p]
    assert flat[0] == small and flat[-1] == small
    pieces = flat[1:-1]
    assert [v for p in pieces for v in _cells(p)] == [r["values"][0] for r in rows]
    starts = [p["updateCells"]["range"]["startRowIndex"] for p in pieces]
    ends = [p["updateCells"]["range"]["endRowIndex"] for p in pieces]
    assert starts[0] == 1 and ends[-1] == 401 and starts[1:] == ends[:-1]


def test_a_request_too_big_to_cut_is_refused() -> None:
    text = "Ж" * 5_000
    lone = {
        "updateCells": {
            "range": {"sheetId": 1, "startRowIndex": 0, "endRowIndex": 1},
            "rows": [{"values": [{"userEnteredValue": {"stringValue": text}}]}],
            "fields": "userEnteredValue",
        }
    }
    with pytest.raises(UnsafeWrite):
        split_parts([lone], limit=4_000)


def test_bodies_are_compact_utf8(fake_sheets: FakeServer) -> None:
    _, workbook = _workbook(fake_sheets, 2_000_000)
    fake_sheets.controller.reset()
    run_sync(workbook, clock().date(), clock)
    writes = _writes(fake_sheets)
    assert writes
    for request in writes:
        compact = json.dumps(request.body, ensure_ascii=False, separators=(",", ":"))
        assert request.size == len(compact.encode("utf-8"))
        assert "\\u04" not in compact  # Cyrillic travels as itself


def test_the_fake_refuses_a_body_over_10_mib_as_google_does(fake_sheets: FakeServer) -> None:
    book_id = create_google_book(fake_sheets, {"Лист1": [["a"]]})
    session = fake_sheets.session()
    payload = b'{"requests":[],"x":"' + b"a" * (10 * 1024 * 1024) + b'"}'
    answer = session.post(
        f"https://sheets.googleapis.com/v4/spreadsheets/{book_id}:batchUpdate",
        data=payload,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == "Request payload size exceeds the limit: 10485760 bytes."


def test_a_split_write_equals_one_write(fake_sheets: FakeServer) -> None:
    _, split = _workbook(fake_sheets, SMALL)
    _, whole = _workbook(fake_sheets, 2_000_000)
    fake_sheets.controller.reset()
    run_sync(split, clock().date(), clock)
    writes = _writes(fake_sheets)
    assert len(writes) >= 3 and all(r.size <= SMALL for r in writes)
    run_sync(whole, clock().date(), clock)
    assert _without_journal(_tables(split)) == _without_journal(_tables(whole))
    assert run_sync(split, clock().date(), clock).changes.is_empty


def test_an_interrupted_split_write_is_completed_by_the_next_sync(fake_sheets: FakeServer) -> None:
    book_id, split = _workbook(fake_sheets, SMALL)
    _, whole = _workbook(fake_sheets, 2_000_000)
    staff_before = _tables(split)[teachers.TITLE]
    fake_sheets.controller.fail_next(1, 400, kind="write", skip=2)  # the third part fails
    with pytest.raises(WorkbookError):
        run_sync(split, clock().date(), clock)
    assert len(_journal_rows(split)) == 1  # the journal row goes last: not written
    run_sync(split, clock().date(), clock)
    run_sync(whole, clock().date(), clock)
    assert _without_journal(_tables(split)) == _without_journal(_tables(whole))
    assert len(_journal_rows(split)) == 2
    names = [row[1:3] for row in _tables(split)[teachers.TITLE]]
    assert names == [row[1:3] for row in staff_before]  # staff's own cells untouched
    assert book_id


def _journal_rows(workbook: GoogleWorkbook) -> list[list[Cell]]:
    return _tables(workbook)[JOURNAL.title]


def test_the_journal_counts_every_request_sent_retries_included(fake_sheets: FakeServer) -> None:
    _, workbook = _workbook(fake_sheets, SMALL)
    fake_sheets.controller.reset()
    fake_sheets.controller.fail_next(1, 429, kind="write")
    fake_sheets.controller.fail_next(1, 503, kind="read")
    report = run_sync(workbook, clock().date(), clock)
    sent = fake_sheets.controller.total
    header = _journal_rows(workbook)[0]
    last = _journal_rows(workbook)[-1]
    assert last[header.index("Запросов к API")] == sent == report.requests
