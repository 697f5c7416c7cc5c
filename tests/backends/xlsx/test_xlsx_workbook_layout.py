"""The synced demo as a file: rules, wrap, widths, filters, print settings, tab order; and
`init` restoring what a round trip through another program stripped, then writing nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nastavnik import sheets_schema
from nastavnik.demo.build import build_demo
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.palette import TONE_FILLS, Tone
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.engine import run_init
from tests.engine_helpers import clock

TODAY = date(2025, 10, 15)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("demo") / "демо.xlsx"
    build_demo(path, TODAY, clock)
    return path.read_bytes()


@pytest.fixture
def demo(tmp_path: Path, demo_bytes: bytes) -> Path:
    """A fresh copy of the synced demo workbook."""
    path = tmp_path / "демо.xlsx"
    path.write_bytes(demo_bytes)
    return path


def header_of(sheet: Any) -> list[Any]:
    return [cell.value for cell in sheet[1]]


def letter(sheet: Any, header: str) -> str:
    return str(openpyxl.utils.get_column_letter(header_of(sheet).index(header) + 1))


def rule_matches(rule: Any, value: str) -> bool:
    """What Excel and Calc do with our two kinds of rule."""
    if rule.type == "beginsWith":
        return value.startswith(str(rule.text))
    return bool(
        rule.type == "cellIs" and rule.operator == "equal" and rule.formula[0] == f'"{value}"'
    )


def colour_of(sheet: Any, column: str, value: str) -> str | None:
    """The fill of the first rule on `column` that matches `value` (None: no rule does)."""
    for block in sheet.conditional_formatting:
        if not str(block.sqref).startswith(f"{column}2:"):
            continue
        for rule in sorted(block.rules, key=lambda r: r.priority):
            if rule_matches(rule, value):
                return str(rule.dxf.fill.fgColor.rgb)[-6:]
    return None


def test_tabs_service_first_and_the_book_opens_on_the_summary(demo: Path) -> None:
    book = openpyxl.load_workbook(demo)
    assert book.sheetnames[:3] == ["Сводка", "Просрочено", "Ошибки"]
    assert book.active.title == "Сводка"
    assert [s.title for s in book.worksheets if s.sheet_view.tabSelected] == ["Сводка"]


def test_every_state_value_in_the_file_is_coloured_by_its_tone(demo: Path) -> None:
    book = openpyxl.load_workbook(demo)
    checked = 0
    for spec in sheets_schema.ALL_SHEETS:
        for col in spec.columns:
            if col.states is None:
                continue
            sheet = book[spec.title]
            column = letter(sheet, col.header)
            for (cell,) in sheet[f"{column}2:{column}{sheet.max_row}"]:
                if value := cell.value:
                    tone = col.states.tone_of(str(value))
                    assert tone is not None
                    assert colour_of(sheet, column, str(value)) == TONE_FILLS[tone]
                    checked += 1
    assert checked > 50
    assert (
        colour_of(book["Пары"], letter(book["Пары"], "Состояние"), "нет встреч 42 дн.")
        == (TONE_FILLS[Tone.ACT])
    )


@pytest.mark.parametrize("spec", sheets_schema.ALL_SHEETS, ids=lambda s: s.title)
def test_every_sheet_is_readable_and_printable(demo: Path, spec: SheetSpec) -> None:
    book = openpyxl.load_workbook(demo)
    sheet = book[spec.title]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    declared = {col.header for col in spec.columns}
    assert all(c.alignment.wrap_text for c in sheet[1] if c.value in declared)
    assert sheet.row_dimensions[1].height >= 18
    for col in spec.columns:
        dim = sheet.column_dimensions[letter(sheet, col.header)]
        assert dim.width == col.width
        assert bool(dim.alignment.wrap_text) == col.wraps
    setup = sheet.page_setup
    assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    wide = sum(c.width for c in spec.columns) > 100
    assert setup.orientation == ("landscape" if wide else "portrait")
    assert sheet.print_title_rows == "$1:$1"
    assert (sheet.oddHeader.center.text, sheet.oddHeader.right.text) == ("&A", "&D")


def test_dates_are_never_shown_as_iso_text(demo: Path) -> None:
    book = openpyxl.load_workbook(demo)
    for title in ("Ошибки", "Просрочено"):
        rows = list(book[title].iter_rows(values_only=True))
        shown = [i for i, h in enumerate(rows[0]) if h != "Как исправить"]  # hints list formats
        texts = [row[i] for row in rows for i in shown]
        assert not [t for t in texts if isinstance(t, str) and ISO_DATE.search(t)]
    values = [row[3] for row in book["Ошибки"].iter_rows(min_row=2, values_only=True)]
    assert "31.02.2025" in values  # the impossible date, echoed as typed
    assert "01.09.2025" in values  # a real date, shown as staff write it


def strip_layout(path: Path) -> None:
    """What a careless round trip does: every dropdown, freeze, note, colour rule, filter
    and print setting gone from every sheet (the data stays)."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        sheet.data_validations.dataValidation = []
        sheet.freeze_panes = None
        sheet.conditional_formatting = openpyxl.formatting.formatting.ConditionalFormattingList()
        sheet.auto_filter.ref = None
        sheet.sheet_properties.pageSetUpPr = None
        sheet.page_setup = openpyxl.worksheet.page.PrintPageSetup()
        sheet.print_title_rows = None
        for cell in sheet[1]:
            cell.comment = None
    book.save(path)


