"""Layout on Google, through the fake Sheets server: colour rules from the vocabularies,
wrapped headers, filters, tab order; and `init` restoring what staff stripped, then
writing nothing. Every request body is checked by the fake against the discovery document.
"""

from __future__ import annotations

from typing import Any

import pytest

from nastavnik import sheets_schema
from nastavnik.sheets_schema.palette import TONE_FILLS
from nastavnik.sync.engine import run_init, run_sync
from tests import factories as f
from tests.backend_harnesses import create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer

Json = dict[str, Any]
PIECES = ("dropdowns", "freeze", "notes", "shading", "formats", "filter", "protections")


def synced_book(fake: FakeServer) -> tuple[str, Any]:
    grids = grids_of(f.workbook(meetings=[f.meeting()]))
    book_id = create_google_book(fake, grids)
    workbook = google_workbook(fake, book_id)
    run_init(workbook)
    run_sync(workbook, f.TODAY, clock)
    return book_id, workbook


def sheet_of(fake: FakeServer, book_id: str, title: str) -> Any:
    sheet = fake.controller.spreadsheet(book_id).sheet_by_title(title)
    assert sheet is not None
    return sheet


def header_texts(sheet: Any) -> list[str]:
    return [
        str((c or {}).get("userEnteredValue", {}).get("stringValue", "")) for c in sheet.rows[0]
    ]


def rgb_hex(colour: Json) -> str:
    return "".join(f"{round(colour.get(k, 0) * 255):02X}" for k in ("red", "green", "blue"))


def strip(fake: FakeServer, book_id: str, piece: str) -> None:
    """Remove one piece of layout from every sheet, as staff could in the Google UI."""
    with fake.store.lock:
        for sheet in fake.controller.spreadsheet(book_id).sheets:
            if piece == "freeze":
                sheet.grid.pop("frozenRowCount", None)
            elif piece == "formats":
                sheet.conditional_formats.clear()
            elif piece == "filter":
                sheet.basic_filter = None
            elif piece == "protections":
                sheet.protected_ranges.clear()
            for line in sheet.rows[:2]:
                for cell in line:
                    if cell is not None and piece == "notes":
                        cell.pop("note", None)
                    if cell is not None and piece == "dropdowns":
                        cell.pop("dataValidation", None)
                    if cell is not None and piece == "shading":
                        cell.get("userEnteredFormat", {}).pop("backgroundColor", None)


def test_state_columns_get_one_rule_per_word_in_its_tone(fake_sheets: FakeServer) -> None:
    book_id, _ = synced_book(fake_sheets)
    pairs = sheet_of(fake_sheets, book_id, "Пары")
    column = header_texts(pairs).index("Состояние")
    rules = {
        r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]: r
        for r in pairs.conditional_formats
    }
    assert rules["нет встреч "]["booleanRule"]["condition"]["type"] == "TEXT_STARTS_WITH"
    assert rules["срок истёк"]["booleanRule"]["condition"]["type"] == "TEXT_EQ"
    assert rgb_hex(rules["срок истёк"]["booleanRule"]["format"]["backgroundColor"]) == "FFC7CE"
    assert rgb_hex(rules["ок"]["booleanRule"]["format"]["backgroundColor"]) == "C6EFCE"
    assert all(r["ranges"][0]["startColumnIndex"] == column for r in rules.values())
    errors = sheet_of(fake_sheets, book_id, "Ошибки")
    words = [
        r["booleanRule"]["condition"]["values"][0]["userEnteredValue"]
        for r in errors.conditional_formats
    ]
    assert words == ["ошибка", "предупреждение"]
    assert TONE_FILLS  # the palette the hex values above come from


