"""Bad input never crashes and never changes a staff cell (hypothesis over every input column)."""

from __future__ import annotations

import math
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik import sheets_schema
from nastavnik.sheets_schema.columns import Kind
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.snapshot import Cell
from tests.engine_helpers import input_cells, sync

cell_values: st.SearchStrategy[Cell] = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10),  # emoji, control characters
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.text(max_size=15).map(lambda s: "=" + s),
    st.sampled_from(["31.02.2025", "НП-001", "да", "высш.", "4,5", "сентябрь 2025", "x" * 10_000]),
)


def _nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, list[list[Cell]]]:
    grids: dict[str, list[list[Cell]]] = {}
    for spec in sheets_schema.REGISTRY_SHEETS:
        headers: list[Cell] = [c.header for c in spec.columns if c.kind is not Kind.CALC]
        rows = draw(st.integers(min_value=0, max_value=3))
        grids[spec.title] = [headers] + [[draw(cell_values) for _ in headers] for _ in range(rows)]
    return grids


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(workbooks(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_arbitrary_values_in_every_input_column_never_crash_or_change_input(
    grids: dict[str, list[list[Cell]]], today: date
) -> None:
    workbook = MemoryWorkbook.from_grids(grids)
    before = {spec.title: input_cells(workbook, spec) for spec in sheets_schema.REGISTRY_SHEETS}
    report = sync(workbook, today)
    after = {spec.title: input_cells(workbook, spec) for spec in sheets_schema.REGISTRY_SHEETS}
    for title, cells in before.items():
        # rows the service appends (plan-graph occurrences) are new, not changed input
        now = {(r, c): w for r, c, w in after[title]}
        changed = [(r, c) for r, c, v in cells if now.get((r, c)) != v and not _nan(v)]
        assert not changed, (title, changed)
    messages = [p.message + p.fix for p in report.outcome.problems]
    assert all(any("а" <= ch <= "я" for ch in m.lower()) for m in messages)


RESPONSE_HEADERS: list[Cell] = [
    "Отметка времени", "Ваши фамилия, имя и отчество", "Код пары", "Ваша роль в паре",
    "Насколько вы удовлетворены участием в наставничестве", "Насколько полезными были встречи",
    "Что стоит улучшить",
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cell_values, min_size=7, max_size=7), max_size=6),
    st.dates(min_value=date(2024, 9, 1), max_value=date(2027, 8, 31)),
)
def test_arbitrary_answers_in_a_response_sheet_never_crash_and_are_never_written(
    rows: list[list[Cell]], today: date
) -> None:
    """Whatever a form (or a paste) puts on the response sheet, the sync runs, every problem is
    Russian, and the sheet is exactly as it was."""
    title = "Ответы на форму (1)"
    grids: dict[str, list[list[Cell]]] = {
        settings_sheet.TITLE: [["Параметр", "Значение"], ["Лист ответов опроса", title]],
        title: [list(RESPONSE_HEADERS), *rows],
    }
    workbook = MemoryWorkbook.from_grids(grids)
    report = sync(workbook, today)
    kept = [list(r) for r in workbook.grid(title)]
    assert [[v for v in r if not _nan(v)] for r in kept] == [
        [v for v in r if not _nan(v)] for r in grids[title]
    ]
    messages = [p.message + p.fix for p in report.outcome.problems if p.sheet == title]
    assert all(any("а" <= ch <= "я" for ch in m.lower()) for m in messages)
