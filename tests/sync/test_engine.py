"""The whole engine on the memory backend: idempotence, keys, staff cells untouched, row safety."""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.errors import ConcurrentEdit, UnsafeWrite
from nastavnik.sheets_schema.sheets import meetings, pairs, teachers
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.changeset import ChangeSet, ChangeSetBuilder
from nastavnik.sync.engine import run_init, run_validate
from nastavnik.sync.snapshot import Snapshot, make_table
from tests import factories as f
from tests.engine_helpers import clock, column, input_cells, memory_workbook, sync


def test_second_sync_with_the_same_today_plans_zero_changes() -> None:
    workbook = memory_workbook(meetings=[f.meeting()])
    first = sync(workbook)
    registry_before = {t: [list(r) for r in g] for t, g in workbook.sheets.items()}
    second = sync(workbook)
    assert first.written and first.changes.cells_changed > 0
    assert second.changes.is_empty
    assert not second.written
    assert {t: workbook.sheets[t] for t in registry_before} == registry_before


def test_sync_never_changes_an_input_cell() -> None:
    workbook = memory_workbook(meetings=[f.meeting(), f.meeting(pair_code="НП-999")])
    before = {
        spec.title: input_cells(workbook, spec)
        for spec in (teachers.SPEC, pairs.SPEC, meetings.SPEC)
    }
    sync(workbook)
    after = {
        spec.title: input_cells(workbook, spec)
        for spec in (teachers.SPEC, pairs.SPEC, meetings.SPEC)
    }
    assert before == after


def test_blank_keys_are_filled_once_and_typed_keys_are_kept() -> None:
    workbook = memory_workbook(
        teachers=[
            f.teacher(code="П-007"),
            f.young_teacher(),
            f.young_teacher(fio="Сидорова Анна Ильинична"),
        ]
    )
    sync(workbook)
    codes = column(workbook, teachers.SPEC, "Код")
    assert codes == ["П-007", "П-008", "П-009"]
    grid = workbook.grid(teachers.TITLE)
    grid[1:] = [grid[3], grid[1], grid[2]]  # staff sort the rows
    sync(workbook)
    names = column(workbook, teachers.SPEC, "ФИО")
    assert dict(zip(names, column(workbook, teachers.SPEC, "Код"), strict=True)) == {
        f.MENTOR: "П-007", f.MENTEE: "П-008", "Сидорова Анна Ильинична": "П-009",
    }  # fmt: skip


def test_calc_values_follow_their_row_after_staff_sort() -> None:
    workbook = memory_workbook(teachers=[f.teacher(), f.young_teacher()])
    sync(workbook)
    grid = workbook.grid(teachers.TITLE)
    grid[1], grid[2] = grid[2], grid[1]
    sync(workbook)
    names = column(workbook, teachers.SPEC, "ФИО")
    young = column(workbook, teachers.SPEC, "Молодой специалист")
    assert dict(zip(names, young, strict=True)) == {f.MENTOR: "нет", f.MENTEE: "да"}


def test_validate_writes_nothing_and_reports_problems() -> None:
    workbook = memory_workbook(meetings=[f.meeting(pair_code="НП-999")])
    before = {t: [list(r) for r in g] for t, g in workbook.sheets.items()}
    report = run_validate(workbook, f.TODAY, clock)
    assert report.has_errors
    assert workbook.sheets == before


def test_dry_run_writes_nothing_but_reports_the_changes() -> None:
    from nastavnik.sync.engine import run_sync

    workbook = memory_workbook()
    before = {t: [list(r) for r in g] for t, g in workbook.sheets.items()}
    report = run_sync(workbook, f.TODAY, clock, dry_run=True)
    assert not report.written and report.changes.cells_changed > 0
    assert workbook.sheets == before


class EditingWorkbook(MemoryWorkbook):
    """A memory workbook where staff sort «Педагоги» between the first read and write."""

    edits_left: int = 1

    def apply(self, changes: ChangeSet, snapshot: Snapshot):  # type: ignore[no-untyped-def]
        if self.edits_left:
            self.edits_left -= 1
            grid = self.sheets[teachers.TITLE]
            grid[1], grid[2] = grid[2], grid[1]
        return super().apply(changes, snapshot)


