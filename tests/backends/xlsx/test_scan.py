"""The sheet-XML scan finds exactly the formula cells and error values, wherever they are."""

from __future__ import annotations

from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sync.a1 import cell_address
from nastavnik.sync.backends.xlsx.scan import scan_sheet, scan_stream

# What a cell may be, as Excel or LibreOffice saves it: (XML inside <c …>, t, formula?, cached?)
KINDS = {
    "number": ("", "<v>5</v>", False, True),
    "text": (' t="s"', "<v>0</v>", False, True),
    "formula": ("", "<f>A1+1</f><v>6</v>", True, True),
    "text formula": (' t="str"', '<f>"a"&amp;"b"</f><v>ab</v>', True, True),
    "empty text result": (' t="str"', '<f>""</f><v></v>', True, True),
    "shared formula": ("", '<f t="shared" si="0"/><v>7</v>', True, True),
    "no result": ("", "<f>A1+1</f>", True, False),
    "blank result": ("", "<f>A1+1</f><v></v>", True, False),
    "error": (' t="e"', "<v>#N/A</v>", False, True),
    "error formula": (' t="e"', "<f>1/0</f><v>#DIV/0!</v>", True, True),
}
cells = st.dictionaries(
    st.tuples(st.integers(1, 40), st.integers(0, 30)), st.sampled_from(sorted(KINDS)), max_size=40
)


def _sheet(grid: dict[tuple[int, int], str]) -> bytes:
    rows: dict[int, list[str]] = {}
    for (row, column), kind in sorted(grid.items()):
        attrs, inner, _, _ = KINDS[kind]
        rows.setdefault(row, []).append(
            f'<c r="{cell_address(row, column)}" s="1"{attrs}>{inner}</c>'
        )
    body = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in rows.items())
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData>"
        '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1">'
        "<formula>A1&gt;0</formula></cfRule></conditionalFormatting>"
        "<extLst><ext><x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule>"
        "<xm:f>Sheet2!A1</xm:f></x14:cfRule></x14:conditionalFormatting>"
        "</x14:conditionalFormattings></ext></extLst></worksheet>"
    ).encode()


@given(cells)
def test_the_scan_finds_formulas_results_not_stored_and_errors(
    grid: dict[tuple[int, int], str],
) -> None:
    found = scan_sheet(_sheet(grid))
    assert found.formulas == {where for where, kind in grid.items() if KINDS[kind][2]}
    assert found.uncached == {where for where, kind in grid.items() if not KINDS[kind][3]}
    errors = {where: kind for where, kind in grid.items() if KINDS[kind][0] == ' t="e"'}
    assert set(found.errors) == set(errors)
    assert {found.errors[w] for w in errors} <= {"#N/A", "#DIV/0!"}


def test_a_sheet_without_formulas_or_errors_finds_nothing() -> None:
    found = scan_sheet(_sheet({(1, 0): "text", (2, 3): "number"}))
    assert (found.formulas, found.uncached, found.errors) == (set(), set(), {})


@given(cells, st.integers(1, 97))
def test_reading_in_small_chunks_finds_the_same(
    grid: dict[tuple[int, int], str], chunk_size: int
) -> None:
    xml = _sheet(grid)
    whole = scan_sheet(xml)
    chunked = scan_stream(BytesIO(xml), chunk_size)
    assert (chunked.formulas, chunked.uncached, chunked.errors) == (
        whole.formulas,
        whole.uncached,
        whole.errors,
    )
