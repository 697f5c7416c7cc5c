"""Workbooks built part by part, shaped as Excel and LibreOffice write them.

openpyxl cannot write what these tests need (cached formula results, inline strings,
`t="e"` errors, the 1904 date system as Excel stores it), so the package is assembled
from its XML parts: the sheet XML is given cell by cell, exactly as those programs save it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from nastavnik.sync.a1 import cell_address

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EPOCH = datetime(1899, 12, 30)  # serial 0 of the 1900 date system, as Excel counts it


@dataclass
class ShapedBook:
    """The parts of a workbook: sheets as raw `<row>` XML, strings, number formats."""

    sheets: dict[str, str] = field(default_factory=dict)  # title → <sheetData> inner XML
    shared: Sequence[str] = ()  # plain text, or a whole "<si>…</si>" (rich text) as is
    number_formats: Sequence[str] = ()  # custom formats: style i+1 uses numFmtId 164+i
    builtin_formats: Sequence[int] = ()  # built-in numFmtIds: styles after the custom ones
    date1904: bool = False
    custom_properties: Mapping[str, str] = field(default_factory=dict)
    merged: Mapping[str, Sequence[str]] = field(default_factory=dict)  # title → ranges
    prefix: str = ""  # "x:" writes every element with a namespace prefix (.NET SDK style)

    def save(self, path: Path) -> Path:
        """Write the package; returns `path`."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, text in self.parts().items():
                package.writestr(name, text)
        return path

    def parts(self) -> dict[str, str]:
        """Part name → XML text."""
        parts = {
            "[Content_Types].xml": self._content_types(),
            "_rels/.rels": self._package_rels(),
            "xl/workbook.xml": self._workbook(),
            "xl/_rels/workbook.xml.rels": self._workbook_rels(),
            "xl/styles.xml": self._styles(),
            "xl/sharedStrings.xml": self._shared(),
        }
        for number, title in enumerate(self.sheets, start=1):
            parts[f"xl/worksheets/sheet{number}.xml"] = self._sheet(title)
        if self.custom_properties:
            parts["docProps/custom.xml"] = self._custom()
        return parts

    def _content_types(self) -> str:
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        custom = (
            f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"/>'
            if self.custom_properties
            else ""
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            f"{sheets}{custom}</Types>"
        )

    def _package_rels(self) -> str:
        custom = (
            f'<Relationship Id="rId9" Type="{DOC_REL}/custom-properties" '
            'Target="docProps/custom.xml"/>'
            if self.custom_properties
            else ""
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f"{custom}</Relationships>"
        )

    def _workbook(self) -> str:
        p = self.prefix
        xmlns = f"xmlns:{p[:-1]}" if p else "xmlns"
        sheets = "".join(
            f'<{p}sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
            for n, title in enumerate(self.sheets, start=1)
        )
        pr = f'<{p}workbookPr date1904="1"/>' if self.date1904 else f"<{p}workbookPr/>"
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}workbook {xmlns}="{MAIN}" xmlns:r="{DOC_REL}">{pr}'
            f"<{p}sheets>{sheets}</{p}sheets></{p}workbook>"
        )

    def _workbook_rels(self) -> str:
        rels = "".join(
            f'<Relationship Id="rId{n}" Type="{DOC_REL}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self.sheets) + 1)
        )
        k = len(self.sheets)
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            f"{rels}"
            f'<Relationship Id="rId{k + 1}" Type="{DOC_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{k + 2}" Type="{DOC_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        )

    def _styles(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{164 + i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
            for i, code in enumerate(self.number_formats)
        )
        ids = [164 + i for i in range(len(self.number_formats))] + list(self.builtin_formats)
        xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
            f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            for i in ids
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="{len(self.number_formats)}">{formats}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(ids) + 1}">{xfs}</cellXfs></styleSheet>'
        )

    def _shared(self) -> str:
        items = "".join(
            text if text.startswith("<si>") else f"<si><t>{escape(text)}</t></si>"
            for text in self.shared
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN}" count="{len(self.shared)}" uniqueCount="{len(self.shared)}">'
            f"{items}</sst>"
        )

    def _sheet(self, title: str) -> str:
        p = self.prefix
        xmlns = f"xmlns:{p[:-1]}" if p else "xmlns"
        ranges = self.merged.get(title, ())
        merged = (
            f'<{p}mergeCells count="{len(ranges)}">'
            + "".join(f'<{p}mergeCell ref="{r}"/>' for r in ranges)
            + f"</{p}mergeCells>"
            if ranges
            else ""
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}worksheet {xmlns}="{MAIN}" xmlns:r="{DOC_REL}">'
            f'<{p}dimension ref="A1"/>'  # wrong on purpose: some programs write a stale one
            f"<{p}sheetData>{self.sheets[title]}</{p}sheetData>{merged}</{p}worksheet>"
        )

    def _custom(self) -> str:
        props = "".join(
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
            f'pid="{n}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
            for n, (name, value) in enumerate(self.custom_properties.items(), start=2)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"{props}</Properties>"
        )


def row(number: int, *cells: str) -> str:
    """A `<row>` of raw `<c>` elements."""
    return f'<row r="{number}">{"".join(cells)}</row>'


DATE_TIME_FORMAT, DATE_FORMAT = "dd.mm.yyyy h:mm:ss", "dd.mm.yyyy"


def book_of(grids: Mapping[str, Sequence[Sequence[object]]]) -> ShapedBook:
    """Grids (title → rows, header first) as Excel saves them: text in shared strings, numbers
    as `<v>`, date-times and dates as serial numbers styled dd.mm.yyyy h:mm:ss / dd.mm.yyyy,
    booleans as `t="b"`, blank cells absent."""
    shared: list[str] = []
    index: dict[str, int] = {}

    def cell(ref: str, value: object) -> str:
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value!r}</v></c>'
        if isinstance(value, datetime):
            return f'<c r="{ref}" s="1"><v>{(value - EPOCH) / timedelta(days=1)!r}</v></c>'
        if isinstance(value, date):
            return f'<c r="{ref}" s="2"><v>{(value - EPOCH.date()).days}</v></c>'
        text = str(value)
        if text not in index:
            index[text] = len(shared)
            shared.append(text)
        return f'<c r="{ref}" t="s"><v>{index[text]}</v></c>'

    sheets = {
        title: "".join(
            row(
                n, *(cell(cell_address(n, c), v) for c, v in enumerate(line) if v not in (None, ""))
            )
            for n, line in enumerate(grid, start=1)
        )
        for title, grid in grids.items()
    }
    return ShapedBook(sheets, shared, number_formats=(DATE_TIME_FORMAT, DATE_FORMAT))
