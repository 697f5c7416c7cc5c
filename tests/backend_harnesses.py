"""Backends under test: a `Harness` per backend (memory, xlsx, google through the fake server).

To add a backend, write its harness and add one line to `HARNESSES`.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import openpyxl

from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.backends.google.http import RateLimiter, RetryPolicy, SheetsApi
from nastavnik.sync.backends.google.model import to_serial as google_serial
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.snapshot import Cell
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
        """Sort the data rows (below the header) by a 0-based column, Я→А, like staff do."""
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
        grid[1:] = sorted(grid[1:], key=lambda row: _text_at(row, column), reverse=True)

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
        rows.sort(key=lambda row: _text_at(row, column), reverse=True)
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
    return GoogleWorkbook(api, rng=random.Random(11), new_sheet_rows=12, growth_rows=4)


def google_rows(grid: Sequence[Sequence[Cell]]) -> list[list[Any]]:
    """Rows as staff typed them, for the fake's RAW input: dates as serial numbers."""
    return [[_google_value(v) for v in row] for row in grid]


def _google_value(value: Cell) -> Any:
    if isinstance(value, date):
        return google_serial(value)
    if value is None:
        return ""
    return value if isinstance(value, str | int | float | bool) else str(value)


def create_google_book(server: FakeServer, grids: Grids, spare_rows: int = 20) -> str:
    """A spreadsheet as staff typed it (ru_RU); {} = a new one with its default sheet.

    Grids are just larger than the data: Google's 1000 rows make the fake's formats slow.
    """
    sheets: dict[str, list[list[Any]]] = {t: google_rows(g) for t, g in grids.items()}
    controller = server.controller
    book_id = controller.create_spreadsheet(
        "Наставничество",
        sheets or ["Лист1"],
        locale="ru_RU",
        time_zone="Europe/Moscow",
        input_option="RAW",
    )
    with server.store.lock:
        for sheet in controller.spreadsheet(book_id).sheets:
            sheet.grid["rowCount"] = len(sheet.rows) + spare_rows
    return book_id


class GoogleHarness:
    """A spreadsheet on a fresh fake Sheets server, reached through gspread over HTTP."""

    def __init__(self, tmp_path: Path) -> None:
        del tmp_path
        self.server = start_fake_server(seed=3)
        self.controller = self.server.controller
        self.book_id = ""

    def create(self, grids: Grids) -> Workbook:
        self.book_id = create_google_book(self.server, grids)
        return google_workbook(self.server, self.book_id)

    def staff_edit(
        self, workbook: Workbook, sheet: str, row: int, column: int, value: Cell
    ) -> None:
        edit = staff.set_value(self.book_id, row, column + 1, _google_value(value), sheet)
        self.controller.apply(edit)

    def state(self, workbook: Workbook) -> object:
        return self.controller.state_of(self.book_id)

    def staff_sort(self, workbook: Workbook, sheet: str, column: int) -> None:
        edit = staff.sort_rows(self.book_id, column, descending=True, sheet=sheet)
        self.controller.apply(edit)

    def unmarked_date(self, value: date) -> Cell:
        return google_serial(value)

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
