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

from sheets_schema.base import SheetSpec
from sheets_schema.columns import Col, Kind, ValueType
from sheets_schema.sheets import meetings, pairs, teachers
from sync.backends.base import ApplyResult, Workbook
from sync.backends.google import GoogleWorkbook
from sync.backends.google_http import RateLimiter, RetryPolicy, SheetsApi
from sync.backends.google_model import to_serial as google_serial
from sync.backends.memory import MemoryWorkbook
from sync.backends.xlsx import XlsxWorkbook
from sync.changeset import CellWrite, ChangeSet, ColumnFormat, RowAnchor, SheetFormat
from sync.engine import RunReport, run_init, run_sync
from sync.errors import ConcurrentEdit
from sync.snapshot import Cell, Snapshot
from tests import factories as f
from tests.engine_helpers import clock
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
        assert table.rows == (("Иванова Анна", workbook_factory.unmarked_date(date(2020, 9, 1))),)

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
        started = workbook_factory.unmarked_date(date(2020, 9, 1))
        assert read_all(workbook)[TEACHERS] == [
            ["ФИО", "Дата начала", "Проверка"],
            ["Иванова Анна", started, "ок"],
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
        started = workbook_factory.unmarked_date(date(2020, 9, 1))
        assert read_all(workbook)[TEACHERS][1] == ["Сидорова Анна", started]
        fresh = workbook.read([TEACHERS])  # the engine's retry: read again, plan again
        anchor = RowAnchor(TEACHERS, 2, ("Сидорова Анна", date(2020, 9, 1)))
        workbook.apply(ChangeSet(writes=changes.writes, anchors=(anchor,)), fresh)
        assert read_all(workbook)[TEACHERS][1] == ["Сидорова Анна", started, "ок"]

    def test_unchanged_anchor_is_written(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        changes = ChangeSet(
            writes=(CellWrite(TEACHERS, 2, 2, "ок"),),
            anchors=(RowAnchor(TEACHERS, 2, ("Иванова Анна", date(2020, 9, 1))),),
        )
        workbook.apply(changes, workbook.read([TEACHERS]))
        started = workbook_factory.unmarked_date(date(2020, 9, 1))
        assert read_all(workbook)[TEACHERS][1] == ["Иванова Анна", started, "ок"]

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
        assert as_serials(read_all(workbook)) == as_serials(before)  # a date format may type it


def as_serials(grids: Mapping[str, list[list[Cell]]]) -> dict[str, list[list[Cell]]]:
    """Grids with dates as serial numbers: equal values, however a backend types them."""
    return {
        title: [[google_serial(v) if isinstance(v, date) else v for v in row] for row in grid]
        for title, grid in grids.items()
    }


# --- the engine on every backend ---------------------------------------------------------


def grids_of(snapshot: Snapshot) -> dict[str, list[list[Cell]]]:
    """A factory snapshot as grids (header first) for `Harness.create`."""
    return {t: [list(table.header), *map(list, table.rows)] for t, table in snapshot.tables.items()}


def column_of(workbook: Workbook, title: str, header: str) -> list[Cell]:
    """The data cells under a header, as the backend reads them now."""
    grid = read_all(workbook)[title]
    index = [str(h) if h is not None else "" for h in grid[0]].index(header)
    return [row[index] if index < len(row) else None for row in grid[1:]]


def input_cells(workbook: Workbook, spec: SheetSpec) -> list[tuple[int, int, Cell]]:
    """(row, column, value) of every cell not under one of the spec's key/calc headers."""
    grid = as_serials(read_all(workbook))[spec.title]
    auto = {c.header for c in spec.columns if c.is_auto}
    return [
        (number, index, row[index] if index < len(row) else None)
        for index, header in enumerate(grid[0])
        if header not in auto
        for number, row in enumerate(grid[1:], start=2)
    ]


class EditDuringSync:
    """A Workbook whose first `apply` is preceded by a staff edit (between read and write)."""

    def __init__(self, inner: Workbook, edit: Callable[[], None]) -> None:
        self.inner = inner
        self.edit: Callable[[], None] | None = edit
        self.applies = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def write_requests(self) -> int:
        return self.inner.write_requests

    def exists(self) -> bool:
        return self.inner.exists()

    def read(self, titles: Sequence[str]) -> Snapshot:
        return self.inner.read(titles)

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        self.applies += 1
        if self.edit is not None:
            edit, self.edit = self.edit, None
            edit()
        return self.inner.apply(changes, snapshot)


def sync(workbook: Workbook) -> RunReport:
    """One sync on the factories' day with a fixed clock."""
    return run_sync(workbook, f.TODAY, clock)


class EngineContract:
    """Idempotence, keys, staff habits and row safety, on every backend."""

    def test_second_sync_writes_nothing(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(grids_of(f.workbook(meetings=[f.meeting()])))
        first = sync(workbook)
        before = workbook_factory.state(workbook)
        second = sync(workbook)
        assert first.written and first.changes.cells_changed > 0
        assert second.changes.is_empty and not second.written
        assert workbook_factory.state(workbook) == before

    def test_second_init_writes_nothing(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create({})
        assert not run_init(workbook).is_empty
        before = workbook_factory.state(workbook)
        assert run_init(workbook).is_empty
        assert workbook_factory.state(workbook) == before

    def test_sync_never_changes_an_input_cell(self, workbook_factory: Harness) -> None:
        grids = grids_of(f.workbook(meetings=[f.meeting(), f.meeting(pair_code="НП-999")]))
        workbook = workbook_factory.create(grids)
        specs = (teachers.SPEC, pairs.SPEC, meetings.SPEC)
        before = {spec.title: input_cells(workbook, spec) for spec in specs}
        report = sync(workbook)
        assert report.written
        assert {spec.title: input_cells(workbook, spec) for spec in specs} == before

    def test_keys_are_filled_once_and_follow_their_rows(self, workbook_factory: Harness) -> None:
        rows = [f.teacher(code="П-007"), f.young_teacher(), f.young_teacher(fio="Сидорова Анна")]
        workbook = workbook_factory.create(grids_of(f.workbook(teachers=rows)))
        sync(workbook)
        names = column_of(workbook, teachers.TITLE, "ФИО")
        codes = column_of(workbook, teachers.TITLE, "Код")
        assert codes == ["П-007", "П-008", "П-009"]
        fio = read_all(workbook)[teachers.TITLE][0].index("ФИО")
        workbook_factory.staff_sort(workbook, teachers.TITLE, fio)
        sync(workbook)
        after = column_of(workbook, teachers.TITLE, "ФИО")
        assert after != names  # really sorted
        assert dict(zip(after, column_of(workbook, teachers.TITLE, "Код"), strict=True)) == dict(
            zip(names, codes, strict=True)
        )

    def test_reordered_columns_are_found_by_header(self, workbook_factory: Harness) -> None:
        grids = grids_of(f.workbook())
        grid = grids[teachers.TITLE]
        order = list(reversed(range(len(grid[0]))))
        grids[teachers.TITLE] = [[row[i] if i < len(row) else None for i in order] for row in grid]
        workbook = workbook_factory.create(grids)
        sync(workbook)
        names = column_of(workbook, teachers.TITLE, "ФИО")
        young = column_of(workbook, teachers.TITLE, "Молодой специалист")
        assert dict(zip(names, young, strict=True)) == {f.MENTOR: "нет", f.MENTEE: "да"}

    def test_staff_edit_between_read_and_write_is_kept(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(grids_of(f.workbook(meetings=[f.meeting()])))
        sync(workbook)
        header = read_all(workbook)[teachers.TITLE][0]
        start = header.index("Дата начала педагогической деятельности")
        workbook_factory.staff_edit(workbook, teachers.TITLE, 3, start, date(2015, 9, 1))
        subject = header.index("Предмет / направление")

        def edit() -> None:
            workbook_factory.staff_edit(workbook, teachers.TITLE, 3, subject, "химия")

        wrapped = EditDuringSync(workbook, edit)
        report = sync(wrapped)
        assert report.written and wrapped.applies >= 2  # the cycle was redone
        assert column_of(workbook, teachers.TITLE, "Предмет / направление")[1] == "химия"
        assert column_of(workbook, teachers.TITLE, "Педстаж, лет")[1] == 10
        assert sync(workbook).changes.is_empty

    def test_rows_sorted_between_read_and_write_get_their_own_values(
        self, workbook_factory: Harness
    ) -> None:
        rows = [f.teacher(), f.young_teacher(), f.young_teacher(fio="Сидорова Анна Ильинична")]
        workbook = workbook_factory.create(grids_of(f.workbook(teachers=rows)))
        fio = read_all(workbook)[teachers.TITLE][0].index("ФИО")
        wrapped = EditDuringSync(
            workbook, lambda: workbook_factory.staff_sort(workbook, teachers.TITLE, fio)
        )
        sync(wrapped)
        names = column_of(workbook, teachers.TITLE, "ФИО")
        young = column_of(workbook, teachers.TITLE, "Молодой специалист")
        assert names[0] == "Сидорова Анна Ильинична"  # staff's order stays
        assert dict(zip(names, young, strict=True)) == {
            f.MENTOR: "нет",
            f.MENTEE: "да",
            "Сидорова Анна Ильинична": "да",
        }
