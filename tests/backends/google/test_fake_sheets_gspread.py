"""gspread, unpatched, against the fake through the transport adapter."""

from __future__ import annotations

from typing import Any

import gspread
import pytest
from gspread.utils import ValueInputOption, ValueRenderOption

from tests.fake_sheets import FakeServer


def test_create_update_and_read_back(fake_sheets: FakeServer) -> None:
    client = fake_sheets.client()
    book = client.create("Реестр наставников")
    sheet = book.sheet1

    result = sheet.update([["ФИО", "Часы"], ["Иванова А. А.", 12]], "A1")

    assert result["updatedRange"] == "Sheet1!A1:B2"
    assert result["updatedCells"] == 4
    assert sheet.get_all_values() == [["ФИО", "Часы"], ["Иванова А. А.", "12"]]
    assert client.open_by_key(book.id).title == "Реестр наставников"
    assert client.open("Реестр наставников").id == book.id


def test_batch_get_unformatted_keeps_numbers(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Numbers").sheet1
    rows: list[list[Any]] = [["name", "hours", "share"], ["a", "12", "50%"], ["b", 7.5, "=3/2"]]
    sheet.update(rows, "A1", value_input_option=ValueInputOption.user_entered)

    unformatted = sheet.batch_get(
        ["A2:C3", "B:B"], value_render_option=ValueRenderOption.unformatted
    )
    formatted = sheet.batch_get(["A2:C3"])
    formulas = sheet.get("C3", value_render_option=ValueRenderOption.formula)

    assert unformatted[0] == [["a", 12, 0.5], ["b", 7.5, 1.5]]
    assert unformatted[1] == [["hours"], [12], [7.5]]
    assert formatted[0] == [["a", "12", "50%"], ["b", "7.5", "1.5"]]
    assert formulas == [["=3/2"]]


def test_raw_input_keeps_strings_and_formula_text(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Raw").sheet1
    sheet.update([["007", "=1+1", True]], "A1", value_input_option=ValueInputOption.raw)

    values = sheet.get("A1:C1", value_render_option=ValueRenderOption.unformatted)

    assert values == [["007", "=1+1", True]]


def test_unsupported_formula_renders_its_text(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Formulas").sheet1
    sheet.update([[2, "=A1*10"]], "A1", value_input_option=ValueInputOption.user_entered)

    assert sheet.get("B1") == [["=A1*10"]]


def test_trailing_empties_trimmed_inner_empty_rows_kept(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Trim").sheet1
    sheet.update([["a", "", ""], ["", "", ""], ["", "b", ""]], "A1")

    response = sheet.spreadsheet.values_get("Sheet1!A1:E5")

    assert response["range"] == "Sheet1!A1:E5"
    assert response["values"] == [["a"], [], ["", "b"]]


def test_append_goes_below_the_table_and_grows_the_grid(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Append")
    sheet = book.add_worksheet("Log", rows=2, cols=3)
    sheet.update([["when", "what"], ["mon", "x"]], "A1")

    response = sheet.append_rows([["tue", "y"], ["wed", "z"]])

    assert response["tableRange"] == "Log!A1:B2"
    assert response["updates"]["updatedRange"] == "Log!A3:B4"
    assert sheet.col_values(1) == ["when", "mon", "tue", "wed"]
    assert book.worksheet("Log").row_count == 4


def test_update_beyond_the_grid_is_refused(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Small").add_worksheet("Tiny", rows=2, cols=2)

    with pytest.raises(gspread.exceptions.APIError) as caught:
        sheet.update([["a"], ["b"], ["c"]], "A1")

    assert caught.value.code == 400
    assert "exceeds grid limits. Max rows: 2, max columns: 2" in str(caught.value)


def test_formatting_through_batch_update(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Format")
    sheet = book.sheet1
    sheet.format("A1:B1", {"textFormat": {"bold": True}, "backgroundColor": {"red": 1}})

    data = book.fetch_sheet_metadata(
        {"ranges": "Sheet1!B1", "fields": "sheets.data.rowData.values.userEnteredFormat"}
    )

    cell_format = data["sheets"][0]["data"][0]["rowData"][0]["values"][0]["userEnteredFormat"]
    assert cell_format["textFormat"]["bold"] is True
    assert cell_format["backgroundColorStyle"] == {"rgbColor": {"red": 1}}


def test_cyrillic_and_quoted_titles_in_ranges(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Titles")
    journal = book.add_worksheet("Журнал синхронизации", rows=10, cols=10)
    quoted = book.add_worksheet("It's", rows=5, cols=5)
    journal.update([["дата", "событие"], ["2024-09-01", "старт"]], "A1")
    quoted.update([["q"]], "A1")

    open_range = book.values_get("'Журнал синхронизации'!A1:J")
    escaped = book.values_get("'It''s'!A1")
    bare = book.values_get("Журнал синхронизации")

    assert open_range["range"] == "'Журнал синхронизации'!A1:J10"
    assert open_range["values"][1] == ["2024-09-01", "старт"]
    assert escaped == {"range": "'It''s'!A1", "majorDimension": "ROWS", "values": [["q"]]}
    assert bare["range"] == "'Журнал синхронизации'!A1:J10"


def test_notes_and_row_operations(fake_sheets: FakeServer) -> None:
    sheet = fake_sheets.client().create("Rows").sheet1
    sheet.update([["h"], ["b"], ["c"], ["a"]], "A1")
    sheet.update_note("A2", "проверить")

    sheet.insert_rows([["new"]], row=2)
    sheet.delete_rows(5)
    sheet.sort((1, "asc"), range="A2:A4")

    assert sheet.col_values(1) == ["h", "b", "c", "new"]
    assert sheet.get_note("A2") == "проверить"
    assert sheet.spreadsheet.worksheet("Sheet1").row_count == 1000


def test_protected_ranges_and_validation(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Rules")
    sheet = book.sheet1
    sheet.add_validation("B2:B9", gspread.utils.ValidationConditionType.one_of_list, ["да", "нет"])
    reply = sheet.add_protected_range("A1:C1")["replies"][0]["addProtectedRange"]

    listed = book.list_protected_ranges(sheet.id)
    sheet.delete_protected_range(reply["protectedRange"]["protectedRangeId"])

    assert reply["protectedRange"]["range"] == {
        "startRowIndex": 0,
        "endRowIndex": 1,
        "startColumnIndex": 0,
        "endColumnIndex": 3,
    }
    assert [p["protectedRangeId"] for p in listed] == [reply["protectedRange"]["protectedRangeId"]]
    assert book.list_protected_ranges(sheet.id) == []


def test_developer_metadata_roundtrip(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Meta")
    create = {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": "nastavnik.version",
                "metadataValue": "3",
                "location": {"spreadsheet": True},
                "visibility": "DOCUMENT",
            }
        }
    }

    reply = book.batch_update({"requests": [create]})["replies"][0]
    found = book.fetch_sheet_metadata({"fields": "developerMetadata"})

    meta = reply["createDeveloperMetadata"]["developerMetadata"]
    assert meta["location"] == {"locationType": "SPREADSHEET", "spreadsheet": True}
    assert found == {"developerMetadata": [meta]}


def test_sheet_properties_partial_response(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Props")
    book.sheet1.freeze(rows=1)

    fields = "sheets(properties(sheetId,title,index,gridProperties)),properties.title"
    metadata = book.fetch_sheet_metadata({"fields": fields})

    assert metadata == {
        "properties": {"title": "Props"},
        "sheets": [
            {
                "properties": {
                    "sheetId": 0,
                    "title": "Sheet1",
                    "index": 0,
                    "gridProperties": {"rowCount": 1000, "columnCount": 26, "frozenRowCount": 1},
                }
            }
        ],
    }


def test_deleted_spreadsheet_is_not_found(fake_sheets: FakeServer) -> None:
    client = fake_sheets.client()
    book = client.create("Temp")

    client.del_spreadsheet(book.id)

    with pytest.raises(gspread.exceptions.SpreadsheetNotFound):
        client.open_by_key(book.id)


def test_dates_and_locale_decimal_comma(fake_sheets: FakeServer) -> None:
    rows = [["2024-09-01", "01.09.2024", "1,5"]]
    book_id = fake_sheets.controller.create_spreadsheet("Даты", {"Лист1": rows}, locale="ru_RU")
    sheet = fake_sheets.client().open_by_key(book_id).sheet1

    serials = sheet.get("A1:C1", value_render_option=ValueRenderOption.unformatted)
    strings = sheet.get(
        "A1:C1",
        value_render_option=ValueRenderOption.unformatted,
        date_time_render_option=gspread.utils.DateTimeOption.formatted_string,
    )
    formatted = sheet.get("A1:C1")

    assert serials == [[45536, 45536, 1.5]]
    assert strings == [["2024-09-01", "01.09.2024", 1.5]]
    assert formatted == [["2024-09-01", "01.09.2024", "1,5"]]


def test_metadata_and_rule_requests(fake_sheets: FakeServer) -> None:
    book = fake_sheets.client().create("Rules and metadata")
    lookup = {"developerMetadataLookup": {"metadataKey": "row-id"}}
    rule = {
        "ranges": [{"sheetId": 0, "startRowIndex": 1}],
        "booleanRule": {"condition": {"type": "BLANK"}, "format": {"textFormat": {"bold": True}}},
    }
    location = {
        "dimensionRange": {"sheetId": 0, "dimension": "ROWS", "startIndex": 1, "endIndex": 2}
    }
    meta = {
        "metadataKey": "row-id",
        "metadataValue": "a",
        "location": location,
        "visibility": "DOCUMENT",
    }
    book.batch_update(
        {
            "requests": [
                {"createDeveloperMetadata": {"developerMetadata": meta}},
                {"addConditionalFormatRule": {"rule": rule, "index": 0}},
                {
                    "updateCells": {
                        "start": {"sheetId": 0, "rowIndex": 1, "columnIndex": 0},
                        "rows": [
                            {"values": [{"userEnteredValue": {"numberValue": 5}, "note": "n"}]}
                        ],
                        "fields": "userEnteredValue,note",
                    }
                },
            ]
        }
    )

    updated = book.batch_update(
        {
            "requests": [
                {
                    "updateDeveloperMetadata": {
                        "dataFilters": [lookup],
                        "developerMetadata": {"metadataValue": "b"},
                        "fields": "metadataValue",
                    }
                },
                {"deleteConditionalFormatRule": {"sheetId": 0, "index": 0}},
                {"deleteDeveloperMetadata": {"dataFilter": lookup}},
            ]
        }
    )["replies"]

    assert updated[0]["updateDeveloperMetadata"]["developerMetadata"][0]["metadataValue"] == "b"
    assert updated[1]["deleteConditionalFormatRule"]["rule"]["ranges"] == [{"startRowIndex": 1}]
    assert updated[2]["deleteDeveloperMetadata"]["deletedDeveloperMetadata"][0]["location"] == {
        "locationType": "ROW",
        "dimensionRange": {"dimension": "ROWS", "startIndex": 1, "endIndex": 2},
    }
    assert book.sheet1.get("A2", value_render_option=ValueRenderOption.unformatted) == [[5]]
    assert book.sheet1.get_note("A2") == "n"
