"""A code staff built with a formula (`Пары!A3 = ="НП-"&"002"`) in a real .xlsx file."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from nastavnik.demo.data import demo_grids
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.scan import scan_sheet, sheet_parts
from nastavnik.sync.engine import run_init, run_sync
from nastavnik.sync.problems import Level
from nastavnik.sync.snapshot import Table
from tests.backend_harnesses import make_book

DAY = date(2025, 11, 20)
LATER = date(2026, 3, 2)
PAIRS = "Пары"
# As Excel saves a text formula: the formula and its cached result (t="str").
FORMULA_CELL = '<c r="A3" t="str"><f>"НП-"&amp;"002"</f><v>НП-002</v></c>'


def _clock() -> datetime:
    return datetime(2025, 11, 20, 2, 0)


def _with_formula(path: Path, sheet: str = PAIRS, cell: str = FORMULA_CELL) -> Path:
    """Replace a typed cell (by default Пары!A3) by a formula cell as given."""
    address = re.match(r'<c r="(\w+)"', cell)
    assert address is not None
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
        part = sheet_parts(package)[sheet]
    xml = parts[part].decode()
    pattern = rf'<c r="{address.group(1)}"[^>]*?(?:/>|>.*?</c>)'
    xml, replaced = re.subn(pattern, cell, xml, count=1)
    assert replaced == 1
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _pairs(path: Path) -> Table:
    table = XlsxWorkbook(path).read([PAIRS]).table(PAIRS)
    assert table is not None
    return table


def _formula_at_a3(path: Path) -> bool:
    with zipfile.ZipFile(path) as package:
        return (3, 0) in scan_sheet(package.read(sheet_parts(package)[PAIRS])).formulas


def test_the_formula_code_is_read_kept_and_given_to_no_other_row(tmp_path: Path) -> None:
    path = _with_formula(make_book(tmp_path / "книга.xlsx", demo_grids(DAY)))
    plain = make_book(tmp_path / "набрано.xlsx", demo_grids(DAY))
    assert _pairs(path).value(3, 0) == "НП-002"
    report = run_sync(XlsxWorkbook(path), DAY, _clock)
    expected = run_sync(XlsxWorkbook(plain), DAY, _clock)
    assert report.outcome.errors == expected.outcome.errors  # its meetings are attached
    (warning,) = [p for p in report.outcome.problems if p.sheet == PAIRS and p.cell == "A3"]
    assert warning.level is Level.WARNING
    assert not any(w.sheet == PAIRS and (w.row, w.column) == (3, 0) for w in report.changes.writes)
    total = _pairs(plain).column_index("Встреч всего")
    assert total is not None
    assert _pairs(path).value(3, total) == _pairs(plain).value(3, total)
    for today in (LATER, LATER):
        run_sync(XlsxWorkbook(path), today, _clock)
        assert _formula_at_a3(path)
        codes = [row[0] if row else None for row in _pairs(path).rows]
        assert codes.count("НП-002") == 1  # no other row gets its code
        assert codes[1] == "НП-002"  # the formula's stored result survives the write


def test_a_date_formula_saved_without_its_result_is_a_warning(tmp_path: Path) -> None:
    # A program that stores no results leaves <f> without <v>; staff see the date in Excel.
    uncached = '<c r="B2"><f>DATE(2025,11,20)</f></c>'
    path = _with_formula(make_book(tmp_path / "книга.xlsx", demo_grids(DAY)), "Встречи", uncached)
    report = run_sync(XlsxWorkbook(path), DAY, _clock)
    at_cell = [p for p in report.outcome.problems if p.sheet == "Встречи" and p.cell == "B2"]
    assert [p.level for p in at_cell] == [Level.WARNING]
    assert "без сохранённого результата" in at_cell[0].message


def test_the_formula_code_keeps_its_meetings_over_many_syncs(tmp_path: Path) -> None:
    # Every write is an in-place edit that keeps the formula and its stored result.
    path = make_book(tmp_path / "книга.xlsx", demo_grids(DAY))
    run_init(XlsxWorkbook(path))
    _with_formula(path)
    plain = make_book(tmp_path / "набрано.xlsx", demo_grids(DAY))
    run_init(XlsxWorkbook(plain))
    for today in (DAY, LATER, LATER):
        report = run_sync(XlsxWorkbook(path), today, _clock)
        expected = run_sync(XlsxWorkbook(plain), today, _clock)
        assert _formula_at_a3(path)
        codes = [row[0] if row else None for row in _pairs(path).rows]
        assert codes.count("НП-002") == 1
        assert codes[1] == "НП-002"
        assert report.outcome.errors == expected.outcome.errors
        total = _pairs(path).column_index("Встреч всего")
        assert total is not None
        assert _pairs(path).value(3, total) == _pairs(plain).value(3, total)
