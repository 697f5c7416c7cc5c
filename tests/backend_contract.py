"""The Workbook contract: one suite every backend must pass (see tests/backend_harnesses.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

import pytest

from nastavnik.sheets_schema.columns import Col, Kind, ValueType
from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.model import to_serial as google_serial
from nastavnik.sync.changeset import CellWrite, ChangeSet, ColumnFormat, RowAnchor, SheetFormat
from nastavnik.sync.snapshot import Cell
from tests.backend_harnesses import Grids, Harness

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

    def test_typed_values_are_not_formulas(self, workbook_factory: Harness) -> None:
        workbook = workbook_factory.create(GRID)
        workbook.apply(
            ChangeSet(writes=(CellWrite("Пары", 2, 2, "=1+1"),)), workbook.read(["Пары"])
        )
        snapshot = workbook.read([TEACHERS, "Пары"])
        for table in snapshot.tables.values():
            assert (table.formulas, table.uncached) == (frozenset(), frozenset())
        pairs = snapshot.table("Пары")
        assert pairs is not None
        assert pairs.value(2, 2) == "=1+1"  # text that looks like a formula stays text

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
                SheetFormat(TEACHERS, "", False, width=3),
                SheetFormat("Пары", "Служебный.", True, width=2),
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
