"""Formulas are staff input wherever they stand: read as their results, never replaced."""

from __future__ import annotations

from datetime import date, datetime

from nastavnik.demo.data import demo_grids
from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.sheets import pairs
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.changeset import ChangeSetBuilder
from nastavnik.sync.engine import RunReport, run_sync
from nastavnik.sync.problems import Level, Problem
from nastavnik.sync.snapshot import Cell, make_table

DAY = date(2025, 11, 20)
LATER = date(2026, 3, 2)
PAIRS = "Пары"
MEETINGS = "Встречи"
CODE_FORMULA = '="НП-"&"002"'


def _clock() -> datetime:
    return datetime(2025, 11, 20, 2, 0)


def _demo(formulas: dict[tuple[str, int, int], str]) -> MemoryWorkbook:
    workbook = MemoryWorkbook.from_grids(demo_grids(DAY))
    workbook.formulas.update(formulas)
    return workbook


def _column(workbook: MemoryWorkbook, title: str, header: str) -> int:
    return workbook.grid(title)[0].index(header)


def _at(report: RunReport, sheet: str, cell: str) -> list[Problem]:
    return [p for p in report.outcome.problems if p.sheet == sheet and p.cell == cell]


def _without(workbook: MemoryWorkbook, column: int) -> list[list[Cell]]:
    return [row[:column] + row[column + 1 :] for row in workbook.grid(PAIRS)]


def _codes(workbook: MemoryWorkbook) -> list[object]:
    return [row[0] if row else None for row in workbook.grid(PAIRS)[1:]]


def test_a_formula_key_keeps_its_code_and_meetings_over_many_syncs() -> None:
    workbook = _demo({(PAIRS, 3, 0): CODE_FORMULA})
    plain = _demo({})  # the same workbook with the code typed in
    meetings = sum(1 for r in workbook.grid(MEETINGS)[1:] if r and r[0] == "НП-002")
    assert meetings > 0
    for today in (DAY, LATER, LATER):
        report = run_sync(workbook, today, _clock)
        expected = run_sync(plain, today, _clock)
        assert workbook.formulas[(PAIRS, 3, 0)] == CODE_FORMULA
        assert _codes(workbook).count("НП-002") == 1
        assert _codes(workbook)[1] == "НП-002"
        check = _column(workbook, PAIRS, "Проверка")  # holds the formula warning
        assert _without(workbook, check) == _without(plain, check)  # meetings counted as typed
        assert report.outcome.errors == expected.outcome.errors
        (warning,) = _at(report, PAIRS, "A3")
        assert warning.level is Level.WARNING
        assert "оставляет её как есть" in warning.message
    total = _column(workbook, PAIRS, "Встреч всего")
    counted = workbook.grid(PAIRS)[2][total]
    assert isinstance(counted, int)
    assert counted > 0


def test_a_formula_key_without_a_result_gets_no_new_code() -> None:
    workbook = _demo({(PAIRS, 3, 0): CODE_FORMULA})
    workbook.grid(PAIRS)[2][0] = None  # saved by a program that stores no results
    before = _codes(workbook)
    report = run_sync(workbook, DAY, _clock)
    assert workbook.formulas[(PAIRS, 3, 0)] == CODE_FORMULA
    assert workbook.grid(PAIRS)[2][0] is None
    after = _codes(workbook)
    assert [a for a, b in zip(after, before, strict=True) if b is not None] == [
        b for b in before if b is not None
    ]  # codes staff had stay; only blank key cells without a formula are filled
    assert "НП-002" not in after
    assert not any(w.sheet == PAIRS and w.row == 3 and w.column == 0 for w in report.changes.writes)
    (warning,) = _at(report, PAIRS, "A3")
    assert warning.level is Level.WARNING


def test_a_formula_in_a_calc_column_is_left_and_warned_about() -> None:
    workbook = _demo({})
    run_sync(workbook, DAY, _clock)  # the calc columns exist now
    state = _column(workbook, PAIRS, "Состояние")
    workbook.grid(PAIRS)[3][state] = "своя формула"
    workbook.formulas[(PAIRS, 4, state)] = '="своя "&"формула"'
    report = run_sync(workbook, LATER, _clock)
    assert workbook.grid(PAIRS)[3][state] == "своя формула"
    assert (PAIRS, 4, state) in workbook.formulas
    (warning,) = [
        p
        for p in report.outcome.problems
        if p.sheet == PAIRS and p.row == 4 and p.column == "Состояние"
    ]
    assert warning.level is Level.WARNING
    assert warning.message == (
        "В ячейке формула: программа оставляет её как есть и не заполняет эту ячейку."
    )


def test_an_input_formula_without_a_result_is_a_warning_not_a_blank() -> None:
    workbook = _demo({})
    date_column = _column(workbook, MEETINGS, "Дата")
    workbook.grid(MEETINGS)[1][date_column] = None
    workbook.formulas[(MEETINGS, 2, date_column)] = "=DATE(2025;11;20)"
    report = run_sync(workbook, DAY, _clock)
    at_cell = _at(report, MEETINGS, "B2")
    assert [p.level for p in at_cell] == [Level.WARNING]
    assert "без сохранённого результата" in at_cell[0].message
    assert not [
        p for p in report.outcome.problems if "не заполнено" in p.message and p.cell == "B2"
    ]


def test_an_input_formula_with_a_result_reads_as_that_result() -> None:
    workbook = _demo({})
    date_column = _column(workbook, MEETINGS, "Дата")
    workbook.formulas[(MEETINGS, 2, date_column)] = "=DATE(2025;11;20)"
    report = run_sync(workbook, DAY, _clock)
    assert _at(report, MEETINGS, "B2") == []
    assert (MEETINGS, 2, date_column) in workbook.formulas


def test_the_changeset_guard_refuses_a_write_over_a_formula() -> None:
    table = make_table(
        PAIRS, [["Код пары", "Наставник"], ["НП-001", "Иванова Анна"]], frozenset({(2, 0)})
    )
    col = pairs.SPEC.column("Код пары")
    builder = ChangeSetBuilder()
    try:
        builder.set_cell(table, pairs.SPEC, 2, col, 0, "НП-009")
    except UnsafeWrite as error:
        assert "формула" in str(error)
    else:
        raise AssertionError("a write over a formula was planned")
    assert builder.writes == []


def test_a_calc_formula_filled_down_past_the_data_warns_only_on_rows_in_use() -> None:
    workbook = _demo({})
    run_sync(workbook, DAY, _clock)
    state = _column(workbook, PAIRS, "Состояние")
    last = len(workbook.grid(PAIRS))
    for row in (last, last + 1, last + 2):  # the last pair, then two empty rows
        workbook.formulas[(PAIRS, row, state)] = "=1"
    report = run_sync(workbook, LATER, _clock)
    warned = [
        p.row for p in report.outcome.problems if p.sheet == PAIRS and p.column == "Состояние"
    ]
    assert warned == [last]
    assert all((PAIRS, row, state) in workbook.formulas for row in (last, last + 1, last + 2))
