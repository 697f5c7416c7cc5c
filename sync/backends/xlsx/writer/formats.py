"""Column and sheet formats as worksheet element edits (see writer/elements.py).

The same layout the ChangeSet names, with our markers (backends/xlsx/layout.py), so that
re-applying it finds and replaces our own objects and never staff's: widths and the column
style (``<cols>``), the frozen header (``<sheetViews>``), the service tab colour
(``<sheetPr>``), dropdowns and date checks (``<dataValidations>``: ours have promptTitle
«nastavnik»), state colours (``<conditionalFormatting>``: one rule per word of the column's
vocabulary, writer/colour_rules.py), the autofilter and the print setup
(writer/print_setup.py) and header notes. Header cells get bold / grey / wrapped through
`header_styles`; row 1 gets the height of the longest wrapped header.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.palette import TONE_FILLS, Vocabulary
from nastavnik.sync.a1 import column_letter
from nastavnik.sync.backends.xlsx.cells import DATE_FORMAT, MAX_ROW
from nastavnik.sync.backends.xlsx.layout import (
    INLINE_LIMIT,
    NAME_PREFIX,
    POINTS_PER_LINE,
    ROW_PADDING,
    SERVICE_TAB,
    absolute_range,
)
from nastavnik.sync.backends.xlsx.writer.colour_rules import colour_rules
from nastavnik.sync.backends.xlsx.writer.elements import ElementEdit
from nastavnik.sync.backends.xlsx.writer.print_setup import autofilter, print_setup
from nastavnik.sync.backends.xlsx.writer.sheet_elements import (
    DATE_CHECK,
    column_edit,
    frozen_header,
    tab_colour,
    validations,
)
from nastavnik.sync.backends.xlsx.writer.styles import StyleBook
from nastavnik.sync.changeset import ColumnFormat, SheetFormat

# (label, choices) → the range of the hidden helper sheet that holds the long list
HelperRange = Callable[[str, tuple[str, ...]], str]
HEADER_RGB = "00D9D9D9"
DATA_RGB = "00F2F2F2"


@dataclass
class SheetLayout:
    """What the layout changes in one sheet."""

    edits: list[ElementEdit] = field(default_factory=list)
    bold_header: bool = False
    grey_headers: set[int] = field(default_factory=set)  # 0-based columns
    notes: dict[int, list[str]] = field(default_factory=dict)
    widths: dict[int, tuple[float, Callable[[int], int]]] = field(default_factory=dict)
    dropdowns: list[tuple[str, str, str]] = field(default_factory=list)  # sqref, header, source
    coloured: list[tuple[int, Vocabulary]] = field(default_factory=list)  # state columns
    ruled: bool = False  # our colour rules are re-made (a sheet format, or state columns)
    header_height: float | None = None  # points; None: leave row 1's height
    print_titles: bool = False  # repeat row 1 on every printed page

    def note_texts(self) -> dict[int, str]:
        """Column → the note of ours it gets ("" for none)."""
        return {c: "\n\n".join(filter(None, texts)) for c, texts in self.notes.items()}

    def header_style(self, styles: StyleBook) -> Callable[[int, int, bool], int]:
        """(0-based column, style, has a value) → the header cell's new style."""

        def restyle(column: int, style: int, has_value: bool) -> int:
            if column in self.grey_headers:
                style = styles.filled(style, HEADER_RGB)
            if self.bold_header and has_value:
                style = styles.wrapped(styles.bold(style))
            return style

        return restyle


