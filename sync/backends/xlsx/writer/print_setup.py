"""Worksheet pieces of the readable, printable layout, as pure rewrites of XML elements.

Each function returns a *rewrite*: from the elements of one name a worksheet holds now
(their bytes, in document order; none when it has none) and the part's namespace prefix,
to the elements it should hold. Placing them in CT_Worksheet order is the element-edit
mechanism's job. A rewrite returns what it was given when nothing needs to change, so a
second `init` writes nothing; a setting staff made themselves (their own filter, their own
page header) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nastavnik.sync.backends.xlsx.writer.xml import Unsupported, attributes, with_attributes

Rewrite = Callable[[list[bytes], bytes], list[bytes]]  # (old elements, prefix) → new ones

A4 = "9"
PAGE_HEADER = "&C&A&R&D"  # the sheet's name in the middle, the print date on the right
# Excel's "Normal" margins, in inches, for a sheet that has none.
MARGINS = b'left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"'


def autofilter(ref: str) -> Rewrite:
    """An autofilter over `ref` ("A1:H1048576"), unless the sheet has one (staff's stays)."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        if old:
            return old
        return [b'<%sautoFilter ref="%s"/>' % (p, ref.encode())]

    return rewrite


def fit_to_page(old: list[bytes], p: bytes) -> list[bytes]:
    """<sheetPr> with <pageSetUpPr fitToPage="1"/> (the fit-to settings of <pageSetup> apply)."""
    if not old:
        return [b'<%ssheetPr><%spageSetUpPr fitToPage="1"/></%ssheetPr>' % (p, p, p)]
    element = old[0]
    existing = re.search(rb"<" + re.escape(p) + rb"pageSetUpPr\b[^>]*/>", element)
    if existing is not None:
        if attributes(existing.group(0)).get("fitToPage", "").lower() in ("1", "true"):
            return old
        tag = with_attributes(existing.group(0), {"fitToPage": "1"})
        return [element[: existing.start()] + tag + element[existing.end() :]]
    child = b'<%spageSetUpPr fitToPage="1"/>' % p
    tag_end = element.index(b">") + 1
    if element[:tag_end].endswith(b"/>"):
        head = element[: tag_end - 2].rstrip() + b">"
        return [head + child + b"</" + p + b"sheetPr>"]
    at = element.rindex(b"</")  # pageSetUpPr is the last child of CT_SheetPr
    return [element[:at] + child + element[at:]]


def page_setup(landscape: bool) -> Rewrite:
    """<pageSetup>: A4, portrait or landscape, one page wide, as many pages down as needed."""
    wanted = {
        "paperSize": A4,
        "orientation": "landscape" if landscape else "portrait",
        "fitToWidth": "1",
        "fitToHeight": "0",
    }

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        tag = old[0] if old else b"<%spageSetup/>" % p
        if not tag.endswith(b"/>"):
            raise Unsupported("<pageSetup> с содержимым")
        current = attributes(tag)
        if all(current.get(name) == value for name, value in wanted.items()):
            return old
        return [with_attributes(tag, dict(wanted))]

    return rewrite


def page_margins(old: list[bytes], p: bytes) -> list[bytes]:
    """Margins for a sheet that has none (Excel needs them beside a page setup)."""
    return old or [b"<%spageMargins %s/>" % (p, MARGINS)]


def page_header(old: list[bytes], p: bytes) -> list[bytes]:
    """<headerFooter> with the sheet's name and the date at the top of each printed page;
    a page header staff wrote is kept."""
    ours = b"<%soddHeader>%s</%soddHeader>" % (p, PAGE_HEADER.replace("&", "&amp;").encode(), p)
    if not old:
        return [b"<%sheaderFooter>%s</%sheaderFooter>" % (p, ours, p)]
    element = old[0]
    header = re.search(rb"<" + re.escape(p) + rb"oddHeader\b[^>]*>(.*?)</", element, re.S)
    if header is not None and header.group(1).strip():
        return old
    if header is not None:  # an empty <oddHeader></oddHeader>
        end = element.index(b">", element.index(b"</", header.start())) + 1
        return [element[: header.start()] + ours + element[end:]]
    tag_end = element.index(b">") + 1
    if element[:tag_end].endswith(b"/>"):
        return [element[: tag_end - 2].rstrip() + b">" + ours + b"</" + p + b"headerFooter>"]
    return [element[:tag_end] + ours + element[tag_end:]]


def tab_selected(selected: bool) -> Rewrite:
    """<sheetViews> whose first view is (or is not) the selected tab."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        if not old:
            if not selected:
                return old
            view = b'<%ssheetView tabSelected="1" workbookViewId="0"/>' % p
            return [b"<%ssheetViews>%s</%ssheetViews>" % (p, view, p)]
        views = old[0]
        found = re.search(rb"<" + re.escape(p) + rb"sheetView\b[^>]*>", views)
        if found is None:
            raise Unsupported("в <sheetViews> нет <sheetView>")
        now = attributes(found.group(0)).get("tabSelected", "0").lower() in ("1", "true")
        if now == selected:
            return old
        tag = with_attributes(found.group(0), {"tabSelected": "1" if selected else None})
        return [views[: found.start()] + tag + views[found.end() :]]

    return rewrite


def print_setup(landscape: bool) -> dict[bytes, Rewrite]:
    """Every worksheet element of the print setup, by element name."""
    return {
        b"sheetPr": fit_to_page,
        b"pageMargins": page_margins,
        b"pageSetup": page_setup(landscape),
        b"headerFooter": page_header,
    }
