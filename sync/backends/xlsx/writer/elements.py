"""Worksheet element edits: layout changes as "replace the elements named X", placed by the
order the CT_Worksheet schema requires.

An `ElementEdit` names one child element of ``<worksheet>`` and a function from the
elements of that name the part holds now (their bytes, in document order; none when the
sheet has none) to the elements it should hold. The edit is placed where the first old one
was, or, when there was none, where `WORKSHEET_ORDER` puts it. Elements before
``<sheetData>`` are edited in the part's head, the others in its tail; elements inside
``<extLst>`` are never looked at (Excel's x14 validations and rules live there).
An edit that returns what it was given changes nothing, which keeps re-runs idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nastavnik.sync.backends.xlsx.writer.xml import Unsupported, insertion_point

WORKSHEET_ORDER = (
    b"sheetPr", b"dimension", b"sheetViews", b"sheetFormatPr", b"cols", b"sheetData",
    b"sheetCalcPr", b"sheetProtection", b"protectedRanges", b"scenarios", b"autoFilter",
    b"sortState", b"dataConsolidate", b"customSheetViews", b"mergeCells", b"phoneticPr",
    b"conditionalFormatting", b"dataValidations", b"hyperlinks", b"printOptions",
    b"pageMargins", b"pageSetup", b"headerFooter", b"rowBreaks", b"colBreaks",
    b"customProperties", b"cellWatches", b"ignoredErrors", b"smartTags", b"drawing",
    b"legacyDrawing", b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects", b"controls",
    b"webPublishItems", b"tableParts", b"extLst",
)  # fmt: skip
HEAD = WORKSHEET_ORDER[: WORKSHEET_ORDER.index(b"sheetData")]

Rewrite = Callable[[list[bytes], bytes], list[bytes]]  # (old elements, prefix) → new ones


@dataclass(frozen=True)
class ElementEdit:
    """Replace the `name` children of ``<worksheet>`` by what `rewrite` makes of them."""

    name: bytes
    rewrite: Rewrite

    def __post_init__(self) -> None:
        if self.name not in WORKSHEET_ORDER or self.name in (b"sheetData", b"extLst"):
            raise ValueError(f"not an editable worksheet element: {self.name!r}")

    @property
    def in_head(self) -> bool:
        """True for the elements that come before ``<sheetData>``."""
        return self.name in HEAD


def apply_edits(xml: bytes, prefix: bytes, edits: Sequence[ElementEdit], head: bool) -> bytes:
    """`xml` (the head or the tail of a worksheet part) with the edits of that side applied."""
    mine = [edit for edit in edits if edit.in_head == head]
    if not mine:
        return xml
    ext = re.search(rb"<" + re.escape(prefix) + rb"extLst\b", xml)
    body, rest = (xml[: ext.start()], xml[ext.start() :]) if ext else (xml, b"")
    for edit in mine:
        body = _apply(body, prefix, edit, head)
    return body + rest


def _apply(xml: bytes, prefix: bytes, edit: ElementEdit, head: bool) -> bytes:
    tag = re.escape(prefix + edit.name)
    pattern = re.compile(rb"<" + tag + rb"(?=[\s/>])(?:[^>]*?/>|[^>]*>.*?</" + tag + rb">)", re.S)
    found = list(pattern.finditer(xml))
    old = [match.group(0) for match in found]
    new = edit.rewrite(old, prefix)
    if new == old:
        return xml
    if found:
        first, last = found[0].start(), found[-1].end()
        between = xml[first:last]
        for match in reversed(found):
            start, end = match.start() - first, match.end() - first
            between = between[:start] + between[end:]
        if between.strip():
            raise Unsupported(f"между элементами <{edit.name.decode()}> есть другие элементы")
        return xml[:first] + b"".join(new) + xml[last:]
    if not new:
        return xml
    at = _place(xml, prefix, edit.name, head)
    return xml[:at] + b"".join(new) + xml[at:]


def _place(xml: bytes, prefix: bytes, name: bytes, head: bool) -> int:
    """Where a new `name` element goes in the head or the tail, by schema order."""
    index = WORKSHEET_ORDER.index(name)
    before, after = WORKSHEET_ORDER[:index], WORKSHEET_ORDER[index + 1 :]
    if head:
        after = (*(n for n in after if n in HEAD), b"sheetData")
    end = b"</" + prefix + b"worksheet>"  # the tail may have been cut before <extLst>
    return min(len(xml), insertion_point(xml + end, prefix, b"worksheet", before, after))
