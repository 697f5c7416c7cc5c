"""Staff keep typing while a sync runs: edits between two requests, on the fake server.

A sync is: 1 metadata, 2 values, 3 guard (re-read of the rows in play), 4 write. Each edit
here lands between the values read and the guard, the window in which the plan is made.
After the sync: the staff edit is there, every row has its own computed values (a further
sync finds nothing to change) and keys stayed with their people.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.engine import RunReport, run_sync
from tests import factories as f
from tests.backend_harnesses import create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer, staff
from tests.fake_sheets.state import StaffEdit

LATER = date(2026, 11, 20)  # a year on: everyone's experience changes, every row is written
THIRD = "Сидорова Анна Ильинична"
T = teachers.TITLE


def _synced(fake: FakeServer) -> tuple[str, GoogleWorkbook]:
    rows = [f.teacher(), f.young_teacher(), f.young_teacher(fio=THIRD)]
    book_id = create_google_book(fake, grids_of(f.workbook(teachers=rows)))
    workbook = google_workbook(fake, book_id)
    run_sync(workbook, f.TODAY, clock)
    return book_id, workbook


def _column(workbook: GoogleWorkbook, header: str) -> list[object]:
    table = workbook.read([T]).tables[T]
    index = table.column_index(header)
    assert index is not None
    return [table.value(row, index) for row, _ in table.numbered_rows()]


def _codes(workbook: GoogleWorkbook) -> dict[object, object]:
    return dict(zip(_column(workbook, "ФИО"), _column(workbook, "Код"), strict=True))


def _column_number(workbook: GoogleWorkbook, header: str) -> int:
    table = workbook.read([T]).tables[T]
    index = table.column_index(header)
    assert index is not None
    return index + 1


def _sync_with(fake: FakeServer, workbook: GoogleWorkbook, edit: StaffEdit) -> RunReport:
    fake.controller.reset()
    fake.controller.before_request(3, edit)  # after the values read, before the guard
    report = run_sync(workbook, LATER, clock)
    assert fake.controller.requests[2].status == 200
    return report


def _consistent(workbook: GoogleWorkbook) -> None:
    """Nothing left to fix: every computed cell belongs to its own row."""
    assert run_sync(workbook, LATER, clock).changes.is_empty


EDITS: dict[str, Callable[[str, GoogleWorkbook], StaffEdit]] = {
    "cell change": lambda book, wb: staff.set_value(
        book, 3, _column_number(wb, "Предмет / направление"), "химия", T
    ),
    "row insert": lambda book, wb: staff.insert_rows(book, 2, 1, T),
    "row delete": lambda book, wb: staff.delete_rows(book, 2, 1, T),
    "sort": lambda book, wb: staff.sort_rows(
        book, _column_number(wb, "ФИО") - 1, descending=True, sheet=T
    ),
}


NEWCOMER = "Кузнецова Вера Павловна"


@pytest.mark.parametrize("before", [1, 2, 3, 4])
@pytest.mark.parametrize("kind", list(EDITS))
def test_staff_edit_before_any_request_never_lands_in_a_wrong_row(
    fake_sheets: FakeServer, kind: str, before: int
) -> None:
    """Each edit before request `before` of a sync that codes a new row and writes every row.

    Requests: 1 metadata, 2 values, 3 structure + row anchors (checked in its answer),
    4 the cells through the anchors. Whatever the instant: no key overwritten, no code
    used twice, the edit kept, and the workbook consistent (an edit between 3 and 4 leaves
    that row's computed cells to the next sync, as the README says).
    """
    book_id, workbook = _synced(fake_sheets)
    fake_sheets.controller.apply(staff.append_row(book_id, ["", NEWCOMER, "учитель"], T))
    codes = {k: v for k, v in _codes(workbook).items() if v is not None}
    edit = EDITS[kind](book_id, workbook)
    fake_sheets.controller.reset()
    fake_sheets.controller.before_request(before, edit)
    assert run_sync(workbook, LATER, clock).written
    run_sync(workbook, LATER, clock)
    _consistent(workbook)
    after = _codes(workbook)
    gone = f.MENTOR if kind == "row delete" else None
    assert {k: v for k, v in after.items() if k in codes} == {
        k: v for k, v in codes.items() if k != gone
    }
    assigned = [v for v in after.values() if v is not None]
    assert len(assigned) == len(set(assigned)) == len(after) - (kind == "row insert")
    assert after[NEWCOMER] not in codes.values()
    if kind == "cell change":
        assert "химия" in _column(workbook, "Предмет / направление")
    if kind == "sort":
        assert _column(workbook, "ФИО") == [THIRD, f.MENTEE, NEWCOMER, f.MENTOR]


def test_a_redone_attempt_is_counted_in_the_journal(fake_sheets: FakeServer) -> None:
    book_id, workbook = _synced(fake_sheets)
    fake_sheets.controller.apply(staff.append_row(book_id, ["", NEWCOMER, "учитель"], T))
    edit = EDITS["row insert"](book_id, workbook)
    fake_sheets.controller.reset()
    fake_sheets.controller.before_request(3, edit)  # anchors find a moved row: read again
    report = run_sync(workbook, LATER, clock)
    sent = fake_sheets.controller.total
    assert sent > 4  # the first attempt's requests, then a whole second cycle
    journal = fake_sheets.controller.get_values(book_id, "'Журнал синхронизации'")
    column = journal[0].index("Запросов к API")
    assert journal[-1][column] == sent == report.requests


def test_typed_row_where_we_meant_to_append_is_kept(fake_sheets: FakeServer) -> None:
    book_id, workbook = _synced(fake_sheets)
    journal = "Журнал синхронизации"
    rows = fake_sheets.controller.get_values(book_id, f"'{journal}'")
    edit = staff.set_value(book_id, len(rows) + 1, 1, "моя заметка", journal)
    report = _sync_with(fake_sheets, workbook, edit)
    assert report.written
    values = fake_sheets.controller.get_values(book_id, f"'{journal}'")
    assert values[len(rows)][0] == "моя заметка"  # our journal row went below it


def test_input_edit_just_before_the_write_is_never_overwritten(fake_sheets: FakeServer) -> None:
    book_id, workbook = _synced(fake_sheets)
    subject = _column_number(workbook, "Предмет / направление")
    fake_sheets.controller.before_first_write(staff.set_value(book_id, 3, subject, "химия", T))
    assert run_sync(workbook, LATER, clock).written
    assert _column(workbook, "Предмет / направление")[1] == "химия"
    _consistent(workbook)
