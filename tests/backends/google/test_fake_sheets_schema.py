"""Requests are checked against the Sheets discovery document; A1 and masks parse like Google."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fake_sheets import FakeServer, a1, schema
from tests.fake_sheets.fieldmask import apply_update, parse_mask, project

SHEETS = "https://sheets.googleapis.com/v4/spreadsheets"


def _book(fake: FakeServer) -> str:
    return fake.controller.create_spreadsheet("Schema", {"Sheet1": [["a"]]})


def test_unknown_field_is_rejected_by_name(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    body = {"requests": [{"addSheet": {"properties": {"title": "x", "colour": "red"}}}]}

    answer = fake_sheets.session().post(f"{SHEETS}/{book_id}:batchUpdate", json=body)

    error = answer.json()["error"]
    assert answer.status_code == 400
    assert error["status"] == "INVALID_ARGUMENT"
    assert error["message"] == (
        'Invalid JSON payload received. Unknown name "colour" at '
        "'requests[0].add_sheet.properties': Cannot find field."
    )
    assert len(fake_sheets.controller.spreadsheet(book_id).sheets) == 1


def test_wrong_type_names_the_field(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    session = fake_sheets.session()

    answer = session.put(
        f"{SHEETS}/{book_id}/values/Sheet1!A1",
        params={"valueInputOption": "RAW"},
        json={"values": "X"},
    )

    assert answer.status_code == 400
    assert "Invalid value at 'data.values'" in answer.json()["error"]["message"]


def test_bad_enum_and_unknown_query_parameter(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    session = fake_sheets.session()
    url = f"{SHEETS}/{book_id}/values/Sheet1!A1"

    bad_enum = session.get(url, params={"valueRenderOption": "PRETTY"})
    unknown = session.get(url, params={"valueRenderOptions": "FORMULA"})
    missing = session.put(url, json={"values": [["x"]]})

    assert bad_enum.status_code == unknown.status_code == missing.status_code == 400
    assert "value_render_option" in bad_enum.json()["error"]["message"]
    assert 'Unknown name "valueRenderOptions"' in unknown.json()["error"]["message"]
    assert "valueInputOption" in missing.json()["error"]["message"]


def test_nulls_snake_case_and_numeric_strings_are_accepted(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    body: dict[str, Any] = {
        "value_input_option": "USER_ENTERED",
        "data": [{"range": "Sheet1!B2", "values": [["5"]], "majorDimension": None}],
    }
    grow = {"appendDimension": {"sheetId": "0", "dimension": "ROWS", "length": "5"}}
    session = fake_sheets.session()

    values = session.post(f"{SHEETS}/{book_id}/values:batchUpdate", json=body)
    batch = session.post(f"{SHEETS}/{book_id}:batchUpdate", json={"requests": [grow]})

    assert values.status_code == batch.status_code == 200
    assert fake_sheets.controller.get_values(book_id, "Sheet1!B2") == [[5]]
    assert fake_sheets.controller.sheet_properties(book_id)["gridProperties"]["rowCount"] == 1005


def test_failed_batch_is_rolled_back(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    requests: list[dict[str, Any]] = [
        {"addSheet": {"properties": {"title": "new"}}},
        {"deleteSheet": {"sheetId": 999}},
    ]

    answer = fake_sheets.session().post(
        f"{SHEETS}/{book_id}:batchUpdate", json={"requests": requests}
    )

    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith("Invalid requests[1].deleteSheet:")
    assert [s.title for s in fake_sheets.controller.spreadsheet(book_id).sheets] == ["Sheet1"]


def test_valid_but_unmodelled_request_is_501(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    body = {"requests": [{"randomizeRange": {"range": {"sheetId": 0}}}]}

    answer = fake_sheets.session().post(f"{SHEETS}/{book_id}:batchUpdate", json=body)

    assert answer.status_code == 501
    assert answer.json()["error"]["status"] == "UNIMPLEMENTED"


def test_unknown_spreadsheet_is_404(fake_sheets: FakeServer) -> None:
    answer = fake_sheets.session().get(f"{SHEETS}/does-not-exist")

    assert answer.status_code == 404
    assert answer.json() == {
        "error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}
    }


@pytest.mark.parametrize(
    ("text", "sheet", "rect"),
    [
        ("'Журнал синхронизации'!A1:J", "Журнал синхронизации", (0, 50, 0, 10)),
        ("'It''s'!B2", "It's", (1, 2, 1, 2)),
        ("Лист1!A:C", "Лист1", (0, 50, 0, 3)),
        ("Data!A2:K", "Data", (1, 50, 0, 11)),
        ("Data!3:4", "Data", (2, 4, 0, 26)),
        ("Data!$B$3:A1", "Data", (0, 3, 0, 2)),
    ],
)
def test_a1_parsing(text: str, sheet: str, rect: tuple[int, int, int, int]) -> None:
    parsed = a1.parse(text)
    resolved = a1.to_rect(parsed.start, parsed.end, 50, 26)

    assert parsed.sheet == sheet
    assert (resolved.row0, resolved.row1, resolved.col0, resolved.col1) == rect


def test_titles_are_quoted_like_google() -> None:
    assert a1.quote_title("Sheet1") == "Sheet1"
    assert a1.quote_title("Лист1") == "Лист1"
    assert a1.quote_title("Журнал синхронизации") == "'Журнал синхронизации'"
    assert a1.quote_title("It's") == "'It''s'"
    assert a1.quote_title("AB12") == "'AB12'"


def test_field_masks() -> None:
    mask = parse_mask("sheets(properties(sheetId,title)),properties.title")
    value = {
        "properties": {"title": "t", "locale": "ru_RU"},
        "sheets": [{"properties": {"sheetId": 1, "title": "a", "index": 0}, "data": []}],
    }
    target = {"gridProperties": {"rowCount": 5, "frozenRowCount": 2}, "title": "x"}

    updated = apply_update(
        target, {"gridProperties": {}}, parse_mask("gridProperties/frozenRowCount")
    )

    assert project(value, mask) == {
        "properties": {"title": "t"},
        "sheets": [{"properties": {"sheetId": 1, "title": "a"}}],
    }
    assert updated == {"gridProperties": {"rowCount": 5}, "title": "x"}


def test_answers_conform_to_the_discovery_response_schemas(fake_sheets: FakeServer) -> None:
    book_id = _book(fake_sheets)
    session = fake_sheets.session()
    base = f"{SHEETS}/{book_id}"
    format_request: dict[str, Any] = {
        "repeatCell": {
            "range": {"sheetId": 0, "endRowIndex": 1},
            "cell": {"userEnteredFormat": {"textFormat": {"bold": True}}, "note": "n"},
            "fields": "userEnteredFormat.textFormat.bold,note",
        }
    }
    answers = {
        "UpdateValuesResponse": session.put(
            f"{base}/values/Sheet1!A1",
            params={"valueInputOption": "USER_ENTERED", "includeValuesInResponse": "true"},
            json={"values": [["x", 1, "=1/0"]]},
        ),
        "AppendValuesResponse": session.post(
            f"{base}/values/Sheet1:append",
            params={"valueInputOption": "RAW"},
            json={"values": [["y"]]},
        ),
        "BatchUpdateSpreadsheetResponse": session.post(
            f"{base}:batchUpdate", json={"requests": [format_request]}
        ),
        "ValueRange": session.get(f"{base}/values/Sheet1", params={"majorDimension": "COLUMNS"}),
        "BatchGetValuesResponse": session.get(f"{base}/values:batchGet", params={"ranges": "A1"}),
        "Spreadsheet": session.get(base, params={"includeGridData": "true"}),
        "ClearValuesResponse": session.post(f"{base}/values/Sheet1!B2:clear"),
    }

    for schema_name, answer in answers.items():
        assert answer.status_code == 200, answer.text
        schema.validate_body("sheets", schema_name, answer.json())
    cell = answers["Spreadsheet"].json()["sheets"][0]["data"][0]["rowData"][0]["values"][2]
    assert cell["formattedValue"] == "#DIV/0!"
