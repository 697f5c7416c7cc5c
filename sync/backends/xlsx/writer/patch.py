"""The streaming write path of the .xlsx backend: cell writes patched into the zip directly.

Loading a large workbook into openpyxl to change some cells costs far more time and memory
than the change (100,000 rows: ~30 s and ~800 MiB). For the common ChangeSet — cell writes
only — this path copies the package member by member instead: every member without writes
is copied unchanged (same bytes once unpacked), and each worksheet with writes is streamed
row by row, with only the rows that have writes re-created (backends/xlsx/writer/sheet.py). Formulas,
their cached results, formatting, notes, validations, conditional formats, widths, panes,
names and document properties are all left exactly as they were.

Beyond the sheets, two parts may change: xl/styles.xml gains the derived cell formats a
value needs (backends/xlsx/writer/styles.py), and xl/workbook.xml asks for a recalculation on load,
as the openpyxl path does. sharedStrings.xml and calcChain.xml are never touched: text is
written inline, and a cell holding a formula is never overwritten here.

The rule that picks this path is `streamable` (called once, in XlsxWorkbook.apply). When
the file holds something this path does not handle, it declines (`stream_apply` returns
None, nothing is written) and the openpyxl path does the whole ChangeSet.
"""

from __future__ import annotations

import shutil
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import IO

from nastavnik.sync.backends.xlsx.cells import check_in_grid
from nastavnik.sync.backends.xlsx.files import Fingerprint, atomic_save
from nastavnik.sync.backends.xlsx.writer.book import Package, full_calc_on_load, read_package
from nastavnik.sync.backends.xlsx.writer.cells import CellMaker
from nastavnik.sync.backends.xlsx.writer.scan import CHUNK, prescan
from nastavnik.sync.backends.xlsx.writer.sheet import SheetPatch
from nastavnik.sync.backends.xlsx.writer.styles import StyleBook
from nastavnik.sync.backends.xlsx.writer.tail import RowWrites
from nastavnik.sync.backends.xlsx.writer.xml import Unsupported
from nastavnik.sync.changeset import CellWrite, ChangeSet

# Below this file size the openpyxl path costs well under a second: it keeps doing those
# writes (one well-trodden path for small workbooks), this path takes the large ones.
STREAM_MIN_BYTES = 256 * 1024
# What a damaged package raises while it is read here (the openpyxl path then reports it).
_DAMAGED = (Unsupported, zipfile.BadZipFile, zlib.error, ET.ParseError, EOFError)


def streamable(changes: ChangeSet, file_size: int, min_bytes: int = STREAM_MIN_BYTES) -> bool:
    """The dispatch rule: stream a ChangeSet of cell writes only (no new sheets, no column
    or sheet formats, no layout stamp) into an existing file of at least `min_bytes`."""
    structural = changes.new_sheets or changes.column_formats or changes.sheet_formats
    return (
        bool(changes.writes)
        and not structural
        and not changes.layout_stamp
        and (file_size >= min_bytes)
    )


def stream_apply(
    path: Path, data: bytes, changes: ChangeSet, expected: Fingerprint | None
) -> Fingerprint | None:
    """Write `changes` into the workbook `data` (the bytes of `path` as read) and save
    atomically; the new fingerprint, or None when this path declines (nothing written).

    Errors are those of the openpyxl path: UnsafeWrite for a write outside the sheet or to
    a missing sheet, WorkbookError for merged cells or a failed save, ConcurrentEdit when
    the file changed before the replace.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return atomic_save(_Patch(archive, changes), path, expected)
    except _DAMAGED:
        return None


class _Patch:
    """The planned package: what `atomic_save` calls `save` on."""

    def __init__(self, archive: zipfile.ZipFile, changes: ChangeSet) -> None:
        self._archive = archive
        package = read_package(self._archive)
        self._package = package
        self._styles = StyleBook(self._archive.read(package.styles))
        self._sheets: dict[str, SheetPatch] = {}
        for part, (title, rows) in _grouped(changes.writes, package).items():
            with self._archive.open(part) as source:
                scanned = prescan(source)
            maker = CellMaker(self._styles, scanned[0], package.epoch)
            self._sheets[part] = SheetPatch(title, rows, maker, scanned)
        workbook = self._archive.read(package.workbook)
        self._workbook = full_calc_on_load(workbook)
        self._workbook_changed = self._workbook != workbook

    def save(self, handle: IO[bytes]) -> None:
        """Write the patched package to `handle` (styles last: the sheets extend them)."""
        with zipfile.ZipFile(handle, "w") as out:
            for info in self._archive.infolist():
                name = info.filename
                if name in self._sheets:
                    self._write_sheet(info, out)
                elif name == self._package.workbook:
                    out.writestr(_entry(info, self._workbook_changed), self._workbook)
                elif name != self._package.styles:
                    with self._archive.open(info) as source, out.open(_entry(info), "w") as target:
                        shutil.copyfileobj(source, target, CHUNK)
            styles = self._archive.getinfo(self._package.styles)
            out.writestr(_entry(styles, modified=self._styles.changed), self._styles.xml())

    def _write_sheet(self, info: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
        with self._archive.open(info) as source, out.open(_entry(info, True), "w") as target:
            buffered = _Buffered(target)
            self._sheets[info.filename].write(source, buffered)
            buffered.flush()


def _grouped(writes: tuple[CellWrite, ...], package: Package) -> dict[str, tuple[str, RowWrites]]:
    """Writes by zip member, then row, then column (a later write to a cell wins)."""
    grouped: dict[str, tuple[str, RowWrites]] = {}
    parts: dict[str, tuple[str, str]] = {}
    for write in writes:
        check_in_grid(write)
        if write.sheet not in parts:
            parts[write.sheet] = package.part_of(write.sheet)
        title, part = parts[write.sheet]
        rows = grouped.setdefault(part, (title, {}))[1]
        rows.setdefault(write.row, {})[write.column] = write
    return grouped


def _entry(info: zipfile.ZipInfo, modified: bool = False) -> zipfile.ZipInfo:
    """A new member like `info` (name, date, compression, attributes); dated now if modified."""
    when = time.localtime()[:6] if modified else info.date_time
    entry = zipfile.ZipInfo(info.filename, when)
    entry.compress_type = info.compress_type
    entry.external_attr = info.external_attr
    entry.create_system = info.create_system
    entry.comment = info.comment
    entry.file_size = info.file_size  # a size hint: zip64 is chosen from it
    return entry


class _Buffered:
    """Collects the many small writes of a sheet into larger ones for the compressor."""

    def __init__(self, target: IO[bytes], size: int = CHUNK) -> None:
        self._target = target
        self._size = size
        self._parts: list[bytes] = []
        self._length = 0

    def write(self, data: bytes) -> int:
        """Take `data`; hand on what was collected once it is large enough."""
        self._parts.append(data)
        self._length += len(data)
        if self._length >= self._size:
            self.flush()
        return len(data)

    def flush(self) -> None:
        """Hand on what was collected."""
        if self._parts:
            self._target.write(b"".join(self._parts))
            self._parts, self._length = [], 0
