"""The engine contract: idempotence, keys, staff habits and row safety, on every backend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.service import ERRORS, REPORTS
from nastavnik.sheets_schema.sheets import meetings, pairs, teachers
from nastavnik.sync.backends.base import ApplyResult, Workbook
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.engine import RunReport, record_report, run_init, run_sync, run_validate
from nastavnik.sync.snapshot import Cell, Snapshot
from tests import factories as f
from tests.backend_contract import as_serials, read_all
from tests.backend_harnesses import Harness
from tests.engine_helpers import clock


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

    def test_report_figures_are_recorded_and_a_later_change_is_flagged(
        self, workbook_factory: Harness
    ) -> None:
        workbook = workbook_factory.create(grids_of(f.workbook(meetings=[f.meeting()])))
        sync(workbook)
        assert record_report(workbook, run_validate(workbook, f.TODAY, clock), 2025)
        meetings_held = column_of(workbook, REPORTS.title, "Значение")[
            column_of(workbook, REPORTS.title, "Показатель").index("Встреч за учебный год")
        ]
        assert meetings_held == 1  # the one meeting of 10.11.2025
        assert not record_report(workbook, run_validate(workbook, f.TODAY, clock), 2025)
        day = read_all(workbook)[meetings.TITLE][0].index("Дата")
        workbook_factory.staff_edit(workbook, meetings.TITLE, 2, day, date(2024, 11, 10))
        sync(workbook)  # the meeting now belongs to 2024/25: the 2025/26 figure changed
        problems = column_of(workbook, ERRORS.title, "Проблема")
        assert "2025/26, «Встреч за учебный год»: в отчёте от 20.11.2025 — 1, сейчас — 0." in (
            problems
        )
