"""«Отчёты»: the figures a report submitted, kept on record, and the check against today's data.

`report` appends one row per figure (year, date, indicator, value). Every sync recomputes each
recorded figure for its year *as of the report's date* (so a meeting held after the report
does not count as a change) and warns in «Ошибки» when the value differs: someone fixed the
data after the report went out, and the deputy director should know.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema.readers import ReadError, format_date, read_date, read_number
from nastavnik.sheets_schema.service import REPORTS
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.changeset import ChangeSetBuilder
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import academic_year
from nastavnik.sync.compute.metrics import Number, year_indicators
from nastavnik.sync.compute.population import Year
from nastavnik.sync.problems import Level, Problem, shown
from nastavnik.sync.snapshot import Cell, Table

YEAR, DAY, LABEL, VALUE = (col.header for col in REPORTS.columns)


@dataclass(frozen=True)
class Reported:
    """One recorded figure: where it stands on «Отчёты» and what was submitted."""

    row: int
    year: str  # «2025/26»
    day: date
    label: str
    value: Number


def read_reported(table: Table | None) -> list[Reported]:
    """The readable rows of «Отчёты» (a row someone spoiled by hand is skipped)."""
    if table is None:
        return []
    index = {h: table.column_index(h) for h in (YEAR, DAY, LABEL, VALUE)}
    if any(i is None for i in index.values()):
        return []
    found = []
    for row, cells in table.numbered_rows():
        value = {
            h: cells[i] if i is not None and i < len(cells) else None for h, i in index.items()
        }
        try:
            day, number = read_date(value[DAY]), read_number(value[VALUE])
        except ReadError:
            continue
        if day is not None and value[YEAR] and value[LABEL]:
            found.append(Reported(row, str(value[YEAR]), day, str(value[LABEL]), number))
    return found


def latest(records: list[Reported]) -> dict[tuple[str, str], Reported]:
    """The last recorded value of each (year, indicator): a later report supersedes."""
    last: dict[tuple[str, str], Reported] = {}
    for record in sorted(records, key=lambda r: (r.day, r.row)):
        last[(record.year, record.label)] = record
    return last


def figures(ctx: Context, year_start: int, as_of: date) -> dict[str, Number]:
    """The per-year figures a report for that year submits, as of `as_of`."""
    return {i.label: i.value for i in year_indicators(ctx, Year.of(year_start, as_of))}


def same(a: Number, b: Number) -> bool:
    """Equal figures (None only equals None)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), abs_tol=1e-6)


def changed_figures(ctx: Context, table: Table | None) -> list[Problem]:
    """A warning for each recorded figure that the data now gives differently."""
    problems = []
    cache: dict[tuple[str, date], dict[str, Number]] = {}
    column = table.column_index(VALUE) if table else None
    for (year, label), record in latest(read_reported(table)).items():
        start = _year_start(year)
        if start is None:
            continue
        key = (year, record.day)
        if key not in cache:
            cache[key] = figures(ctx, start, min(record.day, ctx.today))
        now = cache[key].get(label, record.value)
        if same(record.value, now):
            continue
        cell = cell_address(record.row, column) if column is not None else ""
        problems.append(
            Problem(
                REPORTS.title, record.row, VALUE, cell, shown(record.value), Level.WARNING,
                f"{year}, «{label}»: в отчёте от {format_date(record.day)} — "
                f"{_text(record.value)}, сейчас — {_text(now)}.",
                "Данные за этот год изменились после отчёта. Если исправление верное, сообщите "
                "об уточнении и сформируйте отчёт заново («nastavnik report --year …»).",
            )
        )  # fmt: skip
    return problems


def _year_start(label: str) -> int | None:
    head = label.strip()[:4]
    return (
        int(head)
        if head.isdigit() and academic_year(date(int(head), 9, 1)) == label.strip()
        else None
    )


def _text(value: Number) -> str:
    if value is None:
        return "нет данных"
    return f"{value:g}".replace(".", ",")


def plan_record(table: Table, ctx: Context, year_start: int, builder: ChangeSetBuilder) -> bool:
    """Append the year's figures (dated today) below the last row; False when already on record.

    `table` is «Отчёты» as planned (with its header, also when the sheet is new).
    """
    label = academic_year(date(year_start, 9, 1))
    values = figures(ctx, year_start, ctx.today)
    last = latest(read_reported(table))
    if all(
        (label, name) in last and same(last[(label, name)].value, value)
        for name, value in values.items()
    ):
        return False
    columns = [(table.column_index(h), h) for h in (YEAR, DAY, LABEL, VALUE)]
    for offset, (name, value) in enumerate(values.items(), start=1):
        line: dict[str, Cell] = {YEAR: label, DAY: ctx.today, LABEL: name, VALUE: value}
        for index, header in columns:
            if index is not None:
                builder.set_service_cell(
                    table, table.last_row + offset, index, line[header], header == DAY
                )
    return True
