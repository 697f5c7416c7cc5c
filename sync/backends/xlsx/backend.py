"""The local .xlsx backend (the embedded default storage), built on openpyxl.

Reading is fast and light: read-only, cached values (``data_only``), one pass per sheet.
Writing loads the whole workbook normally, so staff formulas, formatting, notes, widths
and validations elsewhere survive, then saves atomically (temp file + fsync + replace).

Concurrency: a fingerprint of the file (mtime, size, sha256) is remembered for every
snapshot `read` returns; `apply` refuses with `ConcurrentEdit` when the file is not that
file any more, checked once before loading and once more right before the replace.
After a successful apply the snapshot's fingerprint is the file we wrote, so applying
again from the same snapshot is not mistaken for a staff edit.

The layout stamp lives in the custom document property ``nastavnik_layout``.

Known limits of openpyxl that staff may notice after a write: the cached results of
staff formulas are dropped (Excel recalculates on open; a read before that sees them
blank), and pictures, shapes and charts openpyxl cannot model are not kept. Cell writes
into a large file avoid openpyxl altogether (backends/xlsx/writer/patch.py: the zip is patched as a
stream, everything else in it is kept as it was); `streamable` is the rule.
"""

from __future__ import annotations

import weakref
import zipfile
import zlib
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.base import ApplyResult
from nastavnik.sync.backends.xlsx.cells import column_styles, read_table, write_cell
from nastavnik.sync.backends.xlsx.files import (
    Fingerprint,
    atomic_save,
    check_not_locked,
    check_signature,
    check_suffix,
    file_changed,
    not_a_workbook,
    read_bytes,
)
from nastavnik.sync.backends.xlsx.inventory import read_layouts
from nastavnik.sync.backends.xlsx.layout import (
    POINTS_PER_LINE,
    ROW_PADDING,
    Layout,
    read_stamp,
    write_stamp,
)
from nastavnik.sync.backends.xlsx.writer.patch import STREAM_MIN_BYTES, stream_apply, streamable
from nastavnik.sync.backends.xlsx.writer.xml import Unsupported
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import SheetLayout, Snapshot

# What openpyxl raises on a damaged or foreign package (it has no error type of its own).
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    EOFError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
)
_INVALID_TITLE = set("[]:*?/\\")
_MAX_TITLE = 31


class XlsxWorkbook:
    """A workbook in a local .xlsx file (created by the first `apply` when missing)."""

    stream_min_bytes = STREAM_MIN_BYTES  # files this large take the streaming write path

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._name = str(path)
        self._seen: dict[int, Fingerprint | None] = {}  # id(snapshot) → file it was read from
        self._last: tuple[Fingerprint | None] | None = None  # the latest read, if any

    @property
    def name(self) -> str:
        """The path as given."""
        return self._name

    @property
    def path(self) -> Path:
        """Where the file is."""
        return self._path

    @property
    def write_requests(self) -> int:
        """A local file: no API requests."""
        return 0

    def exists(self) -> bool:
        """True when the file is there."""
        return self._path.is_file()

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Read the requested sheets that exist (titles match case/space/ё-insensitively).

        A missing file reads as an empty workbook, so `init` can create it; a file that is
        not a .xlsx workbook, is open in Excel/LibreOffice or is not readable raises
        WorkbookError with a Russian message naming the file.
        """
        check_suffix(self._path)
        check_not_locked(self._path)
        found = read_bytes(self._path)
        if found is None:
            return self._remember(Snapshot({}), None)
        data, fingerprint = found
        check_signature(self._path, data)
        wanted = {fold(title) for title in titles}
        try:
            book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
            try:
                tables = {
                    sheet.title: read_table(sheet)
                    for sheet in book.worksheets
                    if fold(sheet.title) in wanted
                }
                snapshot = Snapshot(tables, tuple(book.sheetnames), read_stamp(book))
            finally:
                book.close()
        except _BROKEN as error:
            raise not_a_workbook(self._path, "не удалось разобрать содержимое") from error
        return self._remember(snapshot, fingerprint)

    def read_layouts(self, snapshot: Snapshot) -> dict[str, SheetLayout]:
        """Which layout pieces each sheet of `snapshot` has (read from the file it came from)."""
        found = read_bytes(self._path)
        if found is None or not snapshot.tables:
            return {}
        try:
            return read_layouts(found[0], snapshot.tables)
        except (*_BROKEN, Unsupported) as error:
            raise not_a_workbook(self._path, "не удалось разобрать содержимое") from error

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Write the ChangeSet planned from `snapshot` and save atomically.

        An empty ChangeSet does nothing at all (the file is not even opened). Raises
        ConcurrentEdit when the file changed since `snapshot` was read. Cell writes into a
        large file are patched into it as a stream (backends/xlsx/writer/patch.py, rule `streamable`);
        everything else, and whatever that path declines, goes through openpyxl.
        """
        if changes.is_empty:
            return ApplyResult(0, 0)
        check_suffix(self._path)
        check_not_locked(self._path)
        expected = self._expected(snapshot)
        found = read_bytes(self._path)
        if (found[1] if found else None) != expected:
            raise file_changed(self._path)
        saved = None
        if found and streamable(changes, len(found[0]), self.stream_min_bytes):
            check_signature(self._path, found[0])
            saved = stream_apply(self._path, found[0], changes, expected)  # None: declined
        if saved is None:
            book = self._load_for_edit(found[0]) if found else self._new_workbook(changes)
            _edit(book, changes)
            saved = atomic_save(book, self._path, expected)
        self._remember(snapshot, saved)
        return ApplyResult(changes.cells_changed, 0)

    def _remember(self, snapshot: Snapshot, fingerprint: Fingerprint | None) -> Snapshot:
        key = id(snapshot)
        if key not in self._seen:
            weakref.finalize(snapshot, self._seen.pop, key, None)
        self._seen[key] = fingerprint
        self._last = (fingerprint,)
        return snapshot

    def _expected(self, snapshot: Snapshot) -> Fingerprint | None:
        """The file `snapshot` was read from (or the latest read, for a derived snapshot)."""
        if id(snapshot) in self._seen:
            return self._seen[id(snapshot)]
        if self._last is None:
            raise UnsafeWrite(f"Отказ: запись в «{self._name}» без предварительного чтения.")
        return self._last[0]

    def _load_for_edit(self, data: bytes) -> Any:
        check_signature(self._path, data)
        try:
            keep_vba = self._path.suffix.lower() == ".xlsm"
            book = openpyxl.load_workbook(BytesIO(data), rich_text=True, keep_vba=keep_vba)
        except _BROKEN as error:
            raise not_a_workbook(self._path, "не удалось разобрать содержимое") from error
        book.calculation.fullCalcOnLoad = True  # staff formulas lost their cached results
        return book

    def _new_workbook(self, changes: ChangeSet) -> Any:
        """A fresh workbook holding exactly the new sheets (openpyxl's default sheet dropped)."""
        if self._path.suffix.lower() != ".xlsx":
            raise WorkbookError(
                f"Файла «{self._path}» нет, а новую книгу можно создать только в формате .xlsx.",
                hint="Укажите имя файла с расширением .xlsx.",
            )
        if not changes.new_sheets:
            raise UnsafeWrite("Отказ: новая книга без листов — нечего создавать.")
        book = openpyxl.Workbook()
        default = book.active
        _add_sheets(book, changes)
        book.remove(default)
        book.active = 0
        return book


