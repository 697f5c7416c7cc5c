"""«Мониторинг»: indicators (rows) by academic year of the roadmap period (columns)."""

from __future__ import annotations

from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.dates import academic_year, academic_year_start
from nastavnik.sync.compute.metrics import Indicator, roadmap_indicators, year_indicators
from nastavnik.sync.compute.population import Year
from nastavnik.sync.snapshot import Cell


def period_years(outcome: Outcome) -> list[int]:
    """Start years of the academic years of the roadmap period (2024, 2025, 2026 by default)."""
    settings = outcome.context.settings
    first = academic_year_start(settings.period_start)
    last = academic_year_start(settings.period_end)
    return list(range(first, max(first, last) + 1))


def _indicators(outcome: Outcome, year: Year, label: str) -> list[Indicator]:
    return [
        *year_indicators(outcome.context, year),
        *roadmap_indicators(outcome.occurrences, label),
    ]


def monitoring_grid(outcome: Outcome) -> list[list[Cell]]:
    """Header «Показатель», then one column per academic year (future years left blank)."""
    years = period_years(outcome)
    _ctx, today = outcome.context, outcome.today
    columns = []
    for start in years:
        year = Year.of(start, today)
        label = academic_year(year.start)
        columns.append(_indicators(outcome, year, label) if year.start <= today else None)
    labels = _indicators(outcome, Year.of(years[0], today), "")
    grid: list[list[Cell]] = [
        ["Раздел", "Показатель", *(academic_year(Year.of(y, today).start) for y in years)]
    ]
    for n, indicator in enumerate(labels):
        values = [col[n].value if col else None for col in columns]
        grid.append([indicator.section, indicator.label, *values])
    return grid
