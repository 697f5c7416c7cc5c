"""Cell limits and refusals the .xlsx backend shares (writer/cells.py makes the cells' XML;
reading is reader.py and scan.py; the merged-cell refusal is shared with Google in base.py)."""

from __future__ import annotations

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sync.changeset import CellWrite

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
MAX_TEXT = 32_767  # Excel refuses longer cell text
LINK_COLOUR = "0563C1"


def check_in_grid(write: CellWrite) -> None:
    """Refuse a write outside the sheet grid Excel allows (a bug, never staff's doing)."""
    if not (1 <= write.row <= MAX_ROW and 0 <= write.column < MAX_COLUMN):
        raise UnsafeWrite(f"Отказ: ячейка вне листа «{write.sheet}» (строка {write.row}).")
