"""Which sheets are survey response sheets: those «Настройки» names, and only those.

A sheet titled like a form's own («Ответы на форму (1)», «Form Responses 1») that «Настройки»
does not name is offered in a warning, never used silently: a school may keep an old or a
test form's answers beside the real ones.
"""

from __future__ import annotations

from nastavnik import sheets_schema
from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.names import not_found_fix
from nastavnik.sync.problems import Level, Problem
from nastavnik.sync.responses.rows import ResponseSheet, read_response_sheet
from nastavnik.sync.snapshot import Snapshot, Table

OURS = frozenset(fold(spec.title) for spec in sheets_schema.ALL_SHEETS)


def read_responses(
    snapshot: Snapshot, settings: Settings, where: tuple[int, str] | None
) -> tuple[tuple[ResponseSheet, ...], list[Problem]]:
    """The response sheets «Настройки» names, read; problems at the setting or their cells.

    `where` is the setting's row and «Значение» cell on «Настройки» (None when it has no row).
    """
    tables, problems = _named_tables(snapshot, settings.response_sheets, where)
    if not settings.response_sheets:
        problems.extend(_offers(snapshot))
    sheets = []
    for table in tables:
        sheet, found = read_response_sheet(table)
        sheets.append(sheet)
        problems.extend(found)
    return tuple(sheets), problems


def _named_tables(
    snapshot: Snapshot, names: tuple[str, ...], where: tuple[int, str] | None
) -> tuple[list[Table], list[Problem]]:
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for name in _split(snapshot, names):
        table = snapshot.table(name)
        if fold(name) in OURS:
            problems.append(_setting_problem(where, name, _ours_message(name), _OURS_FIX))
        elif table is None:
            others = [t for t in snapshot.order if fold(t) not in OURS]
            fix = not_found_fix("лист с ответами формы (название — как на ярлычке)", name, others)
            problems.append(_setting_problem(where, name, f"Листа «{name}» нет.", fix))
        else:
            tables.setdefault(table.title, table)
    return list(tables.values()), problems


def _split(snapshot: Snapshot, names: tuple[str, ...]) -> list[str]:
    """Names as written; one that is not a sheet but whose comma-parts are, becomes those."""
    found: list[str] = []
    for name in names:
        parts = [p.strip() for p in name.split(",") if p.strip()]
        if snapshot.table(name) is None and len(parts) > 1 and all(map(snapshot.table, parts)):
            found.extend(parts)
        else:
            found.append(name)
    return found


def _offers(snapshot: Snapshot) -> list[Problem]:
    titles = snapshot.order
    return [_offer(t) for t in titles if survey.is_response_title(t) and snapshot.table(t)]


def _offer(title: str) -> Problem:
    message = (
        "Похоже, это лист ответов опроса, но ответы с него не учитываются: он не указан "
        f"на листе «{settings_sheet.TITLE}»."
    )
    fix = (
        f"Если это ответы на опрос обратной связи, впишите «{title}» на листе "
        f"«{settings_sheet.TITLE}» в строку «{survey.SETTING}», столбец «Значение». "
        "Если нет — ничего делать не нужно."
    )
    return Problem(title, None, "", "", "", Level.WARNING, message, fix)


_OURS_FIX = f"Укажите лист, куда форма складывает ответы («{survey.FIRST_RESPONSE_TITLE}»)."


def _ours_message(name: str) -> str:
    return f"«{name}» — лист самой программы, а не ответы формы; он не читается как ответы."


def _setting_problem(where: tuple[int, str] | None, name: str, message: str, fix: str) -> Problem:
    row, cell = where or (None, "")
    return Problem(settings_sheet.TITLE, row, "Значение", cell, name, Level.ERROR, message, fix)
