"""Reading a Google spreadsheet: one metadata call, one values batchGet; the rows in play.

Formula cells are not located here (every Table's `formulas` is empty): Google keeps each
formula's result current, so the values read are right, and finding formulas would take a
second values batchGet (`valueRenderOption=FORMULA`) as large as the first on every read.

`guard_rows` names the rows a write must find unchanged — staff rows we write computed
cells into, rows we append, the header — which `anchors` then pins and checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

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
from nastavnik.sync.snapshot import EVERY_SHEET, Snapshot, Table, make_table, title_filter

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
    titles = list(titles)
    wanted = title_filter(titles)
    sheets = [s for s in book.sheets if wanted(s.title)]
    lone = _lone_default(book, title_filter(t for t in titles if t != EVERY_SHEET))
    if lone is not None and lone not in sheets:
        sheets.append(lone)  # read only to learn whether it is empty (not a Table)
    answers = api.batch_get([quote_title(s.title) for s in sheets]) if sheets else []
    state = ReadState(book)
    tables: dict[str, Table] = {}
    for sheet, answer in zip(sheets, answers, strict=False):
        raw = answer.get("values", [])
        if sheet is lone:
            state.disposable = None if raw else lone.title
        if not wanted(sheet.title):
            continue
        header = raw[0] if raw else []
        cols = date_columns(header, date_keys_of(sheet))
        state.date_cols[sheet.title] = cols
        tables[sheet.title] = make_table(sheet.title, typed_rows(raw, cols))
    return tables, state


def _lone_default(book: BookInfo, wanted: Callable[[str], bool]) -> SheetInfo | None:
    if len(book.sheets) != 1:
        return None
    only = book.sheets[0]
    if wanted(only.title) or not DEFAULT_SHEET.match(only.title):
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


def snapshot_of(book: BookInfo, tables: Mapping[str, Table], requests: int) -> Snapshot:
    """The Snapshot of a read."""
    return Snapshot(dict(tables), book.order, book.stamp, requests)
