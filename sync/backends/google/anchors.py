"""Row anchors: every write into a staff row follows that row, whatever staff do meanwhile.

The problem. A sync reads, plans, then writes by position: "row 17, column «Код»". A staff
member who inserts, deletes or sorts rows in between moves the row we planned for; a
positional write then lands in another person's row — a code overwritten for good, or a
code left in a row it does not belong to and later used twice. A re-read right before
the write only narrows the window; it cannot close it.

The mechanism: developer metadata on rows, and writes through data filters.

1. One ``spreadsheets.batchUpdate`` (request 3) puts a `ROW_KEY` developer metadata entry,
   with an id unique to this write, on every row we are about to write (staff rows,
   rows we append, the header row) — and asks for the rows back in the same answer
   (``responseRanges`` with grid data, ``rowMetadata`` included). Google keeps row
   metadata with its row: when rows are inserted above it moves down, when its row is
   deleted it goes too, when rows are sorted it moves with its row.
2. `verify` finds each anchor in that answer *by its metadata*, not by position, and
   compares the row it sits on with the row the plan was made from (key and input
   cells, header, or blank for an append). Any difference — staff moved or edited the
   row before the anchor was set — raises `ConcurrentEdit`: the engine reads and plans
   again, and nothing has been written into a staff row.
3. The cells are written with ``values:batchUpdateByDataFilter``, one
   ``DataFilterValueRange`` per row, found by ``developerMetadataLookup`` on its anchor.
   Google resolves the filter when it applies the write: the values land in the row
   that carries the anchor *now*. A row deleted meanwhile matches nothing and receives
   nothing (its new code is then used nowhere; the next sync plans afresh). Cells we do
   not write are ``null`` in the row (Google skips them), a cell to clear is ``""``.
   ``RAW`` input: a text is stored as typed, never parsed, so "=…" stays text.

What is left: a staff edit *inside* an anchored row between steps 2 and 3 (a second or
so) still gets our computed cells for that row — computed from the values it had; the
next sync recomputes them. Service sheets are nastavnik's own and are written by
position in request 3 (their rows carry no staff data). The anchors of a write stay
until the next write's request 3 removes them (a few bytes per row); a spreadsheet-level
note (`bookkeeping`) says some are left, so the removal is sent only when there are.

Why not the alternatives. A protected range for the service account cannot stop the
spreadsheet's owner (owners always keep edit rights), and the owner is usually the
coordinator who edits most; a refused edit also costs staff their typing. Verifying
after the write and repairing means the wrong row *was* written, and what stood there
before is not known for certain. Anchors cost no extra request: the guard re-read they
replace was one request too.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from nastavnik.sheets_schema.errors import ConcurrentEdit, UnsafeWrite
from nastavnik.sync.a1 import quote_title
from nastavnik.sync.backends.google.model import (
    ANCHORED_KEY,
    BookInfo,
    Json,
    cell_of,
    to_serial,
    typed_rows,
)
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Cell, Link, Snapshot, Table

ROW_KEY = "nastavnik_row"
MAX_TEXT = 50_000  # Google's limit for one cell
_MAX_ID = 2**31 - 1  # metadata ids are positive int32
_GAP = 20  # rows between two anchored rows still read back as one range


@dataclass(frozen=True)
class Anchor:
    """One anchored row: where the plan put it, and the id of the metadata that finds it."""

    sheet: str
    row: int  # 1-based, as planned
    meta_id: int


def anchors_for(rows: Mapping[str, set[int]]) -> list[Anchor]:
    """One anchor per row in play, each with a metadata id new to this write.

    Ids are consecutive from a random start; one already taken makes Google refuse the
    batch ("already exists"), and the engine then reads and plans again with new ids.
    """
    first = secrets.randbelow(_MAX_ID - 10_000_000) + 1
    spots = [(title, row) for title, numbers in sorted(rows.items()) for row in sorted(numbers)]
    return [Anchor(title, row, first + n) for n, (title, row) in enumerate(spots)]


def bookkeeping(book: BookInfo, anchoring: bool) -> tuple[list[Json], list[Json]]:
    """Requests before and after the anchors: remove earlier ones, note that some are left.

    A spreadsheet-level note (`ANCHORED_KEY`) says anchors were left; only then is the
    removal sent, so a delete never has to match nothing.
    """
    before: list[Json] = []
    after: list[Json] = []
    if book.anchored_meta is not None:
        lookup = {"metadataKey": ROW_KEY, "locationType": "ROW"}
        before.append(
            {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": lookup}}}
        )
        if not anchoring:
            note = {"metadataId": book.anchored_meta}
            after.append(
                {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": note}}}
            )
    elif anchoring:
        meta = {
            "metadataKey": ANCHORED_KEY,
            "metadataValue": "1",
            "location": {"spreadsheet": True},
            "visibility": "DOCUMENT",
        }
        after.append({"createDeveloperMetadata": {"developerMetadata": meta}})
    return before, after


def create_request(anchor: Anchor, sheet_id: int) -> Json:
    """createDeveloperMetadata on the anchor's row."""
    span = {
        "sheetId": sheet_id,
        "dimension": "ROWS",
        "startIndex": anchor.row - 1,
        "endIndex": anchor.row,
    }
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataId": anchor.meta_id,
                "metadataKey": ROW_KEY,
                "location": {"dimensionRange": span},
                "visibility": "DOCUMENT",
            }
        }
    }