def _add_sheets(book: Any, changes: ChangeSet) -> None:
    """Create the sheets that do not exist yet, each at its declared place among the tabs."""
    for title in changes.new_sheets:
        if _find_sheet(book, title) is not None:
            continue
        if len(title) > _MAX_TITLE or _INVALID_TITLE & set(title) or not title.strip():
            raise UnsafeWrite(f"Отказ: недопустимое название листа «{title}».")
        book.create_sheet(title, changes.position_of(title, book.sheetnames))


def _open_on(book: Any, title: str) -> None:
    """Make `title` the tab the workbook opens on (and the only selected one)."""
    sheet = _find_sheet(book, title)
    if sheet is None:
        return
    for other in book.worksheets:
        other.sheet_view.tabSelected = other is sheet
    book.active = book.worksheets.index(sheet)


def _find_sheet(book: Any, title: str) -> Any | None:
    if title in book.sheetnames:
        return book[title]
    key = fold(title)
    return next((sheet for sheet in book.worksheets if fold(sheet.title) == key), None)


def _edit(book: Any, changes: ChangeSet) -> None:
    """Apply new sheets, column layout, cell writes, sheet layout and the stamp, in that order.

    Column formats come before the writes so new cells take the column's style (shading,
    date format); sheet formats come after, so headers written now are made bold.
    """

    found: dict[str, Any] = {}

    def sheet_of(title: str) -> Any:
        if title not in found:
            sheet = _find_sheet(book, title)
            if sheet is None:
                raise UnsafeWrite(f"Отказ: нет листа «{title}» в книге.")
            found[title] = sheet
        return found[title]

    _add_sheets(book, changes)
    layout = Layout(book, sheet_of)
    layout.columns(changes.column_formats)
    styles: dict[str, dict[int, Any]] = {}
    for write in changes.writes:
        sheet = sheet_of(write.sheet)
        if sheet.title not in styles:
            styles[sheet.title] = column_styles(sheet)
        write_cell(sheet, write, styles[sheet.title])
    for height in changes.row_heights:
        lines = height.lines
        sheet_of(height.sheet).row_dimensions[height.row].height = (
            POINTS_PER_LINE * lines + ROW_PADDING if lines > 1 else None
        )
    layout.sheets(changes.sheet_formats)
    layout.finish()
    if changes.open_on:
        _open_on(book, changes.open_on)
    if changes.layout_stamp:
        write_stamp(book, changes.layout_stamp)
