"""Excel tables of a worksheet, for the surgical writer: where their header rows are.

A table keeps its column names in its own part (xl/tables/tableN.xml), so a write into a
table's header row would leave the table and the sheet disagreeing: the writer refuses
such a write (writer/tail.py). Everything else about tables (their data rows, autofilter,
style) is cells and parts the writer leaves as they are.
"""

from __future__ import annotations

import re

from nastavnik.sync.backends.xlsx.writer.parts import PartEdits
from nastavnik.sync.backends.xlsx.writer.xml import attributes, split_range

_TABLE = re.compile(rb"<(?:[\w.-]+:)?table\b([^>]*)>")


def table_headers(parts: PartEdits, sheet: str) -> list[tuple[str, tuple[int, int, int, int]]]:
    """(name, bounds of the header row) of every table on the sheet part `sheet`."""
    found = []
    for part in parts.targets(sheet, "table").values():
        match = _TABLE.search(parts.read(part))
        if match is None:
            continue
        values = attributes(match.group(1))
        if values.get("headerRowCount", "1") == "0" or not values.get("ref"):
            continue
        top, left, _, right = split_range(values["ref"])
        name = values.get("displayName") or values.get("name", "")
        found.append((name, (top, left, top, right)))
    return found
