"""A Google form's response sheet in the spreadsheet, on the fake Sheets server (gspread, HTTP).

Google Forms writes each submission's timestamp as a date-time value formatted
dd.MM.yyyy H:mm:ss (Russian locale). nastavnik reads values UNFORMATTED / SERIAL_NUMBER
(sync/backends/google/http.py), so such a cell comes back as its serial number, not a date.
"""

from __future__ import annotations

from nastavnik.sync.backends.google.backend import GoogleWorkbook
from tests import survey_fixtures as sf
from tests.backend_harnesses import create_google_book, google_workbook
from tests.fake_sheets import FakeServer

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
    assert tuple(table.rows[7][3:6]) == (5, 11, 6)  # scores as numbers, the 11 as typed
    assert table.rows[0][2] is None  # «Код пары» left blank