def test_staff_sorting_rows_mid_sync_never_puts_a_value_in_the_wrong_row() -> None:
    plain = memory_workbook(teachers=[f.teacher(), f.young_teacher()])
    workbook = EditingWorkbook(sheets=plain.sheets)
    sync(workbook)
    names = column(workbook, teachers.SPEC, "ФИО")
    young = column(workbook, teachers.SPEC, "Молодой специалист")
    assert names == [f.MENTEE, f.MENTOR]
    assert dict(zip(names, young, strict=True)) == {f.MENTOR: "нет", f.MENTEE: "да"}


def test_persistent_concurrent_edits_end_in_a_clear_error() -> None:
    plain = memory_workbook(teachers=[f.teacher(), f.young_teacher()])
    workbook = EditingWorkbook(sheets=plain.sheets)
    workbook.edits_left = 10
    with pytest.raises(ConcurrentEdit) as raised:
        sync(workbook)
    assert "изменил" in str(raised.value)


def test_changeset_builder_refuses_to_write_an_input_cell() -> None:
    table = make_table(teachers.TITLE, [["ФИО", "Роль"], ["Иванова", "наставник"]])
    builder = ChangeSetBuilder()
    fio = teachers.SPEC.column("ФИО")
    with pytest.raises(UnsafeWrite):
        builder.set_cell(table, teachers.SPEC, 2, fio, 0, "Петрова")


def test_changeset_builder_refuses_a_calc_value_into_another_column() -> None:
    table = make_table(teachers.TITLE, [["ФИО", "Педстаж, лет"], ["Иванова", None]])
    builder = ChangeSetBuilder()
    with pytest.raises(UnsafeWrite):
        builder.set_cell(table, teachers.SPEC, 2, teachers.SPEC.column("Педстаж, лет"), 0, 5)


def test_changeset_builder_refuses_to_change_a_filled_key() -> None:
    table = make_table(teachers.TITLE, [["Код", "ФИО"], ["П-001", "Иванова"]])
    builder = ChangeSetBuilder()
    with pytest.raises(UnsafeWrite):
        builder.set_cell(table, teachers.SPEC, 2, teachers.SPEC.column("Код"), 0, "П-002")


def test_init_is_idempotent_and_keeps_existing_data() -> None:
    workbook = memory_workbook(meetings=[f.meeting()])
    before = [list(r) for r in workbook.grid(meetings.TITLE)]
    first = run_init(workbook)
    second = run_init(workbook)
    assert not first.is_empty and second.is_empty
    after = workbook.grid(meetings.TITLE)
    assert [r[: len(before[0])] for r in after[: len(before)]] == before


def test_init_on_an_empty_workbook_creates_every_sheet_and_seeds_the_roadmap() -> None:
    from nastavnik import sheets_schema
    from nastavnik.sheets_schema.seed_roadmap import ROADMAP_ITEMS

    workbook = MemoryWorkbook()
    run_init(workbook)
    assert set(workbook.sheets) == {s.title for s in sheets_schema.ALL_SHEETS}
    roadmap_rows = workbook.grid("Дорожная карта")[1:]
    assert [r[2] for r in roadmap_rows] == [i.deadline for i in ROADMAP_ITEMS]
    for (title, _column), fmt in workbook.column_formats.items():
        assert fmt.sheet == title


def test_pair_start_change_is_reflected_in_calc_columns_next_sync() -> None:
    workbook = memory_workbook()
    sync(workbook)
    grid = workbook.grid(pairs.TITLE)
    start = grid[0].index("Дата окончания (план)")
    grid[1][start] = date(2026, 2, 28)
    report = sync(workbook)
    assert report.changes.cells_changed > 0
    assert column(workbook, pairs.SPEC, "Длительность, мес.")[0] == 6
