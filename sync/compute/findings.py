"""Collecting rule results for one sheet: computed cells and cell-addressed problems."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Kind
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.problems import Level, Problem, shown
from nastavnik.sync.registry import ParsedRow, SheetData
from nastavnik.sync.snapshot import Cell


@dataclass
class SheetResult:
    """Computed cells (row → header → value) and the problems the rules found on a sheet."""

    data: SheetData
    values: dict[int, dict[str, Cell]] = field(default_factory=lambda: defaultdict(dict))
    problems: list[Problem] = field(default_factory=list)

    @property
    def spec(self) -> SheetSpec:
        """The sheet's declaration."""
        return self.data.spec

    def set(self, row: int, header: str, value: Cell) -> None:
        """Plan a computed (or key) value for a row."""
        self.values[row][header] = value

    def error(self, row: int, header: str, message: str, fix: str) -> None:
        """Record an error: the row cannot be used."""
        self._add(Level.ERROR, row, header, message, fix)

    def warn(self, row: int, header: str, message: str, fix: str) -> None:
        """Record a warning: suspicious, but the row is used."""
        self._add(Level.WARNING, row, header, message, fix)

    def _staff(self, header: str) -> bool:
        """True when the column holds staff input (its value is worth quoting; calc values are ours)."""
        return _is_staff_column(self.spec, header)

    def _add(self, level: Level, row: int, header: str, message: str, fix: str) -> None:
        table = self.data.table
        index = table.column_index(header) if table and header else None
        cell = cell_address(row, index) if index is not None else ""
        value = (
            shown(table.value(row, index))
            if table and index is not None and self._staff(header)
            else ""
        )
        self.problems.append(
            Problem(self.spec.title, row, header, cell, value, level, message, fix)
        )


def _is_staff_column(spec: SheetSpec, header: str) -> bool:
    try:
        return spec.column(header).kind is not Kind.CALC
    except KeyError:
        return False


def parsed_rows(data: SheetData) -> tuple[ParsedRow, ...]:
    """Rows of a usable sheet (none for an unusable one)."""
    return data.rows if data.usable else ()
