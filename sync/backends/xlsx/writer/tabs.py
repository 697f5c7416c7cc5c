"""workbook.xml pieces of the layout, pure over its bytes: a new sheet's place among the
tabs, the tab the workbook opens on, and the header row repeated on every printed page.

Moving a tab renumbers everything that names a sheet by position: the ``localSheetId``
of defined names (print titles, filter databases) and the active and first tabs of the
book views. Each function returns `xml` unchanged when there is nothing to do.
"""

from __future__ import annotations

import re

from nastavnik.sync.backends.xlsx.writer.xml import (
    Unsupported,
    attributes,
    escape_text,
    insertion_point,
    root_prefix,
    unescape,
    with_attributes,
)

PRINT_TITLES = "_xlnm.Print_Titles"
_BEFORE_VIEWS = (b"fileVersion", b"fileSharing", b"workbookPr", b"workbookProtection")
_AFTER_VIEWS = (b"sheets",)
_BEFORE_NAMES = (
    b"fileVersion", b"fileSharing", b"workbookPr", b"workbookProtection", b"bookViews",
    b"sheets", b"functionGroups", b"externalReferences",
)  # fmt: skip
_AFTER_NAMES = (
    b"calcPr", b"oleSize", b"customWorkbookViews", b"pivotCaches", b"smartTagPr",
    b"smartTagTypes", b"webPublishing", b"fileRecoveryPr", b"webPublishObjects", b"extLst",
)  # fmt: skip


def sheet_titles(xml: bytes) -> list[str]:
    """The sheet names in tab order."""
    p = re.escape(root_prefix(xml, b"workbook"))
    return [
        attributes(tag).get("name", "") for tag in re.findall(rb"<" + p + rb"sheet\b[^>]*>", xml)
    ]


def move_sheet(xml: bytes, title: str, index: int) -> bytes:
    """workbook.xml with the tab `title` moved to position `index` (0-based)."""
    prefix = root_prefix(xml, b"workbook")
    p = re.escape(prefix)
    section = re.search(rb"<" + p + rb"sheets\b[^>]*>(.*?)</" + p + rb"sheets>", xml, re.S)
    if section is None:
        raise Unsupported("в workbook.xml нет <sheets>")
    tags = re.findall(rb"<" + p + rb"sheet\b[^>]*/>", section.group(1))
    titles = [attributes(tag).get("name", "") for tag in tags]
    if title not in titles:
        raise Unsupported(f"нет листа «{title}»")
    old = titles.index(title)
    if old == index:
        return xml
    order = list(range(len(tags)))
    order.insert(index, order.pop(old))
    new_place = {was: now for now, was in enumerate(order)}
    inner = b"".join(tags[was] for was in order)
    xml = xml[: section.start(1)] + inner + xml[section.end(1) :]
    return _renumber(xml, prefix, new_place)


def _renumber(xml: bytes, prefix: bytes, new_place: dict[int, int]) -> bytes:
    """Sheet positions in defined names and book views, after the tabs were reordered."""
    p = re.escape(prefix)

    def local(match: re.Match[bytes]) -> bytes:
        tag = match.group(0)
        found = attributes(tag).get("localSheetId")
        if found is None or not found.isdigit():
            return tag
        return with_attributes(tag, {"localSheetId": str(new_place.get(int(found), int(found)))})

    xml = re.sub(rb"<" + p + rb"definedName\b[^>]*>", local, xml)

    def view(match: re.Match[bytes]) -> bytes:
        tag = match.group(0)
        changes: dict[str, str | None] = {}
        for name in ("activeTab", "firstSheet"):
            found = attributes(tag).get(name)
            if found is not None and found.isdigit():
                changes[name] = str(new_place.get(int(found), int(found)))
        return with_attributes(tag, changes) if changes else tag

    return re.sub(rb"<" + p + rb"workbookView\b[^>]*>", view, xml)


def open_on(xml: bytes, index: int) -> bytes:
    """workbook.xml opening on tab `index` (its first book view's active tab)."""
    prefix = root_prefix(xml, b"workbook")
    p = re.escape(prefix)
    found = re.search(rb"<" + p + rb"workbookView\b[^>]*>", xml)
    if found is None:
        view = b'<%sbookViews><%sworkbookView activeTab="%d"/></%sbookViews>' % (
            prefix,
            prefix,
            index,
            prefix,
        )
        at = insertion_point(xml, prefix, b"workbook", _BEFORE_VIEWS, _AFTER_VIEWS)
        return xml[:at] + view + xml[at:]
    if attributes(found.group(0)).get("activeTab", "0") == str(index):
        return xml
    tag = with_attributes(found.group(0), {"activeTab": str(index)})
    return xml[: found.start()] + tag + xml[found.end() :]


def print_titles(xml: bytes, index: int, title: str) -> bytes:
    """workbook.xml repeating row 1 of tab `index` (named `title`) on every printed page;
    print titles staff set for that sheet are kept."""
    prefix = root_prefix(xml, b"workbook")
    p = re.escape(prefix)
    for match in re.finditer(rb"<" + p + rb"definedName\b([^>]*)>", xml):
        found = attributes(match.group(1))
        if found.get("name") == PRINT_TITLES and found.get("localSheetId") == str(index):
            return xml
    quoted = "'" + title.replace("'", "''") + "'"
    formula = escape_text(f"{quoted}!$1:$1").encode()
    name = b'<%sdefinedName name="%s" localSheetId="%d">%s</%sdefinedName>' % (
        prefix,
        PRINT_TITLES.encode(),
        index,
        formula,
        prefix,
    )
    section = re.search(rb"</" + p + rb"definedNames>", xml)
    if section is not None:
        return xml[: section.start()] + name + xml[section.start() :]
    block = b"<%sdefinedNames>%s</%sdefinedNames>" % (prefix, name, prefix)
    at = insertion_point(xml, prefix, b"workbook", _BEFORE_NAMES, _AFTER_NAMES)
    return xml[:at] + block + xml[at:]


def defined_name_text(xml: bytes, name: str, index: int) -> str | None:
    """The formula of the sheet-level defined name `name` of tab `index` (None: not defined)."""
    p = re.escape(root_prefix(xml, b"workbook"))
    pattern = rb"<" + p + rb"definedName\b([^>]*)>(.*?)</" + p + rb"definedName>"
    for match in re.finditer(pattern, xml, re.S):
        found = attributes(match.group(1))
        if found.get("name") == name and found.get("localSheetId") == str(index):
            return unescape(match.group(2).decode())
    return None
