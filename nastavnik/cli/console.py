"""Russian text for the terminal, built from reports (pure: returns strings, prints nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from nastavnik.sheets_schema.text import count
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.engine import RunReport
from nastavnik.sync.problems import Problem

MAX_PER_SHEET = 200


def summary_lines(report: RunReport) -> Iterator[str]:
    """Headline numbers of a run."""
    outcome = report.outcome
    yield f"Прочитано строк: {report.registry.rows_read}."
    yield (
        f"Найдено: {count(outcome.errors, 'ошибка', 'ошибки', 'ошибок')}, "
        f"{count(outcome.warnings, 'предупреждение', 'предупреждения', 'предупреждений')}."
    )
    overdue = sum(1 for item in outcome.attention if item.overdue_days > 0)
    soon = len(outcome.attention) - overdue
    yield f"Требует внимания: просрочено — {overdue}, скоро срок — {soon}."
    yield from response_lines(report)


def response_lines(report: RunReport) -> Iterator[str]:
    """One line per survey response sheet: its rows, and the answers that count (the rest are
    repeats, answers from outside the pairs or rows with problems: see «Ошибки»)."""
    answers = report.outcome.context.feedback_answers
    for sheet in report.registry.responses:
        counted = sum(1 for a in answers if a.sheet == sheet.title)
        rows = len(sheet.table.rows)
        yield f"Ответы формы (лист «{sheet.title}»): строк — {rows}, учтено ответов — {counted}."


def problem_lines(problems: tuple[Problem, ...]) -> Iterator[str]:
    """Every problem, grouped by sheet, with its cell, value, message and fix."""
    by_sheet: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_sheet[problem.sheet].append(problem)
    for sheet, items in by_sheet.items():
        yield ""
        yield f"Лист «{sheet}» — {count(len(items), 'замечание', 'замечания', 'замечаний')}:"
        for p in items[:MAX_PER_SHEET]:
            where = p.cell or (f"строка {p.row}" if p.row else "весь лист")
            value = f" [«{p.value}»]" if p.value else ""
            yield f"  {where}{value} {p.level.value}: {p.message} Как исправить: {p.fix}"
        if len(items) > MAX_PER_SHEET:
            yield f"  … и ещё {len(items) - MAX_PER_SHEET} (все — на листе «Ошибки» после sync)."


def change_lines(changes: ChangeSet, limit: int = 50) -> Iterator[str]:
    """What a dry run would write."""
    if changes.is_empty:
        yield "Изменений нет: таблица уже в актуальном состоянии."
        return
    for title in changes.new_sheets:
        yield f"  + лист «{title}»"
    by_sheet: dict[str, int] = defaultdict(int)
    for write in changes.writes:
        by_sheet[write.sheet] += 1
    for sheet, n in by_sheet.items():
        yield f"  лист «{sheet}»: {count(n, 'ячейка', 'ячейки', 'ячеек')}"
    if changes.column_formats:
        yield f"  оформление: {count(len(changes.column_formats), 'столбец', 'столбца', 'столбцов')}"
    from nastavnik.sync.a1 import cell_address

    for write in changes.writes[:limit]:
        yield f"    {write.sheet}!{cell_address(write.row, write.column)} ← {write.value!s}"
    if len(changes.writes) > limit:
        yield f"    … и ещё {len(changes.writes) - limit}"
