"""Long dropdown lists in the hidden helper sheet «_списки», for the surgical writer.

Each list has a column: its label in row 1, its choices below. A list keeps its column
(found by label) and takes over the rows it no longer needs with blanks; a new list takes
the first free column. The sheet is ours (hidden, made on first need); its cells are
planned as ordinary CellWrites, so they go through the same sheet patch as every write.
"""

from __future__ import annotations

import re

from nastavnik.sync.a1 import column_letter, quote_title
from nastavnik.sync.backends.xlsx.layout import HELPER_SHEET
from nastavnik.sync.backends.xlsx.writer.book import Package
from nastavnik.sync.backends.xlsx.writer.parts import PartEdits
from nastavnik.sync.backends.xlsx.writer.workbook import add_sheet
from nastavnik.sync.backends.xlsx.writer.xml import attributes, column_index, unescape
from nastavnik.sync.changeset import CellWrite

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_TEXT = re.compile(rb"<t\b[^>]*>(.*?)</t>|<t\s*/>", re.S)
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class HelperLists:
    """The helper sheet's lists: `range` places one, `writes` are the cells it needs."""

    def __init__(self, parts: PartEdits, package: Package) -> None:
        self._parts = parts
        self._package = package
        self._labels: dict[int, str] | None = None  # 0-based column → label in row 1
        self._last_row = 0
        self.writes: list[CellWrite] = []

    def range(self, label: str, choices: tuple[str, ...]) -> str:
        """The absolute range of `choices` in the helper sheet (cells planned in `writes`)."""
        labels = self._load()
        column = next((c for c, text in labels.items() if text == label), None)
        if column is None:
            column = next(c for c in range(len(labels) + 1) if c not in labels)
        labels[column] = label
        values = [label, *choices]
        last = max(self._last_row, len(values))
        self._last_row = last
        for row in range(1, last + 1):
            value = values[row - 1] if row <= len(values) else None
            self.writes.append(CellWrite(HELPER_SHEET, row, column, value))
        letter = column_letter(column)
        return f"{quote_title(HELPER_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"

    def _load(self) -> dict[int, str]:
        if self._labels is not None:
            return self._labels
        self._labels = {}
        if HELPER_SHEET not in self._package.worksheets:
            add_sheet(self._parts, self._package, HELPER_SHEET, hidden=True)
            return self._labels
        xml = self._parts.read(self._package.worksheets[HELPER_SHEET])
        shared = self._shared() if b't="s"' in xml else []
        for match in _CELL.finditer(xml):
            found = attributes(match.group(1))
            ref = _REF.match(found.get("r", ""))
            if ref is None:
                continue
            row = int(ref.group(2))
            self._last_row = max(self._last_row, row)
            text = _text(found.get("t", ""), match.group(2) or b"", shared)
            if row == 1 and text:
                self._labels[column_index(ref.group(1).encode())] = text
        return self._labels

    def _shared(self) -> list[str]:
        targets = self._parts.targets(self._package.workbook, "sharedStrings")
        if not targets:
            return []
        xml = self._parts.read(next(iter(targets.values())))
        items = re.findall(rb"<si\b[^>]*>(.*?)</si>|<si\s*/>", xml, re.S)
        return [_joined(item) for item in items]


def _text(kind: str, content: bytes, shared: list[str]) -> str:
    if kind == "inlineStr":
        return _joined(content)
    value = _VALUE.search(content)
    if value is None:
        return ""
    raw = unescape(value.group(1).decode())
    if kind == "s":
        return shared[int(raw)] if raw.isdigit() and int(raw) < len(shared) else ""
    return raw


def _joined(content: bytes) -> str:
    return "".join(unescape((m.group(1) or b"").decode()) for m in _TEXT.finditer(content))
