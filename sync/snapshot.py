"""What was read: `Snapshot` of sheets, each a `Table` with columns found by header text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from nastavnik.sheets_schema.text import fold, header_key


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a cell of another sheet, written by the service (shown as `text`)."""

    sheet: str
    cell: str
    text: str

    def __str__(self) -> str:
        return self.text


Cell = str | int | float | bool | date | datetime | Link | None
FIRST_DATA_ROW = 2
# Among the titles passed to `Workbook.read`: also read every other sheet of the workbook
# (a survey's response sheet may have any name; «Настройки», read in the same go, says which).
# Excel forbids «*» in a sheet's title; on Google a sheet titled «*» is simply read too.
EVERY_SHEET = "*"


def title_filter(titles: Iterable[str]) -> Callable[[str], bool]:
    """Which sheets a read takes: those titled so (case, spaces, ё/е ignored), or all with «*»."""
    wanted = {fold(t) for t in titles}
    if EVERY_SHEET in wanted:
        return lambda title: True
    return lambda title: fold(title) in wanted


@dataclass(frozen=True)
class Table:
    """One sheet as read: header row and data rows (row 2 onward), raw values.

    A formula cell reads as its result; `formulas` says where formulas are (staff input,
    never overwritten) and `uncached` which of them came with no stored result (read blank).
    Cells are (1-based sheet row, 0-based column).
    """

    title: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    formulas: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()

    def has_formula(self, row: int, column: int) -> bool:
        """True when the cell holds a formula (its value is the formula's result)."""
        return (row, column) in self.formulas if self.formulas else False

    @cached_property
    def columns(self) -> Mapping[str, int]:
        """Normalised header text → 0-based column index (first occurrence wins)."""
        found: dict[str, int] = {}
        for index, text in enumerate(self.header):
            if isinstance(text, str) and text.strip():
                found.setdefault(header_key(text), index)
        return found

    def column_index(self, header: str) -> int | None:
        """Where the column with this header is, or None (case, spaces, ё/е ignored)."""
        return self.columns.get(header_key(header))

    @property
    def width(self) -> int:
        """Number of columns in use (header or data)."""
        return max([len(self.header), *(len(r) for r in self.rows)], default=0)

    def value(self, row: int, column: int) -> Cell:
        """Raw value at a 1-based sheet row and 0-based column (None outside the data)."""
        if row == 1:
            return self.header[column] if column < len(self.header) else None
        index = row - FIRST_DATA_ROW
        if 0 <= index < len(self.rows) and column < len(self.rows[index]):
            return self.rows[index][column]
        return None

    def numbered_rows(self) -> Iterator[tuple[int, tuple[Cell, ...]]]:
        """(sheet row number, values) for each data row."""
        return ((i + FIRST_DATA_ROW, row) for i, row in enumerate(self.rows))

    @property
    def last_row(self) -> int:
        """The sheet row number of the last data row (1 when there is none)."""
        return len(self.rows) + 1


@dataclass(frozen=True)
class SheetLayout:
    """Which pieces of nastavnik's layout a sheet has now, as its backend read them.

    `init` re-applies the layout of a sheet that misses any piece (sync/layout.py). Column
    sets hold 0-based indices; `protected` is None where a backend has no protections.
    """

    frozen: bool = False  # header row frozen
    filtered: bool = False  # an autofilter over the sheet
    printed: bool = False  # our print setup (a backend without print settings says True)
    validated: frozenset[int] = frozenset()  # columns with a dropdown or date check
    noted: frozenset[int] = frozenset()  # header cells with a note
    shaded: frozenset[int] = frozenset()  # header cells with a fill
    ruled: frozenset[int] = frozenset()  # columns with our colour rules
    protected: frozenset[int] | None = None  # columns with our warning-only protection


@dataclass(frozen=True)
class Snapshot:
    """Every sheet read in one go, plus backend facts the planner needs."""

    tables: Mapping[str, Table]  # keyed by the title as it is in the workbook
    order: tuple[str, ...] = ()  # sheet titles in workbook order
    layout_stamp: str = ""  # fingerprint of the layout `init` applied last time
    requests: int = 0  # API requests the read took (0 for local files)
    _by_key: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for title in self.tables:
            self._by_key.setdefault(fold(title), title)

    def table(self, title: str) -> Table | None:
        """The sheet with this title (case, spaces, ё/е ignored), or None when missing."""
        actual = self._by_key.get(fold(title))
        return self.tables[actual] if actual is not None else None


def make_table(
    title: str,
    grid: Sequence[Sequence[Cell]],
    formulas: frozenset[tuple[int, int]] = frozenset(),
    uncached: frozenset[tuple[int, int]] = frozenset(),
) -> Table:
    """Build a Table from a grid whose first row is the header (trailing blank rows dropped).

    A row holding a formula counts as present even when its result is blank, so nothing is
    ever appended into it.
    """
    rows = [tuple(r) for r in grid]
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    last_formula = max((row for row, _ in formulas), default=0)
    rows.extend(() for _ in range(last_formula - len(rows)))
    header = rows[0] if rows else ()
    return Table(title, header, tuple(rows[1:]), formulas, uncached)
