"""Checks shared by the response-sheet tests of every backend: the figures «Мониторинг» shows,
the problems «Ошибки» lists, a sync on the memory backend with the fixed clock.

Sheets are passed as grids (header row first), as each backend reads them back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import RunReport, run_sync
from nastavnik.sync.snapshot import Cell
from tests import survey_fixtures as sf
from tests.results import assert_russian

Grid = Sequence[Sequence[Cell]]
MONITORING, ERRORS = "Мониторинг", "Ошибки"
FEEDBACK_SECTION = "Обратная связь"


def clock() -> datetime:
    """The fixed clock of these runs (the morning of `survey_fixtures.TODAY`)."""
    return datetime(2026, 5, 15, 9, 0, 0)


def sync(workbook: Workbook, today: date = sf.TODAY) -> RunReport:
    """One sync as of `today` (by default `survey_fixtures.TODAY`)."""
    return run_sync(workbook, today, clock)


def synced_memory(grids: Mapping[str, Grid]) -> tuple[MemoryWorkbook, RunReport]:
    """A memory workbook of these grids, after one sync."""
    workbook = MemoryWorkbook.from_grids(grids)
    return workbook, sync(workbook)


def _column(header: Sequence[Cell], name: str) -> int:
    return [fold(str(h or "")) for h in header].index(fold(name))


def feedback_figures(monitoring: Grid, year: str = sf.YEAR) -> dict[str, Cell]:
    """«Обратная связь» rows of «Мониторинг»: label → the year's value (None when blank)."""
    column = _column(monitoring[0], year)
    return {
        str(row[1]): row[column] if column < len(row) else None
        for row in monitoring[1:]
        if len(row) > 1 and row[0] == FEEDBACK_SECTION
    }


def listed(errors: Grid, sheet: str) -> dict[str, tuple[str, str, str]]:
    """«Ошибки» rows of one sheet: cell → (level, problem, how to fix)."""
    header = errors[0]
    at = {name: _column(header, name) for name in ("Лист", "Ячейка", "Уровень", "Проблема")}
    fix = _column(header, "Как исправить")

    def text(row: Sequence[Cell], index: int) -> str:
        return str(row[index]) if index < len(row) and row[index] is not None else ""

    found: dict[str, tuple[str, str, str]] = {}
    for row in errors[1:]:
        if text(row, at["Лист"]) == sheet:
            cell = text(row, at["Ячейка"])
            assert cell not in found, f"two problems at {sheet}!{cell}"
            found[cell] = (text(row, at["Уровень"]), text(row, at["Проблема"]), text(row, fix))
    return found


def assert_expected_problems(
    errors: Grid, sheet: str, cell_of: Callable[[sf.ExpectedProblem], str]
) -> None:
    """«Ошибки» lists exactly the expected problems of the response sheet, each at its cell."""
    found = listed(errors, sheet)
    assert sorted(found) == sorted(cell_of(p) for p in sf.PROBLEMS), found
    for problem in sf.PROBLEMS:
        level, message, fix = found[cell_of(problem)]
        if problem.level is not None:
            assert level == problem.level, (problem, level)
        assert_russian(message)
        assert_russian(fix)
        for word in problem.words:
            assert fold(word) in fold(message + " " + fix), (problem, message, fix)


def assert_figures(monitoring: Grid, expected: Mapping[str, float] = sf.FIGURES) -> None:
    """The «Обратная связь» figures of 2025/26 in «Мониторинг» are the hand-written ones."""
    assert feedback_figures(monitoring) == dict(expected)
