"""What was understood: `Registry` of typed rows per sheet, plus the problems found parsing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from nastavnik.sheets_schema.base import SheetRow, SheetSpec
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sync.problems import Problem
from nastavnik.sync.responses.rows import ResponseSheet
from nastavnik.sync.snapshot import Cell, Table

RowT = TypeVar("RowT", bound=SheetRow)


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A non-blank data row: its sheet row number, typed record (None if unreadable), raw cells."""

    row: int
    record: SheetRow | None
    raw: tuple[Cell, ...]


@dataclass(frozen=True)
class SheetData:
    """One registry sheet after parsing."""

    spec: SheetSpec
    table: Table | None  # None when the sheet is missing from the workbook
    usable: bool  # False when missing or a required column is missing
    rows: tuple[ParsedRow, ...]

    def records(self, model: type[RowT]) -> Iterator[tuple[int, RowT]]:
        """(row number, record) of each readable row, typed as `model`."""
        for parsed in self.rows:
            if isinstance(parsed.record, model):
                yield parsed.row, parsed.record

    def raw_value(self, parsed: ParsedRow, header: str) -> Cell:
        """The raw cell of a row under a declared header (None when the column is absent)."""
        index = self.table.column_index(header) if self.table else None
        return parsed.raw[index] if index is not None and index < len(parsed.raw) else None


@dataclass(frozen=True)
class Registry:
    """All registry sheets parsed, the effective settings, and parse-time problems."""

    sheets: Mapping[str, SheetData]  # keyed by the declared title
    settings: Settings
    problems: tuple[Problem, ...]
    responses: tuple[ResponseSheet, ...] = ()  # survey response sheets «Настройки» names

    def sheet(self, spec: SheetSpec) -> SheetData:
        """The parsed data of a declared sheet."""
        return self.sheets[spec.title]

    def records(self, spec: SheetSpec, model: type[RowT]) -> list[tuple[int, RowT]]:
        """(row number, record) of every readable row of a sheet."""
        return list(self.sheets[spec.title].records(model))

    @property
    def rows_read(self) -> int:
        """Non-blank data rows across all registry sheets."""
        return sum(len(s.rows) for s in self.sheets.values())
