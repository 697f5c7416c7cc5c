"""The local .xlsx backend (the embedded default storage).

Reading is fast and light: python-calamine reads the cached values, targeted scans of the
sheet XML find formulas, error values and the layout stamp (backends/xlsx/reader.py).
Writing never re-saves the workbook through a library: the surgical writer
(backends/xlsx/writer/) changes only the parts and cells the ChangeSet names, everything
else keeps its bytes, and the result replaces the file atomically (temp file + fsync +
replace; backends/xlsx/files.py). openpyxl only makes the empty package of a brand-new
workbook, which has nothing to lose.

Concurrency: a fingerprint of the file (inode, mtime, size, sha256) is remembered for every
snapshot `read` returns; `apply` refuses with `ConcurrentEdit` when the file is not that
file any more, checked once before writing and once more right before the replace.
After a successful apply the snapshot's fingerprint is the file we wrote, so applying
again from the same snapshot is not mistaken for a staff edit.

The layout stamp lives in the custom document property ``nastavnik_layout``.
"""

from __future__ import annotations

import weakref
import zipfile
import zlib
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError

from nastavnik.sheets_schema.errors import UnsafeWrite, WorkbookError
from nastavnik.sync.backends.base import ApplyResult
from nastavnik.sync.backends.xlsx.files import (
    Fingerprint,
    check_not_locked,
    check_signature,
    check_suffix,
    file_changed,
    not_a_workbook,
    read_bytes,
    real_path,
    remove_leftovers,
)
from nastavnik.sync.backends.xlsx.inventory import read_layouts
from nastavnik.sync.backends.xlsx.reader import read_package
from nastavnik.sync.backends.xlsx.writer.patch import stream_apply
from nastavnik.sync.backends.xlsx.writer.workbook import check_title
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
    OSError,  # "File contains no valid workbook part"
    SyntaxError,  # xml.etree.ElementTree.ParseError
    CalamineError,
)


class XlsxWorkbook:
    """A workbook in a local .xlsx file (created by the first `apply` when missing)."""

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

        A missing file reads as an empty workbook, so `init` can create it; a file open in
        Excel/LibreOffice is read as last saved (`apply` refuses it); a file that is not a
        .xlsx workbook or is not readable raises WorkbookError with a message naming it.
        """
        check_suffix(self._path)
        remove_leftovers(real_path(self._path))  # temp files of a killed run
        found = read_bytes(self._path)  # a file open in Excel is read as last saved
        if found is None:
            return self._remember(Snapshot({}), None)
        data, fingerprint = found
        check_signature(self._path, data)
        try:
            snapshot = read_package(data, titles)
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
        """Write the ChangeSet planned from `snapshot` into the file, surgically, and save
        atomically (backends/xlsx/writer/patch.py).

        An empty ChangeSet does nothing at all (the file is not even opened). A missing
        file is created (openpyxl makes the empty package, the writer fills it). Raises
        ConcurrentEdit when the file changed since `snapshot` was read, WorkbookError when
        the package holds something that cannot be edited without loss.
        """
        if changes.is_empty:
            return ApplyResult(0, 0)
        check_suffix(self._path)
        check_not_locked(self._path)
        expected = self._expected(snapshot)
        found = read_bytes(self._path)
        if (found[1] if found else None) != expected:
            raise file_changed(self._path)
        if found is None:
            data = self._new_package(changes)
        else:
            data = found[0]
            check_signature(self._path, data)
        saved = stream_apply(self._path, data, changes, expected)
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

    def _new_package(self, changes: ChangeSet) -> bytes:
        """An empty package holding the first new sheet (the writer adds the rest)."""
        if self._path.suffix.lower() != ".xlsx":
            raise WorkbookError(
                f"Файла «{self._path}» нет, а новую книгу можно создать только в формате .xlsx.",
                hint="Укажите имя файла с расширением .xlsx.",
            )
        if not changes.new_sheets:
            raise UnsafeWrite("Отказ: новая книга без листов — нечего создавать.")
        check_title(changes.new_sheets[0])
        book = openpyxl.Workbook()
        book.active.title = changes.new_sheets[0]
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()
