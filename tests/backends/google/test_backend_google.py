"""The Google backend over real HTTP against the fake Sheets server: requests, reads, writes, init.

Every request body the backend sends is checked by the fake against the Sheets v4
discovery document, so a test that passes here sent only valid requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pytest

from nastavnik.sheets_schema.service import JOURNAL
from nastavnik.sheets_schema.sheets import meetings, pairs, teachers
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.changeset import CellWrite, ChangeSet
from nastavnik.sync.engine import RunReport, run_init, run_sync
from nastavnik.sync.snapshot import Link
from tests import factories as f
from tests.backend_harnesses import Grids, create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer, RecordedRequest

Json = dict[str, Any]


def _book(fake: FakeServer, grids: Grids) -> tuple[str, GoogleWorkbook]:
    book_id = create_google_book(fake, grids)
    return book_id, google_workbook(fake, book_id)


def _sync(workbook: GoogleWorkbook, today: date = f.TODAY) -> RunReport:
    return run_sync(workbook, today, clock)


def _kinds(request: RecordedRequest) -> list[str]:
    return [next(iter(r)) for r in request.body["requests"]]


def _cell(fake: FakeServer, book_id: str, title: str, row: int, column: int) -> Json:
    sheet = fake.controller.spreadsheet(book_id).sheet_by_title(title)
    assert sheet is not None
    return dict(sheet.cell(row - 1, column) or {})


# --- request counts ----------------------------------------------------------------------


def _counts(fake: FakeServer) -> tuple[int, int]:
    return fake.controller.reads, fake.controller.writes


def test_init_then_sync_then_rerun_request_counts(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {})
    ctl = fake_sheets.controller

    ctl.reset()
    run_init(workbook)
    assert _counts(fake_sheets) == (2, 1)  # metadata + values, one batchUpdate

    ctl.reset()
    assert run_init(workbook).is_empty
    assert _counts(fake_sheets) == (3, 0)  # + the layout read (notes, checks); no write

    grid = f.grid(teachers.SPEC, f.people())
    ctl.set_values(book_id, f"'{teachers.TITLE}'!A1", [list(r) for r in grid[1:]], "RAW")
    ctl.reset()
    report = _sync(workbook)
    assert report.written
    # metadata, values; anchors with the structure; the anchored cells
    assert (ctl.reads, ctl.writes) == (2, 2)
    assert report.requests == ctl.total

    ctl.reset()
    again = _sync(workbook)
    assert not again.written and again.changes.is_empty
    assert _counts(fake_sheets) == (2, 0)
    assert again.requests == 2


@pytest.mark.parametrize("meetings_count", [1, 400])
def test_requests_do_not_grow_with_rows_or_sheets(
    fake_sheets: FakeServer, meetings_count: int
) -> None:
    rows = [f.meeting(day=date(2025, 9, 1 + i % 28)) for i in range(meetings_count)]
    extra = (
        {"feedback": [f.feedback_answer()], "training": [f.course()]} if meetings_count > 1 else {}
    )
    _, workbook = _book(fake_sheets, grids_of(f.workbook(meetings=rows, **extra)))
    fake_sheets.controller.reset()
    report = _sync(workbook)
    assert report.written
    assert (fake_sheets.controller.reads, fake_sheets.controller.writes) == (2, 2)
    fake_sheets.controller.reset()
    assert _sync(workbook).changes.is_empty
    assert _counts(fake_sheets) == (2, 0)


def test_exists_primes_the_next_read(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, grids_of(f.workbook()))
    fake_sheets.controller.reset()
    assert workbook.exists()
    assert workbook.name == "Наставничество"
    snapshot = workbook.read([teachers.TITLE])
    assert fake_sheets.controller.total == 2 and snapshot.requests == 2


# --- reading -----------------------------------------------------------------------------


def test_read_asks_only_for_needed_fields_and_quotes_titles(fake_sheets: FakeServer) -> None:
    grids: Grids = {
        JOURNAL.title: [["Время"]],
        "It's mine": [["A"], [1]],
        teachers.TITLE: [["ФИО"], ["Иванова"]],
    }
    _, workbook = _book(fake_sheets, grids)
    fake_sheets.controller.reset()
    snapshot = workbook.read([JOURNAL.title, "it's MINE", teachers.TITLE])
    meta, values = fake_sheets.controller.requests
    assert meta.method == "GET" and meta.query["includeGridData"] == ["false"]
    fields = meta.query["fields"][0]
    assert "sheets(properties(sheetId,title,index,hidden," in fields
    assert "gridProperties(rowCount,columnCount,frozenRowCount))" in fields
    assert "merges" in fields
    assert ",data(" not in fields and "rowData" not in fields  # no grid data
    assert values.path.endswith("values:batchGet")
    assert values.query["ranges"] == [
        "'Журнал синхронизации'",
        "'It''s mine'",
        f"'{teachers.TITLE}'",
    ]
    assert values.query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert values.query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert snapshot.tables["It's mine"].rows == ((1,),)
    assert snapshot.order == (JOURNAL.title, "It's mine", teachers.TITLE)


def test_read_keeps_values_as_typed(fake_sheets: FakeServer) -> None:
    grids: Grids = {"Лист": [["a", "b", "c", "d"], ["007", "=1+1", 3.5, True], [], ["x"]]}
    _, workbook = _book(fake_sheets, grids)
    table = workbook.read(["Лист"]).tables["Лист"]
    assert table.rows == (("007", "=1+1", 3.5, True), (), ("x",))


def test_declared_date_columns_read_as_dates_before_init(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, grids_of(f.workbook()))
    table = workbook.read([teachers.TITLE]).tables[teachers.TITLE]
    column = table.column_index("Дата начала педагогической деятельности")
    assert column is not None
    assert table.value(2, column) == date(2010, 9, 1)


def test_no_values_request_when_no_requested_sheet_exists(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, {"Своё": [["x"]]})
    fake_sheets.controller.reset()
    snapshot = workbook.read([teachers.TITLE])
    assert snapshot.tables == {} and snapshot.order == ("Своё",)
    assert fake_sheets.controller.total == 1


# --- writing -----------------------------------------------------------------------------


def test_text_is_written_raw_and_dates_as_formatted_serials(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {"Лист": [["a", "b", "c", "d", "e"]]})
    writes = (
        CellWrite("Лист", 2, 0, "=SUM(A1)"),
        CellWrite("Лист", 2, 1, "007"),
        CellWrite("Лист", 2, 2, date(2025, 9, 1), True),
        CellWrite("Лист", 2, 3, datetime(2025, 9, 1, 8, 30), True),
        CellWrite("Лист", 2, 4, "1,5"),
    )
    workbook.apply(ChangeSet(writes=writes), workbook.read(["Лист"]))
    assert _cell(fake_sheets, book_id, "Лист", 2, 0)["userEnteredValue"] == {
        "stringValue": "=SUM(A1)"
    }
    assert _cell(fake_sheets, book_id, "Лист", 2, 1)["userEnteredValue"] == {"stringValue": "007"}
    dated = _cell(fake_sheets, book_id, "Лист", 2, 2)
    assert dated["userEnteredValue"] == {"numberValue": 45901}
    assert dated["userEnteredFormat"]["numberFormat"]["type"] == "DATE"
    timed = _cell(fake_sheets, book_id, "Лист", 2, 3)
    assert timed["userEnteredFormat"]["numberFormat"]["type"] == "DATE_TIME"
    table = workbook.read(["Лист"]).tables["Лист"]
    assert table.rows == (
        ("=SUM(A1)", "007", date(2025, 9, 1), datetime(2025, 9, 1, 8, 30), "1,5"),
    )


def test_contiguous_cells_become_one_update_per_rectangle(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, {"Лист": [["a", "b", "c", "d"], *[["x"]] * 60]})
    snapshot = workbook.read(["Лист"])
    writes = [CellWrite("Лист", row, col, f"{row}:{col}") for row in range(2, 62) for col in (1, 2)]
    writes += [CellWrite("Лист", 90, 3, "одна")]  # past the grid's 81 rows
    fake_sheets.controller.reset()
    workbook.apply(ChangeSet(writes=tuple(writes)), snapshot)
    batch, anchored = fake_sheets.controller.requests  # row 90 is below the data: anchored
    updates = [r["updateCells"] for r in batch.body["requests"] if "updateCells" in r]
    assert [(u["range"]["startRowIndex"], u["range"]["endRowIndex"]) for u in updates] == [(1, 61)]
    assert _kinds(batch)[0] == "updateSheetProperties"  # the grid grows first
    assert _kinds(batch).count("createDeveloperMetadata") == 3  # 2 row anchors + their note
    assert len(updates[0]["rows"]) == 60 and len(updates[0]["rows"][0]["values"]) == 2
    assert batch.body["responseRanges"] == ["'Лист'!1:1", "'Лист'!90:90"]
    assert anchored.path.endswith("values:batchUpdateByDataFilter")
    assert [d["values"] for d in anchored.body["data"]] == [[[None, None, None, "одна"]]]


def test_a_write_removes_the_anchors_the_last_one_left(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, {"Лист": [["a", "b"]]})

    def append(row: int) -> None:
        workbook.apply(ChangeSet(writes=(CellWrite("Лист", row, 1, "x"),)), workbook.read(["Лист"]))

    def anchors() -> int:
        book = fake_sheets.controller.spreadsheet(workbook.api.spreadsheet_id)
        return sum(len(sheet.dimension_metadata) for sheet in book.sheets)

    append(2)
    assert anchors() == 2  # the header and row 2
    append(3)
    assert anchors() == 2  # the header and row 3: those of row 2 are gone
    notes = fake_sheets.controller.state_of(workbook.api.spreadsheet_id)["developerMetadata"]
    assert [m["metadataKey"] for m in notes] == ["nastavnik_anchored"]


def test_links_point_at_the_cell_without_a_formula(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {"Ошибки": [["Ссылка"]], teachers.TITLE: [["ФИО"]]})
    gid = fake_sheets.controller.sheet_properties(book_id, teachers.TITLE)["sheetId"]
    link = Link(teachers.TITLE, "B7", f"{teachers.TITLE}!B7")
    workbook.apply(ChangeSet(writes=(CellWrite("Ошибки", 2, 0, link),)), workbook.read([]))
    cell = _cell(fake_sheets, book_id, "Ошибки", 2, 0)
    assert cell["userEnteredValue"] == {"stringValue": f"{teachers.TITLE}!B7"}
    assert cell["textFormatRuns"][0]["format"]["link"]["uri"] == f"#gid={gid}&range=B7"
    table = workbook.read(["Ошибки"]).tables["Ошибки"]
    assert table.value(2, 0) == f"{teachers.TITLE}!B7"
    workbook.apply(ChangeSet(writes=(CellWrite("Ошибки", 2, 0, "текст"),)), workbook.read([]))
    assert "textFormatRuns" not in _cell(fake_sheets, book_id, "Ошибки", 2, 0)


def test_nothing_is_sent_for_an_empty_changeset(fake_sheets: FakeServer) -> None:
    _, workbook = _book(fake_sheets, {"Лист": [["a"]]})
    snapshot = workbook.read(["Лист"])
    fake_sheets.controller.reset()
    assert workbook.apply(ChangeSet(), snapshot).requests == 0
    assert fake_sheets.controller.total == 0


# --- init layout -------------------------------------------------------------------------


def _sheet_state(fake: FakeServer, book_id: str, title: str) -> Json:
    state = fake.controller.state_of(book_id)
    return next(s for s in state["sheets"] if s["properties"]["title"] == title)


def _validation(fake: FakeServer, book_id: str, title: str, header: str) -> Json:
    state = _sheet_state(fake, book_id, title)
    column = state["rows"][0].index(next(c for c in state["rows"][0] if _text(c) == header))
    rule: Json = _cell(fake, book_id, title, 2, column)["dataValidation"]
    return rule


def _text(cell: Any) -> str:
    return str((cell or {}).get("userEnteredValue", {}).get("stringValue", ""))


def test_init_lays_out_a_fresh_spreadsheet(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {})
    fake_sheets.controller.reset()
    run_init(workbook)
    (_, _, batch) = fake_sheets.controller.requests
    kinds = set(_kinds(batch))
    assert {"addSheet", "deleteSheet", "setDataValidation", "addProtectedRange"} <= kinds
    assert {"addConditionalFormatRule", "createDeveloperMetadata", "repeatCell"} <= kinds
    titles = [s["properties"]["title"] for s in fake_sheets.controller.state_of(book_id)["sheets"]]
    assert "Лист1" not in titles and teachers.TITLE in titles  # the empty default sheet went

    pairs_state = _sheet_state(fake_sheets, book_id, pairs.TITLE)
    assert pairs_state["properties"]["gridProperties"]["frozenRowCount"] == 1
    header = pairs_state["rows"][0]
    assert all(c["userEnteredFormat"]["textFormat"]["bold"] for c in header if _text(c))
    status = _validation(fake_sheets, book_id, pairs.TITLE, "Статус")
    assert status["condition"]["type"] == "ONE_OF_LIST" and not status.get("strict")
    mentor = _validation(fake_sheets, book_id, pairs.TITLE, "Наставник")
    assert mentor["condition"]["type"] == "ONE_OF_RANGE"
    assert mentor["condition"]["values"][0]["userEnteredValue"].startswith("='Педагоги'!$")
    start = _validation(fake_sheets, book_id, pairs.TITLE, "Дата начала")
    assert start["condition"]["type"] == "DATE_IS_VALID"

    protections = pairs_state["protectedRanges"]
    assert protections and all(p["warningOnly"] for p in protections)
    assert all(p["description"].startswith("nastavnik") for p in protections)
    state_col = [_text(c) for c in header].index("Состояние")
    rules = pairs_state["conditionalFormats"]
    assert {r["booleanRule"]["condition"]["values"][0]["userEnteredValue"] for r in rules} == {
        "срок истёк",
        "нет программы",
        "нет встреч ",
        "ок",
        "завершена",
        "планируется",
    }
    assert all(r["ranges"][0]["startColumnIndex"] == state_col for r in rules)
    check = [_text(c) for c in header].index("Проверка")
    assert header[check]["note"].endswith("Заполняется автоматически.")
    grey = _cell(fake_sheets, book_id, pairs.TITLE, 5, check)["userEnteredFormat"]
    assert grey["backgroundColor"]["red"] < 1
    metadata = fake_sheets.controller.state_of(book_id)["developerMetadata"]
    assert any(m["metadataKey"] == "nastavnik_layout" for m in metadata)


def test_a_changed_layout_replaces_ours_without_duplicates(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {})
    run_init(workbook)
    before = _sheet_state(fake_sheets, book_id, pairs.TITLE)
    with fake_sheets.store.lock:
        book = fake_sheets.controller.spreadsheet(book_id)
        stamp = next(m for m in book.developer_metadata if m["metadataKey"] == "nastavnik_layout")
        stamp["metadataValue"] = "an older layout"
    fake_sheets.controller.reset()
    changes = run_init(workbook)
    assert changes.column_formats and fake_sheets.controller.writes == 1
    after = _sheet_state(fake_sheets, book_id, pairs.TITLE)
    assert len(after["protectedRanges"]) == len(before["protectedRanges"])
    assert len(after["conditionalFormats"]) == len(before["conditionalFormats"])
    assert run_init(workbook).is_empty


def test_a_default_sheet_with_data_is_kept(fake_sheets: FakeServer) -> None:
    book_id, workbook = _book(fake_sheets, {"Лист1": [["моё"]]})
    run_init(workbook)
    titles = [s["properties"]["title"] for s in fake_sheets.controller.state_of(book_id)["sheets"]]
    assert "Лист1" in titles
    assert titles[:3] == ["Сводка", "Просрочено", "Ошибки"]  # service sheets first


def test_sync_on_google_matches_the_memory_backend(fake_sheets: FakeServer) -> None:
    from nastavnik.sync.backends.memory import MemoryWorkbook

    grids = grids_of(f.workbook(meetings=[f.meeting()]))
    _, workbook = _book(fake_sheets, grids)
    memory = MemoryWorkbook.from_grids(grids)
    google_report, memory_report = _sync(workbook), run_sync(memory, f.TODAY, clock)
    assert _writes(google_report.changes.writes) == _writes(memory_report.changes.writes)
    for spec in (teachers.SPEC, pairs.SPEC, meetings.SPEC):
        snapshot = workbook.read([spec.title])
        google_rows = [list(r) for r in snapshot.tables[spec.title].rows]
        memory_rows = [_trim(r) for r in memory.grid(spec.title)[1:]]
        assert [_trim(r) for r in google_rows] == memory_rows, spec.title


def _writes(writes: Sequence[CellWrite]) -> list[tuple[str, int, int, object]]:
    return sorted(
        (w.sheet, w.row, w.column, str(w.value)) for w in writes if w.sheet != JOURNAL.title
    )


def _trim(row: Sequence[object]) -> list[object]:
    cells = list(row)
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


def test_benchmark_report_ends_with_the_summary_line() -> None:
    from benchmarks import google_compare as bench

    def measured(requests: int, seconds: float, mib: float) -> bench.Measured:
        return bench.Measured(
            requests=requests, reads=2, writes=requests - 2, seconds=seconds, mib=mib,
            cells=10, note="", largest=requests * 1000,
        )  # fmt: skip

    rows = [
        ("nastavnik", measured(4, 1.5, 20.0)),
        ("nastavnik", measured(2, 0.5, 10.0)),
        ("naive", measured(6989, 400.0, 8.0)),
    ]
    lines = bench.report("typical", rows)
    assert lines[-1] == (
        "nastavnik: 4 requests, 1.50 s, 20 MiB; naive: 6989 requests, 400.00 s, 8 MiB"
    )
    assert lines[-2] == "largest request body: 4000 bytes"
    assert "1747×" in lines[-3]
