"""The surgical pieces of the readable, printable layout (writer/print_setup.py, writer/tabs.py),
applied to the parts of a real workbook and read back by openpyxl; applied twice, the
same bytes; what staff set themselves kept."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from nastavnik.sheets_schema.palette import PAIR_STATES, Tone
from nastavnik.sync.backends.xlsx.writer.colour_rules import colour_rules
from nastavnik.sync.backends.xlsx.writer.print_setup import (
    Rewrite,
    autofilter,
    print_setup,
    tab_selected,
)
from nastavnik.sync.backends.xlsx.writer.tabs import (
    PRINT_TITLES,
    defined_name_text,
    move_sheet,
    open_on,
    print_titles,
    sheet_titles,
)
from nastavnik.sync.backends.xlsx.writer.xml import insertion_point

ORDER = (
    b"sheetPr", b"dimension", b"sheetViews", b"sheetFormatPr", b"cols", b"sheetData",
    b"sheetCalcPr", b"sheetProtection", b"protectedRanges", b"scenarios", b"autoFilter",
    b"sortState", b"dataConsolidate", b"customSheetViews", b"mergeCells", b"phoneticPr",
    b"conditionalFormatting", b"dataValidations", b"hyperlinks", b"printOptions",
    b"pageMargins", b"pageSetup", b"headerFooter", b"rowBreaks", b"colBreaks",
    b"customProperties", b"cellWatches", b"ignoredErrors", b"smartTags", b"drawing",
    b"legacyDrawing", b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects",
    b"controls", b"webPublishItems", b"tableParts", b"extLst",
)  # fmt: skip
SHEET = "xl/worksheets/sheet2.xml"


def place(xml: bytes, name: bytes, rewrite: Rewrite) -> bytes:
    """Apply one rewrite to a worksheet the way the element-edit mechanism does (test stand-in)."""
    pattern = re.compile(rb"<" + name + rb"(?=[\s/>])(?:[^>]*?/>|[^>]*>.*?</" + name + rb">)", re.S)
    found = list(pattern.finditer(xml))
    new = rewrite([m.group(0) for m in found], b"")
    if found:
        return xml[: found[0].start()] + b"".join(new) + xml[found[-1].end() :]
    position = ORDER.index(name)
    at = insertion_point(xml, b"", b"worksheet", ORDER[:position], ORDER[position + 1 :])
    return xml[:at] + b"".join(new) + xml[at:]


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Педагоги"
    wide = book.create_sheet("Пары")
    wide.append(["Код пары", "Наставник", "Состояние"])
    wide.append(["НП-001", "Иванова Анна", "ок"])
    wide.print_title_cols = "A:A"  # a sheet-level name that must follow its sheet
    book.create_sheet("Сводка")
    book.save(path)
    return path


def patched(path: Path, edits: dict[str, Any]) -> Path:
    """A copy of the package with some parts replaced by functions of their bytes."""
    target = path.with_name("patched.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data)
            out.writestr(info, data)
    return target


def layout(xml: bytes) -> bytes:
    for name, rewrite in print_setup(landscape=True).items():
        xml = place(xml, name, rewrite)
    xml = place(xml, b"autoFilter", autofilter("A1:C1048576"))
    return place(xml, b"sheetViews", tab_selected(False))


def test_print_setup_and_filter_read_back(tmp_path: Path) -> None:
    path = patched(workbook(tmp_path / "книга.xlsx"), {SHEET: layout})
    sheet = openpyxl.load_workbook(path)["Пары"]
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        9,
        "landscape",
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.oddHeader.center.text, sheet.oddHeader.right.text) == ("&A", "&D")
    assert sheet.auto_filter.ref == "A1:C1048576"
    assert sheet["C2"].value == "ок"  # the data is where it was


def test_applied_twice_the_same_bytes(tmp_path: Path) -> None:
    with zipfile.ZipFile(workbook(tmp_path / "книга.xlsx")) as archive:
        xml = archive.read(SHEET)
    once = layout(xml)
    assert once != xml
    assert layout(once) == once


def test_staff_filter_and_page_header_are_kept() -> None:
    staff = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData/><autoFilter ref="B1:B9"/>'
        b"<headerFooter><oddHeader>&amp;LSchool No. 5</oddHeader></headerFooter></worksheet>"
    )
    out = layout(staff)
    assert b'<autoFilter ref="B1:B9"/>' in out
    assert b"<oddHeader>&amp;LSchool No. 5</oddHeader>" in out
    assert b'<pageSetup paperSize="9"' in out
    assert out.index(b"<pageMargins") < out.index(b"<pageSetup") < out.index(b"<headerFooter")


def test_a_new_tab_moved_first_opens_the_book_and_keeps_its_names(tmp_path: Path) -> None:
    def book_xml(xml: bytes) -> bytes:
        xml = move_sheet(xml, "Сводка", 0)
        xml = open_on(xml, 0)
        return print_titles(xml, 0, "Сводка")

    path = patched(workbook(tmp_path / "книга.xlsx"), {"xl/workbook.xml": book_xml})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Сводка", "Педагоги", "Пары"]
    assert book.active.title == "Сводка"
    assert book["Сводка"].print_title_rows == "$1:$1"
    assert book["Пары"].print_title_cols == "$A:$A"  # renumbered with its sheet
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/workbook.xml")
    assert sheet_titles(xml) == ["Сводка", "Педагоги", "Пары"]
    assert book_xml(xml) == xml  # nothing left to do
    assert defined_name_text(xml, PRINT_TITLES, 0) == "'Сводка'!$1:$1"
    assert print_titles(xml, 0, "Другое") == xml  # a sheet's own print titles are kept


def test_colour_rules_replace_ours_of_any_version_and_keep_staff_rules() -> None:
    staff_rule = b'<cfRule type="cellIs" dxfId="0" priority="4" operator="equal"><formula>"1"</formula></cfRule>'
    old_rule = (
        b'<cfRule type="containsText" dxfId="1" priority="5" operator="containsText" '
        b'text="&#1074;&#1099;&#1087;&#1086;&#1083;&#1085;&#1077;&#1085;&#1086;">'  # выполнено
        b"<formula>NOT(ISERROR(SEARCH(1,D2)))</formula></cfRule>"
    )
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>'
        b'<conditionalFormatting sqref="A2:A50">' + staff_rule + b"</conditionalFormatting>"
        b'<conditionalFormatting sqref="D2:D1048576">' + old_rule + b"</conditionalFormatting>"
        b"</worksheet>"
    )
    rewrite = colour_rules([(3, PAIR_STATES)], dict.fromkeys(Tone, 7))
    once = place(xml, b"conditionalFormatting", rewrite)
    assert staff_rule in once and old_rule not in once
    assert once.count(b"<cfRule") == 1 + len(PAIR_STATES.words)
    assert b'type="beginsWith"' in once and b'priority="5"' in once  # ours after staff's 4
    assert place(once, b"conditionalFormatting", rewrite) == once
