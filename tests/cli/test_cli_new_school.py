"""A new school's first hour, on a real .xlsx file: `init --school`, then `validate`/`sync` the
same day; without a name, one warning, and `report`/`publish` refuse with how to set it."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.cli.support import Cli

GYMNASIUM = "МБОУ «Гимназия № 2»"
NO_NAME = "Не указано название образовательной организации"


def every_text(path: Path) -> list[str]:
    """Every non-empty cell of every sheet of the real file, as text."""
    book = openpyxl.load_workbook(path)
    return [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def every_part(path: Path) -> list[str]:
    """Every part of the .xlsx package (sheets, notes, properties) as decoded text."""
    with zipfile.ZipFile(path) as package:
        return [html.unescape(package.read(n).decode("utf-8")) for n in package.namelist()]


def test_a_new_school_sees_its_own_name_and_nothing_overdue_on_its_first_day(
    cli: Cli,
    tmp_path: Path,
) -> None:
    assert cli("init", "new.xlsx", "--school", GYMNASIUM).code == 0
    run = cli("validate", "new.xlsx")  # the same day as init: the shell's today
    assert run.code == 0, run.out
    assert "просрочено — 0" in run.out and NO_NAME not in run.out
    assert cli("sync", "new.xlsx").code == 0
    texts = every_text(tmp_path / "new.xlsx")
    assert GYMNASIUM in texts
    assert [t for t in texts if "СОШ" in t or "МАОУ" in t or "№ 5" in t] == []
    assert [p for p in every_part(tmp_path / "new.xlsx") if "СОШ" in p or "МАОУ" in p] == []
    rows = list(openpyxl.load_workbook(tmp_path / "new.xlsx")["Просрочено"].values)
    level = rows[0].index("Уровень")
    assert [row[level] for row in rows[1:] if row[level] == "просрочено"] == []


def test_without_a_school_name_validate_and_sync_warn_once_at_the_cell(
    cli: Cli,
    tmp_path: Path,
) -> None:
    assert cli("init", "new.xlsx").code == 0
    run = cli("validate", "new.xlsx")
    assert run.code == 0 and run.out.count(NO_NAME) == 1
    assert "B2 предупреждение: Не указано название" in run.out
    assert 'nastavnik init --school "' in run.out
    assert cli("sync", "new.xlsx").code == 0
    errors = [t for t in every_text(tmp_path / "new.xlsx") if t.startswith(NO_NAME)]
    assert len(errors) == 1


@pytest.mark.parametrize("command", ["report", "publish"])
def test_report_and_publish_refuse_without_a_school_name(
    cli: Cli,
    tmp_path: Path,
    command: str,
) -> None:
    assert cli("init", "new.xlsx").code == 0
    run = cli(command, "new.xlsx", "--out", "out")
    assert run.code == 2 and "Traceback" not in run.err
    assert NO_NAME in run.err and 'nastavnik init --school "' in run.err
    assert "«Настройки»" in run.err
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.docx").exists()


def test_init_school_fills_the_blank_name_and_then_report_runs(
    cli: Cli,
    tmp_path: Path,
) -> None:
    assert cli("init", "new.xlsx").code == 0
    assert cli("init", "new.xlsx", "--school", f"  {GYMNASIUM} ").code == 0
    assert GYMNASIUM in every_text(tmp_path / "new.xlsx")
    assert cli("report", "new.xlsx", "--out", "otchet.docx").code == 0
    other = cli("init", "new.xlsx", "--school", "МБОУ «Лицей № 7»")
    assert other.code == 2 and GYMNASIUM in other.err
