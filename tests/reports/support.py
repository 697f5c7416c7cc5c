"""Shared helpers of the report and publish tests (no tests here): the demo workbook in May,
its «Сводка» and «Мониторинг» as the sheets hold them, the figures of a .docx report."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
from docx import Document

from nastavnik.demo.build import build_demo
from nastavnik.reports.model import AnnualData, build_annual
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.metrics import Indicator
from nastavnik.sync.engine import run_validate

MAY = date(2026, 5, 20)  # the report is made in May of academic year 2025/26
TODAY = ["--today", "20.05.2026"]


def clock() -> datetime:
    return datetime(2026, 5, 20, 9, 0)


@functools.cache
def demo_workbook() -> Path:
    """The demo workbook synced on 20.05.2026, built once per test session (do not modify)."""
    directory = Path(tempfile.mkdtemp(prefix="nastavnik-report-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "demo.xlsx"
    build_demo(path, MAY, clock)
    return path


def demo_copy(directory: Path) -> Path:
    """A copy of the demo workbook that a test may change."""
    target = directory / "школа.xlsx"
    shutil.copy(demo_workbook(), target)
    return target


@functools.cache
def demo_outcome() -> Outcome:
    """The demo workbook read and checked as of the same day it was synced."""
    return run_validate(XlsxWorkbook(demo_workbook()), MAY, clock).outcome


def demo_year(start: int) -> AnnualData:
    """The report's data for the academic year starting in September of `start`."""
    return build_annual(demo_outcome(), start)


def sheet_rows(title: str) -> list[tuple[object, ...]]:
    """A sheet of the demo workbook as stored (values, not formulas), header first."""
    book = openpyxl.load_workbook(demo_workbook(), read_only=True)
    try:
        return [tuple(row) for row in book[title].iter_rows(values_only=True)]
    finally:
        book.close()


def teachers() -> list[tuple[str, str | None]]:
    """(ФИО, Email) of every row of «Педагоги»."""
    rows = sheet_rows("Педагоги")
    header = list(rows[0])
    fio, email = header.index("ФИО"), header.index("Email")
    return [(str(r[fio]), str(r[email]) if r[email] else None) for r in rows[1:] if r[fio]]


def value_tables(path: Path) -> dict[str, str]:
    """Every «Показатель · Значение» row of a report: label → the text of the value."""
    found: dict[str, str] = {}
    for table in Document(str(path)).tables:
        if [c.text for c in table.rows[0].cells] != ["Показатель", "Значение"]:
            continue
        for row in table.rows[1:]:
            label, value = (c.text for c in row.cells)
            assert label not in found, f"«{label}» appears twice in the report"
            found[label] = value
    return found


def year_table(path: Path) -> list[list[str]]:
    """The comparison-by-year table of a report (header first)."""
    for table in Document(str(path)).tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] == "Показатель" and len(header) >= 2 and "/" in header[1]:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError("no table by academic year")


def with_values(data: AnnualData, values: dict[str, float | None]) -> AnnualData:
    """`data` with some indicators (label → value) replaced."""
    indicators = tuple(
        Indicator(i.section, i.label, values[i.label]) if i.label in values else i
        for i in data.indicators
    )
    return replace(data, indicators=indicators)
