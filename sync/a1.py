"""A1 notation helpers."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """0-based column index → letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_address(row: int, column: int) -> str:
    """1-based row, 0-based column → "B7"."""
    return f"{column_letter(column)}{row}"


def quote_title(title: str) -> str:
    """A sheet title as written in a range: 'Журнал синхронизации' (quotes doubled)."""
    return "'" + title.replace("'", "''") + "'"
