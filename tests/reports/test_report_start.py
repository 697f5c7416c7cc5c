"""The report's roadmap section counts only deadlines since «Начало учёта»: a school that
started on 01.09.2026 has no missed deadline in 2025/26, one without a start date has them."""

from __future__ import annotations

from datetime import date, datetime

from nastavnik.reports.model import build_annual
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import run_init, run_validate
from nastavnik.sync.seeds import SeedOptions

STARTED = date(2026, 9, 1)


def _year_2025(options: SeedOptions) -> tuple[int, int]:
    """(roadmap deadlines counted in 2025/26, missed deadlines listed) as of 01.09.2026."""
    workbook = MemoryWorkbook()
    run_init(workbook, options)
    report = run_validate(workbook, STARTED, lambda: datetime(2026, 9, 1, 9, 0))
    data = build_annual(report.outcome, 2025)
    return data.count("Сроков дорожной карты в учебном году"), len(data.missed)


def test_deadlines_before_the_start_are_neither_counted_nor_missed_in_the_report() -> None:
    assert _year_2025(SeedOptions(today=STARTED, school="МБОУ «Гимназия № 2»")) == (0, 0)


def test_without_a_start_date_the_years_deadlines_are_all_missed() -> None:
    counted, missed = _year_2025(SeedOptions(school="МБОУ «Гимназия № 2»"))
    assert counted > 0 and missed == counted  # nothing marked: every deadline of 2025/26 passed
