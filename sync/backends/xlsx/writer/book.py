"""The package around the sheets, for the streaming writer: which zip member holds which
sheet, where the styles are, the date system, and the one workbook.xml change it makes.

Sheet titles map to parts through xl/workbook.xml (``<sheet name r:id>``) and its
relationships (xl/_rels/workbook.xml.rels); the workbook part itself is found through
_rels/.rels, so packages laid out differently from Excel's are read correctly too.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    insertion_point,
    root_prefix,
    with_attributes,
)

_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TRUE = ("1", "true")
# Children of <workbook>, in schema order (CT_Workbook).
WORKBOOK_ORDER = (
    b"fileVersion", b"fileSharing", b"workbookPr", b"workbookProtection", b"bookViews",
    b"sheets", b"functionGroups", b"externalReferences", b"definedNames", b"calcPr",
    b"oleSize", b"customWorkbookViews", b"pivotCaches", b"smartTagPr", b"smartTagTypes",
    b"webPublishing", b"fileRecoveryPr", b"webPublishObjects", b"extLst",
)  # fmt: skip


def around(name: bytes) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """The children of <workbook> the schema puts before and after `name`."""
    at = WORKBOOK_ORDER.index(name)
    return WORKBOOK_ORDER[:at], WORKBOOK_ORDER[at + 1 :]


@dataclass(frozen=True)
class Package:
    """Where things are in one .xlsx package."""

    workbook: str  # zip member of the workbook part ("xl/workbook.xml")
    styles: str  # zip member of the styles part
    epoch: datetime  # day 0 of the workbook's date system
    worksheets: dict[str, str] = field(default_factory=dict)  # title → zip member
    others: frozenset[str] = frozenset()  # titles of chart sheets and dialog sheets

    def part_of(self, title: str) -> tuple[str, str]:
        """(actual title, zip member) of the worksheet `title` names (exact first, then as
        `fold` compares titles); UnsafeWrite when there is none, like the openpyxl path."""
        found = title if title in self.worksheets or title in self.others else None
        if found is None:
            key = fold(title)
            names = [*self.worksheets, *self.others]
            found = next((name for name in names if fold(name) == key), None)
        if found is None:
            raise UnsafeWrite(f"Отказ: нет листа «{title}» в книге.")
        if found in self.others:
            raise Unsupported(f"«{found}» — лист диаграммы или диалога, а не таблица")
        return found, self.worksheets[found]

    def title_of(self, part: str) -> str:
        """The title of the worksheet in zip member `part`."""
        return next(title for title, member in self.worksheets.items() if member == part)


def read_package(archive: zipfile.ZipFile) -> Package:
    """The package's layout, from its relationship parts and xl/workbook.xml."""
    main = _relationships(archive, "_rels/.rels")
    workbook = next((t for k, t in main.values() if k == "officeDocument"), None)
    if workbook is None:
        raise Unsupported("нет связи с основной частью книги")
    folder, name = posixpath.split(workbook)
    related = _relationships(archive, posixpath.join(folder, "_rels", name + ".rels"))
    styles = next((t for k, t in related.values() if k == "styles"), None)
    if styles not in archive.NameToInfo:
        raise Unsupported("нет части стилей")
    root = _parse(archive, workbook)
    if root.tag != _MAIN + "workbook" or styles is None:
        raise Unsupported("основная часть — не книга SpreadsheetML")
    worksheets: dict[str, str] = {}
    others: set[str] = set()
    for sheet in root.iterfind(f"{_MAIN}sheets/{_MAIN}sheet"):
        title, rid = sheet.get("name", ""), sheet.get(f"{{{_DOC_RELS}}}id", "")
        kind, target = related.get(rid, ("", ""))
        if kind == "worksheet" and target in archive.NameToInfo:
            worksheets[title] = target
        else:
            others.add(title)
    properties = root.find(f"{_MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904", "0").lower() in _TRUE
    epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
    return Package(workbook, styles, epoch, worksheets, frozenset(others))


def full_calc_on_load(xml: bytes) -> bytes:
    """workbook.xml asking Excel and LibreOffice to recalculate formulas when opening it
    (staff formulas may use the cells just written; their cached results are kept)."""
    prefix = root_prefix(xml, b"workbook")
    calc = re.search(rb"<" + re.escape(prefix) + rb"calcPr\b[^>]*>", xml)
    if calc is None:
        at = insertion_point(xml, prefix, b"workbook", *around(b"calcPr"))
        return xml[:at] + b'<%scalcPr fullCalcOnLoad="1"/>' % prefix + xml[at:]
    if attributes(calc.group(0)).get("fullCalcOnLoad", "").lower() in _TRUE:
        return xml
    tag = with_attributes(calc.group(0), {"fullCalcOnLoad": "1"})
    return xml[: calc.start()] + tag + xml[calc.end() :]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (last segment of the type, zip member of the target) of one .rels part."""
    if part not in archive.NameToInfo:
        return {}
    source_folder = posixpath.dirname(posixpath.dirname(part))
    found: dict[str, tuple[str, str]] = {}
    for rel in _parse(archive, part).iterfind(f"{_PACKAGE_RELS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join(source_folder, target))
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        found[rel.get("Id", "")] = (kind, member)
    return found


def _parse(archive: zipfile.ZipFile, part: str) -> ET.Element:
    """A small XML part as a tree (no DTDs: they have no place in a package)."""
    if part not in archive.NameToInfo:
        raise Unsupported(f"в пакете нет части {part}")
    data = archive.read(part)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise Unsupported(f"объявление DTD в части {part}")
    return ET.fromstring(data)


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type's last segment, zip member) of the relationships of `part` (its .rels)."""
    folder, name = posixpath.split(part)
    return _relationships(archive, posixpath.join(folder, "_rels", name + ".rels"))
