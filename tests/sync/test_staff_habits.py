"""What staff really do to a spreadsheet, and that nastavnik copes with each habit."""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.sheets import meetings, pairs, teachers
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import run_validate
from nastavnik.sync.problems import Level
from tests import factories as f
from tests.engine_helpers import clock, column, memory_workbook, sync


def _errors(report_problems: tuple, sheet: str) -> list:  # type: ignore[type-arg]
    return [p for p in report_problems if p.sheet == sheet and p.level is Level.ERROR]


def test_reordered_columns_are_found_by_header() -> None:
    workbook = memory_workbook()
    grid = workbook.grid(teachers.TITLE)
    order = list(reversed(range(len(grid[0]))))
    workbook.sheets[teachers.TITLE] = [
        [row[i] if i < len(row) else None for i in order] for row in grid
    ]
    report = sync(workbook)
    assert not _errors(report.outcome.problems, teachers.TITLE)
    names = column(workbook, teachers.SPEC, "ФИО")
    young = column(workbook, teachers.SPEC, "Молодой специалист")
    assert dict(zip(names, young, strict=True)) == {f.MENTOR: "нет", f.MENTEE: "да"}


def test_extra_staff_columns_are_never_written() -> None:
    workbook = memory_workbook()
    grid = workbook.grid(teachers.TITLE)
    grid[0].insert(2, "Примечание")
    for row in grid[1:]:
        row.insert(2, None)
    grid[1][2] = "любимый учитель"
    sync(workbook)
    assert column(workbook, teachers.SPEC, "Примечание") == ["любимый учитель", None]


def test_optional_columns_may_be_left_out() -> None:
    workbook = memory_workbook()
    grid = workbook.grid(teachers.TITLE)
    keep = [
        i
        for i, h in enumerate(grid[0])
        if h not in {"Год рождения", "Email", "Предмет / направление"}
    ]
    workbook.sheets[teachers.TITLE] = [[row[i] for i in keep] for row in grid]
    report = sync(workbook)
    assert not _errors(report.outcome.problems, teachers.TITLE)
    assert "Email" not in workbook.grid(teachers.TITLE)[0]


def test_missing_required_column_is_a_sheet_error_and_other_sheets_still_sync() -> None:
    workbook = memory_workbook()
    grid = workbook.grid(pairs.TITLE)
    drop = grid[0].index("Статус")
    workbook.sheets[pairs.TITLE] = [row[:drop] + row[drop + 1 :] for row in grid]
    report = sync(workbook)
    sheet_level = [p for p in report.outcome.problems if p.sheet == pairs.TITLE and p.row is None]
    assert (
        sheet_level and sheet_level[0].level is Level.ERROR and "Статус" in sheet_level[0].message
    )
    assert set(column(workbook, pairs.SPEC, "Проверка")) == {None}
    assert column(workbook, teachers.SPEC, "Педстаж, лет") == [15, 1]


def test_missing_sheet_is_reported_and_created_by_sync() -> None:
    workbook = memory_workbook()
    del workbook.sheets[meetings.TITLE]
    report = sync(workbook)
    assert any(p.sheet == meetings.TITLE and p.row is None for p in report.outcome.problems)
    assert workbook.grid(meetings.TITLE)[0][:2] == ["Дата", "Код пары"]


def test_blank_rows_in_the_middle_are_skipped_and_keep_their_place() -> None:
    workbook = memory_workbook(teachers=[f.teacher(), {}, {}, f.young_teacher()])
    report = sync(workbook)
    assert report.registry.rows_read >= 2
    assert column(workbook, teachers.SPEC, "Код") == ["П-001", None, None, "П-002"]
    assert column(workbook, teachers.SPEC, "Проверка")[1:3] == [None, None]


def test_trailing_spaces_and_yo_variants_match_references() -> None:
    mentee = "Семёнова Алёна Игоревна"
    workbook = memory_workbook(
        teachers=[f.teacher(fio=f.MENTOR + "  "), f.young_teacher(fio=mentee)],
        pairs=[f.pair(mentor=" " + f.MENTOR.upper(), mentee="Семенова Алена Игоревна ")],
    )
    report = sync(workbook)
    assert not _errors(report.outcome.problems, pairs.TITLE)


@pytest.mark.parametrize(
    "typed", ["01.09.2024", "1.9.24", "2024-09-01", "1 сентября 2024", "01.09.2024 г."]
)
def test_dates_typed_as_text_are_read(typed: str) -> None:
    workbook = memory_workbook(teachers=[f.teacher(), f.young_teacher(career_start=typed)])
    report = sync(workbook)
    assert not _errors(report.outcome.problems, teachers.TITLE)
    assert column(workbook, teachers.SPEC, "Педстаж, лет")[1] == 1


def test_an_impossible_date_is_an_error_at_its_cell() -> None:
    workbook = memory_workbook(teachers=[f.teacher(), f.young_teacher(career_start="31.02.2025")])
    report = run_validate(workbook, f.TODAY, clock)
    (problem,) = _errors(report.outcome.problems, teachers.TITLE)
    col = workbook.grid(teachers.TITLE)[0].index("Дата начала педагогической деятельности")
    assert problem.cell == f"{chr(65 + col)}3"
    assert problem.value == "31.02.2025"
    assert "Такой даты нет" in problem.message


def test_an_unreadable_row_gets_its_calc_cells_cleared_and_a_check_message() -> None:
    workbook = memory_workbook()
    sync(workbook)
    grid = workbook.grid(teachers.TITLE)
    grid[2][grid[0].index("Дата начала педагогической деятельности")] = "вчера"
    sync(workbook)
    assert column(workbook, teachers.SPEC, "Педстаж, лет")[1] is None
    assert "дату" in str(column(workbook, teachers.SPEC, "Проверка")[1])


def test_a_brand_new_memory_workbook_syncs_without_crashing() -> None:
    report = sync(MemoryWorkbook(), date(2026, 3, 1))
    assert report.written
