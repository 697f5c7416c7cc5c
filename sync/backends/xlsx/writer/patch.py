"""The surgical writer: a ChangeSet written into an existing package, part by part.

Every write to an existing workbook goes through here (openpyxl only ever creates a new,
empty package; backends/xlsx/backend.py). Members the ChangeSet does not touch are copied
unchanged (same bytes once unpacked). A worksheet with writes or layout changes is streamed
row by row (writer/sheet.py): only the rows with writes are re-created and, in them, only
the planned cells; the layout becomes element edits of the sheet (writer/elements.py,
writer/formats.py); header notes edit the comments and VML parts (writer/notes.py); new
sheets (each at its declared place among the tabs), list names, print titles, the tab the
book opens on and the layout stamp edit the workbook-level parts (writer/workbook.py,
writer/tabs.py); rows whose wrapped text was written get a height. xl/styles.xml gains the derived formats these need
(writer/styles.py); workbook.xml asks for a recalculation on load. A cell holding a
formula is never replaced: formulas are staff input.

When the package holds something this path cannot edit safely, nothing is written and
the apply fails with a Russian WorkbookError naming it (`cannot_edit`): there is no lossy
fallback.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import IO

from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sync.backends.xlsx.cells import check_in_grid
from nastavnik.sync.backends.xlsx.files import Fingerprint, atomic_save, not_a_workbook
from nastavnik.sync.backends.xlsx.layout import POINTS_PER_LINE, ROW_PADDING
from nastavnik.sync.backends.xlsx.writer.book import Package, full_calc_on_load, read_package
from nastavnik.sync.backends.xlsx.writer.cells import CellMaker
from nastavnik.sync.backends.xlsx.writer.elements import ElementEdit
from nastavnik.sync.backends.xlsx.writer.formats import FormatPlan, SheetLayout
from nastavnik.sync.backends.xlsx.writer.helper import HelperLists
from nastavnik.sync.backends.xlsx.writer.notes import header_notes
from nastavnik.sync.backends.xlsx.writer.parts import PartEdits
from nastavnik.sync.backends.xlsx.writer.print_setup import tab_selected
from nastavnik.sync.backends.xlsx.writer.scan import CHUNK, prescan
from nastavnik.sync.backends.xlsx.writer.sheet import SheetPatch
from nastavnik.sync.backends.xlsx.writer.styles import StyleBook
from nastavnik.sync.backends.xlsx.writer.tables import table_headers
from nastavnik.sync.backends.xlsx.writer.tabs import move_sheet, open_on, print_titles, sheet_titles
from nastavnik.sync.backends.xlsx.writer.tail import RowWrites, Tail
from nastavnik.sync.backends.xlsx.writer.workbook import add_sheet, set_names, set_stamp
from nastavnik.sync.backends.xlsx.writer.xml import Unsupported
from nastavnik.sync.backends.xlsx.writer.zipcopy import copy_member, like
from nastavnik.sync.changeset import CellWrite, ChangeSet

# Parts we write are deflated at level 3: a third of the time of the default 6, for about a
# fifth more bytes (and only those parts: the others keep their compressed bytes).
_LEVEL = 3
# What a damaged package raises while it is read here.
_DAMAGED = (zipfile.BadZipFile, zlib.error, ET.ParseError, EOFError, KeyError, ValueError)


def stream_apply(
    path: Path, data: bytes, changes: ChangeSet, expected: Fingerprint | None
) -> Fingerprint:
    """Write `changes` into the workbook `data` (the bytes of `path` as read) and save
    atomically; the new fingerprint.

    UnsafeWrite for a write outside the sheet or to a missing sheet; WorkbookError for
    merged cells, a table header, something the path cannot edit, a damaged package or a
    failed save; ConcurrentEdit when the file changed before the replace.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return atomic_save(_Patch(archive, changes, data), path, expected)
    except Unsupported as error:
        raise cannot_edit(path, str(error)) from error
    except _DAMAGED as error:
        raise not_a_workbook(path, "не удалось разобрать содержимое") from error


def _add_in_place(parts: PartEdits, package: Package, changes: ChangeSet, title: str) -> None:
    """Add the sheet `title` (when missing) at its declared place among the tabs."""
    before = sheet_titles(parts.read(package.workbook))
    add_sheet(parts, package, title)
    if title in before or not changes.declared_order:
        return
    index = changes.position_of(title, before)
    parts.write(package.workbook, move_sheet(parts.read(package.workbook), title, index))


def _select_only(formats: FormatPlan, package: Package, title: str) -> None:
    """Every worksheet's tab unselected but `title`'s (the tab the workbook opens on)."""
    for name in package.worksheets:
        formats.sheet(name).edits.append(ElementEdit(b"sheetViews", tab_selected(name == title)))


def _book_views(xml: bytes, formats: FormatPlan, open_on_title: str) -> bytes:
    """workbook.xml opening on `open_on_title` (when given), with row 1 of every laid-out
    sheet repeated on each printed page."""
    titles = sheet_titles(xml)
    if open_on_title in titles:
        xml = open_on(xml, titles.index(open_on_title))
    for title, layout in formats.sheets.items():
        if layout.print_titles and title in titles:
            xml = print_titles(xml, titles.index(title), title)
    return xml


