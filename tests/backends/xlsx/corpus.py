"""A corpus of real-shaped staff workbooks, built by code.

`excel_shaped` starts from the demo registry, adds through openpyxl what staff add in their
spreadsheet program (a chart, an image, notes, an Excel table with autofilter, names, their
own dropdowns and rules, custom number formats, links, hidden and grouped rows and columns, a
hidden protected sheet, print settings, formulas), then adds at the package level what
Excel writes and openpyxl does not: cached formula results (text, dates, `=TRUE()`
booleans), a text box in the drawing, threaded comments with their persons part, a pivot
cache.
`libreoffice_saved` is that file saved again by real LibreOffice.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from contextlib import suppress
from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from PIL import Image as Picture

from nastavnik.cli.app import main

FIRST_TODAY = "20.11.2025"
KEY_FORMULA = ("Пары", "A3", '="НП-"&"002"', "str", "НП-002")  # a code built by a formula
# (sheet, cell, formula, cached type, cached value): what Excel stores for each formula
FORMULAS = (
    KEY_FORMULA,
    ("Встречи", "B2", "=DATE(2024,9,2)", "", "45537"),  # a formula date in an input column
    ("Лучшие практики", "F2", "=TRUE()", "b", "1"),  # LibreOffice's «да»
    ("Встречи", "I3", '=""', "str", ""),  # a calc column («Проверка») holding a formula
    ("Пары", "W2", "=LEN(B2)", "", "24"),  # staff's own column
    ("Пары", "W3", "=W2*2", "", "48"),
)
PERSON_ID = "{5D2C6C0B-5D2B-4E77-9E21-2E4A3B6F1A11}"
THREAD_ID = "{0A1B2C3D-1111-2222-3333-444455556666}"


def excel_shaped(folder: Path) -> Path:
    """The demo registry as staff keep it in Excel (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "школа.xlsx"
    with suppress(SystemExit):
        main(["demo", str(path), "--today", FIRST_TODAY])
    _staff_edits(path, folder)
    _excel_parts(path)
    return path


def libreoffice_saved(folder: Path) -> Path:
    """The Excel-shaped corpus opened and saved by LibreOffice (needs `soffice`)."""
    source = excel_shaped(folder / "excel")
    out = folder / "lo"
    profile = (folder / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    subprocess.run(
        [*command, "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True,
        timeout=240,
        capture_output=True,
    )
    return out / source.name


def has_libreoffice() -> bool:
    """True when LibreOffice is installed."""
    return shutil.which("soffice") is not None


def _staff_edits(path: Path, folder: Path) -> None:
    book = openpyxl.load_workbook(path)
    pairs, teachers, meetings = book["Пары"], book["Педагоги"], book["Встречи"]
    pairs["W1"] = "Заметка завуча"
    for sheet, ref, formula, _, _ in FORMULAS:
        book[sheet][ref] = formula
    chart = BarChart()
    chart.add_data(Reference(book["Стимулирование"], min_col=4, min_row=1, max_row=10), True)
    book["Сводка"].add_chart(chart, "E2")
    picture = folder / "герб.png"
    Picture.new("RGB", (40, 30), (200, 30, 30)).save(picture)
    book["Сводка"].add_image(Image(str(picture)), "E20")
    teachers["B5"].comment = Comment("Уточнить отчество", "Завуч")
    teachers["B6"].comment = Comment("[Threaded comment]\nПроверить стаж", f"tc={THREAD_ID}")
    book["Конкурсы"].add_table(Table(displayName="Конкурсы_таблица", ref="A1:G8"))
    book.defined_names["Коды_пар"] = DefinedName("Коды_пар", attr_text="'Пары'!$A$2:$A$16")
    years = DataValidation(type="whole", operator="between", formula1="1940", formula2="2010")
    years.add("E2:E200")
    teachers.add_data_validation(years)
    rule = CellIsRule(operator="greaterThan", formula=["90"], fill=PatternFill(bgColor="FFC000"))
    meetings.conditional_formatting.add("E2:E400", rule)
    for row in range(2, 10):
        book["Стимулирование"].cell(row=row, column=4).number_format = '#,##0.00" ₽"'
    pairs["W4"].hyperlink = "https://school5.example/prikaz-49"  # in staff's own column
    teachers.row_dimensions[40].hidden = True
    teachers.column_dimensions["V"].hidden = True
    meetings.row_dimensions.group(10, 15, outline_level=1, hidden=False)
    draft = book.create_sheet("Черновик")
    draft["A1"] = "черновые записи"
    draft.sheet_state = "hidden"
    draft.protection.sheet = True
    pairs.page_setup.orientation = "landscape"
    pairs.print_options.gridLines = True
    pairs.print_title_rows = "1:1"
    pairs.oddHeader.center.text = "Наставнические пары"
    book.save(path)


def _excel_parts(path: Path) -> None:
    """What Excel adds that openpyxl does not write (see the module docstring)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    names = _sheet_parts(parts)
    for sheet, ref, _, kind, cached in FORMULAS:
        parts[names[sheet]] = _cached(parts[names[sheet]], ref, kind, cached)
    drawing = next(name for name in parts if re.match(r"xl/drawings/drawing\d+\.xml$", name))
    parts[drawing] = parts[drawing].replace(b"</xdr:wsDr>", _TEXT_BOX + b"</xdr:wsDr>")
    _threaded_comment(parts, names["Педагоги"])
    _pivot_cache(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    workbook = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*?Target="/?(?:xl/)?([^"]+)"', rels))
    targets.update(
        {k: v for v, k in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*?Id="(rId\d+)"', rels)}
    )
    found = re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="(rId\d+)"', workbook)
    return {name: "xl/" + targets[rid] for name, rid in found}


def _cached(xml: bytes, ref: str, kind: str, value: str) -> bytes:
    """The formula cell `ref` with Excel's cached result (openpyxl writes none)."""
    pattern = re.compile(
        rb'<c r="' + ref.encode() + rb'"([^>]*?)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)?</c>'
    )
    match = pattern.search(xml)
    assert match is not None, ref
    attributes = re.sub(rb'\s+t="[^"]*"', b"", match.group(1))
    typed = b' t="%s"' % kind.encode() if kind else b""
    cell = b'<c r="%s"%s%s>%s<v>%s</v></c>' % (
        ref.encode(),
        attributes,
        typed,
        match.group(2),
        value.encode(),
    )
    return xml[: match.start()] + cell + xml[match.end() :]


_TEXT_BOX = (
    b'<xdr:twoCellAnchor xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    b"<xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>"
    b"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>14</xdr:col><xdr:colOff>0"
    b"</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    b'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="TextBox 8"/>'
    b'<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
    b'<a:ext cx="2000000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
    b"</a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>"
    + "<a:t>Пояснение завуча к сводке</a:t>".encode()
    + b"</a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
)


def _threaded_comment(parts: dict[str, bytes], sheet: str) -> None:
    """Excel's threaded comment on Педагоги!B6 (the legacy placeholder is already there)."""
    ns = b"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    parts["xl/threadedComments/threadedComment1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="'
        + ns
        + b'"><threadedComment ref="B6" dT="2025-10-01T09:00:00.00" personId="'
        + PERSON_ID.encode()
        + b'" id="'
        + THREAD_ID.encode()
        + '"><text>Проверить стаж</text></threadedComment></ThreadedComments>'.encode()
    )
    parts["xl/persons/person.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="'
        + ns
        + '"><person displayName="Завуч Иванова" id="'.encode()
        + PERSON_ID.encode()
        + b'" userId="zavuch@school5.example" providerId="None"/></personList>'
    )
    rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    relation = (
        b'<Relationship Id="rIdTc1" Type="http://schemas.microsoft.com/office/2017/10/'
        b'relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/>'
    )
    parts[rels] = parts[rels].replace(b"</Relationships>", relation + b"</Relationships>")
    person = (
        b'<Relationship Id="rIdP1" Type="http://schemas.microsoft.com/office/2017/10/'
        b'relationships/person" Target="persons/person.xml"/>'
    )
    book_rels = "xl/_rels/workbook.xml.rels"
    parts[book_rels] = parts[book_rels].replace(b"</Relationships>", person + b"</Relationships>")
    types = (
        b'<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="'
        b'application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/persons/'
        b'person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", types + b"</Types>"
    )


def _pivot_cache(parts: dict[str, bytes]) -> None:
    """A pivot cache over «Стимулирование» (definition + records), as Excel stores one."""
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="'
        + main
        + f'" xmlns:r="{rel}" r:id="rId1" refreshOnLoad="1" recordCount="1"><cacheSource '
        'type="worksheet"><worksheetSource ref="A1:D3" sheet="Стимулирование"/></cacheSource>'
        '<cacheFields count="1"><cacheField name="Наставник" numFmtId="0"><sharedItems/>'
        "</cacheField></cacheFields></pivotCacheDefinition>".encode()
    )
    parts["xl/pivotCache/pivotCacheRecords1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="'
        + main
        + b'" count="1"><r><s v="A"/></r></pivotCacheRecords>'
    )
    parts["xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
        b'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>'
    )
    book_rels = "xl/_rels/workbook.xml.rels"
    parts[book_rels] = parts[book_rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdPc1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'
        b"</Relationships>",
    )
    workbook = parts["xl/workbook.xml"]
    caches = f'<pivotCaches><pivotCache xmlns:r="{rel}" cacheId="1" r:id="rIdPc1"/></pivotCaches>'
    at = re.search(rb"<calcPr\b[^>]*/>", workbook)
    assert at is not None
    parts["xl/workbook.xml"] = workbook[: at.end()] + caches.encode() + workbook[at.end() :]
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (
        f'<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" '
        f'ContentType="{kind}.pivotCacheDefinition+xml"/><Override PartName="/xl/pivotCache/'
        f'pivotCacheRecords1.xml" ContentType="{kind}.pivotCacheRecords+xml"/>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", types.encode() + b"</Types>"
    )