@dataclass
class FormatPlan:
    """Every sheet's layout changes, plus the list names and long lists they need."""

    styles: StyleBook
    sheets: dict[str, SheetLayout] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # name → formula
    dropped: set[str] = field(default_factory=set)  # names our removed dropdowns used

    def sheet(self, title: str) -> SheetLayout:
        """The layout of `title` (made on first use)."""
        return self.sheets.setdefault(title, SheetLayout())

    def columns(self, formats: tuple[ColumnFormat, ...], helper_range: HelperRange) -> None:
        """Widths, column styles, header grey, dropdowns and notes of declared columns."""
        for fmt in formats:
            layout = self.sheet(fmt.sheet)
            auto, dated = fmt.col.is_auto, fmt.col.type is ValueType.DATE
            style = self._column_style(auto, dated, fmt.col.wraps)
            layout.widths[fmt.column] = (float(fmt.col.width), style)
            if auto:
                layout.grey_headers.add(fmt.column)
            letter = column_letter(fmt.column)
            source = self._list_source(fmt, helper_range)
            layout.dropdowns.append((f"{letter}2:{letter}{MAX_ROW}", fmt.col.header, source))
            layout.notes.setdefault(fmt.column, []).append(fmt.note)
            if fmt.col.states is not None:
                layout.coloured.append((fmt.column, fmt.col.states))
                layout.ruled = True

    def sheet_formats(self, formats: tuple[SheetFormat, ...]) -> None:
        """Frozen, bold, wrapped header tall enough for it; service tab colour and note;
        autofilter (staff's is kept); print setup (A4, one page wide, row 1 repeated)."""
        for fmt in formats:
            layout = self.sheet(fmt.sheet)
            layout.bold_header = True
            layout.ruled = True
            layout.edits.append(frozen_header())
            if fmt.service:
                layout.edits.append(tab_colour(SERVICE_TAB))
            if fmt.note:
                layout.notes.setdefault(0, []).insert(0, fmt.note)
            ref = f"A1:{column_letter(max(fmt.width, 1) - 1)}{MAX_ROW}"
            layout.edits.append(ElementEdit(b"autoFilter", autofilter(ref)))
            for name, rewrite in print_setup(fmt.landscape).items():
                layout.edits.append(ElementEdit(name, rewrite))
            layout.header_height = float(POINTS_PER_LINE * fmt.header_lines + ROW_PADDING)
            layout.print_titles = True

    def finish(self) -> None:
        """Turn the collected widths, dropdowns and colours into element edits."""
        ruled = [layout for layout in self.sheets.values() if layout.ruled]
        dxfs = (
            {t: self.styles.fill_dxf("00" + rgb) for t, rgb in TONE_FILLS.items()} if ruled else {}
        )
        for layout in self.sheets.values():
            if layout.ruled:
                rules = colour_rules(layout.coloured, dxfs)
                layout.edits.append(ElementEdit(b"conditionalFormatting", rules))
            if layout.widths:
                layout.edits.append(column_edit(layout.widths))
            if layout.dropdowns:
                layout.edits.append(validations(layout.dropdowns, self.dropped.update))

    def _column_style(self, auto: bool, dated: bool, wraps: bool) -> Callable[[int], int]:
        def style(old: int) -> int:
            if dated:
                old = self.styles.dated(old, DATE_FORMAT)
            if wraps:
                old = self.styles.wrapped(old)
            elif auto:
                old = self.styles.top(old)
            return self.styles.filled(old, DATA_RGB) if auto else old

        return style

    def _list_source(self, fmt: ColumnFormat, helper_range: HelperRange) -> str:
        """formula1 of the dropdown: an inline list, or a name for a range / a long list."""
        if fmt.ref_range:
            return self._name_for(absolute_range(fmt.ref_range))
        choices = fmt.choices or fmt.col.choices
        if not choices:
            return DATE_CHECK if fmt.col.type is ValueType.DATE else ""
        inline = '"' + ",".join(choices) + '"'
        if len(inline) <= INLINE_LIMIT and not any("," in c or '"' in c for c in choices):
            return inline
        return self._name_for(helper_range(f"{fmt.sheet}: {fmt.col.header}", tuple(choices)))

    def _name_for(self, formula: str) -> str:
        name = NAME_PREFIX + hashlib.sha1(formula.encode()).hexdigest()[:10]
        self.names[name] = formula
        return name
