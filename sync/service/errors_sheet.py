"""«Ошибки»: every validation problem, in sheet order, then row, then column."""

from __future__ import annotations

from collections.abc import Sequence

from nastavnik.sheets_schema.service import ERRORS
from nastavnik.sync.problems import Problem
from nastavnik.sync.snapshot import Cell, Link


def errors_grid(problems: Sequence[Problem]) -> list[list[Cell]]:
    """Header plus one row per problem (problems arrive sorted)."""
    grid: list[list[Cell]] = [[c.header for c in ERRORS.columns]]
    for p in problems:
        where = p.cell or (f"строка {p.row}" if p.row else "")
        link: Cell = Link(p.sheet, p.cell or f"A{p.row or 1}", f"{p.sheet}!{where or 'A1'}")
        grid.append([p.sheet, where, p.column, p.value, p.level.value, p.message, p.fix, link])
    return grid
