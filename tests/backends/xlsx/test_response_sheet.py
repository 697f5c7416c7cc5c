"""A form's response sheet in a real .xlsx (saved by openpyxl, and shaped as Excel saves it).

The file keeps every value as the form wrote it: the read gives the timestamps as date-times,
scores as numbers, blank answers as blank.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.snapshot import Cell, Table
from tests import survey_fixtures as sf
from tests.backend_harnesses import make_book
from tests.backends.xlsx.shaped import book_of

Grid = Sequence[Sequence[Cell]]
Grids = Mapping[str, Grid]
SAVERS: dict[str, Callable[[Path, Grids], Path]] = {
    "openpyxl": make_book,
    "excel-shaped": lambda path, grids: book_of(grids).save(path),
}


@pytest.fixture(params=sorted(SAVERS))
def saver(request: pytest.FixtureRequest) -> Callable[[Path, Grids], Path]:
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
    assert tuple(table.rows[7][3:6]) == (5, 11, 6)
    assert len(table.rows) == 12


def test_yandex_export_keeps_its_text_timestamps_and_answer_ids(
    tmp_path: Path, saver: Callable[[Path, Grids], Path]
) -> None:
    table = read_back(tmp_path / "школа.xlsx", saver, sf.YANDEX_TITLE, sf.yandex_grid(sf.ANSWERS))
    assert table.header[:3] == ("ID", "Время создания", "ФИО")
    assert tuple(table.rows[0][:3]) == (1638563874, "2025-12-03 10:15:00", "Иванова Мария Петровна")
    assert tuple(table.rows[11][-3:]) == (6, 7, 5)
