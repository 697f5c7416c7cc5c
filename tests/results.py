"""Running the rules on factory-built snapshots and looking at the results, by sheet and cell."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sync import compute
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.compute.attention import AttentionItem
from nastavnik.sync.compute.context import Context
from nastavnik.sync.parse import parse
from nastavnik.sync.problems import Level, Problem
from nastavnik.sync.snapshot import Cell, Snapshot
from tests.factories import TODAY, Results, headers


def run_rules(snap: Snapshot, today: date = TODAY) -> tuple[Context, Results]:
    """Parse, index and run every rule in the orchestrator's order (sync.compute.run_rules)."""
    ctx = prepare(snap, today)
    compute.run_rules(ctx)
    return ctx, ctx.results


def prepare(snap: Snapshot, today: date = TODAY) -> Context:
    """Parse and index a snapshot (keys assigned), with a fresh result for every sheet."""
    return compute.new_context(parse(snap), today)


def address(spec: SheetSpec, header: str, row: int) -> str:
    """The A1 address of a declared column in a `grid`-built sheet (declared order)."""
    return cell_address(row, headers(spec).index(spec.column(header).header))


def problems_on(ctx: Context, results: Results, spec: SheetSpec) -> list[Problem]:
    """Every problem on a sheet: parse-time and rule-time."""
    found = [p for p in ctx.registry.problems if p.sheet == spec.title]
    return found + list(results[spec.title].problems)


def problems_at(
    ctx: Context, results: Results, spec: SheetSpec, header: str, row: int
) -> list[Problem]:
    """Problems on one cell of a sheet."""
    cell = address(spec, header, row)
    return [p for p in problems_on(ctx, results, spec) if p.cell == cell]


def the_problem(
    ctx: Context, results: Results, spec: SheetSpec, header: str, row: int, level: Level
) -> Problem:
    """The one problem at a cell; asserts its sheet, level, address and Russian text."""
    found = problems_at(ctx, results, spec, header, row)
    assert len(found) == 1, f"expected one problem at {spec.title}!{header}{row}, got {found}"
    problem = found[0]
    assert problem.sheet == spec.title
    assert problem.level is level
    assert problem.row == row
    assert problem.column == spec.column(header).header
    assert problem.cell == address(spec, header, row)
    assert_russian(problem.message)
    assert_russian(problem.fix)
    return problem


def assert_russian(text: str) -> None:
    """Non-empty staff-facing text written in Russian."""
    assert text.strip(), "empty text"
    assert any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text), f"not Russian: {text!r}"


def assert_quiet(ctx: Context, results: Results, spec: SheetSpec) -> None:
    """No problem at all on the sheet (neither parse-time nor rule-time)."""
    found = problems_on(ctx, results, spec)
    assert not found, f"unexpected problems on «{spec.title}»: {found}"


def value(results: Results, spec: SheetSpec, header: str, row: int) -> Cell:
    """The computed value planned for a cell (None when nothing was planned)."""
    return results[spec.title].values.get(row, {}).get(spec.column(header).header)


def attention_from(ctx: Context, source: str) -> list[AttentionItem]:
    """Attention items of one source sheet."""
    return [item for item in ctx.attention if item.source == source]
