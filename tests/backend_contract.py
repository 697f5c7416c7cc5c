"""The Workbook contract: one suite every backend must pass.

A backend takes part through a `Harness`: how to make a workbook holding some sheets,
how a staff member edits it behind the backend's back, and what "anything was written"
looks like. To add a backend, write its harness and add one line to `HARNESSES`.

`WorkbookContract` checks the Workbook protocol itself; `EngineContract` runs the
local-sync behaviour (idempotence, keys, staff habits, row safety) through the engine
on every backend. The Google harness talks to the fake Sheets server over real HTTP.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import openpyxl
import pytest

from sheets_schema.columns import Col, Kind, ValueType
from sheets_schema.readers import to_serial
from sync.backends.base import ApplyResult, Workbook
from sync.backends.google import GoogleWorkbook
from sync.backends.google_http import RateLimiter, RetryPolicy, SheetsApi
from sync.backends.google_model import to_serial as google_serial
from sync.backends.memory import MemoryWorkbook
from sync.backends.xlsx import XlsxWorkbook
from sync.changeset import CellWrite, ChangeSet, ColumnFormat, RowAnchor, SheetFormat
from sync.errors import ConcurrentEdit
from sync.snapshot import Cell, Snapshot
from tests.fake_sheets import DEFAULT_IDENTITY, FakeServer, staff, start_fake_server

Grids = Mapping[str, Sequence[Sequence[Cell]]]


class Harness(Protocol):
    """One backend under the contract."""

    def create(self, grids: Grids) -> Workbook:
        """A workbook holding these sheets (first row of each grid is the header); {} = none."""
        ...

    def staff_edit(
        self, workbook: Workbook, sheet: str, row: int, column: int, value: Cell
    ) -> None:
        """Change one cell the way staff would (not through the backend); row 1-based."""
        ...

    def state(self, workbook: Workbook) -> object:
        """Everything stored, comparable: equal before and after means nothing was written."""
        ...

    def staff_sort(self, workbook: Workbook, sheet: str, column: int) -> None:
        """Sort the data rows (below the header) by a 0-based column, as text, like staff do."""
        ...

    def unmarked_date(self, value: date) -> Cell:
        """How a date staff typed reads back in a column nastavnik never formatted or declared.

        Local backends see the date itself; Google's values API gives the serial number
        (only the cell format, which a values read does not return, says it is a date).
        """
        ...

    def close(self) -> None:
        """Release what the harness holds (a server)."""
        ...


class MemoryHarness:
    """The in-memory reference backend."""

    def __init__(self, tmp_path: Path) -> None:
        del tmp_path

    def create(self, grids: Grids) -> Workbook:
        return MemoryWorkbook.from_grids(grids)

    def staff_edit(
        self, workbook: Workbook, sheet: str, row: int, column: int, value: Cell
    ) -> None:
        assert isinstance(workbook, MemoryWorkbook)
        line = workbook.sheets[sheet][row - 1]
        line.extend([None] * (column + 1 - len(line)))
        line[column] = value

    def state(self, workbook: Workbook) -> object:
        assert isinstance(workbook, MemoryWorkbook)
        return copy.deepcopy(
            (
                workbook.sheets,
                workbook.column_formats,
                workbook.sheet_formats,
                workbook.layout_stamp,
            )
        )

    def staff_sort(self, workbook: Workbook, sheet: str, column: int) -> None:
        assert isinstance(workbook, MemoryWorkbook)
        grid = workbook.sheets[sheet]
        grid[1:] = sorted(grid[1:], key=lambda row: _text_at(row, column))

    def unmarked_date(self, value: date) -> Cell:
        return value

    def close(self) -> None:
        """Nothing to release."""


def make_book(path: Path, grids: Grids) -> Path:
    """A workbook file as staff would have typed it (first row of each grid is the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, grid in grids.items():
        sheet = book.create_sheet(title)
        for line in grid:
            sheet.append(list(line))
    book.save(path)
    return path


class XlsxHarness:
    """Real .xlsx files, made and edited with openpyxl as Excel would leave them."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "книга.xlsx"

    def create(self, grids: Grids) -> Workbook:
        if grids:
            make_book(self.path, grids)
        return XlsxWorkbook(self.path)

    def staff_edit(
        self, workbook: Workbook, sheet: str, row: int, column: int, value: Cell
    ) -> None:
        book = openpyxl.load_workbook(self.path)
        book[sheet].cell(row=row, column=column + 1).value = value
        book.save(self.path)

    def state(self, workbook: Workbook) -> object:
        if not self.path.exists():
            return None
        return self.path.read_bytes(), self.path.stat().st_mtime_ns

    def staff_sort(self, workbook: Workbook, sheet: str, column: int) -> None:
        book = openpyxl.load_workbook(self.path)
        ws = book[sheet]
        rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
        rows.sort(key=lambda row: _text_at(row, column))
        for number, row in enumerate(rows, start=2):
            for index, value in enumerate(row):
                ws.cell(row=number, column=index + 1).value = value
        book.save(self.path)

    def unmarked_date(self, value: date) -> Cell:
        return value

    def close(self) -> None:
        """Nothing to release."""


class VirtualTime:
    """A clock that only moves when something sleeps: retries never wait for real."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def google_workbook(
    server: FakeServer,
    book_id: str,
    *,
    identity: str = DEFAULT_IDENTITY,
    policy: RetryPolicy | None = None,
    time_source: VirtualTime | None = None,
) -> GoogleWorkbook:
    """A GoogleWorkbook on the fake server (gspread over real HTTP), retries in virtual time."""
    session = server.session(identity)
    virtual = time_source or VirtualTime()
    api = SheetsApi(
        book_id,
        session.credentials,  # type: ignore[attr-defined]
        session=session,
        account=identity,
        policy=policy
        or RetryPolicy(sleep=virtual.sleep, clock=virtual.clock, rng=random.Random(7)),
        limiter=RateLimiter(10_000, 60.0, sleep=virtual.sleep, clock=virtual.clock),
    )
    # Small new sheets: the fake stores formats cell by cell, and 1000-row sheets are slow.
    return GoogleWorkbook(api, rng=random.Random(11), new_sheet_rows=30, growth_rows=10)


