"""A1 notation: parse the ranges clients send, format the ranges Google answers with.

Supported input forms: ``Sheet1!A1:B2``, ``'My sheet'!A1``, ``'It''s'!A:C``,
``Лист1!A2:K`` (open end), ``A1:1``, ``2:5``, ``$A$1``, a bare sheet title
(``Журнал``) and a bare range (``A1:B2``, meaning the first sheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.fake_sheets.errors import ApiError, invalid_argument

_CELL = re.compile(r"^\$?([A-Za-z]*)\$?([0-9]*)$")
_LOOKS_LIKE_CELL = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*)$")
MAX_COLUMNS = 18278  # ZZZ


@dataclass(frozen=True)
class Ref:
    """One side of a range; a missing part means "unbounded on that side"."""

    col: int | None
    row: int | None


@dataclass(frozen=True)
class A1:
    """A parsed A1 range.

    ``sheet`` is the unquoted title (``None`` when absent).  ``bare`` holds a
    text without ``!`` that is either a sheet title or a range; it is resolved
    against the spreadsheet's titles.  ``start is None`` means the whole sheet;
    ``end is None`` means a single cell.
    """

    text: str
    sheet: str | None
    start: Ref | None
    end: Ref | None
    bare: str | None = None


@dataclass(frozen=True)
class Rect:
    """A resolved rectangle, zero-based, ends exclusive.

    ``rows_bounded``/``cols_bounded`` tell whether the client fixed the end
    (``A1:B2``) or left it open (``A1``, ``A:B`` for rows, ``Sheet1``).
    """

    row0: int
    row1: int
    col0: int
    col1: int
    rows_bounded: bool = True
    cols_bounded: bool = True

    @property
    def height(self) -> int:
        return self.row1 - self.row0

    @property
    def width(self) -> int:
        return self.col1 - self.col0


def parse_error(text: str) -> ApiError:
    """Google's answer to a range it cannot read."""
    return invalid_argument(f"Unable to parse range: {text}")


def parse(text: str) -> A1:
    """Parse ``text``; a text without ``!`` keeps the ambiguity in ``bare``."""
    if not text.strip():
        raise parse_error(text)
    if text.startswith("'"):
        title, rest = _read_quoted(text)
        if rest == "":
            return A1(text, title, None, None)
        if not rest.startswith("!"):
            raise parse_error(text)
        return _with_cells(text, title, rest[1:])
    if "!" in text:
        title, _, cells = text.rpartition("!")
        return _with_cells(text, title, cells)
    return A1(text, None, None, None, bare=text)


def parse_cells(text: str, cells: str) -> tuple[Ref, Ref | None]:
    """Parse ``A1``, ``A1:B2``, ``A:C``, ``2:5``, ``A2:K`` into start/end refs."""
    parts = cells.split(":")
    if len(parts) > 2 or not parts[0]:
        raise parse_error(text)
    start = _ref(text, parts[0])
    if len(parts) == 1:
        if start.col is None or start.row is None:
            raise parse_error(text)
        return start, None
    return start, _ref(text, parts[1])


def _read_quoted(text: str) -> tuple[str, str]:
    title: list[str] = []
    i = 1
    while i < len(text):
        ch = text[i]
        if ch == "'":
            if text[i + 1 : i + 2] == "'":
                title.append("'")
                i += 2
                continue
            return "".join(title), text[i + 1 :]
        title.append(ch)
        i += 1
    raise parse_error(text)


def _with_cells(text: str, title: str, cells: str) -> A1:
    if not title:
        raise parse_error(text)
    start, end = parse_cells(text, cells)
    return A1(text, title, start, end)


def _ref(text: str, part: str) -> Ref:
    match = _CELL.match(part)
    if match is None or not (match.group(1) or match.group(2)):
        raise parse_error(text)
    letters, digits = match.groups()
    col = column_index(letters) if letters else None
    row = int(digits) - 1 if digits else None
    if (row is not None and row < 0) or (col is not None and col >= MAX_COLUMNS):
        raise parse_error(text)
    return Ref(col, row)


def column_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1


def column_letters(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """Zero-based (row, col) -> ``B3``."""
    return f"{column_letters(col)}{row + 1}"


def quote_title(title: str) -> str:
    """Quote a sheet title the way Google does in answers.

    Titles of letters, digits and ``_`` that cannot be mistaken for a cell
    stay bare (``Sheet1``, ``Лист1``); others are quoted with ``'`` doubled
    (``'Журнал синхронизации'``, ``'It''s'``).
    """
    simple = (
        title != ""
        and all(ch.isalnum() or ch == "_" for ch in title)
        and not title[0].isdigit()
        and not _LOOKS_LIKE_CELL.match(title)
    )
    if simple:
        return title
    return "'" + title.replace("'", "''") + "'"


def format_rect(title: str, rect: Rect) -> str:
    """``Sheet1!A1:D4``; a single cell prints as ``Sheet1!A1``."""
    start = cell_name(rect.row0, rect.col0)
    if rect.height == 1 and rect.width == 1:
        return f"{quote_title(title)}!{start}"
    end = cell_name(rect.row1 - 1, rect.col1 - 1)
    return f"{quote_title(title)}!{start}:{end}"


def format_refs(title: str, start: Ref | None, end: Ref | None) -> str:
    """Print a range as requested (open ends stay open), for error messages."""
    if start is None:
        return quote_title(title)
    text = _ref_text(start)
    if end is not None:
        text += ":" + _ref_text(end)
    return f"{quote_title(title)}!{text}"


def _ref_text(ref: Ref) -> str:
    col = column_letters(ref.col) if ref.col is not None else ""
    row = str(ref.row + 1) if ref.row is not None else ""
    return col + row


def to_rect(start: Ref | None, end: Ref | None, rows: int, cols: int) -> Rect:
    """Resolve refs against a grid of ``rows`` x ``cols`` (no clamping)."""
    if start is None:
        return Rect(0, rows, 0, cols, rows_bounded=False, cols_bounded=False)
    row0 = start.row if start.row is not None else 0
    col0 = start.col if start.col is not None else 0
    if end is None:
        return Rect(row0, row0 + 1, col0, col0 + 1, rows_bounded=False, cols_bounded=False)
    row0, row1 = _span(start.row, end.row, rows)
    col0, col1 = _span(start.col, end.col, cols)
    return Rect(
        row0, row1, col0, col1, rows_bounded=end.row is not None, cols_bounded=end.col is not None
    )


def _span(first: int | None, last: int | None, size: int) -> tuple[int, int]:
    """Half-open span of one dimension; reversed explicit bounds are swapped."""
    begin = first if first is not None else 0
    if last is None:
        return begin, size
    if last < begin:
        return last, begin + 1
    return begin, last + 1