def values_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def test_init_restores_a_stripped_workbook_and_then_writes_nothing(demo: Path) -> None:
    strip_layout(demo)
    before = values_of(demo)
    changes = run_init(XlsxWorkbook(demo))
    assert {f.sheet for f in changes.sheet_formats} == {s.title for s in sheets_schema.ALL_SHEETS}
    assert not changes.writes  # layout only: no cell of data is written
    assert values_of(demo) == before
    book = openpyxl.load_workbook(demo)
    pairs = book["Пары"]
    assert pairs.freeze_panes == "A2" and pairs.auto_filter.ref
    assert pairs.sheet_properties.pageSetUpPr.fitToPage
    assert pairs[letter(pairs, "Состояние") + "1"].comment is not None
    assert len(pairs.data_validations.dataValidation) > 5
    state = letter(pairs, "Состояние")
    assert colour_of(pairs, state, "срок истёк") == TONE_FILLS[Tone.ACT]
    stamp = demo.stat().st_mtime_ns, demo.read_bytes()
    assert run_init(XlsxWorkbook(demo)).is_empty  # a second init writes nothing
    assert (demo.stat().st_mtime_ns, demo.read_bytes()) == stamp


@pytest.mark.parametrize(
    "piece", ["freeze", "notes", "shading", "dropdowns", "colours", "filter", "print"]
)
def test_init_notices_each_missing_piece_alone(demo: Path, piece: str) -> None:
    book = openpyxl.load_workbook(demo)
    sheet = book["Пары"]
    if piece == "freeze":
        sheet.freeze_panes = None
    elif piece == "notes":
        sheet[letter(sheet, "Состояние") + "1"].comment = None
    elif piece == "shading":
        sheet[letter(sheet, "Состояние") + "1"].fill = openpyxl.styles.PatternFill()
    elif piece == "dropdowns":
        sheet.data_validations.dataValidation = sheet.data_validations.dataValidation[1:]
    elif piece == "colours":
        sheet.conditional_formatting = openpyxl.formatting.formatting.ConditionalFormattingList()
    elif piece == "filter":
        sheet.auto_filter.ref = None
    else:
        sheet.sheet_properties.pageSetUpPr = None
    book.save(demo)
    changes = run_init(XlsxWorkbook(demo))
    assert {f.sheet for f in changes.sheet_formats} == {"Пары"}
    assert run_init(XlsxWorkbook(demo)).is_empty


def test_rows_of_long_text_are_tall_enough_to_show_it(demo: Path) -> None:
    sheet = openpyxl.load_workbook(demo)["Просрочено"]
    what, who = header_of(sheet).index("Что"), header_of(sheet).index("Ответственный")
    tall = 0
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        text, people = str(row[what] or ""), str(row[who] or "")
        height = sheet.row_dimensions[number].height
        if len(text) > 60:  # more than one line of the 60-character column
            assert height is not None and height >= 2 * 15
            tall += 1
        elif len(text) <= 40 and len(people) <= 30:
            assert height is None  # a short row keeps the default height
    assert tall >= 5
