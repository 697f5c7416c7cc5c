"""Counting, injected faults, staff edits and identity in the fake."""

from __future__ import annotations

import time
from typing import Any

import gspread
import pytest
import requests
from gspread.utils import ValueRenderOption

from tests.fake_sheets import FakeServer, staff

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"


def _seeded(fake: FakeServer) -> str:
    rows: list[list[Any]] = [["ФИО", "Часы"], ["Борисова", 3], ["Алексеев", 5], ["Васильев", 1]]
    return fake.controller.create_spreadsheet("Реестр", {"Журнал": rows})


def test_counts_reads_and_writes_and_logs_requests(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    fake_sheets.controller.reset()

    sheet.get_all_values()
    sheet.update([["x"]], "C1")

    log = fake_sheets.controller.requests
    assert (fake_sheets.controller.reads, fake_sheets.controller.writes) == (1, 1)
    assert [(r.method, r.kind, r.status) for r in log] == [
        ("GET", "read", 200),
        ("PUT", "write", 200),
    ]
    assert log[1].path.endswith("/values/'Журнал'!C1")
    assert log[1].query == {"valueInputOption": ["RAW"]}
    assert log[1].body == {"values": [["x"]], "majorDimension": None}


def test_quota_fault_then_recovery(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    session = fake_sheets.session()
    fake_sheets.controller.fail_next(2, 429)

    first = session.get(f"{SHEETS}/{book_id}/values/Журнал!A1")
    second = session.get(f"{SHEETS}/{book_id}/values/Журнал!A1")
    third = session.get(f"{SHEETS}/{book_id}/values/Журнал!A1")

    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert "Quota exceeded for quota metric 'Read requests'" in first.json()["error"]["message"]
    assert fake_sheets.controller.total == 3


@pytest.mark.parametrize(("status", "google_status"), [(500, "INTERNAL"), (503, "UNAVAILABLE")])
def test_server_errors_leave_state_untouched(
    fake_sheets: FakeServer, status: int, google_status: str
) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    fake_sheets.controller.fail_next(1, status, kind="write")

    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.update([["changed"]], "A1")

    assert caught.value.code == status
    assert caught.value.error["status"] == google_status
    assert fake_sheets.controller.get_values(book_id, "Журнал!A1") == [["ФИО"]]


def test_lost_response_applies_the_write(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    fake_sheets.controller.fail_next(1, 503, kind="write", process_anyway=True)

    with pytest.raises(gspread.exceptions.APIError):
        sheet.update([["changed"]], "A1")

    assert fake_sheets.controller.get_values(book_id, "Журнал!A1") == [["changed"]]


def test_slow_answer_trips_the_client_timeout(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    session = fake_sheets.session()
    fake_sheets.controller.delay_next(0.5)

    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        session.get(f"{SHEETS}/{book_id}", timeout=0.1)

    assert time.monotonic() - started < 0.45
    assert session.get(f"{SHEETS}/{book_id}", timeout=5).status_code == 200


def test_staff_edit_before_kth_request(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    fake_sheets.controller.reset()
    fake_sheets.controller.before_request(2, staff.set_cell(book_id, "'Журнал'!B2", 42))

    before = sheet.get("B2", value_render_option=ValueRenderOption.unformatted)
    after = sheet.get("B2", value_render_option=ValueRenderOption.unformatted)

    assert (before, after) == ([[3]], [[42]])


def test_staff_inserts_a_row_before_the_first_write(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    snapshot = sheet.get_all_values()
    edit = staff.insert_rows(book_id, 2, [["Новикова", 9]], sheet="Журнал")
    fake_sheets.controller.before_first_write(edit)

    sheet.update([["Борисова (ред.)"]], "A2")

    assert snapshot[1][0] == "Борисова"
    assert sheet.col_values(1) == ["ФИО", "Борисова (ред.)", "Борисова", "Алексеев", "Васильев"]
    grid = fake_sheets.controller.sheet_properties(book_id, "Журнал")["gridProperties"]
    assert grid["rowCount"] == 1001


def test_staff_delete_and_sort(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    controller = fake_sheets.controller

    controller.apply(staff.delete_rows(book_id, 3, sheet="Журнал"))
    after_delete = controller.get_values(book_id, "Журнал!A:A")
    controller.apply(staff.sort_rows(book_id, "B", descending=True, sheet="Журнал"))

    assert after_delete == [["ФИО"], ["Борисова"], ["Васильев"]]
    assert controller.get_values(book_id, "Журнал!A1:B3") == [
        ["ФИО", "Часы"],
        ["Борисова", 3],
        ["Васильев", 1],
    ]
    assert controller.total == 0


def test_unshared_spreadsheet_is_forbidden(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    session = fake_sheets.session()
    fake_sheets.controller.unshare(book_id)

    sheets_answer = session.get(f"{SHEETS}/{book_id}")
    drive_answer = session.get(f"https://www.googleapis.com/drive/v3/files/{book_id}")

    assert sheets_answer.status_code == 403
    assert sheets_answer.json()["error"] == {
        "code": 403,
        "message": "The caller does not have permission",
        "status": "PERMISSION_DENIED",
    }
    assert drive_answer.status_code == 404


def test_other_identity_needs_sharing(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    stranger = fake_sheets.client("stranger@example.org")

    with pytest.raises(PermissionError):
        stranger.open_by_key(book_id)
    fake_sheets.controller.share(book_id, "stranger@example.org")

    assert stranger.open_by_key(book_id).title == "Реестр"


def test_forced_caller_identity(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    session = fake_sheets.session()
    fake_sheets.controller.set_caller("intruder@example.org")

    assert session.get(f"{SHEETS}/{book_id}").status_code == 403
    fake_sheets.controller.set_caller(None)
    assert session.get(f"{SHEETS}/{book_id}").status_code == 200


def test_disabled_api_answers_service_disabled(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    session = fake_sheets.session()
    fake_sheets.controller.disable_api("sheets")

    error = session.get(f"{SHEETS}/{book_id}").json()["error"]

    assert error["code"] == 403
    assert error["status"] == "PERMISSION_DENIED"
    assert error["message"].startswith("Google Sheets API has not been used in project")
    assert any(d.get("reason") == "SERVICE_DISABLED" for d in error["details"])


def test_missing_token_is_unauthenticated(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)

    answer = requests.get(f"{fake_sheets.base_url}/v4/spreadsheets/{book_id}", timeout=5)

    assert answer.status_code == 401
    assert answer.json()["error"]["status"] == "UNAUTHENTICATED"


def test_state_of_detects_writes(fake_sheets: FakeServer) -> None:
    book_id = _seeded(fake_sheets)
    sheet = fake_sheets.client().open_by_key(book_id).worksheet("Журнал")
    before = fake_sheets.controller.state_of(book_id)

    sheet.get_all_values()
    unchanged = fake_sheets.controller.state_of(book_id)
    sheet.update([["x"]], "D9")

    assert unchanged == before
    assert fake_sheets.controller.state_of(book_id) != before
