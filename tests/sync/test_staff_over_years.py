"""Every per-year figure counts who was at the school that year (issue 11).

The expected table (tests/sync/staff_years.py) is written by hand from the people and rows.
"""

from __future__ import annotations

import math

import pytest

from nastavnik.reports.model import build_annual
from nastavnik.sync.compute import Outcome, compute
from nastavnik.sync.parse import parse
from nastavnik.sync.service.monitoring import monitoring_grid
from nastavnik.sync.service.summary import summary_indicators
from nastavnik.sync.snapshot import Cell
from tests.sync.staff_years import EXPECTED, TODAY, YEARS, C, E, school


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return compute(parse(school()), TODAY)


def monitoring(outcome: Outcome) -> dict[str, dict[str, Cell]]:
    """«Мониторинг»: label → academic year → value."""
    grid = monitoring_grid(outcome)
    years = [str(y) for y in grid[0][2:]]
    return {str(row[1]): dict(zip(years, row[2:], strict=True)) for row in grid[1:]}


def equal(found: object, wanted: object) -> bool:
    if wanted is None or found is None:
        return found is None and wanted is None
    assert isinstance(found, int | float) and isinstance(wanted, int | float)
    return math.isclose(float(found), float(wanted), abs_tol=1e-9)


def test_every_monitoring_figure_equals_the_hand_written_table(outcome: Outcome) -> None:
    table = monitoring(outcome)
    assert set(table) == set(EXPECTED), "an indicator is missing from the hand-written table"
    wrong = {
        (label, year): (table[label][year], wanted[n])
        for label, wanted in EXPECTED.items()
        for n, year in enumerate(YEARS)
        if not equal(table[label][year], wanted[n])
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("start", "year"), [(2024, "2024/25"), (2025, "2025/26"), (2026, "2026/27")]
)
def test_the_report_shows_monitoring_figures_of_its_year(
    outcome: Outcome, start: int, year: str
) -> None:
    table = monitoring(outcome)
    data = build_annual(outcome, start)
    shown = {i.label: i.value for i in data.indicators}
    for label in EXPECTED:
        assert equal(shown[label], table[label][year]), label


def test_summary_of_the_current_year_is_its_monitoring_column(outcome: Outcome) -> None:
    summary = {i.label: i.value for i in summary_indicators(outcome)}
    table = monitoring(outcome)
    for label in EXPECTED:
        assert equal(summary[label], table[label]["2026/27"]), label


def test_the_report_lists_only_that_years_staff_without_a_mentor(outcome: Outcome) -> None:
    assert build_annual(outcome, 2024).young_without_mentor == ()
    assert build_annual(outcome, 2025).need_without_mentor == ()
    # 2026/27: Егорова is still a young specialist and has no pair; Волкова no longer is one
    assert build_annual(outcome, 2026).young_without_mentor == (E,)
    assert C not in build_annual(outcome, 2026).need_without_mentor


def test_teachers_sheet_counts_today(outcome: Outcome) -> None:
    cells = outcome.cells["Педагоги"]
    by_name = {
        t.fio: cells[row] for row, t in outcome.context.teachers.values()
    }  # the calc columns are as of today
    assert by_name[C]["Молодой специалист"] is False  # стаж 4 on 15.06.2027
    assert by_name[E]["Молодой специалист"] is True
    assert by_name["Белов Борис Петрович"]["Нуждается в наставнике"] is False
