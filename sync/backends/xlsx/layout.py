"""Layout for the .xlsx backend: widths, notes, shading, date formats, dropdowns, state colours.

Everything here is idempotent: applying the same formats twice leaves one dropdown, one
set of state colours and one note per header. Our own objects carry a marker so they can
be replaced without touching staff's: dropdowns have promptTitle «nastavnik» (not shown,
the input message is off) and the column header in `prompt`; notes have author
«nastavnik»; state colours are the three "text contains" rules with our words.

Dropdown sources are workbook names (``nastavnik_list_…``): Excel keeps a validation
that refers to a name in the plain part of the file, while one that refers to another
sheet directly is moved to an extension openpyxl cannot read back.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from copy import copy
from typing import Any

from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import Rule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from nastavnik.sheets_schema.columns import ValueType
from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.palette import TONE_FILLS, VOCABULARIES, StateWord
from nastavnik.sync.a1 import column_letter, quote_title
from nastavnik.sync.backends.xlsx.cells import DATE_FORMAT, MAX_ROW, column_dimension
from nastavnik.sync.changeset import ColumnFormat, SheetFormat

STAMP_PROPERTY = "nastavnik_layout"  # custom document property (Файл → Свойства → Прочие)
MARK = "nastavnik"
HELPER_SHEET = "_списки"
NAME_PREFIX = "nastavnik_list_"
INLINE_LIMIT = 255  # Excel's limit for an inline list, quotes included
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
DATA_FILL = PatternFill("solid", fgColor="F2F2F2")
SERVICE_TAB = "7F7F7F"
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
POINTS_PER_LINE, ROW_PADDING = 15, 3  # an 11 pt line, as Excel sizes rows
# Words of our colour rules: equal-to rules and begins-with rules; before layout 2 our rules
# were "text contains" with the three deadline words.
OUR_EQUAL = frozenset(f'"{w.text}"' for v in VOCABULARIES for w in v.words if not w.prefix)
OUR_PREFIX = frozenset(w.text for v in VOCABULARIES for w in v.words if w.prefix)
OLD_CONTAINS = frozenset(("просрочено", "скоро срок", "выполнено"))
_RANGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d*)(?::\$?([A-Za-z]{1,3})\$?(\d*))?$")

SheetOf = Callable[[str], Any]


def read_stamp(workbook: Any) -> str:
    """The layout stamp stored by the last `apply` ("" when there is none)."""
    props = workbook.custom_doc_props
    return str(props[STAMP_PROPERTY].value) if STAMP_PROPERTY in props.names else ""


def write_stamp(workbook: Any, stamp: str) -> None:
    """Store the layout stamp as a custom document property, replacing the old one."""
    props = workbook.custom_doc_props
    if STAMP_PROPERTY in props.names:
        del props[STAMP_PROPERTY]
    props.append(StringProperty(name=STAMP_PROPERTY, value=stamp))


class Layout:
    """Applies ColumnFormats and SheetFormats to a loaded workbook; `finish` writes the notes."""

    def __init__(self, workbook: Any, sheet_of: SheetOf) -> None:
        self.workbook = workbook
        self.sheet_of = sheet_of
        self.notes: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.ruled: dict[str, list[ColumnFormat]] = defaultdict(list)
        self.touched = False

    def columns(self, formats: Sequence[ColumnFormat]) -> None:
        """Width, header note, shading of key/calc columns, date format, dropdown."""
        for fmt in formats:
            sheet = self.sheet_of(fmt.sheet)
            dim = column_dimension(sheet, fmt.column)
            dim.width = fmt.col.width
            if fmt.col.is_auto:
                self._shade(sheet, fmt.column, dim)
            if fmt.col.type is ValueType.DATE:
                dim.number_format = DATE_FORMAT
            if fmt.col.wraps:
                _wrap(sheet, fmt.column, dim)
            elif fmt.col.is_auto:
                dim.alignment = TOP  # level with wrapped neighbours in new cells
            self._dropdown(sheet, fmt)
            self.notes[(sheet.title, fmt.column)].append(fmt.note)
            self.ruled[sheet.title].append(fmt)
            self.touched = True

    def sheets(self, formats: Sequence[SheetFormat]) -> None:
        """Frozen, bold, wrapped header; service note and tab colour; state colours;
        autofilter (a filter staff set is kept); print setup."""
        for fmt in formats:
            sheet = self.sheet_of(fmt.sheet)
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                if cell.value is not None:
                    font = copy(cell.font)
                    font.bold = True
                    cell.font = font
                    cell.alignment = WRAP
            sheet.row_dimensions[1].height = POINTS_PER_LINE * fmt.header_lines + ROW_PADDING
            if fmt.service:
                sheet.sheet_properties.tabColor = SERVICE_TAB
            if fmt.note:
                self.notes[(sheet.title, 0)].insert(0, fmt.note)
            if sheet.auto_filter.ref is None:
                sheet.auto_filter.ref = f"A1:{column_letter(fmt.width - 1)}{MAX_ROW}"
            print_setup(sheet, fmt.landscape)
            _state_colours(sheet, self.ruled.pop(sheet.title, []))
            self.touched = True

    def finish(self) -> None:
        """Write the collected header notes and drop list names nothing uses any more."""
        for title, formats in self.ruled.items():  # columns of sheets without a SheetFormat
            _state_colours(self.workbook[title], formats)
        for (title, column), texts in self.notes.items():
            _set_note(
                self.workbook[title].cell(row=1, column=column + 1),
                "\n\n".join(filter(None, texts)),
            )
        if self.touched:
            _prune_names(self.workbook)

    def _shade(self, sheet: Any, column: int, dim: Any) -> None:
        """Grey header, light column; existing data cells without a fill get it too (bounded)."""
        sheet.cell(row=1, column=column + 1).fill = HEADER_FILL
        dim.fill = DATA_FILL
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row=row, column=column + 1)
            if cell.fill.fill_type is None:
                cell.fill = DATA_FILL

    def _dropdown(self, sheet: Any, fmt: ColumnFormat) -> None:
        letter = column_letter(fmt.column)
        target = f"{letter}2:{letter}{MAX_ROW}"
        header = fmt.col.header
        validations = sheet.data_validations
        validations.dataValidation = [
            dv
            for dv in validations.dataValidation
            if not (dv.promptTitle == MARK and (str(dv.sqref) == target or dv.prompt == header))
        ]
        source = self._list_source(sheet.title, fmt)
        if not source:
            if fmt.col.type is ValueType.DATE:
                sheet.add_data_validation(_date_check(header, target))
            return
        dv = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Значение не из списка",
            error="Такого значения нет в списке. Его можно оставить, но проверка отметит ошибку.",
            promptTitle=MARK,
            prompt=header,
            showInputMessage=False,
        )
        dv.add(target)
        sheet.add_data_validation(dv)

    def _list_source(self, title: str, fmt: ColumnFormat) -> str:
        """formula1 of the dropdown: an inline list, or a name for a range / a long list.

        The choices are the ColumnFormat's, else the column declaration's own.
        """
        if fmt.ref_range:
            return self._name_for(absolute_range(fmt.ref_range))
        choices = fmt.choices or fmt.col.choices
        if not choices:
            return ""
        inline = '"' + ",".join(choices) + '"'
        if len(inline) <= INLINE_LIMIT and not any("," in c or '"' in c for c in choices):
            return inline
        return self._name_for(self._helper_list(f"{title}: {fmt.col.header}", choices))

    def _name_for(self, formula: str) -> str:
        name = NAME_PREFIX + hashlib.sha1(formula.encode()).hexdigest()[:10]
        self.workbook.defined_names[name] = DefinedName(name=name, attr_text=formula)
        return name

    def _helper_list(self, label: str, choices: Sequence[str]) -> str:
        """Put a long list in a column of the hidden sheet «_списки»; return its range."""
        if HELPER_SHEET in self.workbook.sheetnames:
            helper = self.workbook[HELPER_SHEET]
        else:
            helper = self.workbook.create_sheet(HELPER_SHEET)
            helper.sheet_state = "hidden"
        headers = [helper.cell(row=1, column=n).value for n in range(1, helper.max_column + 2)]
        number = headers.index(label) + 1 if label in headers else headers.index(None) + 1
        last = max(helper.max_row, len(choices) + 1)
        values = [label, *choices]
        for row in range(1, last + 1):
            helper.cell(row=row, column=number).value = (
                values[row - 1] if row <= len(values) else None
            )
        letter = column_letter(number - 1)
        return f"{quote_title(HELPER_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"


def _date_check(header: str, target: str) -> DataValidation:
    """A date column's check: a warning (never a block) when the value is not a date."""
    dv = DataValidation(
        type="date",
        operator="between",
        formula1="1",
        formula2="2958465",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Не дата",
        error="Введите дату в виде ДД.ММ.ГГГГ. Значение можно оставить, но проверка отметит ошибку.",
        promptTitle=MARK,
        prompt=header,
        showInputMessage=False,
    )
    dv.add(target)
    return dv


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


