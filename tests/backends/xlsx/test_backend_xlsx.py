"""The .xlsx backend against real files: made with openpyxl as staff would, reopened after writing."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.changeset import CellWrite, ChangeSet
from nastavnik.sync.snapshot import Link
from tests.backend_harnesses import make_book

SHEET = "Пары"
TEACHERS = "Педагоги"
WRITE_X = ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return pairs_book(tmp_path)


def pairs_book(tmp_path: Path) -> Path:
    """A small workbook: «Педагоги» with a date, «Пары» with one row."""
    return make_book(
        tmp_path / "наставничество.xlsx",
        {
            TEACHERS: [["ФИО", "Дата"], ["Иванова Анна", date(2020, 9, 1)]],
            SHEET: [["Код пары", "Наставник", "Статус", "Состояние"], ["НП-001", "Иванова Анна"]],
        },
    )


def apply(path: Path, changes: ChangeSet) -> None:
    workbook = XlsxWorkbook(path)
    workbook.apply(changes, workbook.read([SHEET, TEACHERS]))


def reopen(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def staff_edit(path: Path, ref: str, value: Any) -> None:
    book = reopen(path)
    book[SHEET][ref] = value
    book.save(path)


class TestRead:
    def test_values_keep_their_types(self, tmp_path: Path) -> None:
        path = make_book(tmp_path / "типы.xlsx", {TEACHERS: [["Дата", "Время", "Число"]]})
        book = reopen(path)
        sheet = book[TEACHERS]
        first = (datetime(2024, 9, 1), datetime(2024, 9, 1, 8, 30), 45292, 4.5, True, "1.9.24")
        sheet.append(first)
        sheet.append([time(8, 30), 0.1, 3.0, False, "  текст  "])
        sheet["A2"].number_format = "DD.MM.YYYY"
        sheet["A3"].number_format = "HH:MM"
        book.save(path)
        read, second = XlsxWorkbook(path).read([TEACHERS]).tables[TEACHERS].rows
        assert read == (date(2024, 9, 1), *first[1:])
        assert [type(v) for v in read] == [date, datetime, int, float, bool, str]
        assert second == ("08:30", 0.1, 3.0, False, "  текст  ")

    def test_blank_rows_in_the_middle_kept_trailing_blanks_trimmed(self, tmp_path: Path) -> None:
        path = make_book(tmp_path / "пустые.xlsx", {SHEET: [["Код", "Имя"], ["НП-001", "А"]]})
        book = openpyxl.load_workbook(path)
        sheet = book[SHEET]
        sheet["A4"] = "НП-002"
        sheet["D4"].fill = PatternFill("solid", fgColor="FFFF00")  # styled but empty
        for row in range(5, 40):
            sheet.cell(row=row, column=1).font = Font(bold=True)  # formatted empty rows
        book.save(path)
        table = XlsxWorkbook(path).read(["  пары "]).tables[SHEET]
        assert table.rows == (("НП-001", "А"), (), ("НП-002",))

    def test_a_wrong_stored_dimension_is_ignored(self, path: Path, tmp_path: Path) -> None:
        broken = tmp_path / "размер.xlsx"
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
            for item in source.infolist():
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', source.read(item))
                target.writestr(item, data)
        table = XlsxWorkbook(broken).read([SHEET]).tables[SHEET]
        assert table.rows == (("НП-001", "Иванова Анна"),)


class TestWrite:
    @pytest.mark.parametrize(
        ("value", "is_date", "stored", "shown"),
        [
            (date(2025, 3, 1), True, datetime(2025, 3, 1), "DD.MM.YYYY"),
            (datetime(2025, 3, 2), False, datetime(2025, 3, 2), "DD.MM.YYYY"),
            (datetime(2025, 3, 3, 9, 15), False, datetime(2025, 3, 3, 9, 15), "DD.MM.YYYY HH:MM"),
            (45717, True, datetime(2025, 3, 1), "DD.MM.YYYY"),  # a serial meant as a date
        ],
    )
    def test_dates_are_real_dates(
        self, path: Path, value: Any, is_date: bool, stored: datetime, shown: str
    ) -> None:
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, value, is_date),)))
        cell = reopen(path)[SHEET]["C2"]
        assert (cell.value, cell.number_format) == (stored, shown)

    def test_text_starting_with_equals_is_stored_as_text(self, path: Path) -> None:
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, "=SUM(A1)"),)))
        cell = reopen(path)[SHEET]["C2"]
        assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", "=SUM(A1)", True)
        assert openpyxl.load_workbook(path, data_only=True)[SHEET]["C2"].value == "=SUM(A1)"

    def test_exact_cells_written_staff_formatting_formulas_notes_kept(self, path: Path) -> None:
        book = reopen(path)
        sheet = book[SHEET]
        for ref in ("C2", "C3", "E2"):
            sheet[ref].font = Font(bold=True, color="FF0000")
            sheet[ref].fill = PatternFill("solid", fgColor="FFFF00")
            sheet[ref].number_format = "0.00"
        sheet["F2"] = "=LEN(B2)*2"
        sheet["B2"].comment = Comment("заметка сотрудника", "Завуч")
        sheet.column_dimensions["B"].width = 33
        book.save(path)
        before = {c.coordinate: c.value for r in sheet.iter_rows() for c in r if c.value}
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 2, 12.5), CellWrite(SHEET, 3, 2, None))))
        sheet = reopen(path)[SHEET]
        assert {c.coordinate: c.value for r in sheet for c in r if c.value} == before | {"C2": 12.5}
        for ref in ("C2", "C3", "E2"):  # written, cleared and untouched
            assert sheet[ref].font.bold and sheet[ref].font.color.rgb == "00FF0000"
            assert sheet[ref].fill.fgColor.rgb == "00FFFF00"
            assert sheet[ref].number_format == "0.00"
        assert sheet["F2"].value == "=LEN(B2)*2"
        assert sheet["B2"].comment.text == "заметка сотрудника"
        assert sheet.column_dimensions["B"].width == 33

    def test_link_is_text_with_an_in_book_hyperlink(self, path: Path) -> None:
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, Link(TEACHERS, "A2", "строка 2")),)))
        cell = reopen(path)[SHEET]["D2"]
        assert (cell.value, cell.hyperlink.location) == ("строка 2", "'Педагоги'!A2")
        apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "текст"),)))
        cell = reopen(path)[SHEET]["D2"]
        assert cell.hyperlink is None and not cell.font.underline

    def test_write_into_merged_cells_is_refused(self, path: Path) -> None:
        book = reopen(path)
        book[SHEET].merge_cells("C2:D2")
        book.save(path)
        before = path.read_bytes()
        with pytest.raises(WorkbookError, match=r"D2.*объединённые"):
            apply(path, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "x"),)))
        assert path.read_bytes() == before

    def test_new_xlsm_is_refused(self, tmp_path: Path) -> None:
        workbook = XlsxWorkbook(tmp_path / "макросы.xlsm")
        with pytest.raises(WorkbookError, match=r"только в формате \.xlsx"):
            workbook.apply(ChangeSet(new_sheets=(SHEET,)), workbook.read([]))
        assert list(tmp_path.iterdir()) == []  # neither read nor the refused apply made a file


class TestFileSafety:
    def test_empty_changeset_leaves_the_file_byte_identical(self, path: Path) -> None:
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        before = path.read_bytes()
        workbook = XlsxWorkbook(path)
        result = workbook.apply(ChangeSet(layout_stamp="x"), workbook.read([SHEET]))
        assert result.cells_written == 0
        assert path.read_bytes() == before
        assert path.stat().st_mtime_ns == 1_600_000_000_000_000_000

    def test_our_own_save_is_not_a_concurrent_edit_and_keeps_permissions(self, path: Path) -> None:
        path.chmod(0o640)  # mkstemp makes 0600 files: the replaced file must keep the old mode
        workbook = XlsxWorkbook(path)
        snapshot = workbook.read([SHEET])
        workbook.apply(WRITE_X, snapshot)
        workbook.apply(ChangeSet(writes=(CellWrite(SHEET, 2, 3, "y"),)), snapshot)
        assert [c.value for c in reopen(path)[SHEET][2]] == ["НП-001", "Иванова Анна", "x", "y"]
        assert path.stat().st_mode & 0o777 == 0o640
        with pytest.raises(UnsafeWrite):  # a plan must come from this workbook's own read
            XlsxWorkbook(path).apply(WRITE_X, snapshot)


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "не книга")
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


SAVE_AS = r"(?s:.*)сохраните как \.xlsx"


class TestRefusals:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("отчёт.xlsx", "ФИО;Дата\n".encode(), "не является книгой Excel"),
            ("архив.xlsx", _zip_without_workbook(), "повреждён"),
            ("старая.xls", OLE, r"97–2003 \(\.xls\)" + SAVE_AS),
            ("переименована.xlsx", OLE, r"97–2003 \(\.xls или \.doc\)" + SAVE_AS),
            ("данные.csv", b"a;b", "не книга Excel .xlsx"),
        ],
        ids=["text", "foreign-zip", "xls", "xls-renamed", "csv"],
    )
    def test_not_a_workbook(self, tmp_path: Path, name: str, content: bytes, message: str) -> None:
        bad = tmp_path / name
        bad.write_bytes(content)
        with pytest.raises(WorkbookError, match=message) as error:
            XlsxWorkbook(bad).read([SHEET])
        assert str(bad) in str(error.value)

    @pytest.mark.parametrize(
        ("lock", "program"),
        [("~$наставничество.xlsx", "Excel"), (".~lock.наставничество.xlsx#", "LibreOffice")],
    )
    def test_file_open_in_excel_or_libreoffice(self, path: Path, lock: str, program: str) -> None:
        workbook = XlsxWorkbook(path)
        saved = workbook.read([SHEET])
        (path.parent / lock).write_text("owner")
        before = path.read_bytes()
        snapshot = workbook.read([SHEET])  # reading the saved file is allowed
        assert snapshot.tables.keys() == saved.tables.keys()
        with pytest.raises(WorkbookError, match=f"открыт в {program}.*Закройте его") as error:
            workbook.apply(WRITE_X, snapshot)
        assert str(path) in str(error.value)
        assert path.read_bytes() == before

    def test_no_access(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", denied)
        with pytest.raises(WorkbookError, match="Нет доступа к файлу") as error:
            XlsxWorkbook(path).read([SHEET])
        assert str(path) in str(error.value)
