"""The .xlsx backend's layout: widths, notes, shading, dropdowns, colours, idempotence."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from nastavnik.sheets_schema.columns import Col, Kind, ValueType
from nastavnik.sheets_schema.palette import DEADLINE_STATES
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.layout import HELPER_SHEET, STAMP_PROPERTY
from nastavnik.sync.changeset import CellWrite, ChangeSet, ColumnFormat, SheetFormat
from tests.backends.xlsx.test_backend_xlsx import SHEET, TEACHERS, apply, pairs_book, reopen


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return pairs_book(tmp_path)


CHECK = Col(
    "Состояние", ValueType.TEXT, Kind.CALC, note="Состояние пары.", width=30, states=DEADLINE_STATES
)
FORMATS = ChangeSet(
    column_formats=(
        ColumnFormat(SHEET, 0, Col("Код пары", kind=Kind.KEY)),
        ColumnFormat(SHEET, 1, Col("Наставник"), ref_range="'Педагоги'!$A$2:$A$2000"),
        ColumnFormat(SHEET, 2, Col("Статус", ValueType.CHOICE), ("действует", "завершена")),
        ColumnFormat(SHEET, 3, CHECK),
        ColumnFormat(TEACHERS, 1, Col("Дата", ValueType.DATE, note="Дата начала.")),
    ),
    sheet_formats=(
        SheetFormat(SHEET, "", False, width=4),
        SheetFormat(TEACHERS, "Лист службы: правки будут потеряны.", True, width=2),
    ),
    writes=(CellWrite(SHEET, 7, 3, "просрочено"),),  # a new cell after the formats
    layout_stamp="layout-1",
)
STATES = tuple(f'"{word.text}"' for word in DEADLINE_STATES.words)  # one equal-to rule each


def cf_rules(sheet: Any) -> list[tuple[str, str | None]]:
    return [
        (str(cf.sqref), r.text or r.formula[0])
        for cf in sheet.conditional_formatting
        for r in cf.rules
    ]


class TestLayout:
    def test_column_and_sheet_formats_and_stamp(self, path: Path) -> None:
        apply(path, FORMATS)
        book = reopen(path)
        pairs = book[SHEET]
        assert pairs.column_dimensions["D"].width == 30
        assert pairs["D1"].comment.text == "Состояние пары.\nЗаполняется автоматически."
        assert pairs["A1"].comment.text == "Заполняется автоматически."
        assert pairs["B1"].comment is None
        assert pairs["D1"].fill.fgColor.rgb == "00D9D9D9"
        assert pairs.column_dimensions["D"].fill.fgColor.rgb == "00F2F2F2"
        assert pairs["A2"].fill.fill_type is None  # a cell outside the ChangeSet keeps its XML
        assert pairs["D7"].fill.fgColor.rgb == "00F2F2F2"  # a new cell takes the column style
        assert book[TEACHERS].column_dimensions["B"].number_format == "DD.MM.YYYY"
        lists = {str(dv.sqref): dv for dv in pairs.data_validations.dataValidation}
        assert set(lists) == {"B2:B1048576", "C2:C1048576"}
        status = lists["C2:C1048576"]
        assert status.formula1 == '"действует,завершена"'
        assert [status.type, status.errorStyle, status.showErrorMessage] == ["list", "warning", 1]
        name = lists["B2:B1048576"].formula1
        assert book.defined_names[name].attr_text == "'Педагоги'!$A$2:$A$2000"

        teachers = book[TEACHERS]
        assert pairs.freeze_panes == "A2" and teachers.freeze_panes == "A2"
        assert all(cell.font.bold for cell in pairs[1] if cell.value)
        assert teachers.sheet_properties.tabColor.rgb == "007F7F7F"
        assert pairs.sheet_properties.tabColor is None
        assert teachers["A1"].comment.text == "Лист службы: правки будут потеряны."
        assert teachers["B1"].comment.text == "Дата начала."
        assert sorted(cf_rules(pairs)) == sorted(("D2:D1048576", word) for word in STATES)
        assert book.custom_doc_props[STAMP_PROPERTY].value == "layout-1"
        assert XlsxWorkbook(path).read([]).layout_stamp == "layout-1"

    def test_applied_twice_nothing_is_duplicated_and_staff_rules_stay(self, path: Path) -> None:
        book = reopen(path)
        rule = CellIsRule(operator="equal", formula=['"1"'], fill=PatternFill(bgColor="0000FF"))
        book[SHEET].conditional_formatting.add("A2:A50", rule)
        staff_list = DataValidation(type="whole")
        staff_list.add("E2:E50")
        book[SHEET].add_data_validation(staff_list)
        book.save(path)
        apply(path, FORMATS)
        first = reopen(path)
        apply(path, FORMATS)
        second = reopen(path)
        for book in (first, second):
            assert len(book[SHEET].data_validations.dataValidation) == 3
            assert sorted(cf_rules(book[SHEET])) == sorted(
                [("A2:A50", '"1"'), *(("D2:D1048576", word) for word in STATES)]
            )
            assert len(book.defined_names) == 1
            assert book.custom_doc_props.names == [STAMP_PROPERTY]
        assert second[SHEET]["D1"].comment.text == first[SHEET]["D1"].comment.text

    def test_the_second_application_changes_no_byte(self, path: Path) -> None:
        apply(path, FORMATS)
        with zipfile.ZipFile(path) as archive:
            first = {info.filename: archive.read(info) for info in archive.infolist()}
        apply(path, FORMATS)
        with zipfile.ZipFile(path) as archive:
            second = {info.filename: archive.read(info) for info in archive.infolist()}
        assert second == first

    def test_staff_note_on_a_header_stays_theirs(self, path: Path) -> None:
        book = reopen(path)
        book[SHEET]["D1"].comment = Comment("моя заметка", "Завуч")
        book.save(path)
        apply(path, FORMATS)
        apply(path, FORMATS)
        pairs = reopen(path)[SHEET]
        assert (pairs["D1"].comment.text, pairs["D1"].comment.author) == ("моя заметка", "Завуч")
        assert pairs["A1"].comment.text == "Заполняется автоматически."

    def test_long_list_in_a_hidden_helper_sheet_follows_a_moved_column(self, path: Path) -> None:
        choices = tuple(f"вариант номер {n}, длинный" for n in range(20))
        for column in (2, 2, 4):  # applied twice, then staff moved the column from C to E
            status = ColumnFormat(SHEET, column, Col("Статус"), choices)
            apply(path, ChangeSet(column_formats=(status,)))
        book = reopen(path)
        helper = book[HELPER_SHEET]
        assert helper.sheet_state == "hidden"
        assert [c.value for c in helper["A"]] == ["Пары: Статус", *choices]
        assert helper.max_column == 1
        (dv,) = book[SHEET].data_validations.dataValidation
        assert str(dv.sqref) == "E2:E1048576"
        assert book.defined_names[dv.formula1].attr_text == f"'{HELPER_SHEET}'!$A$2:$A$21"

    def test_grouped_column_widths_are_split_not_overlapped(self, path: Path) -> None:
        book = reopen(path)
        book[SHEET].column_dimensions.group("A", "F", outline_level=0)
        book[SHEET].column_dimensions["A"].width = 12
        book.save(path)
        apply(path, ChangeSet(column_formats=(ColumnFormat(SHEET, 3, CHECK),)))
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/worksheets/sheet2.xml").decode()
        spans = re.findall(r'<col [^>]*min="(\d+)" max="(\d+)"', xml)
        assert sorted((int(a), int(b)) for a, b in spans) == [(1, 3), (4, 4), (5, 6)]
        dims = reopen(path)[SHEET].column_dimensions
        assert (dims["A"].width, dims["D"].width, dims["E"].width) == (12, 30, 12)
