"""A Google form's response sheet in the spreadsheet, on the fake Sheets server (gspread, HTTP).

A sync gives the hand-written figures and problems of tests/survey_fixtures.py, stores nothing
in the response sheet, and reads it in the same batchGet: no extra read request.

Google Forms writes each submission's timestamp as a date-time value formatted
dd.MM.yyyy H:mm:ss (Russian locale). nastavnik reads values UNFORMATTED / SERIAL_NUMBER
(sync/backends/google/http.py), so such a cell comes back as its serial number, not a date.
"""

from __future__ import annotations

from nastavnik.sheets_schema import survey
from nastavnik.sync.a1 import quote_title
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.snapshot import Cell
from tests import survey_fixtures as sf
from tests.backend_harnesses import create_google_book, google_workbook
from tests.fake_sheets import FakeServer
from tests.responses_support import (
    ERRORS,
    MONITORING,
    assert_expected_problems,
    assert_figures,
    feedback_figures,
    listed,
    sync,
)

FORMS_TIMESTAMP = {"type": "DATE_TIME", "pattern": "dd.MM.yyyy H:mm:ss"}


def google_forms_book(
    fake: FakeServer, named: str | None = sf.GOOGLE_TITLE
) -> tuple[str, GoogleWorkbook]:
    """The must-hold school with its form's response sheet, timestamps formatted as Forms does."""
    grids = sf.school_grids(named, {sf.GOOGLE_TITLE: sf.google_forms_grid(sf.ANSWERS)})
    book_id = create_google_book(fake, grids)
    with fake.store.lock:
        sheet = fake.controller.spreadsheet(book_id).sheet_by_title(sf.GOOGLE_TITLE)
        assert sheet is not None
        for line in sheet.rows[1:]:
            line[0] = {**(line[0] or {}), "userEnteredFormat": {"numberFormat": FORMS_TIMESTAMP}}
    return book_id, google_workbook(fake, book_id)


def test_form_timestamps_show_as_a_russian_date_time_and_read_as_serial_numbers(
    fake_sheets: FakeServer,
) -> None:
    book_id, workbook = google_forms_book(fake_sheets)
    shown = fake_sheets.controller.get_values(
        book_id, f"'{sf.GOOGLE_TITLE}'!A2:B3", "FORMATTED_VALUE"
    )
    assert shown == [
        ["03.12.2025 10:15:00", "Иванова Мария Петровна"],
        ["03.12.2025 18:40:12", "Петров Пётр Сергеевич"],
    ]
    table = workbook.read([sf.GOOGLE_TITLE]).tables[sf.GOOGLE_TITLE]
    sent = table.rows[0][0]
    # 03.12.2025 is day 45994 after 30.12.1899; 10:15 is 10.25 / 24 of a day.
    assert isinstance(sent, float)
    assert abs(sent - (45994 + 10.25 / 24)) < 1e-6
    assert tuple(table.rows[7][3:6]) == (11, 5, 6)  # scores as numbers, the 11 as typed
    assert table.rows[0][2] is None  # «Код пары» left blank


def sheet_state(fake: FakeServer, book_id: str, title: str) -> object:
    """Everything stored for one sheet (cells with their formats, properties, rules…) but its
    tab position: the first sync adds nastavnik's own sheets after the registry's, before it."""
    sheets = fake.controller.state_of(book_id)["sheets"]
    found = next(s for s in sheets if s["properties"]["title"] == title)
    return {**found, "properties": {k: v for k, v in found["properties"].items() if k != "index"}}


def values(fake: FakeServer, book_id: str, title: str) -> list[list[Cell]]:
    """A sheet's values as the values API gives them ("" read as blank)."""
    rows = fake.controller.get_values(book_id, quote_title(title))
    return [[None if v == "" else v for v in row] for row in rows]


def test_sync_gives_the_figures_and_problems_and_leaves_the_form_sheet_as_it_was(
    fake_sheets: FakeServer,
) -> None:
    book_id, workbook = google_forms_book(fake_sheets)
    before = sheet_state(fake_sheets, book_id, sf.GOOGLE_TITLE)
    report = sync(workbook)
    assert report.written
    assert sheet_state(fake_sheets, book_id, sf.GOOGLE_TITLE) == before
    assert_figures(values(fake_sheets, book_id, MONITORING))
    assert_expected_problems(values(fake_sheets, book_id, ERRORS), sf.GOOGLE_TITLE, sf.google_cell)


def test_a_response_sheet_costs_no_extra_read_request(fake_sheets: FakeServer) -> None:
    ctl = fake_sheets.controller
    reads = []
    for named in (None, sf.GOOGLE_TITLE):
        sheets = {sf.GOOGLE_TITLE: sf.google_forms_grid(sf.ANSWERS)} if named else {}
        book_id = create_google_book(fake_sheets, sf.school_grids(named, sheets))
        workbook = google_workbook(fake_sheets, book_id)
        counts = []
        for _ in range(2):  # the first sync lays the sheets out; the second finds them laid out
            ctl.reset()
            sync(workbook)
            counts.append(ctl.reads)
            [batch] = [r for r in ctl.requests if r.path.endswith("values:batchGet")]
            read_it = any(sf.GOOGLE_TITLE in text for text in batch.query["ranges"])
            assert read_it == bool(named)  # in the one batchGet of every other sheet
        reads.append(counts)
    without, with_sheet = reads
    assert with_sheet == without == [2, 2]  # metadata + one values batchGet, each sync


def test_yandex_export_pasted_into_google_gives_the_same_figures(fake_sheets: FakeServer) -> None:
    grid = sf.yandex_grid(sf.ANSWERS)
    book_id = create_google_book(
        fake_sheets, sf.school_grids(sf.YANDEX_TITLE, {sf.YANDEX_TITLE: grid})
    )
    sync(google_workbook(fake_sheets, book_id))
    assert values(fake_sheets, book_id, sf.YANDEX_TITLE) == grid
    assert_figures(values(fake_sheets, book_id, MONITORING))
    assert_expected_problems(values(fake_sheets, book_id, ERRORS), sf.YANDEX_TITLE, sf.yandex_cell)


def test_a_form_sheet_not_named_is_offered_in_a_warning_and_not_counted(
    fake_sheets: FakeServer,
) -> None:
    book_id, workbook = google_forms_book(fake_sheets, named=None)
    before = sheet_state(fake_sheets, book_id, sf.GOOGLE_TITLE)
    sync(workbook)
    assert sheet_state(fake_sheets, book_id, sf.GOOGLE_TITLE) == before
    assert set(feedback_figures(values(fake_sheets, book_id, MONITORING)).values()) == {None}
    [(level, message, fix)] = listed(values(fake_sheets, book_id, ERRORS), sf.GOOGLE_TITLE).values()
    assert level == "предупреждение" and "не учитываются" in message
    assert survey.SETTING in fix
