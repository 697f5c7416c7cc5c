"""Key columns: staff-typed keys are kept; blank ones get the next free code, once."""

from __future__ import annotations

import re
from collections import Counter

from nastavnik.sheets_schema.readers import read_text
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.registry import SheetData


def assign_codes(result: SheetResult, header: str, prefix: str) -> dict[int, str]:
    """Effective code of every non-blank row (typed or newly assigned); plans the new ones."""
    data = result.data
    typed = {parsed.row: read_text(data.raw_value(parsed, header)) for parsed in data.rows}
    pattern = re.compile(rf"^{re.escape(fold(prefix))}-?(\d+)$")
    numbers = [
        int(m.group(1)) for code in typed.values() if code and (m := pattern.match(fold(code)))
    ]
    next_number = max(numbers, default=0) + 1
    codes: dict[int, str] = {}
    for parsed in data.rows:
        code = typed[parsed.row]
        if code is None:
            code = f"{prefix}-{next_number:03d}"
            next_number += 1
            result.set(parsed.row, header, code)
        codes[parsed.row] = code
    _flag_duplicates(result, header, codes)
    return codes


def _flag_duplicates(result: SheetResult, header: str, codes: dict[int, str]) -> None:
    counts = Counter(fold(code) for code in codes.values())
    for row, code in codes.items():
        if counts[fold(code)] > 1:
            result.error(
                row, header, f"Код «{code}» повторяется.",
                "У каждой строки должен быть свой код: исправьте повтор или очистите ячейку — "
                "код будет присвоен заново.",
            )  # fmt: skip


def known_keys(data: SheetData, header: str) -> set[str]:
    """Folded values of a key column over all non-blank rows, readable or not."""
    found = set()
    for parsed in data.rows:
        text = read_text(data.raw_value(parsed, header))
        if text:
            found.add(fold(text))
    return found
