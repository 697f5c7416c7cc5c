"""One planned cell as SpreadsheetML for the streaming writer, by the openpyxl path's rules.

Text is an inline string (``t="inlineStr"``): sharedStrings.xml stays untouched and text
starting with "=" can never become a formula. Numbers are ``<v>``, booleans ``t="b"``,
dates serial numbers in the workbook's date system with a date format. The style rules are
those of xlsx_cells.write_cell/put_value: a new or unstyled cell takes its column's style,
a date keeps a date format staff chose, a `Link` is underlined blue, and a cell that loses
its link loses the link look too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from openpyxl.utils.datetime import to_excel

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sync.a1 import column_letter, quote_title
from nastavnik.sync.backends.xlsx.cells import DATE_FORMAT, DATETIME_FORMAT
from nastavnik.sync.backends.xlsx.writer.styles import StyleBook
from nastavnik.sync.backends.xlsx.writer.xml import clean_text, escape_attr, escape_text
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Link

_MIDNIGHT = time()


@dataclass(frozen=True)
class OldCell:
    """What the sheet holds where a write lands (nothing: style 0, no link)."""

    style: int = 0
    linked: bool = False


class CellMaker:
    """Builds ``<c>`` elements for CellWrites of one workbook (shared style book)."""

    def __init__(self, styles: StyleBook, prefix: bytes, epoch: datetime) -> None:
        self.styles = styles
        self._p = prefix.decode()
        self._epoch = epoch
        self._head = b"<" + prefix + b'c r="'
        self._tails: dict[tuple[object, ...], bytes] = {}  # cell XML after its reference

    def make(self, write: CellWrite, old: OldCell, column_style: int | None) -> bytes:
        """The new cell element (b"" when a cleared cell keeps no style).

        Everything after the cell reference depends only on the value, the old cell and
        the column style, so it is made once per such combination (names, states and
        blanks repeat over thousands of rows)."""
        value = write.value
        if isinstance(value, Link):
            return self._make(f"{_letters(write.column)}{write.row}", write, old, column_style)
        key = (value.__class__, value, old, column_style, write.is_date)
        tail = self._tails.get(key)
        if tail is None:
            element = self._make("", write, old, column_style)
            tail = element[len(self._head) :] if element else b""
            if len(self._tails) > 100_000:
                self._tails.clear()
            self._tails[key] = tail
        if not tail:
            return b""
        return self._head + b"%s%d" % (_letters(write.column).encode(), write.row) + tail

    def _make(self, ref: str, write: CellWrite, old: OldCell, column_style: int | None) -> bytes:
        value = write.value
        style = old.style
        if column_style is not None and value is not None and style == 0:
            style = column_style
        if isinstance(value, Link):
            return self._text(ref, self.styles.linked(style), value.text)
        if old.linked:
            style = self.styles.unlinked(style)
        if value is None:
            return self._element(ref, style, "", "") if style else b""
        if isinstance(value, bool):
            return self._element(ref, style, "b", self._value("1" if value else "0"))
        if isinstance(value, datetime):
            return self._datetime(ref, style, value)
        if isinstance(value, date):
            return self._dated(ref, style, value, DATE_FORMAT)
        if isinstance(value, int | float):
            return self._number(ref, style, value, write.is_date)
        return self._text(ref, style, value)

    def hyperlink(self, ref: str, link: Link) -> bytes:
        """The ``<hyperlink>`` of a Link written at `ref` (a location in this workbook)."""
        location = escape_attr(f"{quote_title(link.sheet)}!{link.cell}")
        return f'<{self._p}hyperlink ref="{ref}" location="{location}"/>'.encode()

    def _number(self, ref: str, style: int, value: float, is_date: bool) -> bytes:
        if isinstance(value, float) and not math.isfinite(value):
            raise UnsafeWrite(f"Отказ: нечисловое значение {value} в ячейке {ref}.")
        if is_date:
            return self._dated(ref, style, value, DATE_FORMAT)  # a serial meant as a date
        return self._element(ref, style, "", self._value(_number_text(value)))

    def _datetime(self, ref: str, style: int, value: datetime) -> bytes:
        value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
        if value.time() == _MIDNIGHT:
            return self._dated(ref, style, value.date(), DATE_FORMAT)
        return self._dated(ref, style, value, DATETIME_FORMAT)

    def _dated(self, ref: str, style: int, value: date | float, number_format: str) -> bytes:
        if isinstance(value, date):
            serial = to_excel(value, self._epoch)
            value = int(serial) if serial == int(serial) else float(serial)
        style = self.styles.dated(style, number_format)
        return self._element(ref, style, "", self._value(_number_text(value)))

    def _text(self, ref: str, style: int, text: str) -> bytes:
        text = clean_text(text)
        if text.startswith("="):
            style = self.styles.quoted(style)
        p = self._p
        body = f'<{p}is><{p}t xml:space="preserve">{escape_text(text)}</{p}t></{p}is>'
        return self._element(ref, style, "inlineStr", body)

    def _value(self, text: str) -> str:
        return f"<{self._p}v>{text}</{self._p}v>"

    def _element(self, ref: str, style: int, kind: str, body: str) -> bytes:
        p = self._p
        head = f'<{p}c r="{ref}"' + (f' s="{style}"' if style else "")
        head += f' t="{kind}"' if kind else ""
        return (f"{head}/>" if not body else f"{head}>{body}</{p}c>").encode()


def _number_text(value: float) -> str:
    """A number as Excel stores it: integers without a fraction, floats round-tripping."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return repr(value)


@lru_cache(maxsize=1024)
def _letters(column: int) -> str:
    return column_letter(column)
