"""Validation problems are data: `Problem` records, never exceptions or loose strings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from nastavnik.sheets_schema.palette import LEVEL_ERROR, LEVEL_WARNING


class Level(StrEnum):
    """How bad a problem is (the Russian word staff see)."""

    ERROR = LEVEL_ERROR  # the row cannot be used; its calc cells are cleared
    WARNING = LEVEL_WARNING  # suspicious; the row is used


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at one place: a cell, a row, a column or a whole sheet."""

    sheet: str
    row: int | None  # 1-based sheet row; None for sheet-level problems
    column: str  # header as declared ("" for sheet- or row-level)
    cell: str  # A1 address ("" when not a cell)
    value: str  # the value as entered, as text
    level: Level
    message: str
    fix: str

    @property
    def is_error(self) -> bool:
        """True for error-level problems."""
        return self.level is Level.ERROR

    def sort_key(self, sheet_order: dict[str, int]) -> tuple[int, int, str]:
        """Sheet order, then row, then cell address."""
        return (sheet_order.get(self.sheet, 999), self.row or 0, self.cell.rjust(8))


def shown(value: object, limit: int = 200) -> str:
    """A raw cell value as staff would recognise it (dates as ДД.ММ.ГГГГ), shortened."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        pattern = "%d.%m.%Y" if value.time() == time() else "%d.%m.%Y %H:%M"
        return value.strftime(pattern)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