def _set_note(cell: Any, text: str) -> None:
    """Our note on a header cell; a note staff wrote there themselves is left alone."""
    current = cell.comment
    if current is not None and current.author != MARK:
        return
    if not text:
        cell.comment = None
        return
    lines = sum(1 + len(line) // 48 for line in text.splitlines())
    cell.comment = Comment(text, MARK, height=max(60, 16 * lines + 10), width=300)


def print_setup(sheet: Any, landscape: bool) -> None:
    """A4, one page wide, the header row on every page, sheet name and date at the top."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = "&A"
    sheet.oddHeader.right.text = "&D"


def _wrap(sheet: Any, column: int, dim: Any) -> None:
    """Long text wraps: the column's style, and existing data cells (bounded by the data)."""
    dim.alignment = WRAP
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column + 1)
        if not cell.alignment.wrap_text:
            cell.alignment = WRAP


def _state_colours(sheet: Any, formats: Sequence[ColumnFormat]) -> None:
    """Replace our colour rules with one rule per vocabulary word of each state column."""
    kept = ConditionalFormattingList()
    top = 0
    for cf in sheet.conditional_formatting:
        for rule in cf.rules:
            if not is_our_rule(rule):
                kept.add(cf, rule)
                top = max(top, rule.priority or 0)
    for fmt in formats:
        if fmt.col.states is None:
            continue
        letter = column_letter(fmt.column)
        for word in fmt.col.states.words:
            top += 1
            kept.add(f"{letter}2:{letter}{MAX_ROW}", colour_rule(word, f"{letter}2", top))
    sheet.conditional_formatting = kept


