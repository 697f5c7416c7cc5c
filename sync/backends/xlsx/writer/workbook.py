"""Workbook-level edits of the surgical writer: new sheets, defined names, the layout stamp.

A new sheet is a new worksheet part (an empty ``<sheetData/>``; its cells come through the
sheet patch like any other), a ``<sheet>`` in xl/workbook.xml, a relationship and a
content-type override. Defined names are ours when they start with NAME_PREFIX; others are
never touched. The layout stamp is the custom document property STAMP_PROPERTY in
docProps/custom.xml (made, with its relationship and content type, when missing).
"""

from __future__ import annotations

import re

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.xlsx.layout import NAME_PREFIX, STAMP_PROPERTY
from nastavnik.sync.backends.xlsx.writer.book import Package, around
from nastavnik.sync.backends.xlsx.writer.parts import REL_NS, PartEdits
from nastavnik.sync.backends.xlsx.writer.xml import (
    MAIN_NS,
    Unsupported,
    attributes,
    escape_attr,
    escape_text,
    insertion_point,
    root_prefix,
    unescape,
)

WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_INVALID_TITLE = set("[]:*?/\\")
_MAX_TITLE = 31

_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="'
    + MAIN_NS
    + b'"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    b'<sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.75" right="0.75"'
    b' top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'
)


def add_sheet(parts: PartEdits, package: Package, title: str, hidden: bool = False) -> str:
    """Make the worksheet `title` at the end of the workbook; its part's name."""
    check_title(title)
    if any(fold(name) == fold(title) for name in [*package.worksheets, *package.others]):
        return package.part_of(title)[1]
    part = parts.free_name("xl/worksheets/sheet{}.xml")
    parts.write(part, _EMPTY_SHEET)
    parts.declare(part, WORKSHEET_TYPE)
    rid = parts.relate(package.workbook, "worksheet", part)
    xml = parts.read(package.workbook)
    prefix = root_prefix(xml, b"workbook")
    numbers = [int(n) for n in re.findall(rb'sheetId\s*=\s*["\'](\d+)["\']', xml)]
    state = ' state="hidden"' if hidden else ""
    entry = (
        f'<{prefix.decode()}sheet xmlns:r="{REL_NS}" name="{escape_attr(title)}" '
        f'sheetId="{max([0, *numbers]) + 1}"{state} r:id="{rid}"/>'
    ).encode()
    end = xml.find(b"</" + prefix + b"sheets>")
    if end < 0:
        raise Unsupported("в workbook.xml нет списка листов")
    parts.write(package.workbook, xml[:end] + entry + xml[end:])
    package.worksheets[title] = part
    return part


def check_title(title: str) -> None:
    """Refuse a sheet title Excel does not allow."""
    if len(title) > _MAX_TITLE or _INVALID_TITLE & set(title) or not title.strip():
        raise UnsafeWrite(f"Отказ: недопустимое название листа «{title}».")


def set_names(xml: bytes, add: dict[str, str], drop: set[str]) -> bytes:
    """workbook.xml with our names `add` (name → formula) defined and `drop` removed."""
    prefix = root_prefix(xml, b"workbook")
    p = re.escape(prefix)
    item = re.compile(rb"<" + p + rb"definedName\b([^>]*)>(.*?)</" + p + rb"definedName>", re.S)
    whole = rb"<" + p + rb"definedNames\b[^>]*>(.*?)</" + p + rb"definedNames>"
    section = re.search(whole, xml, re.S)
    kept: list[bytes] = []
    done: set[str] = set()
    changed = False
    for match in item.finditer(section.group(1) if section else b""):
        found = attributes(match.group(1))
        name = found.get("name", "")
        ours = name.startswith(NAME_PREFIX) and "localSheetId" not in found
        if ours and name in add and unescape(match.group(2).decode()) == add[name]:
            done.add(name)
        elif ours and (name in drop or name in add):
            changed = True
            continue
        kept.append(match.group(0))
    for name, formula in sorted(add.items()):
        if name not in done:
            changed = True
            kept.append(
                b'<%sdefinedName name="%s">%s</%sdefinedName>'
                % (prefix, name.encode(), escape_text(formula).encode(), prefix)
            )
    if not changed:
        return xml
    block = b"<%sdefinedNames>%s</%sdefinedNames>" % (prefix, b"".join(kept), prefix)
    block = block if kept else b""
    if section is not None:
        return xml[: section.start()] + block + xml[section.end() :]
    at = insertion_point(xml, prefix, b"workbook", *around(b"definedNames"))
    return xml[:at] + block + xml[at:]


def set_stamp(parts: PartEdits, stamp: str) -> None:
    """Store the layout stamp in docProps/custom.xml (the property replaced, or added)."""
    if not parts.exists(_CUSTOM_PART):
        parts.write(
            _CUSTOM_PART,
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
            + _CUSTOM_NS
            + b'" xmlns:vt="'
            + _VT_NS
            + b'"></Properties>',
        )
        parts.declare(_CUSTOM_PART, CUSTOM_TYPE)
        parts.relate("", "custom-properties", _CUSTOM_PART)
    xml = parts.read(_CUSTOM_PART)
    if re.search(rb"<\w+:Properties\b", xml):
        raise Unsupported("свойства документа записаны с префиксом пространства имён")
    declared = re.search(rb"<Properties\b[^>]*xmlns:vt=", xml) is not None
    vt = b"" if declared else b' xmlns:vt="' + _VT_NS + b'"'
    value = b"<vt:lpwstr%s>%s</vt:lpwstr>" % (vt, escape_text(stamp).encode())
    prop = re.compile(rb"<property\b([^>]*)>(.*?)</property>", re.S)
    pids = [2]
    for match in prop.finditer(xml):
        found = attributes(match.group(1))
        pids.append(int(found.get("pid", "1")) + 1 if found.get("pid", "").isdigit() else 2)
        if found.get("name") == STAMP_PROPERTY:
            text = re.fullmatch(rb"(<[\w:]*lpwstr\b[^>]*>)(.*?)(</[\w:]*lpwstr>)", match.group(2))
            if text is not None and unescape(text.group(2).decode()) == stamp:
                return
            start, end = match.start(2), match.end(2)
            if text is not None:
                value = text.group(1) + escape_text(stamp).encode() + text.group(3)
            parts.write(_CUSTOM_PART, xml[:start] + value + xml[end:])
            return
    entry = (
        f'<property fmtid="{_FMTID}" pid="{max(pids)}" name="{STAMP_PROPERTY}">'.encode()
        + value
        + b"</property>"
    )
    end = xml.rfind(b"</Properties>")
    if end < 0:
        raise Unsupported("в docProps/custom.xml нет закрывающего тега")
    parts.write(_CUSTOM_PART, xml[:end] + entry + xml[end:])