def test_every_sheet_has_a_filter_a_frozen_wrapped_header_and_service_tabs_first(
    fake_sheets: FakeServer,
) -> None:
    book_id, _ = synced_book(fake_sheets)
    book = fake_sheets.controller.spreadsheet(book_id)
    assert [s.title for s in book.sheets][:3] == ["Сводка", "Просрочено", "Ошибки"]
    for spec in sheets_schema.ALL_SHEETS:
        sheet = sheet_of(fake_sheets, book_id, spec.title)
        assert sheet.grid.get("frozenRowCount") == 1
        assert sheet.basic_filter is not None and sheet.basic_filter["range"]["startRowIndex"] == 0
        header = [c for c in sheet.rows[0] if c]
        assert all(c["userEnteredFormat"]["wrapStrategy"] == "WRAP" for c in header)


@pytest.mark.parametrize("piece", PIECES)
def test_init_restores_each_stripped_piece_then_writes_nothing(
    fake_sheets: FakeServer, piece: str
) -> None:
    book_id, workbook = synced_book(fake_sheets)
    before = fake_sheets.controller.state_of(book_id)
    strip(fake_sheets, book_id, piece)
    changes = run_init(workbook)
    assert not changes.writes  # layout only
    repaired = {fmt.sheet for fmt in changes.sheet_formats}
    if piece == "formats":  # only the sheets with a state or level column had rules
        assert repaired == {"Пары", "Этапы программ", "Дорожная карта", "План-график"} | {
            "Просрочено",
            "Ошибки",
        }
    else:
        assert len(repaired) >= 10
    after = fake_sheets.controller.state_of(book_id)
    for old, new in zip(before["sheets"], after["sheets"], strict=True):
        assert old["properties"]["title"] == new["properties"]["title"]
        assert values(old) == values(new)  # data untouched
        assert len(new.get("conditionalFormats", [])) == len(old.get("conditionalFormats", []))
        assert len(new.get("protectedRanges", [])) == len(old.get("protectedRanges", []))
        assert notes_and_checks(new) == notes_and_checks(old)
        assert new["properties"]["gridProperties"].get("frozenRowCount") == 1
    fake_sheets.controller.reset()
    assert run_init(workbook).is_empty
    assert fake_sheets.controller.writes == 0


def values(sheet: Json) -> list[list[Any]]:
    """Entered values, trailing blanks dropped (formats may extend the stored grid)."""
    rows = [[(c or {}).get("userEnteredValue") for c in row] for row in sheet.get("rows", [])]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def notes_and_checks(sheet: Json) -> tuple[set[int], set[int]]:
    rows = sheet.get("rows", [])
    notes = {i for i, c in enumerate(rows[0] if rows else []) if (c or {}).get("note")}
    checks = {
        i for i, c in enumerate(rows[1] if len(rows) > 1 else []) if (c or {}).get("dataValidation")
    }
    return notes, checks


def test_widths_header_height_and_long_text_wrap_are_requested(fake_sheets: FakeServer) -> None:
    book_id = create_google_book(fake_sheets, {})
    fake_sheets.controller.reset()
    run_init(google_workbook(fake_sheets, book_id))
    (batch,) = [r for r in fake_sheets.controller.requests if r.method == "POST"]
    sheet = sheet_of(fake_sheets, book_id, "Просрочено")
    header = header_texts(sheet)
    sizes: dict[tuple[str, int], int] = {}
    wrapped: set[int] = set()
    for request in batch.body["requests"]:
        dims = request.get("updateDimensionProperties", {})
        if dims.get("range", {}).get("sheetId") == sheet.sheet_id:
            span = dims["range"]
            sizes[(span["dimension"], span["startIndex"])] = dims["properties"]["pixelSize"]
        cell = request.get("repeatCell", {})
        if cell.get("range", {}).get("sheetId") == sheet.sheet_id:
            fmt = cell["cell"]["userEnteredFormat"]
            if fmt.get("wrapStrategy") == "WRAP" and cell["range"]["startRowIndex"] == 1:
                wrapped.add(cell["range"]["startColumnIndex"])
    assert sizes[("COLUMNS", header.index("Что"))] == 60 * 7 + 12  # width 60 characters
    assert sizes[("COLUMNS", header.index("Срок"))] == 14 * 7 + 12
    assert sizes[("ROWS", 0)] == 2 * 17 + 4  # «Просрочено, дней» takes two lines
    assert wrapped == {header.index("Что"), header.index("Ответственный")}
