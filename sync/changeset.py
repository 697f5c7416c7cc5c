"""ChangeSet: exactly the cells and structure a run will write.

`ChangeSetBuilder` is the one place that enforces "never overwrite staff input":
it refuses, by construction, a write to an input column, a cell holding a formula
(staff input wherever it stands), a key cell that already holds a value, a header that is not blank, or a column whose header does not match
the declaration. Everything that writes goes through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Col, Kind, ValueType
from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.readers import is_blank
from nastavnik.sheets_schema.text import header_key
from nastavnik.sync.snapshot import FIRST_DATA_ROW, Cell, Link, Table

AUTO_NOTE = "Заполняется автоматически."


@dataclass(frozen=True, slots=True)
class CellWrite:
    """One cell to write. `row` is 1-based, `column` 0-based."""

    sheet: str
    row: int
    column: int
    value: Cell
    is_date: bool = False  # write as a real date with the dd.mm.yyyy format


@dataclass(frozen=True, slots=True)
class RowAnchor:
    """What a row held when it was read, so a backend can detect rows moved by staff."""

    sheet: str
    row: int
    fingerprint: tuple[Cell, ...]


@dataclass(frozen=True)
class ColumnFormat:
    """Layout of one declared column, applied by `init`/`sync` (see sync/layout.py)."""

    sheet: str
    column: int
    col: Col
    choices: tuple[str, ...] = ()
    ref_range: str = ""  # "'Педагоги'!B2:B" for dropdowns fed from another sheet

    @property
    def validated(self) -> bool:
        """True when the column gets a dropdown or a date check."""
        return bool(
            self.ref_range or self.choices or self.col.choices or self.col.type is ValueType.DATE
        )

    @property
    def note(self) -> str:
        """The header note: the column's own, and that the service fills it."""
        return "\n".join(t for t in (self.col.note, AUTO_NOTE if self.col.is_auto else "") if t)


@dataclass(frozen=True)
class SheetFormat:
    """Whole-sheet layout: frozen wrapped header, service note, autofilter, print setup.

    State colours belong to the columns (`ColumnFormat.col.states`).
    """

    sheet: str
    note: str
    service: bool
    width: int = 1  # columns in use: the autofilter spans them
    header_lines: int = 1  # lines of the longest wrapped header (the header row's height)
    landscape: bool = False  # printed across the page (a wide sheet)


@dataclass(frozen=True, slots=True)
class RowHeight:
    """A written row whose wrapped long text takes `lines` lines (1: back to the default)."""

    sheet: str
    row: int
    lines: int


@dataclass(frozen=True)
class ChangeSet:
    """Everything one run writes. Empty means the backend writes nothing at all."""

    new_sheets: tuple[str, ...] = ()
    writes: tuple[CellWrite, ...] = ()
    anchors: tuple[RowAnchor, ...] = ()
    column_formats: tuple[ColumnFormat, ...] = ()
    sheet_formats: tuple[SheetFormat, ...] = ()
    layout_stamp: str = ""  # set when formats are (re)applied
    declared_order: tuple[str, ...] = ()  # where new sheets go among the declared ones
    open_on: str = ""  # the sheet the workbook opens on (set when it is created)
    row_heights: tuple[RowHeight, ...] = ()  # rows written with wrapped text (no effect alone)
    # The journal cell counting the run's requests (sheet, row, column): a backend that
    # sends requests writes it last, with the count it actually sent, retries included.
    request_tally: tuple[str, int, int] | None = None
    earlier_requests: int = 0  # requests of this run's attempts that were redone (ConcurrentEdit)

    def position_of(self, title: str, current: Sequence[str]) -> int:
        """Tab index for a new sheet: right after the declared sheets that precede it."""
        if title not in self.declared_order:
            return len(current)
        before = set(self.declared_order[: self.declared_order.index(title)])
        indices = [n for n, existing in enumerate(current) if existing in before]
        return max(indices) + 1 if indices else 0

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to write."""
        return not (self.new_sheets or self.writes or self.column_formats or self.sheet_formats)

    @property
    def cells_changed(self) -> int:
        """Number of cells written."""
        return len(self.writes)


def same_value(old: Cell, new: Cell) -> bool:
    """Equal as staff would see them: blank == "", 3 == 3.0, a datetime's date == a date."""
    if type(old) is type(new) and old == new:
        return True
    if is_blank(old) and is_blank(new):
        return True
    if isinstance(old, Link) or isinstance(new, Link):
        return str(old) == str(new)
    if isinstance(old, datetime):
        old = old.date() if old.time() == datetime.min.time() else old
    if isinstance(new, datetime):
        new = new.date() if new.time() == datetime.min.time() else new
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, int | float) and isinstance(new, int | float):
        return abs(float(old) - float(new)) < 1e-9
    return (type(old) is type(new) and old == new) or (
        isinstance(old, date) and isinstance(new, date) and old == new
    )


