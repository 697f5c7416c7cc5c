"""«Отчёты»: the submitted figures stay on record; a later change to them is flagged."""

from __future__ import annotations

from datetime import date, datetime

from nastavnik.sheets_schema.service import ERRORS, REPORTS
from nastavnik.sheets_schema.sheets import meetings
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import record_report, run_sync, run_validate
from nastavnik.sync.snapshot import Cell
from tests.sync.staff_years import school

REPORT_DAY = date(2026, 5, 20)  # the 2025/26 report, made in May


def clock() -> datetime:
    return datetime(2026, 5, 20, 9, 0)


def school_workbook() -> MemoryWorkbook:
    snap = school()
    return MemoryWorkbook.from_grids(
        {title: [list(t.header), *map(list, t.rows)] for title, t in snap.tables.items()}
    )


def reported(workbook: MemoryWorkbook) -> dict[str, Cell]:
    """«Отчёты»: indicator → value of the 2025/26 rows."""
    grid = workbook.grid(REPORTS.title)
    assert grid[0] == ["Учебный год", "Дата отчёта", "Показатель", "Значение"]
    return {str(row[2]): [*row, None][3] for row in grid[1:] if row[0] == "2025/26"}


def errors_about_reports(workbook: MemoryWorkbook) -> list[str]:
    return [str(row[5]) for row in workbook.grid(ERRORS.title)[1:] if row[0] == REPORTS.title]


def drop_meeting(workbook: MemoryWorkbook, day: date) -> None:
    grid = workbook.sheets[meetings.TITLE]
    index = grid[0].index("Дата")
    workbook.sheets[meetings.TITLE] = [
        grid[0],
        *(row for row in grid[1:] if row[index] != day),
    ]


def test_report_records_its_figures_once() -> None:
    workbook = school_workbook()
    run = run_validate(workbook, REPORT_DAY, clock)
    assert record_report(workbook, run, 2025)
    figures = reported(workbook)
    # by hand (tests/sync/staff_years.py): 2025/26 up to 20.05.2026
    assert figures["Педагогов работает"] == 5
    assert figures["Встреч за учебный год"] == 2
    assert figures["Выплачено наставникам, руб."] == 2000
    assert figures["Удовлетворённость участием: наставники, декабрь (из 10)"] is None
    dates = {row[1] for row in workbook.grid(REPORTS.title)[1:]}
    assert dates == {REPORT_DAY}
    again = run_validate(workbook, REPORT_DAY, clock)
    assert not record_report(workbook, again, 2025)  # the same figures: nothing appended
    assert len(workbook.grid(REPORTS.title)) == len(figures) + 1


def test_a_later_change_to_a_reported_figure_is_a_warning() -> None:
    workbook = school_workbook()
    assert record_report(workbook, run_validate(workbook, REPORT_DAY, clock), 2025)
    run_sync(workbook, date(2026, 9, 10), clock)
    assert errors_about_reports(workbook) == []  # nothing changed since the report
    drop_meeting(workbook, date(2025, 11, 1))  # a 2025/26 meeting removed after the report
    report = run_sync(workbook, date(2026, 9, 11), clock)
    assert errors_about_reports(workbook) == [
        "2025/26, «Встреч за учебный год»: в отчёте от 20.05.2026 — 2, сейчас — 1.",
        "2025/26, «Встреч на пару в среднем»: в отчёте от 20.05.2026 — 2, сейчас — 1.",
    ]  # one pair worked in 2025/26: the average follows the count
    assert any(p.sheet == REPORTS.title for p in report.outcome.problems)


def test_activity_after_the_report_date_is_not_a_change() -> None:
    workbook = school_workbook()
    march = date(2026, 3, 10)
    assert record_report(workbook, run_validate(workbook, march, clock), 2025)
    run_sync(workbook, date(2026, 9, 10), clock)
    # the practice of 01.04.2026 and others came after 10.03.2026: not counted as changes
    assert errors_about_reports(workbook) == []
