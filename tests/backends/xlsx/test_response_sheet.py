"""A form's response sheet in a real .xlsx: saved by openpyxl, shaped as Excel saves it, and
saved again by real LibreOffice.

The read gives every value as the form wrote it (timestamps as date-times, scores as numbers,
blank answers blank); a sync gives the hand-written figures and problems of
tests/survey_fixtures.py and leaves the response sheet's worksheet part byte for byte as it was.
"""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.scan import sheet_parts
from nastavnik.sync.snapshot import Cell, Table
from tests import survey_fixtures as sf
from tests.backend_harnesses import make_book
from tests.backends.xlsx.corpus import has_libreoffice
from tests.backends.xlsx.shaped import book_of
from tests.responses_support import (
    ERRORS,
    MONITORING,
    assert_expected_problems,
    assert_figures,
    sync,
)

Grid = Sequence[Sequence[Cell]]
Grids = Mapping[str, Grid]
Saver = Callable[[Path, Grids], Path]


def libreoffice_saved(path: Path, grids: Grids) -> Path:
    """The Excel-shaped file opened and saved again by LibreOffice, at `path`."""
    source = book_of(grids).save(path.with_name("excel-" + path.name))
    profile = (path.parent / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(path.parent / "lo"), str(source)],
        check=True, timeout=240, capture_output=True,
    )  # fmt: skip
    (path.parent / "lo" / source.name).replace(path)
    return path


SAVERS: dict[str, Saver] = {
    "openpyxl": make_book,
    "excel-shaped": lambda path, grids: book_of(grids).save(path),
    "libreoffice": libreoffice_saved,
}
NO_LIBREOFFICE = pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice is not installed")


@pytest.fixture(
    params=[pytest.param(n, marks=[NO_LIBREOFFICE] if n == "libreoffice" else []) for n in SAVERS]
)
def saver(request: pytest.FixtureRequest) -> Saver:
    """How the workbook file is written."""
    return SAVERS[request.param]


def read_back(path: Path, saver: Callable[[Path, Grids], Path], title: str, grid: Grid) -> Table:
    """The response sheet as the .xlsx backend reads it from a file written by `saver`."""
    saver(path, sf.school_grids(title, {title: grid}))
    return XlsxWorkbook(path).read([title]).tables[title]


def test_google_forms_sheet_reads_back_as_the_form_wrote_it(
    tmp_path: Path, saver: Callable[[Path, Grids], Path]
) -> None:
    grid = sf.google_forms_grid(sf.ANSWERS)
    table = read_back(tmp_path / "школа.xlsx", saver, sf.GOOGLE_TITLE, grid)
    assert table.header[0] == "Отметка времени"
    assert table.header[3] == "Насколько вы удовлетворены участием в наставничестве"
    assert tuple(table.rows[0]) == (
        datetime(2025, 12, 3, 10, 15),
        "Иванова Мария Петровна",
        None,
        8,
        9,
        7,
        "Совместный разбор уроков",
    )
    assert tuple(table.rows[3][:2]) == (datetime(2025, 12, 8, 14, 20), "Кузнецова Ольга Дмитревна")
    assert tuple(table.rows[7][3:6]) == (11, 5, 6)
    assert len(table.rows) == 12


def test_yandex_export_keeps_its_text_timestamps_and_answer_ids(
    tmp_path: Path, saver: Callable[[Path, Grids], Path]
) -> None:
    table = read_back(tmp_path / "школа.xlsx", saver, sf.YANDEX_TITLE, sf.yandex_grid(sf.ANSWERS))
    assert table.header[:3] == ("ID", "Время создания", "ФИО")
    assert tuple(table.rows[0][:3]) == (1638563874, "2025-12-03 10:15:00", "Иванова Мария Петровна")
    assert tuple(table.rows[11][-3:]) == (6, 7, 5)


def part_bytes(path: Path, title: str) -> bytes:
    """The bytes of one sheet's worksheet part in the package."""
    with zipfile.ZipFile(path) as package:
        return package.read(sheet_parts(package)[title])


def grid_of(path: Path, title: str) -> list[list[Cell]]:
    """A sheet of the file as read back: header row first."""
    table = XlsxWorkbook(path).read([title]).tables[title]
    return [list(table.header), *map(list, table.rows)]


def test_sync_gives_the_figures_and_problems_and_leaves_the_form_sheet_bytes(
    tmp_path: Path, saver: Saver
) -> None:
    grid = sf.google_forms_grid(sf.ANSWERS)
    path = saver(tmp_path / "школа.xlsx", sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    before = part_bytes(path, sf.GOOGLE_TITLE)
    report = sync(XlsxWorkbook(path))
    assert report.written
    assert part_bytes(path, sf.GOOGLE_TITLE) == before
    assert_figures(grid_of(path, MONITORING))
    assert_expected_problems(grid_of(path, ERRORS), sf.GOOGLE_TITLE, sf.google_cell)


def test_yandex_export_in_a_file_gives_the_same_figures_and_keeps_its_bytes(
    tmp_path: Path,
) -> None:
    grid = sf.yandex_grid(sf.ANSWERS)
    path = book_of(sf.school_grids(sf.YANDEX_TITLE, {sf.YANDEX_TITLE: grid})).save(
        tmp_path / "школа.xlsx"
    )
    before = part_bytes(path, sf.YANDEX_TITLE)
    sync(XlsxWorkbook(path))
    assert part_bytes(path, sf.YANDEX_TITLE) == before
    assert_figures(grid_of(path, MONITORING))
    assert_expected_problems(grid_of(path, ERRORS), sf.YANDEX_TITLE, sf.yandex_cell)


def test_a_sheet_nobody_named_leaves_every_other_sheet_byte_for_byte_as_without_it(
    tmp_path: Path,
) -> None:
    plain = book_of(sf.school_grids(None, typed=sf.TYPED)).save(tmp_path / "без.xlsx")
    draft = {"Черновик ответов": sf.google_forms_grid(sf.ANSWERS)}
    with_draft = book_of(sf.school_grids(None, draft, typed=sf.TYPED)).save(tmp_path / "с.xlsx")
    draft_bytes = part_bytes(with_draft, "Черновик ответов")
    sync(XlsxWorkbook(plain))
    sync(XlsxWorkbook(with_draft))
    with zipfile.ZipFile(plain) as package:
        titles = sheet_parts(package)
    for title in titles:
        assert part_bytes(with_draft, title) == part_bytes(plain, title), title
    assert part_bytes(with_draft, "Черновик ответов") == draft_bytes
    assert_figures(grid_of(plain, MONITORING), sf.TYPED_FIGURES)