def response_ranges(anchors: Iterable[Anchor]) -> list[str]:
    """A1 ranges covering the anchored rows (neighbours joined), to read back with the write."""
    by_sheet: dict[str, list[int]] = {}
    for anchor in anchors:
        by_sheet.setdefault(anchor.sheet, []).append(anchor.row)
    out: list[str] = []
    for title, rows in sorted(by_sheet.items()):
        rows.sort()
        first = last = rows[0]
        for row in [*rows[1:], None]:
            if row is not None and row - last <= _GAP:
                last = row
                continue
            out.append(f"{quote_title(title)}!{first}:{last}")
            if row is not None:
                first = last = row
    return out


RESPONSE_FIELDS = (
    "replies,updatedSpreadsheet.sheets(properties.title,data(startRow,"
    "rowData.values(effectiveValue,formattedValue),"
    "rowMetadata.developerMetadata(metadataId,metadataKey)))"
)


def verify(
    answer: Json,
    anchors: Sequence[Anchor],
    snapshot: Snapshot,
    date_cols: Mapping[str, list[int]],
) -> None:
    """Each anchor sits on a row equal to the one planned for; else `ConcurrentEdit`."""
    found = _anchored_rows(answer)
    for anchor in anchors:
        got = found.get(anchor.meta_id)
        if got is None:
            raise _moved(anchor)
        title, number, cells = got
        typed = typed_rows([cells], date_cols.get(anchor.sheet, []), number)[0]
        planned = _planned(snapshot.tables.get(anchor.sheet), anchor.row)
        if title != anchor.sheet or trimmed(typed) != trimmed(planned):
            raise _moved(anchor)


def _anchored_rows(answer: Json) -> dict[int, tuple[str, int, list[Cell]]]:
    """Anchor id → (sheet title, row number now, the row's cells)."""
    out: dict[int, tuple[str, int, list[Cell]]] = {}
    for sheet in answer.get("updatedSpreadsheet", {}).get("sheets", []):
        title = str(sheet.get("properties", {}).get("title", ""))
        for grid in sheet.get("data", []):
            start = int(grid.get("startRow", 0))
            rows = grid.get("rowData", [])
            for offset, meta in enumerate(grid.get("rowMetadata", [])):
                values = rows[offset].get("values", []) if offset < len(rows) else []
                cells = [_cell(v) for v in values]
                for entry in meta.get("developerMetadata", []):
                    if entry.get("metadataKey") == ROW_KEY:
                        out[int(entry.get("metadataId", 0))] = (
                            title,
                            start + offset + 1,
                            cells,
                        )
    return out


