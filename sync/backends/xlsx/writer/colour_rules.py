"""State and level colours as a pure rewrite of a worksheet's ``<conditionalFormatting>``.

One rule per word of the column's vocabulary (sheets_schema/palette.py): ``cellIs equal``
for a word, ``beginsWith`` for a prefix such as «нет встреч ». Our rules of any layout
version are recognised by their words (backends/xlsx/layout.py) and replaced; staff's
rules stay, with their priorities above ours. Unchanged rules give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nastavnik.sheets_schema.palette import StateWord, Tone, Vocabulary
from nastavnik.sync.a1 import column_letter
from nastavnik.sync.backends.xlsx.cells import MAX_ROW
from nastavnik.sync.backends.xlsx.layout import OLD_CONTAINS, OUR_EQUAL, OUR_PREFIX
from nastavnik.sync.backends.xlsx.writer.print_setup import Rewrite
from nastavnik.sync.backends.xlsx.writer.xml import (
    attributes,
    element_pattern,
    escape_attr,
    escape_text,
    unescape,
)


def colour_rules(columns: Sequence[tuple[int, Vocabulary]], dxf_of: Mapping[Tone, int]) -> Rewrite:
    """Our colour rules on `columns` (0-based, each with its vocabulary); `dxf_of` gives the
    differential format (a fill) of each tone in the styles part."""

    def rewrite(old: list[bytes], p: bytes) -> list[bytes]:
        kept, top = _staff_rules(old, p)
        for column, vocabulary in columns:
            letter = column_letter(column)
            made = []
            for word in vocabulary.words:
                top += 1
                made.append(_rule(p, word, f"{letter}2", dxf_of[word.tone], top))
            kept.append(
                b'<%sconditionalFormatting sqref="%s2:%s%d">%s</%sconditionalFormatting>'
                % (p, letter.encode(), letter.encode(), MAX_ROW, b"".join(made), p)
            )
        return old if kept == old else kept

    return rewrite


def _staff_rules(old: list[bytes], p: bytes) -> tuple[list[bytes], int]:
    """The blocks with our rules taken out (a block left empty goes), and the top priority."""
    kept: list[bytes] = []
    top = 0
    for element in old:
        rules = list(element_pattern(p, b"cfRule").finditer(element))
        mine = [r for r in rules if is_ours(r.group(1), r.group(2) or b"", p)]
        for rule in rules:
            if rule not in mine:
                top = max(top, int(attributes(rule.group(1)).get("priority", "0") or "0"))
        if rules and len(mine) == len(rules):
            continue
        left = element
        for rule in reversed(mine):
            left = left[: rule.start()] + left[rule.end() :]
        kept.append(left)
    return kept, top


def is_ours(tag: bytes, content: bytes, p: bytes) -> bool:
    """True for a colour rule nastavnik wrote (any layout version)."""
    found = attributes(tag)
    kind = found.get("type")
    if kind == "containsText":
        return found.get("text") in OLD_CONTAINS
    if kind == "beginsWith":
        return found.get("text") in OUR_PREFIX
    if kind != "cellIs" or found.get("operator") != "equal":
        return False
    formula = element_pattern(p, b"formula").search(content)
    return formula is not None and unescape((formula.group(2) or b"").decode()) in OUR_EQUAL


def _rule(p: bytes, word: StateWord, first_cell: str, dxf: int, priority: int) -> bytes:
    prefix = p.decode()
    if word.prefix:
        head = (
            f'<{prefix}cfRule type="beginsWith" dxfId="{dxf}" priority="{priority}" '
            f'stopIfTrue="1" operator="beginsWith" text="{escape_attr(word.text)}">'
        )
        formula = f'LEFT({first_cell},{len(word.text)})="{word.text}"'
    else:
        head = (
            f'<{prefix}cfRule type="cellIs" dxfId="{dxf}" priority="{priority}" '
            f'stopIfTrue="1" operator="equal">'
        )
        formula = f'"{word.text}"'
    body = f"<{prefix}formula>{escape_text(formula)}</{prefix}formula></{prefix}cfRule>"
    return (head + body).encode()
