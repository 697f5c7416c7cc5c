"""The issue's own scenario: a synced workbook saved again by LibreOffice loses its frozen
header and filters; `init` restores them, keeps every value, and a second `init` writes
nothing. Skipped, with the reason, without LibreOffice Calc."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from nastavnik.demo.build import build_demo
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.engine import run_init
from tests.demo.test_pictures import needs_office
from tests.engine_helpers import clock


def saved_by_libreoffice(workbook: Path, folder: Path) -> Path:
    """The workbook opened and saved as .xlsx by LibreOffice Calc."""
    folder.mkdir()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return folder / workbook.name


def values_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


@needs_office
def test_init_repairs_a_workbook_saved_by_libreoffice(tmp_path: Path) -> None:
    demo = tmp_path / "демо.xlsx"
    build_demo(demo, date(2025, 10, 15), clock)
    resaved = saved_by_libreoffice(demo, tmp_path / "calc")
    lost = openpyxl.load_workbook(resaved)["Педагоги"]
    assert lost.freeze_panes is None  # what the round trip did
    before = values_of(resaved)
    changes = run_init(XlsxWorkbook(resaved))
    assert "Педагоги" in {fmt.sheet for fmt in changes.sheet_formats}
    assert not changes.writes
    assert values_of(resaved) == before
    restored = openpyxl.load_workbook(resaved)["Педагоги"]
    assert restored.freeze_panes == "A2" and restored.auto_filter.ref
    assert run_init(XlsxWorkbook(resaved)).is_empty
