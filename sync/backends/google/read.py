"""Reading a Google spreadsheet: one metadata call, one values batchGet; and the row guard.

The guard runs right before a write: one more batchGet re-reads the header and the rows
the ChangeSet addresses on every sheet that has staff rows in play, and compares them
with the snapshot the plan was made from. Any difference — a cell edited, a row inserted,
deleted or sorted, a column moved, a row typed where we meant to append — raises
`ConcurrentEdit`, and the engine reads and plans again instead of writing into a row
that is no longer the one it computed for.

Formula cells are not located here (every Table's `formulas` is empty): Google keeps each
formula's result current, so the values read are right, and finding formulas would take a
second values batchGet (`valueRenderOption=FORMULA`) as large as the first on every read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.a1 import quote_title
from nastavnik.sync.backends.google.http import SheetsApi
from nastavnik.sync.backends.google.model import (
    METADATA_FIELDS,
    BookInfo,
    SheetInfo,
    date_columns,
    date_keys_of,
    parse_metadata,
    typed_rows,
)
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import Cell, Snapshot, Table, make_table

RETRY_HINT = (
    "Ничего не записано в сдвинутые строки, правки сотрудников не тронуты: таблица "
    "перечитывается и расчёт повторяется. Если сообщение осталось, запустите "
    "синхронизацию ещё раз, когда правок станет меньше."
)
# A new spreadsheet's only sheet ("Sheet1", "Лист1"): `init` replaces it when it is empty.
DEFAULT_SHEET = re.compile(r"^(Sheet|Лист|Лист\s)1$")


@dataclass
class ReadState:
    """What a read learned besides the Snapshot (kept until the matching apply)."""

    book: BookInfo
    disposable: str | None = None  # an empty default sheet `init` may drop
    date_cols: dict[str, list[int]] = field(default_factory=dict)  # title → date columns


def fetch_book(api: SheetsApi) -> BookInfo:
    """The metadata call."""
    return parse_metadata(api.metadata(METADATA_FIELDS))


def read_tables(
    api: SheetsApi, book: BookInfo, titles: Iterable[str]
) -> tuple[dict[str, Table], ReadState]:
    """The values batchGet of the requested sheets that exist (nothing sent when none)."""
    wanted = {fold(t) for t in titles}
    sheets = [s for s in book.sheets if fold(s.title) in wanted]
    lone = _lone_default(book, wanted)
    ranges = [quote_title(s.title) for s in sheets] + ([quote_title(lone.title)] if lone else [])
    answers = api.batch_get(ranges) if ranges else []
    state = ReadState(book)
    tables: dict[str, Table] = {}
    for sheet, answer in zip(sheets, answers, strict=False):
        raw = answer.get("values", [])
        header = raw[0] if raw else []
        cols = date_columns(header, date_keys_of(sheet))
        state.date_cols[sheet.title] = cols
        tables[sheet.title] = make_table(sheet.title, typed_rows(raw, cols))
    if lone is not None and len(answers) > len(sheets):
        state.disposable = None if answers[-1].get("values") else lone.title
    return tables, state


def _lone_default(book: BookInfo, wanted: set[str]) -> SheetInfo | None:
    if len(book.sheets) != 1:
        return None
    only = book.sheets[0]
    if fold(only.title) in wanted or not DEFAULT_SHEET.match(only.title):
        return None
    return only


def guard_rows(changes: ChangeSet, snapshot: Snapshot) -> dict[str, set[int]]:
    """Sheet → rows to re-check before writing (header row 1 included when any is due).

    Rows are those of anchors (staff rows we write computed cells into), rows we append
    below the data (they must still be blank), and the header when we add a column.
    """
    rows: dict[str, set[int]] = {}
    for anchor in changes.anchors:
        rows.setdefault(anchor.sheet, {1}).add(anchor.row)
    for write in changes.writes:
        table = snapshot.tables.get(write.sheet)
        if table is not None and (write.row == 1 or write.row > table.last_row):
            rows.setdefault(write.sheet, {1}).add(write.row)
    return rows


def check_rows(
    api: SheetsApi, snapshot: Snapshot, state: ReadState, rows: Mapping[str, set[int]]
) -> None:
    """Re-read `rows` in one batchGet; raise ConcurrentEdit if any differs from `snapshot`.

    Rows past the grid are not read: they are blank by definition.
    """
    plan: list[tuple[str, int, int, str]] = []  # (sheet, first row, last row, A1 range)
    for title, numbers in sorted(rows.items()):
        sheet, table = state.book.sheet(title), snapshot.tables.get(title)
        if sheet is None or table is None:
            raise _moved(title)
        plan.extend((title, *span) for span in _spans(sheet, sorted(numbers)))
    answers = api.batch_get([text for *_, text in plan])
    for (title, first, last, _), answer in zip(plan, answers, strict=True):
        got = typed_rows(answer.get("values", []), state.date_cols.get(title, []), first)
        wanted = [r for r in sorted(rows[title]) if first <= r <= last]
        _compare(snapshot.tables[title], wanted, got, first)


def _spans(sheet: SheetInfo, wanted: Sequence[int]) -> list[tuple[int, int, str]]:
    """The header row, and one span over the other rows (clipped to the grid)."""
    name = quote_title(sheet.title)
    out = [(1, 1, f"{name}!1:1")]
    others = [r for r in wanted if 1 < r <= sheet.rows]
    if others:
        out.append((others[0], others[-1], f"{name}!{others[0]}:{others[-1]}"))
    return out


def _compare(table: Table, wanted: Iterable[int], got: Sequence[list[Cell]], first: int) -> None:
    for row in wanted:
        now = _trimmed(got[row - first]) if row - first < len(got) else []
        if row == 1:
            was = _trimmed(list(table.header))
        elif row <= table.last_row:
            was = _trimmed(list(table.rows[row - 2]))
        else:
            was = []  # a row we append must still be blank
        if now != was:
            raise ConcurrentEdit(
                f"Строка {row} листа «{table.title}» изменилась во время синхронизации.",
                hint=RETRY_HINT,
            )


def _trimmed(row: list[Cell]) -> list[Cell]:
    cells = [None if c == "" else c for c in row]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _moved(title: str) -> ConcurrentEdit:
    return ConcurrentEdit(
        f"Лист «{title}» переименован или удалён во время синхронизации.", hint=RETRY_HINT
    )


def snapshot_of(book: BookInfo, tables: Mapping[str, Table], requests: int) -> Snapshot:
    """The Snapshot of a read."""
    return Snapshot(dict(tables), book.order, book.stamp, requests)