def google_rows(grid: Sequence[Sequence[Cell]]) -> list[list[Any]]:
    """Rows as staff typed them, for the fake's RAW input: dates as serial numbers."""
    return [[_google_value(v) for v in row] for row in grid]


def _google_value(value: Cell) -> Any:
    if isinstance(value, date):
        return google_serial(value)
    if value is None:
        return ""
    return value if isinstance(value, str | int | float | bool) else str(value)


class GoogleHarness:
    """A spreadsheet on a fresh fake Sheets server, reached through gspread over HTTP."""

    def __init__(self, tmp_path: Path) -> None:
        del tmp_path
        self.server = start_fake_server(seed=3)
        self.controller = self.server.controller
        self.book_id = ""

    def create(self, grids: Grids) -> Workbook:
        sheets: dict[str, list[list[Any]]] = {t: google_rows(g) for t, g in grids.items()}
        self.book_id = self.controller.create_spreadsheet(
            "Наставничество",
            sheets or None,
            locale="ru_RU",
            time_zone="Europe/Moscow",
            input_option="RAW",
        )
        return google_workbook(self.server, self.book_id)

    def staff_edit(
        self, workbook: Workbook, sheet: str, row: int, column: int, value: Cell
    ) -> None:
        edit = staff.set_value(self.book_id, row, column + 1, _google_value(value), sheet)
        self.controller.apply(edit)

    def state(self, workbook: Workbook) -> object:
        return self.controller.state_of(self.book_id)

    def staff_sort(self, workbook: Workbook, sheet: str, column: int) -> None:
        self.controller.apply(staff.sort_rows(self.book_id, column, sheet=sheet))

    def unmarked_date(self, value: date) -> Cell:
        return to_serial(value)

    def close(self) -> None:
        self.server.stop()


def _text_at(row: Sequence[Cell], column: int) -> str:
    return str(row[column]) if column < len(row) and row[column] is not None else ""