@dataclass
class ChangeSetBuilder:
    """Collects writes, refusing any that could overwrite staff input."""

    new_sheets: list[str] = field(default_factory=list)
    writes: list[CellWrite] = field(default_factory=list)
    anchors: dict[tuple[str, int], RowAnchor] = field(default_factory=dict)
    column_formats: list[ColumnFormat] = field(default_factory=list)
    sheet_formats: list[SheetFormat] = field(default_factory=list)
    layout_stamp: str = ""
    declared_order: tuple[str, ...] = ()
    open_on: str = ""
    row_heights: list[RowHeight] = field(default_factory=list)
    planned_journal: Table | None = None
    request_tally: tuple[str, int, int] | None = None
    earlier_requests: int = 0
    read_only: frozenset[str] = frozenset()  # sheets never written (a survey form's answers)
    _identity: dict[str, list[int | None]] = field(default_factory=dict, repr=False)

    def column_indices(self, table: Table, spec: SheetSpec) -> dict[str, int]:
        """Declared header → column index in `table`, verified against the header text."""
        found = {}
        for col in spec.columns:
            index = table.column_index(col.header)
            if index is not None and header_key(str(table.header[index])) == header_key(col.header):
                found[col.header] = index
        return found

    def set_cell(
        self, table: Table, spec: SheetSpec, row: int, col: Col, index: int, value: Cell
    ) -> None:
        """Plan `value` into a key/calc data cell at column `index`; no-op when already there."""
        if col.kind is Kind.INPUT:
            raise UnsafeWrite(f"Отказ: запись в столбец ввода «{col.header}» листа «{spec.title}».")
        if row < FIRST_DATA_ROW or table.columns.get(header_key(col.header)) != index:
            raise UnsafeWrite(
                f"Отказ: столбец {index + 1} листа «{spec.title}» — не «{col.header}»."
            )
        if table.has_formula(row, index):
            raise UnsafeWrite(
                f"Отказ: в ячейке «{col.header}» строки {row} листа «{spec.title}» формула."
            )
        old = table.value(row, index)
        if same_value(old, value):
            return
        if col.kind is Kind.KEY and not is_blank(old):
            raise UnsafeWrite(f"Отказ: ключ «{col.header}» в строке {row} уже заполнен.")
        self._add(CellWrite(table.title, row, index, value, col.type is ValueType.DATE))
        self._anchor(table, spec, row)

    def append_cell(self, table: Table, row: int, col: Col, index: int, value: Cell) -> None:
        """Plan a key/calc cell of a new row below all existing data (e.g. «План-график»)."""
        if col.kind is Kind.INPUT or row <= table.last_row:
            raise UnsafeWrite(
                f"Отказ: новая строка {row} листа «{table.title}» занята или столбец — ввод."
            )
        if table.columns.get(header_key(col.header)) != index:
            raise UnsafeWrite(
                f"Отказ: столбец {index + 1} листа «{table.title}» — не «{col.header}»."
            )
        if not is_blank(value):
            self._add(CellWrite(table.title, row, index, value, col.type is ValueType.DATE))

    def seed_cell(
        self, table: Table | None, title: str, row: int, column: int, value: Cell
    ) -> None:
        """Write initial content (default settings, the school's roadmap) below all existing data."""
        if table is not None and row <= table.last_row:
            raise UnsafeWrite(f"Отказ: начальные данные в занятую строку {row} листа «{title}».")
        if not is_blank(value):
            self._add(CellWrite(title, row, column, value))

    def fill_blank(self, table: Table, spec: SheetSpec, row: int, column: int, value: Cell) -> None:
        """Fill one blank data cell the user asked to fill (e.g. `init --school`); never
        overwrites: a cell that holds anything is refused."""
        if row < FIRST_DATA_ROW or not is_blank(table.value(row, column)):
            raise UnsafeWrite(f"Отказ: ячейка строки {row} листа «{table.title}» не пуста.")
        self._add(CellWrite(table.title, row, column, value))
        self._anchor(table, spec, row)

    def set_header(self, table: Table, column: int, text: str) -> None:
        """Write a header into a blank header cell (adding a column at the right end)."""
        if not is_blank(table.value(1, column)):
            raise UnsafeWrite(f"Отказ: заголовок {column + 1} листа «{table.title}» уже занят.")
        self._add(CellWrite(table.title, 1, column, text))

    def set_service_cell(
        self, table: Table, row: int, column: int, value: Cell, is_date: bool
    ) -> None:
        """Write into a service-owned sheet (rewritten whole by every sync)."""
        if not same_value(table.value(row, column), value):
            self._add(CellWrite(table.title, row, column, value, is_date))

    def _add(self, write: CellWrite) -> None:
        if self.read_only and write.sheet in self.read_only:
            raise UnsafeWrite(f"Отказ: лист «{write.sheet}» — ответы формы, в него не пишем.")
        self.writes.append(write)

    def _anchor(self, table: Table, spec: SheetSpec, row: int) -> None:
        key = (table.title, row)
        if key not in self.anchors:
            indices = self._identity.get(table.title)
            if indices is None:
                indices = self._identity[table.title] = identity_columns(table, spec)
            cells = _cells_at(table, row, indices)
            self.anchors[key] = RowAnchor(table.title, row, cells)

    def build(self) -> ChangeSet:
        """The finished, immutable ChangeSet (refused if it formats a read-only sheet)."""
        touched = {f.sheet for f in self.column_formats} | {f.sheet for f in self.sheet_formats}
        if touched & self.read_only:
            raise UnsafeWrite(f"Отказ: оформление листа ответов формы {sorted(touched)}.")
        return ChangeSet(
            tuple(self.new_sheets),
            tuple(self.writes),
            tuple(self.anchors.values()),
            tuple(self.column_formats),
            tuple(self.sheet_formats),
            self.layout_stamp,
            self.declared_order,
            self.open_on,
            tuple(self.row_heights),
            self.request_tally,
            self.earlier_requests,
        )


def identity_columns(table: Table, spec: SheetSpec) -> list[int | None]:
    """Where the key and input columns are: if their cells moved, the row is not the one we computed for."""
    return [table.column_index(col.header) for col in spec.columns if col.kind is not Kind.CALC]


def _cells_at(table: Table, row: int, indices: list[int | None]) -> tuple[Cell, ...]:
    """The row's cells at `indices` (None for a missing column or a cell past the row's end)."""
    index = row - FIRST_DATA_ROW
    if not 0 <= index < len(table.rows):
        return tuple(None if i is None else table.value(row, i) for i in indices)
    line = table.rows[index]  # one lookup for the whole row: anchors are made per written row
    width = len(line)
    return tuple(line[i] if i is not None and i < width else None for i in indices)
