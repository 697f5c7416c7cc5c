"""One definition per figure, used everywhere (issue 11)."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.readers import ReadError, read_int
from nastavnik.sheets_schema.service import JOURNAL
from nastavnik.sheets_schema.sheets import pairs, teachers
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.compute import compute
from nastavnik.sync.engine import run_init
from nastavnik.sync.parse import parse
from nastavnik.sync.service.summary import summary_indicators
from nastavnik.sync.snapshot import Cell
from tests import factories as f
from tests.engine_helpers import column, memory_workbook, sync


def test_the_journal_counts_the_cells_the_console_counts() -> None:
    workbook = memory_workbook(meetings=[f.meeting()])
    report = sync(workbook)
    [logged] = column(workbook, JOURNAL, "Ячеек изменено")
    assert logged == report.changes.cells_changed  # the journal row's own cells included


def test_month_and_year_counts_include_the_same_meetings() -> None:
    snap = f.workbook(
        meetings=[
            f.meeting(day=date(2025, 11, 10)),
            f.meeting(day=date(2025, 11, 12), pair_code="НП-777"),  # no such pair
            f.meeting(day=date(2025, 10, 1)),
        ]
    )
    values = {i.label: i.value for i in summary_indicators(compute(parse(snap), f.TODAY))}
    assert values["Встреч в этом месяце"] == 1  # November: the НП-001 meeting only
    assert values["Встреч за учебный год"] == 2  # НП-001 in October and November


def test_a_misspelled_mentor_is_not_copied_into_the_teachers_sheet() -> None:
    snap = f.workbook(pairs=[f.pair(mentor="Иванова Мария Петровнаа")])
    outcome = compute(parse(snap), f.TODAY)
    mentee_row = 3  # f.people(): the mentor, then the mentee
    assert outcome.cells[teachers.TITLE][mentee_row]["Наставник сейчас"] is None
    assert any(p.sheet == pairs.TITLE and p.column == "Наставник" for p in outcome.problems)


def test_a_whole_number_column_hints_a_whole_number() -> None:
    for text in ("четыре", "4,5", True):
        try:
            read_int(text)
        except ReadError as error:
            assert "4,5" not in error.fix and "целое число" in error.fix
        else:
            raise AssertionError(text)


def test_init_adds_the_leaving_date_at_the_right_end_of_an_old_sheet() -> None:
    old: list[Cell] = [h for h in f.headers(teachers.SPEC) if h != "Дата увольнения"]
    row: list[Cell] = [None] * len(old)
    row[old.index("ФИО")] = "Петрова Анна Сергеевна"
    grid = [old, row]
    workbook = MemoryWorkbook.from_grids({teachers.TITLE: grid})
    run_init(workbook)
    header = workbook.grid(teachers.TITLE)[0]
    assert header[: len(old)] == old  # nothing moved
    assert header[len(old)] == "Дата увольнения"
    assert workbook.grid(teachers.TITLE)[1][old.index("ФИО")] == "Петрова Анна Сергеевна"