def _heights(changes: ChangeSet, package: Package) -> dict[str, dict[int, float | None]]:
    """Part → row → planned height in points (None: the default height)."""
    out: dict[str, dict[int, float | None]] = {}
    for height in changes.row_heights:
        part = package.part_of(height.sheet)[1]
        points = POINTS_PER_LINE * height.lines + ROW_PADDING if height.lines > 1 else None
        out.setdefault(part, {})[height.row] = points
    return out


def cannot_edit(path: Path, reason: str) -> WorkbookError:
    """The refusal to write into a package the surgical writer cannot edit safely."""
    return WorkbookError(
        f"Файл «{path}» не изменён: его нельзя обновить без потерь ({reason}).",
        hint="Откройте книгу в Excel или LibreOffice, сохраните её как .xlsx и повторите; "
        "если не поможет, сообщите разработчикам.",
    )


class _Patch:
    """The planned package: what `atomic_save` calls `save` on."""

    def __init__(self, archive: zipfile.ZipFile, changes: ChangeSet, data: bytes) -> None:
        self._archive = archive
        self._data = data
        self._parts = parts = PartEdits(archive)
        self._package = package = read_package(archive)
        self._styles = StyleBook(parts.read(package.styles))
        for title in changes.new_sheets:
            _add_in_place(parts, package, changes, title)
        formats = FormatPlan(self._styles)
        helper = HelperLists(parts, package)
        formats.columns(changes.column_formats, helper.range)
        formats.sheet_formats(changes.sheet_formats)
        if changes.open_on:
            _select_only(formats, package, changes.open_on)
        formats.finish()
        layouts = {package.part_of(title)[1]: layout for title, layout in formats.sheets.items()}
        grouped = _grouped((*changes.writes, *helper.writes), package)
        heights = _heights(changes, package)
        self._sheets: dict[str, SheetPatch] = {}
        for part in dict.fromkeys([*grouped, *layouts]):
            title, rows = grouped.get(part, (package.title_of(part), {}))
            self._sheets[part] = self._sheet(part, title, rows, layouts.get(part))
            self._sheets[part].heights.update(heights.get(part, {}))
        workbook = set_names(parts.read(package.workbook), formats.names, formats.dropped)
        workbook = _book_views(workbook, formats, changes.open_on)
        parts.write(package.workbook, full_calc_on_load(workbook))
        if changes.layout_stamp:
            set_stamp(parts, changes.layout_stamp)

    def _sheet(
        self, part: str, title: str, rows: RowWrites, layout: SheetLayout | None
    ) -> SheetPatch:
        with self._open(part) as source:
            prefix, text = prescan(source)
        tail = Tail(title, prefix, text, table_headers(self._parts, part))
        maker = CellMaker(self._styles, prefix, self._package.epoch)
        patch = SheetPatch(title, rows, maker, tail)
        if layout is None:
            return patch
        edits = list(layout.edits)
        notes = layout.note_texts()
        legacy = header_notes(self._parts, part, tail.text, notes) if notes else None
        edits += [legacy] if legacy is not None else []
        tail.edit(edits)
        patch.edits = edits
        if layout.bold_header or layout.grey_headers:
            patch.restyle_header(layout.header_style(self._styles))
        if layout.header_height is not None:
            patch.heights[1] = layout.header_height
        return patch

    def _open(self, part: str) -> IO[bytes]:
        if part in self._parts.changed:
            return BytesIO(self._parts.changed[part])
        return self._archive.open(part)

    def save(self, handle: IO[bytes]) -> None:
        """Write the patched package to `handle` (styles last: the sheets extend them).

        On a failure (a full disk) the half-written zip is abandoned without writing its
        directory, so nothing is left to fail again when the object is collected.
        """
        out = zipfile.ZipFile(handle, "w", compresslevel=_LEVEL)
        try:
            self._write_members(out)
        except BaseException:
            out.fp = None  # the temp file is discarded: no central directory to write
            raise
        out.close()

    def _write_members(self, out: zipfile.ZipFile) -> None:
        changed = self._parts.changed
        for info in self._archive.infolist():
            name = info.filename
            if name in self._sheets:
                self._write_sheet(name, _entry(info, True), out)
            elif name in changed and name != self._package.styles:
                out.writestr(_entry(info, True), changed[name])
            elif name != self._package.styles:
                copy_member(self._data, self._archive, info, out)
        for name in self._parts.added:
            entry = zipfile.ZipInfo(name, time.localtime()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            if name in self._sheets:
                self._write_sheet(name, entry, out)
            else:
                out.writestr(entry, changed[name])
        styles = self._archive.getinfo(self._package.styles)
        if self._styles.changed:
            out.writestr(_entry(styles, modified=True), self._styles.xml())
        else:
            copy_member(self._data, self._archive, styles, out)

    def _write_sheet(self, name: str, entry: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
        with self._open(name) as source, out.open(entry, "w") as target:
            buffered = _Buffered(target)
            self._sheets[name].write(source, buffered)
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
    """A new member like `info`; dated now if modified."""
    return like(info, time.localtime()[:6] if modified else None)


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
