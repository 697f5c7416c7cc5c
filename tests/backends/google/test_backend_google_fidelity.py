"""The fake answers as Google does where staff's own doing shows: merges, hidden sheets,
protections, notes, tab colours, an unshared spreadsheet — and nastavnik copes with each."""

from __future__ import annotations

from typing import Any

import pytest

from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sync.engine import run_sync
from tests import factories as f
from tests.backend_harnesses import create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer, staff
from tests.fake_sheets.state import DEFAULT_IDENTITY

T = teachers.TITLE
API = "https://sheets.googleapis.com/v4/spreadsheets"


def _book(fake: FakeServer) -> str:
    return create_google_book(fake, grids_of(f.workbook(teachers=f.people())))


def _batch(fake: FakeServer, book_id: str, *requests: dict[str, Any]) -> dict[str, Any]:
    answer = fake.session().post(f"{API}/{book_id}:batchUpdate", json={"requests": list(requests)})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _sheet(fake: FakeServer, book_id: str, title: str = T) -> dict[str, Any]:
    answer = fake.session().get(f"{API}/{book_id}", params={"includeGridData": "false"}).json()
    return next(s for s in answer["sheets"] if s["properties"]["title"] == title)


def _sheet_id(fake: FakeServer, book_id: str) -> int:
    return int(fake.controller.sheet_properties(book_id, T)["sheetId"])


def test_a_warning_only_protection_carries_editors(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    grid = {"sheetId": _sheet_id(fake_sheets, book_id), "startColumnIndex": 0, "endColumnIndex": 1}
    protected = {"range": grid, "description": "x", "warningOnly": True}
    _batch(fake_sheets, book_id, {"addProtectedRange": {"protectedRange": protected}})
    (stored,) = _sheet(fake_sheets, book_id)["protectedRanges"]
    assert stored["warningOnly"] is True
    assert stored["editors"] == {"users": [DEFAULT_IDENTITY]}


def test_a_cleared_note_reads_back_empty(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    cell = {"sheetId": _sheet_id(fake_sheets, book_id), "rowIndex": 0, "columnIndex": 0}

    def note(text: str | None) -> dict[str, Any]:
        values = [{"note": text}] if text is not None else [{}]
        return {"updateCells": {"start": cell, "rows": [{"values": values}], "fields": "note"}}

    _batch(fake_sheets, book_id, note("пояснение"), note(None))
    params = {"ranges": f"'{T}'!A1", "fields": "sheets.data.rowData.values.note"}
    answer = fake_sheets.session().get(f"{API}/{book_id}", params=params).json()
    assert answer["sheets"][0]["data"][0]["rowData"][0]["values"][0] == {"note": ""}


def test_a_tab_colour_comes_back_in_8_bit_steps(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    props = {
        "sheetId": _sheet_id(fake_sheets, book_id),
        "tabColorStyle": {"rgbColor": {"red": 0.5}},
    }
    _batch(
        fake_sheets,
        book_id,
        {"updateSheetProperties": {"properties": props, "fields": "tabColorStyle"}},
    )
    shown = _sheet(fake_sheets, book_id)["properties"]
    assert shown["tabColorStyle"]["rgbColor"]["red"] == 128 / 255
    assert shown["tabColor"]["red"] == 128 / 255


def test_hidden_sheets_and_merges_are_in_the_metadata(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    sheet_id = _sheet_id(fake_sheets, book_id)
    span = {"sheetId": sheet_id, "startRowIndex": 1, "endRowIndex": 3, "startColumnIndex": 2}
    span["endColumnIndex"] = 3
    hide = {"properties": {"sheetId": sheet_id, "hidden": True}, "fields": "hidden"}
    merge = {"range": span, "mergeType": "MERGE_ALL"}
    _batch(fake_sheets, book_id, {"updateSheetProperties": hide}, {"mergeCells": merge})
    sheet = _sheet(fake_sheets, book_id)
    assert sheet["properties"]["hidden"] is True
    shown = {key: value for key, value in span.items() if key != "sheetId" or value}
    assert sheet["merges"] == [shown]  # sheetId 0 is left out, as Google does


def test_not_shared_is_a_403_and_names_the_account(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    workbook = google_workbook(fake_sheets, book_id)
    fake_sheets.controller.unshare(book_id)
    with pytest.raises(WorkbookError) as caught:
        workbook.read([T])
    assert [r.status for r in fake_sheets.controller.requests][-1] == 403
    assert f"добавьте {DEFAULT_IDENTITY}" in caught.value.hint


def test_a_hidden_sheet_is_read_and_synced(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    fake_sheets.controller.apply(staff.hide_sheet(book_id, T))
    workbook = google_workbook(fake_sheets, book_id)
    run_sync(workbook, f.TODAY, clock)
    table = workbook.read([T]).tables[T]
    column = table.column_index("Код")
    assert column is not None
    assert [table.value(row, column) for row, _ in table.numbered_rows()] == ["П-001", "П-002"]
    assert fake_sheets.controller.sheet_properties(book_id, T)["hidden"] is True


def test_staff_merged_key_cells_are_refused_and_nothing_is_written(fake_sheets: FakeServer) -> None:
    rows = [f.teacher(), f.young_teacher()]
    book_id = create_google_book(fake_sheets, grids_of(f.workbook(teachers=rows)))
    fake_sheets.controller.apply(staff.merge_cells(book_id, 2, 3, 0, T))  # «Код» of both
    before = fake_sheets.controller.state_of(book_id)
    with pytest.raises(WorkbookError, match="объединённые") as caught:
        run_sync(google_workbook(fake_sheets, book_id), f.TODAY, clock)
    assert "A3" in str(caught.value) and T in str(caught.value)
    assert fake_sheets.controller.state_of(book_id) == before
