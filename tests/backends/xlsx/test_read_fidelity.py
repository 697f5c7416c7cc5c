"""What the .xlsx reader sees in files shaped as Excel and LibreOffice save them."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.snapshot import Table
from tests.backends.xlsx.shaped import ShapedBook, row

SHEET = "Учёт встреч"
# styles: 1 dd.mm.yyyy, 2 h:mm, 3 [h]:mm, 4 dd.mm.yyyy hh:mm, 5 built-in 14 (a date)
FORMATS = ["DD.MM.YYYY", "h:mm", "[h]:mm", "dd.mm.yyyy hh:mm"]
DATE_HEADER = row(1, '<c r="A1" t="s"><v>0</v></c>')  # «Дата»


def _read(tmp_path: Path, book: ShapedBook, title: str = SHEET) -> Table:
    path = book.save(tmp_path / "staff.xlsx")
    table = XlsxWorkbook(path).read([title]).table(title)
    assert table is not None
    return table


def _book(*rows: str, **options: object) -> ShapedBook:
    return ShapedBook(
        sheets={SHEET: "".join(rows)},
        shared=["Дата", "Время", "Код пары", ""],
        number_formats=FORMATS,
        builtin_formats=[14],
        **options,  # type: ignore[arg-type]
    )


def _sheet(tmp_path: Path, *rows: str, **options: object) -> Table:
    return _read(tmp_path, _book(*rows, **options))


def test_dates_come_from_number_formats_custom_and_built_in(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        DATE_HEADER,
        row(2, '<c r="A2" s="1"><v>46346</v></c>', '<c r="B2" s="5"><v>45658</v></c>'),
        row(3, '<c r="A3" s="4"><v>46346.5</v></c>', '<c r="B3"><v>46346</v></c>'),
    )
    assert table.rows[0] == (date(2026, 11, 20), date(2025, 1, 1))
    assert table.rows[1] == (datetime(2026, 11, 20, 12, 0), 46346)  # no date format: a number


def test_times_and_durations_read_as_shown(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        row(1, '<c r="A1" t="s"><v>1</v></c>'),
        row(2, '<c r="A2" s="2"><v>0.354166666666667</v></c>', '<c r="B2" s="3"><v>1.5</v></c>'),
    )
    assert table.rows[0] == ("08:30", "36:00")


def test_the_1904_date_system(tmp_path: Path) -> None:
    # Excel for Mac stores 20.11.2026 as 44884 days after 1904-01-01.
    table = _sheet(
        tmp_path,
        DATE_HEADER,
        row(2, '<c r="A2" s="1"><v>44884</v></c>'),
        date1904=True,
    )
    assert table.rows[0] == (date(2026, 11, 20),)


def test_booleans_errors_numbers_and_strings(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        row(
            1,
            '<c r="A1" t="s"><v>2</v></c>',
            '<c r="B1" t="inlineStr"><is><t>Итог</t></is></c>',
        ),
        row(
            2,
            '<c r="A2" t="b"><v>1</v></c>',
            '<c r="B2" t="b"><v>0</v></c>',
            '<c r="C2" t="e"><v>#N/A</v></c>',
            '<c r="D2" t="e"><v>#DIV/0!</v></c>',
            '<c r="E2"><v>3</v></c>',
            '<c r="F2"><v>2.5</v></c>',
            '<c r="G2" t="inlineStr"><is><t>НП-007</t></is></c>',
        ),
    )
    assert table.header == ("Код пары", "Итог")
    assert table.rows[0] == (True, False, "#N/A", "#DIV/0!", 3, 2.5, "НП-007")
    assert type(table.rows[0][4]) is int


def test_empty_and_blank_cells_are_both_blank_and_trailing_ones_dropped(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>'),
        row(2, '<c r="A2" t="s"><v>3</v></c>', '<c r="B2" s="1"/>', '<c r="D2"><v>5</v></c>'),
        row(3, '<c r="A3" s="1"/>', '<c r="B3" t="s"><v>3</v></c>'),
        row(4, '<c r="A4" s="1"/>'),  # styled but empty: no data row
    )
    assert table.rows == ((None, None, None, 5),)  # rows 3 and 4 hold nothing: dropped


def test_merged_ranges_hold_their_value_in_the_top_left_cell(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>'),
        row(2, '<c r="A2" t="inlineStr"><is><t>общий</t></is></c>', '<c r="B2"/>'),
        merged={SHEET: ["A2:B2"]},
    )
    assert table.rows == (("общий",),)


def test_formulas_read_as_their_cached_results_and_are_located(tmp_path: Path) -> None:
    # As Excel saves them: a date formula with a date format, =TRUE() as t="b", text as t="str".
    table = _sheet(
        tmp_path,
        row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>2</v></c>'),
        row(
            2,
            '<c r="A2" s="1"><f>DATE(2026,11,20)</f><v>46346</v></c>',
            '<c r="B2" t="str"><f>"НП-"&amp;"002"</f><v>НП-002</v></c>',
            '<c r="C2" t="b"><f>TRUE()</f><v>1</v></c>',
            '<c r="D2" t="e"><f>NA()</f><v>#N/A</v></c>',
        ),
        row(3, '<c r="A3" s="1"><f t="shared" ref="A3:A4" si="0">A2+1</f><v>46347</v></c>'),
        row(
            4,
            '<c r="A4" s="1"><f t="shared" si="0"/><v>46348</v></c>',
            '<c r="B4"><v>1</v></c>',
        ),
    )
    assert table.rows == (
        (date(2026, 11, 20), "НП-002", True, "#N/A"),
        (date(2026, 11, 21),),
        (date(2026, 11, 22), 1),
    )
    assert table.formulas == {(2, 0), (2, 1), (2, 2), (2, 3), (3, 0), (4, 0)}
    assert table.uncached == frozenset()


def test_formulas_without_a_stored_result(tmp_path: Path) -> None:
    # As a program that stores no results writes them; an empty text result is stored.
    table = _sheet(
        tmp_path,
        DATE_HEADER,
        row(2, '<c r="A2" s="1"><f>DATE(2026,11,20)</f><v></v></c>', '<c r="B2"><v>4</v></c>'),
        row(3, '<c r="A3"><f>1+1</f></c>', '<c r="B3" t="str"><f>""</f><v></v></c>'),
        row(5, '<c r="C5"><f>A1</f><v/></c>'),
    )
    assert table.rows == ((None, 4), (), (), ())  # row 5 kept: nothing may be appended there
    assert table.formulas == {(2, 0), (3, 0), (3, 1), (5, 2)}
    assert table.uncached == {(2, 0), (3, 0), (5, 2)}


def test_libreoffice_shape_and_prefixed_elements(tmp_path: Path) -> None:
    # LibreOffice writes t="n" explicitly; the .NET SDK prefixes every element with "x:".
    book = _book(
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>',
        '<x:row r="2"><x:c r="A2" s="1" t="n"><x:f>DATE(2026;11;20)</x:f><x:v>46346</x:v></x:c>'
        '<x:c r="B2" t="e"><x:v>#REF!</x:v></x:c></x:row>',
        prefix="x:",
    )
    table = _read(tmp_path, book)
    assert table.rows == ((date(2026, 11, 20), "#REF!"),)
    assert table.formulas == {(2, 0)}


def test_layout_stamp_and_sheet_order(tmp_path: Path) -> None:
    book = ShapedBook(
        sheets={"Педагоги": row(1, '<c r="A1" t="s"><v>0</v></c>'), SHEET: ""},
        shared=["ФИО"],
        custom_properties={"Автор": "Завуч", "nastavnik_layout": "abc123"},
    )
    snapshot = XlsxWorkbook(book.save(tmp_path / "b.xlsx")).read(["Педагоги"])
    assert snapshot.layout_stamp == "abc123"
    assert snapshot.order == ("Педагоги", SHEET)
    assert set(snapshot.tables) == {"Педагоги"}


@pytest.mark.parametrize("damage", ['<sheetData><row><c r="A2"><v>1</v></row>'])
def test_a_damaged_sheet_part_is_a_russian_error(tmp_path: Path, damage: str) -> None:
    parts = _book(row(1, '<c r="A1" t="s"><v>0</v></c>')).parts()
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text.replace("<sheetData>", damage))
    with pytest.raises(WorkbookError, match="повреждён"):
        XlsxWorkbook(path).read([SHEET])


def test_a_truncated_package_is_a_russian_error(tmp_path: Path) -> None:
    path = _book(row(1, '<c r="A1" t="s"><v>0</v></c>')).save(tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(WorkbookError, match="повреждён"):
        XlsxWorkbook(path).read([SHEET])


def test_a_sheet_whose_data_starts_away_from_a1_keeps_its_addresses(tmp_path: Path) -> None:
    table = _sheet(
        tmp_path,
        row(3, '<c r="C3"><v>1</v></c>'),
        row(5, '<c r="D5" t="inlineStr"><is><t>д</t></is></c>'),
    )
    assert table.header == ()
    assert table.rows == ((), (None, None, 1), (), (None, None, None, "д"))


def test_rich_text_strings_and_iso_dates(tmp_path: Path) -> None:
    # Excel stores a cell with two fonts as runs; some generators write t="d" ISO dates.
    rich = '<si><r><rPr><b/></rPr><t>НП-</t></r><r><t xml:space="preserve">003 </t></r></si>'
    book = ShapedBook(
        sheets={
            SHEET: row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="d"><v>2026-11-20</v></c>')
        },
        shared=[rich],
    )
    table = _read(tmp_path, book)
    assert table.header == ("НП-003 ", date(2026, 11, 20))