# To add a backend: one line here (name → harness class taking tmp_path).
HARNESSES: dict[str, Callable[[Path], Harness]] = {
    "memory": MemoryHarness,
    "xlsx": XlsxHarness,
    "google": GoogleHarness,
}

TEACHERS = "Педагоги"
GRID: Grids = {
    TEACHERS: [["ФИО", "Дата начала", "Проверка"], ["Иванова Анна", date(2020, 9, 1)]],
    "Пары": [["Код пары", "Наставник"], ["НП-001", "Иванова Анна"]],
}
ROUND_TRIP: tuple[Cell, ...] = (
    "текст с ё",
    "=SUM(A1)",
    42,
    4.5,
    True,
    False,
    date(2025, 2, 28),
    datetime(2025, 3, 1, 14, 30),
)


def read_all(workbook: Workbook) -> dict[str, list[list[Cell]]]:
    """Every sheet as rows (header first) without trailing blank cells (backends may keep them)."""
    snapshot = workbook.read(workbook.read(()).order)
    return {
        title: [_trimmed(table.header), *(_trimmed(r) for r in table.rows)]
        for title, table in snapshot.tables.items()
    }


def _trimmed(row: Sequence[Cell]) -> list[Cell]:
    cells = list(row)
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells


class WorkbookContract:
    """The contract; a test module subclasses it and provides the `workbook_factory` fixture."""

    def test_reads_the_sheets_asked_for(self, workbook_factory: Harness) -> None:
        snapshot = workbook_factory.create(GRID).read([TEACHERS, "Нет такого"])
        assert set(snapshot.tables) == {TEACHERS}
        assert snapshot.order == (TEACHERS, "Пары")
        table = snapshot.table(TEACHERS)
        assert table is not None
        assert table.header == ("ФИО", "Дата начала", "Проверка")
        assert table.rows == (("Иванова Анна", date(2020, 9, 1)),)

    def test_titles_match_case_spaces_and_yo(self, workbook_factory: Harness) -> None:
        grids: Grids = {"Учёт встреч": [["Дата"]], TEACHERS: [["ФИО"]]}
        snapshot = workbook_factory.create(grids).read(["  УЧЕТ   ВСТРЕЧ ", "педагоги"])
        assert set(snapshot.tables) == {"Учёт встреч", TEACHERS}
        assert snapshot.table("учёт встреч") is not None

    def test_reads_back_what_was_written(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        snapshot = workbook.read([TEACHERS])
        writes = (CellWrite(TEACHERS, 2, 2, "ок"), CellWrite(TEACHERS, 4, 0, "Петров Пётр"))
        result = workbook.apply(ChangeSet(writes=writes), snapshot)
        assert result.cells_written == 2
        assert read_all(workbook)[TEACHERS] == [
            ["ФИО", "Дата начала", "Проверка"],
            ["Иванова Анна", date(2020, 9, 1), "ок"],
            [],
            ["Петров Пётр"],
        ]
        assert read_all(workbook)["Пары"] == [list(r) for r in GRID["Пары"]]

    def test_header_write_adds_a_column(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        workbook.apply(
            ChangeSet(writes=(CellWrite("Пары", 1, 3, "Состояние"),)), workbook.read(["Пары"])
        )
        table = workbook.read(["пары"]).table("Пары")
        assert table is not None
        assert table.column_index("состояние") == 3
        assert table.header == ("Код пары", "Наставник", None, "Состояние")

    def test_none_clears_a_cell(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        workbook.apply(ChangeSet(writes=(CellWrite("Пары", 2, 1, None),)), workbook.read(["Пары"]))
        assert read_all(workbook)["Пары"] == [["Код пары", "Наставник"], ["НП-001"]]

    def test_new_sheets_are_added_in_order(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        changes = ChangeSet(
            new_sheets=("Сводка", "Ошибки"),
            writes=(CellWrite("Ошибки", 1, 0, "Лист"), CellWrite("Сводка", 1, 0, "Показатель")),
        )
        workbook.apply(changes, workbook.read([]))
        snapshot = workbook.read(["Сводка", "Ошибки"])
        assert snapshot.order == (TEACHERS, "Пары", "Сводка", "Ошибки")
        assert [snapshot.tables[t].header for t in ("Сводка", "Ошибки")] == [
            ("Показатель",),
            ("Лист",),
        ]

    def test_new_sheets_in_a_new_workbook(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create({})
        snapshot = workbook.read([TEACHERS])
        assert snapshot.tables == {}
        changes = ChangeSet(
            new_sheets=(TEACHERS, "Пары"), writes=(CellWrite(TEACHERS, 1, 0, "ФИО"),)
        )
        workbook.apply(changes, snapshot)
        assert workbook.exists()
        assert workbook.read([]).order == (TEACHERS, "Пары")
        assert read_all(workbook) == {TEACHERS: [["ФИО"]], "Пары": [[]]}

    @pytest.mark.parametrize("value", ROUND_TRIP, ids=repr)
    def test_round_trip_of_every_cell_type(self, workbook_factory: Harness, value: Cell) -> None:
        workbook = workbook_factory.create(GRID)
        is_date = isinstance(value, date)
        write = CellWrite(TEACHERS, 2, 2, value, is_date)
        workbook.apply(ChangeSet(writes=(write,)), workbook.read([TEACHERS]))
        table = workbook.read([TEACHERS]).tables[TEACHERS]
        got = table.value(2, 2)
        assert got == value
        assert type(got) is type(value)

    def test_empty_changeset_writes_nothing(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        before = workbook_factory.state(workbook)
        result = workbook.apply(ChangeSet(), workbook.read([TEACHERS]))
        assert result.cells_written == 0
        assert workbook_factory.state(workbook) == before

    def test_staff_edit_of_an_anchored_row_is_refused(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        snapshot = workbook.read([TEACHERS])
        workbook_factory.staff_edit(workbook, TEACHERS, 2, 0, "Сидорова Анна")
        changes = ChangeSet(
            writes=(CellWrite(TEACHERS, 2, 2, "ок"),),
            anchors=(RowAnchor(TEACHERS, 2, ("Иванова Анна", date(2020, 9, 1))),),
        )
        with pytest.raises(ConcurrentEdit):
            workbook.apply(changes, snapshot)
        assert read_all(workbook)[TEACHERS][1] == ["Сидорова Анна", date(2020, 9, 1)]
        fresh = workbook.read([TEACHERS])  # the engine's retry: read again, plan again
        anchor = RowAnchor(TEACHERS, 2, ("Сидорова Анна", date(2020, 9, 1)))
        workbook.apply(ChangeSet(writes=changes.writes, anchors=(anchor,)), fresh)
        assert read_all(workbook)[TEACHERS][1] == ["Сидорова Анна", date(2020, 9, 1), "ок"]

    def test_unchanged_anchor_is_written(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        changes = ChangeSet(
            writes=(CellWrite(TEACHERS, 2, 2, "ок"),),
            anchors=(RowAnchor(TEACHERS, 2, ("Иванова Анна", date(2020, 9, 1))),),
        )
        workbook.apply(changes, workbook.read([TEACHERS]))
        assert read_all(workbook)[TEACHERS][1] == ["Иванова Анна", date(2020, 9, 1), "ок"]

    def test_formats_and_stamp_keep_values(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        before = read_all(workbook)
        check = Col("Проверка", ValueType.TEXT, Kind.CALC, note="Проблемы строки.")
        changes = ChangeSet(
            column_formats=(
                ColumnFormat(TEACHERS, 1, Col("Дата начала", ValueType.DATE)),
                ColumnFormat(TEACHERS, 2, check),
                ColumnFormat("Пары", 1, Col("Наставник"), ref_range=f"'{TEACHERS}'!$A$2:$A$2000"),
            ),
            sheet_formats=(
                SheetFormat(TEACHERS, "", False),
                SheetFormat("Пары", "Служебный.", True, (1,)),
            ),
            layout_stamp="stamp-1",
        )
        for _ in range(2):
            workbook.apply(changes, workbook.read([]))
        assert workbook.read([]).layout_stamp == "stamp-1"
        assert read_all(workbook) == before
