"""The .xlsx backend against real files: written by openpyxl as staff would, reopened after writing."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sheets_schema.columns import Col, Kind, ValueType
from sync.backends.xlsx import XlsxWorkbook
from sync.backends.xlsx_layout import HELPER_SHEET, STAMP_PROPERTY
from sync.changeset import CellWrite, ChangeSet, ColumnFormat, SheetFormat
from sync.errors import ConcurrentEdit, UnsafeWrite, WorkbookError
from sync.snapshot import Link

SHEET = "Пары"
TEACHERS = "Педагоги"


def make_book(path: Path, grids: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook as staff would have typed it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, grid in grids.items():
        sheet = book.create_sheet(title)
        for line in grid:
            sheet.append(list(line))
    book.save(path)
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "наставничество.xlsx",
        {
            TEACHERS: [["ФИО", "Дата"], ["Иванова Анна", date(2020, 9, 1)]],
            SHEET: [["Код пары", "Наставник", "Статус", "Состояние"], ["НП-001", "Иванова Анна"]],
        },
    )


def apply(path: Path, changes: ChangeSet) -> XlsxWorkbook:
    workbook = XlsxWorkbook(path)
    workbook.apply(changes, workbook.read([SHEET, TEACHERS]))
    return workbook


def reopen(path: Path) -> Any:
    return openpyxl.load_workbook(path)


# --- reading -------------------------------------------------------------------------------


def test_read_keeps_types(tmp_path: Path) -> None:
    path = make_book(tmp_path / "типы.xlsx", {TEACHERS: [["Дата", "Время", "Число"]]})
    book = openpyxl.load_workbook(path)
    sheet = book[TEACHERS]
    values = [datetime(2024, 9, 1), datetime(2024, 9, 1, 8, 30), 45292, 4.5, True, "01.09.2024"]
    sheet.append(values)
    sheet["A2"].number_format = "DD.MM.YYYY"
    sheet.append([time(8, 30), 0.1, 3.0, False, "  текст  "])
    sheet["A3"].number_format = "HH:MM"
    book.save(path)

    table = XlsxWorkbook(path).read([TEACHERS]).tables[TEACHERS]
    first, second = table.rows
    assert first == (date(2024, 9, 1), datetime(2024, 9, 1, 8, 30), 45292, 4.5, True, "01.09.2024")
    assert [type(v) for v in first] == [date, datetime, int, float, bool, str]
    assert second == ("08:30", 0.1, 3.0, False, "  текст  ")
    assert isinstance(second[2], int | float)


def test_blank_rows_in_the_middle_kept_and_trailing_blanks_trimmed(tmp_path: Path) -> None:
    path = make_book(tmp_path / "пустые.xlsx", {SHEET: [["Код", "Имя"], ["НП-001", "А"]]})
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    sheet["A4"] = "НП-002"
    sheet["D4"].fill = PatternFill("solid", fgColor="FFFF00")  # styled but empty: trimmed
    for row in range(5, 40):
        sheet.cell(row=row, column=1).font = Font(bold=True)  # formatted empty rows: trimmed
    book.save(path)

    table = XlsxWorkbook(path).read([SHEET]).tables[SHEET]
    assert table.rows == (("НП-001", "А"), (), ("НП-002",))
    assert table.last_row == 4


def test_read_ignores_a_wrong_stored_dimension(path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "размер.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
            target.writestr(item, data)
    table = XlsxWorkbook(broken).read([SHEET]).tables[SHEET]
    assert table.header == ("Код пары", "Наставник", "Статус", "Состояние")
    assert table.rows == (("НП-001", "Иванова Анна"),)


def test_titles_order_and_cyrillic(path: Path) -> None:
    snapshot = XlsxWorkbook(path).read(["  пары "])
    assert list(snapshot.tables) == [SHEET]
    assert snapshot.order == (TEACHERS, SHEET)
    assert snapshot.layout_stamp == ""


def test_missing_file_reads_empty_and_is_not_created(tmp_path: Path) -> None:
    workbook = XlsxWorkbook(tmp_path / "новая.xlsx")
    assert not workbook.exists()
    snapshot = workbook.read([SHEET])
    assert snapshot.tables == {}
    assert snapshot.order == ()
    assert not (tmp_path / "новая.xlsx").exists()
    assert workbook.name == str(tmp_path / "новая.xlsx")


# --- writing cells -------------------------------------------------------------------------


def test_writes_land_in_exactly_the_cells_given(path: Path) -> None:
    before = {(c.row, c.column): c.value for r in reopen(path)[SHEET].iter_rows() for c in r}
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "ок"), CellWrite(SHEET, 5, 0, "НП-009"))))
    sheet = reopen(path)[SHEET]
    after = {
        (c.row, c.column): c.value for r in sheet.iter_rows() for c in r if c.value is not None
    }
    expected = {k: v for k, v in before.items() if v is not None} | {(2, 4): "ок", (5, 1): "НП-009"}
    assert after == expected


def test_dates_are_real_dates_in_dd_mm_yyyy(path: Path) -> None:
    writes = (
        CellWrite(SHEET, 2, 2, date(2025, 3, 1), is_date=True),
        CellWrite(SHEET, 3, 2, datetime(2025, 3, 2), is_date=True),
        CellWrite(SHEET, 4, 2, datetime(2025, 3, 3, 9, 15)),
    )
    apply(path, ChangeSet(writes=writes))
    sheet = reopen(path)[SHEET]
    assert sheet["C2"].value == datetime(2025, 3, 1)
    assert sheet["C2"].is_date and sheet["C2"].number_format == "DD.MM.YYYY"
    assert sheet["C3"].value == datetime(2025, 3, 2)
    assert sheet["C3"].number_format == "DD.MM.YYYY"
    assert sheet["C4"].value == datetime(2025, 3, 3, 9, 15)
    assert sheet["C4"].number_format == "DD.MM.YYYY HH:MM"
    assert XlsxWorkbook(path).read([SHEET]).tables[SHEET].value(2, 2) == date(2025, 3, 1)


def test_text_starting_with_equals_is_stored_as_text(path: Path) -> None:
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, "=SUM(A1)"), CellWrite(SHEET, 2, 3, "="))))
    cell = reopen(path)[SHEET]["C2"]
    assert cell.data_type == "s"
    assert cell.value == "=SUM(A1)"
    assert cell.quotePrefix
    cached = openpyxl.load_workbook(path, data_only=True)[SHEET]["C2"].value
    assert cached == "=SUM(A1)"
    assert XlsxWorkbook(path).read([SHEET]).tables[SHEET].value(2, 2) == "=SUM(A1)"


def test_staff_formatting_formulas_and_notes_survive(path: Path) -> None:
    book = reopen(path)
    sheet = book[SHEET]
    for ref in ("C2", "E2"):
        sheet[ref].font = Font(bold=True, color="FF0000")
        sheet[ref].fill = PatternFill("solid", fgColor="FFFF00")
        sheet[ref].number_format = "0.00"
    sheet["F2"] = "=LEN(B2)*2"
    sheet["B2"].comment = openpyxl.comments.Comment("заметка сотрудника", "Завуч")
    sheet.column_dimensions["B"].width = 33
    book.save(path)

    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, 12.5), CellWrite(SHEET, 3, 2, None))))
    sheet = reopen(path)[SHEET]
    for ref in ("C2", "E2"):  # written and untouched
        assert sheet[ref].font.bold and sheet[ref].font.color.rgb == "00FF0000"
        assert sheet[ref].fill.fgColor.rgb == "00FFFF00"
        assert sheet[ref].number_format == "0.00"
    assert sheet["C2"].value == 12.5
    assert sheet["F2"].value == "=LEN(B2)*2"
    assert sheet["B2"].comment.text == "заметка сотрудника"
    assert sheet.column_dimensions["B"].width == 33


def test_none_clears_the_value_but_keeps_the_style(path: Path) -> None:
    book = reopen(path)
    book[SHEET]["B2"].fill = PatternFill("solid", fgColor="FFFF00")
    book.save(path)
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 1, None),)))
    cell = reopen(path)[SHEET]["B2"]
    assert cell.value is None
    assert cell.fill.fgColor.rgb == "00FFFF00"


def test_link_is_text_with_an_in_book_hyperlink(path: Path) -> None:
    link = Link(TEACHERS, "A2", "Педагоги, строка 2")
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, link),)))
    cell = reopen(path)[SHEET]["D2"]
    assert cell.value == "Педагоги, строка 2"
    assert cell.hyperlink.location == "'Педагоги'!A2"
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "просто текст"),)))
    cell = reopen(path)[SHEET]["D2"]
    assert cell.hyperlink is None and not cell.font.underline


def test_merged_cell_write_is_refused_and_file_untouched(path: Path) -> None:
    book = reopen(path)
    book[SHEET].merge_cells("C2:D2")
    book.save(path)
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match=r"D2.*объединённые"):
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "x"),)))
    assert path.read_bytes() == before


def test_new_workbook_has_exactly_the_new_sheets(tmp_path: Path) -> None:
    target = tmp_path / "новая.xlsx"
    workbook = XlsxWorkbook(target)
    changes = ChangeSet(
        new_sheets=("Педагоги", "Сводка"), writes=(CellWrite("сводка", 1, 0, "Итог"),)
    )
    workbook.apply(changes, workbook.read([]))
    book = reopen(target)
    assert book.sheetnames == ["Педагоги", "Сводка"]
    assert book["Сводка"]["A1"].value == "Итог"


def test_apply_without_read_is_refused(path: Path) -> None:
    workbook = XlsxWorkbook(path)
    snapshot = XlsxWorkbook(path).read([])
    with pytest.raises(UnsafeWrite):
        workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), snapshot)


# --- layout --------------------------------------------------------------------------------

CHECK = Col("Состояние", ValueType.TEXT, Kind.CALC, note="Состояние пары.", width=30)
FORMATS = ChangeSet(
    column_formats=(
        ColumnFormat(SHEET, 0, Col("Код пары", kind=Kind.KEY)),
        ColumnFormat(
            SHEET, 1, Col("Наставник", ValueType.FIO), ref_range="'Педагоги'!$A$2:$A$2000"
        ),
        ColumnFormat(SHEET, 2, Col("Статус", ValueType.CHOICE), ("действует", "завершена")),
        ColumnFormat(SHEET, 3, CHECK),
        ColumnFormat(TEACHERS, 1, Col("Дата", ValueType.DATE, note="Дата начала.")),
    ),
    sheet_formats=(
        SheetFormat(SHEET, "", False, (3,)),
        SheetFormat(TEACHERS, "Лист службы: правки будут потеряны.", True),
    ),
    layout_stamp="layout-1",
)


def our_rules(sheet: Any) -> list[tuple[str, str | None]]:
    return [(str(cf.sqref), r.text) for cf in sheet.conditional_formatting for r in cf.rules]


def test_column_and_sheet_formats(path: Path) -> None:
    apply(path, FORMATS)
    book = reopen(path)
    pairs, teachers = book[SHEET], book[TEACHERS]
    assert pairs.column_dimensions["D"].width == 30
    assert pairs["D1"].comment.text == "Состояние пары.\nЗаполняется автоматически."
    assert pairs["A1"].comment.text == "Заполняется автоматически."
    assert pairs["B1"].comment is None
    assert pairs["D1"].fill.fgColor.rgb == "00D9D9D9"
    assert pairs.column_dimensions["D"].fill.fgColor.rgb == "00F2F2F2"
    assert pairs["A2"].fill.fgColor.rgb == "00F2F2F2"  # existing key cell shaded too
    assert teachers.column_dimensions["B"].number_format == "DD.MM.YYYY"
    lists = {str(dv.sqref): dv for dv in pairs.data_validations.dataValidation}
    assert set(lists) == {"B2:B1048576", "C2:C1048576"}
    assert lists["C2:C1048576"].formula1 == '"действует,завершена"'
    assert lists["C2:C1048576"].errorStyle == "warning" and lists["C2:C1048576"].showErrorMessage
    name = lists["B2:B1048576"].formula1
    assert book.defined_names[name].attr_text == "'Педагоги'!$A$2:$A$2000"
    assert pairs.freeze_panes == "A2" and teachers.freeze_panes == "A2"
    assert all(cell.font.bold for cell in pairs[1] if cell.value)
    assert teachers.sheet_properties.tabColor.rgb == "007F7F7F"
    assert teachers["A1"].comment.text == "Лист службы: правки будут потеряны."
    assert teachers["B1"].comment.text == "Дата начала."
    assert sorted(our_rules(pairs)) == sorted(
        ("D2:D1048576", word) for word in ("просрочено", "скоро срок", "выполнено")
    )
    assert book.custom_doc_props[STAMP_PROPERTY].value == "layout-1"
    assert XlsxWorkbook(path).read([]).layout_stamp == "layout-1"


def test_formats_applied_twice_are_not_duplicated(path: Path) -> None:
    book = reopen(path)
    staff_rule = CellIsRule(
        operator="equal", formula=['"НП-001"'], fill=PatternFill(bgColor="0000FF")
    )
    book[SHEET].conditional_formatting.add("A2:A50", staff_rule)
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
        assert len(our_rules(book[SHEET])) == 4
        assert ("A2:A50", None) in our_rules(book[SHEET])
        assert len(book.defined_names) == 1
        assert len(book.custom_doc_props.names) == 1
    assert second[SHEET]["D1"].comment.text == first[SHEET]["D1"].comment.text


def test_moved_dropdown_column_is_replaced_not_doubled(path: Path) -> None:
    apply(path, FORMATS)
    moved = ChangeSet(column_formats=(ColumnFormat(SHEET, 4, Col("Статус"), ("а", "б")),))
    apply(path, moved)
    lists = {str(dv.sqref) for dv in reopen(path)[SHEET].data_validations.dataValidation}
    assert lists == {"B2:B1048576", "E2:E1048576"}


def test_long_choice_list_goes_to_a_hidden_helper_sheet(path: Path) -> None:
    choices = tuple(f"вариант номер {n}, длинный" for n in range(20))
    changes = ChangeSet(column_formats=(ColumnFormat(SHEET, 2, Col("Статус"), choices),))
    apply(path, changes)
    apply(path, changes)
    book = reopen(path)
    helper = book[HELPER_SHEET]
    assert helper.sheet_state == "hidden"
    assert [c.value for c in helper["A"]] == ["Пары: Статус", *choices]
    assert helper.max_column == 1
    (dv,) = book[SHEET].data_validations.dataValidation
    assert book.defined_names[dv.formula1].attr_text == f"'{HELPER_SHEET}'!$A$2:$A$21"


def test_grouped_column_widths_are_split_not_overlapped(path: Path) -> None:
    book = reopen(path)
    book[SHEET].column_dimensions.group("A", "F", outline_level=0)
    book[SHEET].column_dimensions["A"].width = 12
    book.save(path)
    apply(path, ChangeSet(column_formats=(ColumnFormat(SHEET, 3, CHECK),)))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    spans = [(int(a), int(b)) for a, b in re.findall(r'<col [^>]*min="(\d+)" max="(\d+)"', xml)]
    assert sorted(spans) == [(1, 3), (4, 4), (5, 6)]
    dims = reopen(path)[SHEET].column_dimensions
    assert dims["A"].width == 12 and dims["D"].width == 30 and dims["E"].width == 12


def test_new_cells_take_the_column_style(path: Path) -> None:
    apply(path, FORMATS)
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 7, 3, "просрочено"),)))
    assert reopen(path)[SHEET]["D7"].fill.fgColor.rgb == "00F2F2F2"


# --- file safety ---------------------------------------------------------------------------


def test_empty_changeset_leaves_the_file_byte_identical(path: Path) -> None:
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = path.read_bytes()
    workbook = XlsxWorkbook(path)
    result = workbook.apply(ChangeSet(layout_stamp="x"), workbook.read([SHEET]))
    assert result.cells_written == 0
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == 1_600_000_000_000_000_000


def test_crash_mid_save_leaves_the_previous_file_intact(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()

    def half_then_crash(self: Any, handle: Any) -> None:
        handle.write(before[: len(before) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_then_crash)
    with pytest.raises(WorkbookError, match="Не удалось сохранить") as error:
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)))
    assert str(path) in str(error.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_failed_replace_leaves_the_previous_file_intact(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()

    def refuse(source: Any, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WorkbookError, match="Нет доступа к файлу"):
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_staff_save_during_our_save_wins(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_save = openpyxl.Workbook.save

    def save_while_staff_saves(self: Any, handle: Any) -> None:
        real_save(self, handle)
        staff = reopen(path)
        staff[SHEET]["B2"] = "Сидорова"
        real_save(staff, path)

    workbook = XlsxWorkbook(path)
    snapshot = workbook.read([SHEET])
    monkeypatch.setattr(openpyxl.Workbook, "save", save_while_staff_saves)
    with pytest.raises(ConcurrentEdit):
        workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), snapshot)
    monkeypatch.undo()
    assert reopen(path)[SHEET]["B2"].value == "Сидорова"
    assert reopen(path)[SHEET]["C2"].value is None
    assert len(list(path.parent.iterdir())) == 1


def test_file_modified_between_read_and_apply(path: Path) -> None:
    workbook = XlsxWorkbook(path)
    snapshot = workbook.read([SHEET])
    staff = reopen(path)
    staff[SHEET]["A3"] = "НП-002"
    staff.save(path)
    with pytest.raises(ConcurrentEdit, match="изменился") as error:
        workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), snapshot)
    assert str(path) in str(error.value)
    assert reopen(path)[SHEET]["C2"].value is None
    workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), workbook.read([SHEET]))
    assert reopen(path)[SHEET]["C2"].value == "x"


def test_applying_twice_from_one_read_is_not_a_concurrent_edit(path: Path) -> None:
    workbook = XlsxWorkbook(path)
    snapshot = workbook.read([SHEET])
    workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), snapshot)
    workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 3, "y"),)), snapshot)
    assert [c.value for c in reopen(path)[SHEET][2]] == ["НП-001", "Иванова Анна", "x", "y"]


def test_file_permissions_are_kept(path: Path) -> None:
    path.chmod(0o640)
    apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)))
    assert path.stat().st_mode & 0o777 == 0o640


# --- refusals ------------------------------------------------------------------------------


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "отчёт.xlsx"
    bad.write_text("ФИО;Дата\nИванова;01.09.2024\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="не является книгой Excel") as error:
        XlsxWorkbook(bad).read([SHEET])
    assert str(bad) in str(error.value)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "архив.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("readme.txt", "не книга")
    with pytest.raises(WorkbookError, match="повреждён") as error:
        XlsxWorkbook(bad).read([SHEET])
    assert str(bad) in str(error.value)


def test_old_xls_format_by_extension_and_by_content(tmp_path: Path) -> None:
    old = tmp_path / "старая.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(WorkbookError, match=r"сохраните как \.xlsx") as error:
        XlsxWorkbook(old).read([SHEET])
    assert str(old) in str(error.value)
    renamed = tmp_path / "переименована.xlsx"
    renamed.write_bytes(old.read_bytes())
    with pytest.raises(WorkbookError, match=r"(?s)\.xls.*сохраните как \.xlsx") as error:
        XlsxWorkbook(renamed).read([SHEET])
    assert str(renamed) in str(error.value)


def test_wrong_extension(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="не книга Excel"):
        XlsxWorkbook(tmp_path / "данные.csv").read([SHEET])


@pytest.mark.parametrize(
    ("lock_name", "program"),
    [("~$наставничество.xlsx", "Excel"), (".~lock.наставничество.xlsx#", "LibreOffice")],
)
def test_file_open_in_excel_or_libreoffice(path: Path, lock_name: str, program: str) -> None:
    workbook = XlsxWorkbook(path)
    snapshot = workbook.read([SHEET])
    (path.parent / lock_name).write_text("owner")
    before = path.read_bytes()
    for action in (
        lambda: workbook.read([SHEET]),
        lambda: workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),)), snapshot),
    ):
        with pytest.raises(WorkbookError, match=f"открыт в {program}.*Закройте его") as error:
            action()
        assert str(path) in str(error.value)
    assert path.read_bytes() == before


def test_no_access(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(WorkbookError, match="Нет доступа к файлу") as error:
        XlsxWorkbook(path).read([SHEET])
    assert str(path) in str(error.value)


def test_new_xlsm_is_refused(tmp_path: Path) -> None:
    workbook = XlsxWorkbook(tmp_path / "макросы.xlsm")
    with pytest.raises(WorkbookError, match=r"только в формате \.xlsx"):
        workbook.apply(ChangeSet(new_sheets=(SHEET,)), workbook.read([]))
