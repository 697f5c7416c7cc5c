"""The pure layout plan: header heights, landscape, row heights, and which sheets `init` repairs."""

from __future__ import annotations

from datetime import date

from nastavnik import sheets_schema
from nastavnik.sheets_schema.service import ERRORS, SUMMARY
from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sync.engine import plan_init, plan_sync
from nastavnik.sync.layout import sheet_format, wrapped_lines
from nastavnik.sync.snapshot import SheetLayout, Table
from tests import factories as f


def test_wrapped_lines_break_at_words_and_newlines() -> None:
    assert wrapped_lines("Дата окончания (план)", 14) == 2  # 14 characters a line
    assert wrapped_lines("Дата окончания (план)", 10) == 3  # 10 characters a line
    assert wrapped_lines("Код", 8) == 1
    assert wrapped_lines("", 8) == 1
    assert wrapped_lines("первая строка\nвторая", 40) == 2
    assert wrapped_lines("а" * 25, 10) == 3  # a long word breaks inside: 10 + 10 + 5


def test_summary_prints_portrait_and_teachers_landscape() -> None:
    summary = sheet_format(SUMMARY, Table(SUMMARY.title, ("Раздел", "Показатель", "Значение"), ()))
    assert not summary.landscape and summary.width == 3
    wide = sheet_format(teachers.SPEC, Table(teachers.TITLE, (), ()))
    assert wide.landscape and wide.header_lines >= 2


def test_a_sync_gives_rows_of_long_problems_a_height() -> None:
    _, _, builder = plan_sync(f.workbook(pairs=[f.pair(order_no=None)]), date(2025, 10, 15))
    heights = {(h.sheet, h.row): h.lines for h in builder.row_heights}
    assert heights[(ERRORS.title, 2)] >= 2  # «Пара действует, а «Приказ №» не заполнено.» wraps


def test_init_repairs_only_the_sheets_that_lost_a_piece() -> None:
    snapshot = f.workbook()
    first = plan_init(snapshot)
    complete = {
        fmt.sheet: SheetLayout(
            frozen=True,
            filtered=True,
            printed=True,
            validated=frozenset(range(60)),
            noted=frozenset(range(60)),
            shaded=frozenset(range(60)),
            ruled=frozenset(range(60)),
        )
        for fmt in first.sheet_formats
    }
    stamped = type(snapshot)(snapshot.tables, snapshot.order, first.layout_stamp)
    assert not plan_init(stamped, layouts=complete).sheet_formats
    broken = {**complete, "Пары": SheetLayout(frozen=False)}
    assert [fmt.sheet for fmt in plan_init(stamped, layouts=broken).sheet_formats] == ["Пары"]
    assert {spec.title for spec in sheets_schema.ALL_SHEETS} <= {
        fmt.sheet for fmt in first.sheet_formats
    }
