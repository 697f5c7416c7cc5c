"""Lossless syncs of real-shaped staff workbooks (tests/backends/xlsx/corpus.py).

Each workbook is synced twice with two different `--today`: every zip part the ChangeSet
did not have to touch keeps its bytes, every cell outside the ChangeSet keeps its XML, the
second sync reads the staff values the first one read, and a code built by a formula keeps
its formula and is given to no other row.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nastavnik.cli.app import main
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.changeset import ChangeSet
from tests.backends.xlsx.corpus import (
    FORMULAS,
    KEY_FORMULA,
    excel_shaped,
    has_libreoffice,
    libreoffice_saved,
)

TODAYS = ("21.11.2025", "15.01.2026")
_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', re.S)
# Parts a ChangeSet of cell writes (no layout change) may rewrite besides its sheets.
_BOOK_PARTS = {"xl/styles.xml", "xl/workbook.xml"}

Build = Callable[[Path], Path]
BUILDS = [
    pytest.param(excel_shaped, id="excel-shaped"),
    pytest.param(
        libreoffice_saved,
        id="libreoffice-saved",
        marks=pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice is not installed"),
    ),
]


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet title → zip member, as the writer resolves them."""
    from nastavnik.sync.backends.xlsx.writer.book import read_package

    with zipfile.ZipFile(path) as archive:
        return dict(read_package(archive).worksheets)


def cells_of(xml: bytes) -> dict[str, bytes]:
    return {match.group(1).decode(): match.group(0) for match in _CELL.finditer(xml)}


def sync(path: Path, today: str, monkeypatch: pytest.MonkeyPatch) -> list[ChangeSet]:
    """`nastavnik sync` on the file; the ChangeSets it applied."""
    applied: list[ChangeSet] = []
    real = XlsxWorkbook.apply

    def spy(self: XlsxWorkbook, changes: ChangeSet, snapshot: Any) -> Any:
        applied.append(changes)
        return real(self, changes, snapshot)

    with monkeypatch.context() as patch:
        patch.setattr(XlsxWorkbook, "apply", spy)
        with suppress(SystemExit):
            main(["sync", str(path), "--today", today])
    return applied


def written(changes: list[ChangeSet]) -> dict[str, set[str]]:
    """Sheet title → the cells the ChangeSets wrote."""
    found: dict[str, set[str]] = {}
    for change in changes:
        assert not (change.new_sheets or change.column_formats or change.sheet_formats)
        for write in change.writes:
            found.setdefault(write.sheet, set()).add(cell_address(write.row, write.column))
    return found


def values(path: Path) -> dict[tuple[str, int, int], Any]:
    snapshot = XlsxWorkbook(path).read(XlsxWorkbook(path).read([]).order)
    return {
        (title, row, column): table.value(row, column)
        for title, table in snapshot.tables.items()
        for row in range(1, table.last_row + 1)
        for column in range(table.width)
    }


@pytest.mark.parametrize("build", BUILDS)
def test_syncs_change_only_what_they_write_and_keep_formulas(
    build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build(tmp_path)
    titles = sheet_parts(path)
    for today in TODAYS:
        before, staff_values = parts_of(path), values(path)
        changed = written(sync(path, today, monkeypatch))
        after = parts_of(path)
        assert set(after) == set(before)
        touched = {titles[title] for title in changed} | _BOOK_PARTS
        assert {n: d for n, d in after.items() if n not in touched} == {
            n: d for n, d in before.items() if n not in touched
        }
        for title, refs in changed.items():
            old, new = cells_of(before[titles[title]]), cells_of(after[titles[title]])
            assert {r: x for r, x in old.items() if r not in refs} == {
                r: x for r, x in new.items() if r not in refs
            }
        now = values(path)
        for (title, row, column), value in staff_values.items():
            if cell_address(row, column) not in changed.get(title, set()):
                assert now.get((title, row, column)) == value, (title, row, column)
    sync(path, "01.03.2026", monkeypatch)  # any number of syncs
    for sheet, ref, _, _, _ in FORMULAS:
        cell = cells_of(parts_of(path)[titles[sheet]])[ref]
        assert re.search(rb"<(?:\w+:)?f\b", cell), (sheet, ref, cell)
    sheet, _, _, _, code = KEY_FORMULA
    table = XlsxWorkbook(path).read([sheet]).tables[sheet]
    codes = [table.value(row, 0) for row in range(2, table.last_row + 1)]
    assert codes.count(code) == 1
    link = openpyxl.load_workbook(path)["Пары"]["W4"].hyperlink
    assert link is not None and link.target == "https://school5.example/prikaz-49"


STAFF_PARTS = re.compile(
    r"xl/(threadedComments|persons|drawings/drawing|charts|media|tables|pivotCache)/?"
)


@pytest.mark.parametrize("build", BUILDS)
def test_a_layout_change_keeps_staff_objects(
    build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed layout stamp re-applies the layout: staff's drawings, chart, image, threaded
    comments, table, notes, dropdowns and rules keep their bytes or stay as they were."""
    path = build(tmp_path)
    parts = parts_of(path)
    parts["docProps/custom.xml"] = re.sub(
        rb"(<vt:lpwstr[^>]*>)[^<]*<",
        rb"\1old-layout<",
        parts["docProps/custom.xml"],
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    applied = sync(path, TODAYS[0], monkeypatch)
    assert applied[0].column_formats and applied[0].layout_stamp
    after = parts_of(path)
    staff = {name for name in parts if STAFF_PARTS.match(name)}
    assert len(staff) >= (9 if build is excel_shaped else 4)  # LibreOffice drops some
    assert {name: after[name] for name in staff} == {name: parts[name] for name in staff}
    book = openpyxl.load_workbook(path)
    teachers = book["Педагоги"]
    assert teachers["B5"].comment.text == "Уточнить отчество"  # LibreOffice drops authors
    assert teachers["B6"].comment.text.startswith("[Threaded comment]")
    assert any(dv.type == "whole" for dv in teachers.data_validations.dataValidation)
    rules = [r for cf in book["Встречи"].conditional_formatting for r in cf.rules]
    assert any(r.type == "cellIs" and r.formula == ["90"] for r in rules)
    assert "Коды_пар" in book.defined_names
    again = sync(path, TODAYS[1], monkeypatch)
    assert not any(change.column_formats for change in again)


@pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_synced_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = excel_shaped(tmp_path)
    for today in TODAYS:
        sync(path, today, monkeypatch)
    profile = (tmp_path / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(path)],
        check=True,
        timeout=240,
        capture_output=True,
    )
    assert (tmp_path / "школа.pdf").stat().st_size > 10_000
