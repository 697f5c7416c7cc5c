"""Layout markers of the .xlsx backend: widths, notes, shading, date formats, dropdowns, state
colours. The surgical writer applies them (writer/formats.py, writer/sheet_elements.py,
writer/notes.py); this module holds what they share and the layout stamp's reader.

Everything is idempotent: applying the same formats twice leaves one dropdown, one
set of state colours and one note per header. Our own objects carry a marker so they can
be replaced without touching staff's: dropdowns have promptTitle «nastavnik» (not shown,
the input message is off) and the column header in `prompt`; notes have author
«nastavnik»; state colours are one rule per word of the column's vocabulary
(sheets_schema/palette.py), recognised by those words.

Dropdown sources are workbook names (``nastavnik_list_…``): Excel keeps a validation
that refers to a name in the plain part of the file, while one that refers to another
sheet directly is moved to an extension openpyxl cannot read back.
"""

from __future__ import annotations

import re
from typing import Any

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.palette import VOCABULARIES
from nastavnik.sync.backends.xlsx.cells import MAX_ROW

STAMP_PROPERTY = "nastavnik_layout"  # custom document property (Файл → Свойства → Прочие)
MARK = "nastavnik"
AUTO_NOTE = "Заполняется автоматически."
HELPER_SHEET = "_списки"
NAME_PREFIX = "nastavnik_list_"
INLINE_LIMIT = 255  # Excel's limit for an inline list, quotes included
SERVICE_TAB = "7F7F7F"
POINTS_PER_LINE, ROW_PADDING = 15, 3  # an 11 pt line, as Excel sizes rows
# Words of our colour rules: equal-to rules and begins-with rules; before layout 2 our rules
# were "text contains" with the three deadline words.
OUR_EQUAL = frozenset(f'"{w.text}"' for v in VOCABULARIES for w in v.words if not w.prefix)
OUR_PREFIX = frozenset(w.text for v in VOCABULARIES for w in v.words if w.prefix)
OLD_CONTAINS = frozenset(("просрочено", "скоро срок", "выполнено"))
_RANGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d*)(?::\$?([A-Za-z]{1,3})\$?(\d*))?$")


def read_stamp(workbook: Any) -> str:
    """The layout stamp stored by the last `apply` ("" when there is none)."""
    props = workbook.custom_doc_props
    return str(props[STAMP_PROPERTY].value) if STAMP_PROPERTY in props.names else ""


def absolute_range(reference: str) -> str:
    """ "'Педагоги'!B2:B" (open-ended, Google style) → "'Педагоги'!$B$2:$B$1048576"."""
    sheet, bang, cells = reference.rpartition("!")
    match = _RANGE.match(cells.strip())
    if not match:
        raise UnsafeWrite(f"Отказ: непонятный диапазон списка «{reference}».")
    first, top, last, bottom = match.groups()
    if last is None:
        last, bottom = first, top
    start = f"${first.upper()}${top or 1}"
    end = f"${last.upper()}${bottom or MAX_ROW}"
    return f"{sheet}{bang}{start}:{end}"