def _cell(data: Json) -> Cell:
    effective = data.get("effectiveValue", {})
    if "errorValue" in effective:
        return cell_of(data.get("formattedValue"))
    for kind in ("stringValue", "numberValue", "boolValue"):
        if kind in effective:
            return cell_of(effective[kind])
    return None


def _planned(table: Table | None, row: int) -> list[Cell]:
    """What the plan saw in a row; a sheet this write creates is blank below its header."""
    if table is None:
        return []
    if row == 1:
        return list(table.header)
    if row <= table.last_row:
        return list(table.rows[row - 2])
    return []  # a row we append must still be blank


def trimmed(row: Sequence[Cell]) -> list[Cell]:
    """A row without trailing blanks ("" is blank)."""
    cells = [None if c == "" else c for c in row]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _moved(anchor: Anchor) -> ConcurrentEdit:
    from nastavnik.sync.backends.google.read import RETRY_HINT

    return ConcurrentEdit(
        f"Строка {anchor.row} листа «{anchor.sheet}» изменилась во время синхронизации.",
        hint=RETRY_HINT,
    )


def value_ranges(writes: Sequence[CellWrite], anchors: Sequence[Anchor]) -> list[Json]:
    """One DataFilterValueRange per anchored row: its cells from column A, nulls skipped."""
    by_row: dict[tuple[str, int], dict[int, Cell]] = {}
    for write in writes:
        by_row.setdefault((write.sheet, write.row), {})[write.column] = write.value
    out: list[Json] = []
    for anchor in anchors:
        cells = by_row.get((anchor.sheet, anchor.row))
        if not cells:
            continue
        line: list[object] = [None] * (max(cells) + 1)
        for column, value in cells.items():
            line[column] = _scalar(value)
        lookup = {"metadataId": anchor.meta_id}  # rows, the default major dimension
        out.append({"dataFilter": {"developerMetadataLookup": lookup}, "values": [line]})
    return out


def _scalar(value: Cell) -> object:
    """A cell as a RAW value: blank is "", a date its serial number, a link its text."""
    if value is None:
        return ""
    if isinstance(value, Link):
        value = value.text
    if isinstance(value, bool):
        return value
    if isinstance(value, date):
        return to_serial(value)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise UnsafeWrite(f"Отказ: нечисловое значение {value} для записи в таблицу.")
        return value
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def date_formats(writes: Iterable[CellWrite], ids: Mapping[str, int]) -> list[Json]:
    """dd.mm.yyyy on the computed columns that get dates through anchors.

    The format covers the column's data rows (the same for every row of a computed
    column), so it carries no row identity; values written through anchors keep it.
    """
    kinds: dict[tuple[str, int], str] = {}
    for write in writes:
        if write.row > 1 and (write.is_date or isinstance(write.value, date)):
            timed = isinstance(write.value, datetime) and write.value.time() != time()
            if timed or (write.sheet, write.column) not in kinds:
                kinds[(write.sheet, write.column)] = "DATE_TIME" if timed else "DATE"
    out: list[Json] = []
    for (title, column), kind in sorted(kinds.items()):
        if title not in ids:
            continue
        target = {
            "sheetId": ids[title],
            "startRowIndex": 1,
            "startColumnIndex": column,
            "endColumnIndex": column + 1,
        }
        pattern = "dd.mm.yyyy hh:mm" if kind == "DATE_TIME" else "dd.mm.yyyy"
        number_format = {"numberFormat": {"type": kind, "pattern": pattern}}
        out.append(
            {
                "repeatCell": {
                    "range": target,
                    "cell": {"userEnteredFormat": number_format},
                    "fields": "userEnteredFormat.numberFormat",
                }
            }
        )
    return out