def colour_rule(word: StateWord, first_cell: str, priority: int) -> Rule:
    """A word's rule: the cell equals the word (or begins with it), filled with its tone."""
    fill = PatternFill("solid", start_color=TONE_FILLS[word.tone], end_color=TONE_FILLS[word.tone])
    style = DifferentialStyle(fill=fill)
    if word.prefix:
        rule = Rule(
            type="beginsWith", operator="beginsWith", text=word.text, dxf=style, priority=priority
        )
        rule.formula = [f'LEFT({first_cell},{len(word.text)})="{word.text}"']
    else:
        rule = Rule(type="cellIs", operator="equal", dxf=style, priority=priority)
        rule.formula = [f'"{word.text}"']
    rule.stopIfTrue = True
    return rule


def is_our_rule(rule: Any) -> bool:
    """True for a colour rule nastavnik wrote (any layout version)."""
    if rule.type == "containsText":
        return rule.text in OLD_CONTAINS
    if rule.type == "beginsWith":
        return rule.text in OUR_PREFIX
    return (
        rule.type == "cellIs"
        and rule.operator == "equal"
        and list(rule.formula) in ([f] for f in OUR_EQUAL)
    )


def _prune_names(workbook: Any) -> None:
    """Remove our list names that no dropdown refers to any more (e.g. a changed list)."""
    used = {
        str(dv.formula1)
        for sheet in workbook.worksheets
        for dv in sheet.data_validations.dataValidation
    }
    for name in [n for n in workbook.defined_names if n.startswith(NAME_PREFIX)]:
        if name not in used:
            del workbook.defined_names[name]
