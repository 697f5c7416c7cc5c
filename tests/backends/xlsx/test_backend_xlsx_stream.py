"""The surgical writer of the .xlsx backend, on real files reopened with openpyxl."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.table import Table

from nastavnik.sheets_schema.columns import Col
from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.writer import scan as xlsx_stream_scan
from nastavnik.sync.backends.xlsx.writer.book import full_calc_on_load
from nastavnik.sync.changeset import CellWrite, ChangeSet, ColumnFormat
from nastavnik.sync.snapshot import Link
from tests.backend_harnesses import make_book
from tests.backends.xlsx.stream_support import (
    EMPTY,
    ERRORS,
    EXPECTED,
    LONG,
    PAIRS,
    TEACHERS,
    WRITES,
    apply,
    cells,
    sheet_features,
)


class TestStreamingWrite:
    def test_exactly_the_planned_cells_change(self, book: Path) -> None:
        before, features = cells(book), sheet_features(book)
        apply(book, ChangeSet(writes=WRITES))
        after = cells(book)
        planned = set(EXPECTED)
        assert {k: v for k, v in after.items() if k not in planned} == {
            k: v for k, v in before.items() if k not in planned
        }
        assert {key: after[key][0] if key in after else None for key in planned} == EXPECTED
        assert sheet_features(book) == features

    @pytest.mark.parametrize("chunk", [5, 97])
    def test_tiny_read_chunks_give_the_same_file(
        self, book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
    ) -> None:
        reference = tmp_path / "reference.xlsx"
        shutil.copy(book, reference)
        apply(reference, ChangeSet(writes=WRITES))
        monkeypatch.setattr(xlsx_stream_scan, "CHUNK", chunk)  # tags and rows cut everywhere
        apply(book, ChangeSet(writes=WRITES))
        assert cells(book) == cells(reference)

    def test_values_read_back_typed_and_formats_kept(self, book: Path) -> None:
        apply(book, ChangeSet(writes=WRITES))
        wb = openpyxl.load_workbook(book)
        pairs = wb[PAIRS]
        assert pairs["C2"].font.bold and pairs["C2"].number_format == "0.00"
        assert pairs["C3"].value is None and pairs["C3"].fill.fgColor.rgb == "00FFFF00"
        assert pairs["D2"].fill.fgColor.rgb == "00F2F2F2"  # the column's style
        assert (pairs["D4"].data_type, pairs["D4"].quotePrefix) == ("s", True)
        for ref, shown in (
            ("D10", "DD.MM.YYYY"),
            ("D11", "DD.MM.YYYY HH:MM"),
            ("D12", "DD.MM.YYYY"),
        ):
            assert pairs[ref].number_format == shown and pairs[ref].fill.fgColor.rgb == "00F2F2F2"
        assert wb[TEACHERS]["B2"].number_format == "DD.MM.YYYY"
        assert (
            pairs["F2"].value == "=LEN(B2)*2" and pairs["B2"].comment.text == "заметка сотрудника"
        )
        link = wb[ERRORS]["B2"]
        assert (link.hyperlink.location, link.font.u, link.font.color.rgb) == (
            "'Пары'!A2",
            "single",
            "000563C1",
        )
        values = openpyxl.load_workbook(book, data_only=True)[PAIRS]
        assert values["D4"].value == "=SUM(A1)"
        with zipfile.ZipFile(book) as archive:
            assert b'<dimension ref="A1:I41"/>' in archive.read("xl/worksheets/sheet2.xml")

    def test_reads_back_through_the_backend(self, book: Path) -> None:
        apply(book, ChangeSet(writes=WRITES))
        snapshot = XlsxWorkbook(book).read([PAIRS, TEACHERS, ERRORS, EMPTY])
        assert snapshot.tables[PAIRS].value(10, 3) == date(2025, 3, 1)
        assert snapshot.tables[PAIRS].value(41, 3) == "новая строка"
        assert snapshot.tables[EMPTY].header == ("Показатель",)
        assert snapshot.layout_stamp == "layout-7"

    def test_other_members_and_cached_formula_results_are_kept(self, book: Path) -> None:
        cached = book.with_name("cached.xlsx")
        with zipfile.ZipFile(book) as source, zipfile.ZipFile(cached, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                data = re.sub(rb"(<f>LEN\(B2\)\*2</f>)<v></v>", rb"\1<v>24</v>", data)
                target.writestr(item, data)
        book = cached
        with zipfile.ZipFile(book) as archive:
            before = {name: archive.read(name) for name in archive.namelist()}
        apply(book, ChangeSet(writes=(CellWrite(PAIRS, 2, 3, "x"),)))
        with zipfile.ZipFile(book) as archive:
            after = {name: archive.read(name) for name in archive.namelist()}
        changed = {name for name in before if before[name] != after[name]}
        assert set(after) == set(before)
        assert changed == {"xl/worksheets/sheet2.xml"}  # openpyxl already asks for recalculation
        assert openpyxl.load_workbook(book, data_only=True)[PAIRS]["F2"].value == 24

    def test_untouched_members_keep_their_compressed_bytes(self, book: Path) -> None:
        def raw(path: Path) -> dict[str, bytes]:
            data = path.read_bytes()
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
                found = {}
                for info in archive.infolist():
                    start = info.header_offset + 30 + len(info.orig_filename.encode())
                    start += int.from_bytes(
                        data[info.header_offset + 28 : info.header_offset + 30], "little"
                    )
                    found[info.filename] = data[start : start + info.compress_size]
                return found

        before = raw(book)
        apply(book, ChangeSet(writes=(CellWrite(PAIRS, 2, 3, "x"),)))
        after = raw(book)
        kept = {
            name for name in before if name not in ("xl/worksheets/sheet2.xml", "xl/styles.xml")
        }
        assert {name: after[name] for name in kept} == {name: before[name] for name in kept}

    def test_repeated_links_and_dates_reuse_their_styles(self, book: Path) -> None:
        changes = ChangeSet(writes=WRITES)
        apply(book, changes)
        with zipfile.ZipFile(book) as archive:
            styles = archive.read("xl/styles.xml")
        apply(book, changes)
        with zipfile.ZipFile(book) as archive:
            assert archive.read("xl/styles.xml") == styles
            links = re.findall(rb"<hyperlink ", archive.read("xl/worksheets/sheet3.xml"))
        assert len(links) == 1

    def test_a_link_replaced_by_text_loses_link_and_look(self, book: Path) -> None:
        apply(book, ChangeSet(writes=(CellWrite(ERRORS, 2, 1, Link(PAIRS, "A2", "строка 2")),)))
        apply(book, ChangeSet(writes=(CellWrite(ERRORS, 2, 1, "текст"),)))
        cell = openpyxl.load_workbook(book)[ERRORS]["B2"]
        assert (cell.value, cell.hyperlink, cell.font.u) == ("текст", None, None)

    def test_the_1904_date_system(self, tmp_path: Path) -> None:
        path = make_book(tmp_path / "mac.xlsx", {TEACHERS: [["Дата"]]})
        wb = openpyxl.load_workbook(path)
        wb.epoch = CALENDAR_MAC_1904
        wb.save(path)
        apply(path, ChangeSet(writes=(CellWrite(TEACHERS, 2, 0, date(2025, 3, 1), True),)))
        assert XlsxWorkbook(path).read([TEACHERS]).tables[TEACHERS].value(2, 0) == date(2025, 3, 1)


MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize(
    ("workbook", "expected"),
    [
        (
            b'<sheets/><calcPr calcId="191029"/>',
            b'<sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/>',
        ),
        (b'<calcPr fullCalcOnLoad="1"/>', b'<calcPr fullCalcOnLoad="1"/>'),
        (
            b"<sheets/><definedNames/><extLst/>",
            b'<sheets/><definedNames/><calcPr fullCalcOnLoad="1"/><extLst/>',
        ),
        (b"<sheets/>", b'<sheets/><calcPr fullCalcOnLoad="1"/>'),
    ],
)
def test_recalculation_on_load_is_requested(workbook: bytes, expected: bytes) -> None:
    xml = b"<workbook " + MAIN + b">" + workbook + b"</workbook>"
    assert full_calc_on_load(xml) == b"<workbook " + MAIN + b">" + expected + b"</workbook>"


def _prefixed(xml: bytes) -> bytes:
    """A worksheet as some generators write it: prefixed elements, r not the first attribute."""
    xml = xml.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="')
    xml = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s/>])", rb"<\1x:\2", xml)
    return re.sub(rb'<x:c r="([A-Z]+\d+)" s="(\d+)"', rb'<x:c s="\2" r="\1"', xml)


X14AC = b"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
MC = b"http://schemas.openxmlformats.org/markup-compatibility/2006"


def _excel_like(xml: bytes) -> bytes:
    """A worksheet as Excel writes it: declaration, ignorable extensions, row spans, and an
    empty formatted row (self-closing)."""
    root = b'<worksheet xmlns:mc="%s" mc:Ignorable="x14ac" xmlns:x14ac="%s" ' % (MC, X14AC)
    xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + xml
    xml = xml.replace(b"<worksheet ", root, 1)
    xml = re.sub(rb'<row r="(\d+)">', rb'<row r="\1" spans="1:5" x14ac:dyDescent="0.25">', xml)
    return xml.replace(b"</sheetData>", b'<row r="35" ht="30" customHeight="1"/></sheetData>')


LAYOUT_WRITES = (*WRITES[:4], *WRITES[14:17], CellWrite(PAIRS, 35, 1, "в пустой строке"))


@pytest.mark.parametrize("rewrite", [_prefixed, _excel_like], ids=["prefixed", "excel-like"])
def test_other_worksheet_layouts(book: Path, rewrite: Any) -> None:
    patched = book.with_name("rewritten.xlsx")
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(patched, "w") as target:
        original = rewrite(source.read("xl/worksheets/sheet2.xml"))
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, original if item.filename.endswith("sheet2.xml") else data)
    before = cells(patched)
    apply(patched, ChangeSet(writes=LAYOUT_WRITES))
    after = cells(patched)
    planned = {(PAIRS, ref) for ref in ("D2", "C2", "C3", "D4", "I1", "A40", "D41", "B35")}
    assert {k: v for k, v in after.items() if k not in planned} == {
        k: v for k, v in before.items() if k not in planned
    }
    refs = ("D2", "C2", "I1", "D41", "B35")
    assert [after[(PAIRS, ref)][0] for ref in refs] == [
        "просрочено", 12.5, "Новый столбец", "новая строка", "в пустой строке"
    ]  # fmt: skip
    with zipfile.ZipFile(patched) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml")
    assert xml.split(b"dimension", 1)[0] == original.split(b"dimension", 1)[0]  # root kept
    if rewrite is _excel_like:
        assert re.search(rb'<row r="1" x14ac:dyDescent="0.25">', xml)  # spans no longer fit
        assert re.search(rb'<row r="2" spans="1:5" x14ac:dyDescent="0.25">', xml)
        assert b'<row r="35" ht="30" customHeight="1"><c r="B35"' in xml


class TestOneWritePath:
    @pytest.mark.parametrize(
        "changes",
        [
            ChangeSet(writes=WRITES[:1], layout_stamp="layout-8"),
            ChangeSet(new_sheets=("Новый",), writes=(CellWrite("Новый", 1, 0, "Заголовок"),)),
            ChangeSet(
                writes=WRITES[:1], column_formats=(ColumnFormat(PAIRS, 3, Col("Состояние")),)
            ),
        ],
        ids=["stamp", "new-sheet", "column-format"],
    )
    def test_structural_changes_keep_every_other_cell(self, book: Path, changes: ChangeSet) -> None:
        before = cells(book)
        apply(book, changes)
        after = cells(book)
        planned = {(w.sheet, f"{chr(65 + w.column)}{w.row}") for w in changes.writes}
        assert {k: v for k, v in before.items() if k not in planned} == {
            k: v for k, v in after.items() if k in before and k not in planned
        }
        assert all(
            after[key][0] == w.value for key, w in zip(sorted(planned), changes.writes, strict=True)
        )

    def test_what_cannot_be_edited_safely_is_refused_by_name(self, book: Path) -> None:
        with zipfile.ZipFile(book) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
        sheet = "xl/worksheets/sheet2.xml"
        parts[sheet] = parts[sheet].replace(b"<sheetData>", b"<!-- staff --><sheetData>")
        with zipfile.ZipFile(book, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)
        before = book.read_bytes()
        with pytest.raises(WorkbookError, match=r"нельзя обновить без потерь.*XML-комментарий"):
            apply(book, ChangeSet(writes=WRITES[:1]))
        assert book.read_bytes() == before

    def test_a_write_over_a_formula_keeps_the_formula(self, book: Path) -> None:
        apply(book, ChangeSet(writes=(CellWrite(PAIRS, 2, 5, "значение"),)))
        assert openpyxl.load_workbook(book)[PAIRS]["F2"].value == "=LEN(B2)*2"

    def test_a_sheet_with_an_excel_table_takes_writes_below_its_header(self, book: Path) -> None:
        wb = openpyxl.load_workbook(book)
        wb[TEACHERS].add_table(Table(displayName="Педагоги_таблица", ref="A1:B2"))
        wb.save(book)
        apply(book, ChangeSet(writes=(CellWrite(TEACHERS, 2, 0, "Петрова Анна"),)))
        reopened = openpyxl.load_workbook(book)[TEACHERS]
        assert reopened["A2"].value == "Петрова Анна"
        assert list(reopened.tables) == ["Педагоги_таблица"]
        with pytest.raises(WorkbookError, match="заголовок таблицы Excel «Педагоги_таблица»"):
            apply(book, ChangeSet(writes=(CellWrite(TEACHERS, 1, 1, "Дата"),)))


class TestSafety:
    def test_write_into_merged_cells_is_refused(self, book: Path) -> None:
        before = book.read_bytes()
        with pytest.raises(WorkbookError, match=r"H1.*объединённые"):
            apply(book, ChangeSet(writes=(CellWrite(PAIRS, 1, 7, "x"),)))
        assert book.read_bytes() == before

    @pytest.mark.parametrize(
        ("write", "message"),
        [
            (CellWrite("Нет такого", 2, 0, "x"), "нет листа"),
            (CellWrite(PAIRS, 0, 0, "x"), "вне листа"),
            (CellWrite(PAIRS, 2, 3, float("nan")), "нечисловое"),
        ],
        ids=["missing-sheet", "outside", "nan"],
    )
    def test_unsafe_writes_are_refused(self, book: Path, write: CellWrite, message: str) -> None:
        before = book.read_bytes()
        with pytest.raises(UnsafeWrite, match=message):
            apply(book, ChangeSet(writes=(write,)))
        assert book.read_bytes() == before
        assert [p.name for p in book.parent.iterdir()] == [book.name]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_result(book: Path, tmp_path: Path) -> None:
    apply(book, ChangeSet(writes=WRITES))
    out = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
    subprocess.run(
        [*command, "--outdir", str(out), str(book)], check=True, timeout=180, capture_output=True
    )
    converted = openpyxl.load_workbook(out / book.name)
    assert converted[PAIRS]["D2"].value == "просрочено"
    assert converted[PAIRS]["D10"].value == datetime(2025, 3, 1)
    assert converted[PAIRS]["D6"].value == LONG
    assert converted[ERRORS]["B2"].value == "строка 2"
