"""`nastavnik demo`: write the demo workbook, prepare it like `init`, then sync it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from nastavnik.demo.data import DEMO_MISTAKES, demo_grids
from nastavnik.demo.survey import FORM_SHEET, form_widths
from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sheets_schema.sheets import plan_graph
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.changeset import CellWrite, ChangeSet
from nastavnik.sync.engine import ALL_TITLES, Clock, RunReport, run_init, run_sync
from nastavnik.sync.snapshot import Cell, Table

DEFAULT_DEMO = "nastavnichestvo-demo.xlsx"


def demo_changes(today: date) -> ChangeSet:
    """The demo data as one ChangeSet of new sheets (what staff would have typed), with the
    column widths the form's sheet has in Google Sheets (a timestamp is wider than the default)."""
    changes = grid_changes(demo_grids(today))
    return replace(changes, column_formats=form_widths())


def grid_changes(grids: Mapping[str, Sequence[Sequence[Cell]]]) -> ChangeSet:
    """Grids (title → rows, header first) as one ChangeSet of new sheets: staff's typing."""
    writes = [
        CellWrite(title, row, column, value)
        for title, grid in grids.items()
        for row, line in enumerate(grid, start=1)
        for column, value in enumerate(line)
        if value is not None
    ]
    return ChangeSet(new_sheets=tuple(grids), writes=tuple(writes))


def build_demo(path: Path, today: date, clock: Clock, *, force: bool = False) -> RunReport:
    """Create the demo workbook at `path` (replacing an old demo), init and sync it."""
    if path.exists():
        if not (force or path.name == DEFAULT_DEMO):
            raise WorkbookError(
                f"Файл «{path}» уже существует.",
                hint="Укажите другой путь или добавьте --force, чтобы перезаписать его.",
            )
        path.unlink()
    workbook = XlsxWorkbook(path)
    workbook.apply(demo_changes(today), workbook.read(()))
    run_init(workbook)
    run_sync(workbook, today, clock, command="demo")  # creates «План-график»
    snapshot = workbook.read(ALL_TITLES)
    marks = plan_marks(snapshot.table(plan_graph.TITLE), today)
    if not marks.is_empty:
        workbook.apply(marks, snapshot)
    return run_sync(workbook, today, clock, command="demo")


LEFT_UNDONE = 2  # the latest past roadmap deadlines the demo leaves unmarked (overdue)


def plan_marks(table: Table | None, today: date) -> ChangeSet:
    """Staff marks on «План-график»: past deadlines done, one late, the latest two left open."""
    if table is None:
        return ChangeSet()
    code, due = table.column_index("Код"), table.column_index("Срок")
    mark, done = table.column_index("Отметка о выполнении"), table.column_index("Дата выполнения")
    if None in (code, due, mark, done):
        return ChangeSet()
    assert code is not None and due is not None and mark is not None and done is not None
    past = sorted(
        (day, number)
        for number, row in table.numbered_rows()
        if isinstance(day := table.value(number, due), date) and day < today
    )
    writes: list[CellWrite] = []
    for position, (day, number) in enumerate(past[: max(len(past) - LEFT_UNDONE, 0)]):
        finished = day + timedelta(days=5) if position == 3 else day - timedelta(days=position % 4)
        writes.append(CellWrite(table.title, number, mark, "выполнено"))
        writes.append(CellWrite(table.title, number, done, finished, is_date=True))
    return ChangeSet(writes=tuple(writes))


def demo_guide(path: Path) -> Iterator[str]:
    """What to open in the demo workbook, and the mistakes planted in it."""
    yield ""
    yield f"Демонстрационная таблица: {path.resolve()}"
    yield "Откройте листы:"
    yield "  «Сводка» — главные цифры текущего учебного года;"
    yield "  «Просрочено» — что нужно сделать и кому, самое срочное сверху;"
    yield "  «Ошибки» — все замечания к данным с адресом ячейки и подсказкой;"
    yield "  «Пары», «Педагоги» — столбцы справа (серые) заполнены автоматически;"
    yield (
        "  «План-график» — все сроки дорожной карты: прошедшие отмечены выполненными, "
        f"последние {LEFT_UNDONE} — нет (они красные и попали в «Просрочено»);"
    )
    yield (
        f"  «{FORM_SHEET}» — сюда форма опроса (декабрь, апрель) складывает ответы; "
        "вопросы формы печатает «nastavnik form», ответы учитываются вместе с «Обратной связью»."
    )
    yield "В демо-данные нарочно внесены ошибки:"
    for mistake in DEMO_MISTAKES:
        yield f"  • {mistake}"
