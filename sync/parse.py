"""parse(snapshot) → Registry: typed rows and cell-addressed problems. Pure."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from nastavnik import sheets_schema
from nastavnik.sheets_schema.base import SheetRow, SheetSpec
from nastavnik.sheets_schema.columns import Col, Kind
from nastavnik.sheets_schema.readers import ReadError, is_blank
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sheets_schema.sheets.settings import (
    ORGANISATION,
    RESPONSE_SHEETS,
    SETTINGS,
    SettingRow,
    Settings,
    apply_setting,
)
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.problems import Level, Problem, shown
from nastavnik.sync.registry import ParsedRow, Registry, SheetData
from nastavnik.sync.responses.sheets import read_responses
from nastavnik.sync.snapshot import Cell, Snapshot, Table

INIT_HINT = "Запустите «nastavnik init», чтобы создать недостающие листы и столбцы."


def parse(snapshot: Snapshot) -> Registry:
    """Read every registry sheet of the snapshot into typed rows and problems."""
    problems: list[Problem] = []
    sheets: dict[str, SheetData] = {}
    for spec in sheets_schema.REGISTRY_SHEETS:
        data, found = parse_sheet(spec, snapshot.table(spec.title))
        sheets[spec.title] = data
        problems.extend(found)
    settings, found, places = read_settings(sheets[settings_sheet.TITLE])
    problems.extend(found)
    responses, found = read_responses(snapshot, settings, places.get(RESPONSE_SHEETS))
    problems.extend(found)
    return Registry(sheets, settings, tuple(problems), responses)


def parse_sheet(spec: SheetSpec, table: Table | None) -> tuple[SheetData, list[Problem]]:
    """Parse one sheet; a missing sheet or required column makes it unusable, not fatal."""
    if table is None:
        problem = _sheet_problem(spec, Level.WARNING, f"Лист «{spec.title}» не найден.", INIT_HINT)
        return SheetData(spec, None, False, ()), [problem]
    missing = [h for h in spec.required_headers if table.column_index(h) is None]
    if missing:
        names = ", ".join(f"«{h}»" for h in missing)
        message = f"Нет обязательного столбца: {names}. Строки листа не проверены."
        fix = "Верните столбец с точно таким заголовком в строку 1 (порядок столбцов не важен)."
        return SheetData(spec, table, False, ()), [_sheet_problem(spec, Level.ERROR, message, fix)]
    rows, problems = _parse_rows(spec, table)
    problems.extend(formula_problems(spec, table, {parsed.row for parsed in rows}))
    return SheetData(spec, table, True, tuple(rows)), problems


FORMULA_KEPT = "В ячейке формула: программа оставляет её как есть и не заполняет эту ячейку."
FORMULA_KEPT_FIX = (
    "Если ячейку должна заполнять программа, удалите формулу (очистите ячейку); "
    "иначе ничего делать не нужно."
)
NO_RESULT = "В ячейке формула без сохранённого результата: значение неизвестно, строка не учтена."
NO_RESULT_FIX = (
    "Откройте файл в Excel или LibreOffice и сохраните его: формулы пересчитаются и их "
    "результаты сохранятся."
)


def formula_problems(spec: SheetSpec, table: Table, used: set[int]) -> list[Problem]:
    """Warnings at formula cells of declared columns: kept in key/calc, unreadable when uncached.

    A formula in a key/calc column is reported on rows in use (`used`) only: staff who fill
    a formula down an empty column get no warning for rows with nothing to fill.
    """
    if not table.formulas:
        return []
    by_index = {table.column_index(col.header): col for col in spec.columns}
    found = []
    for row, index in sorted(table.formulas):
        col = by_index.get(index)
        if row < 2 or col is None:
            continue
        if col.is_auto:
            if row not in used:
                continue
            message, fix = FORMULA_KEPT, FORMULA_KEPT_FIX
        elif (row, index) in table.uncached:
            message, fix = NO_RESULT, NO_RESULT_FIX
        else:
            continue
        cell = cell_address(row, index)
        value = shown(table.value(row, index))
        found.append(Problem(spec.title, row, col.header, cell, value, Level.WARNING, message, fix))
    return found


def _sheet_problem(spec: SheetSpec, level: Level, message: str, fix: str) -> Problem:
    return Problem(spec.title, None, "", "", "", level, message, fix)


def _parse_rows(spec: SheetSpec, table: Table) -> tuple[list[ParsedRow], list[Problem]]:
    assert spec.model is not None
    fields = [
        (name, spec.column(header), table.column_index(header))
        for name, header in zip(spec.field_names, spec.field_headers, strict=True)
    ]
    present = [(name, col, index) for name, col, index in fields if index is not None]
    content = [index for _, col, index in present if _is_content(spec, col)]
    rows: list[ParsedRow] = []
    problems: list[Problem] = []
    shared = _FieldsSet()
    for number, raw in table.numbered_rows():
        if all(index >= len(raw) or is_blank(raw[index]) for index in content):
            continue
        values = {name: raw[index] if index < len(raw) else None for name, _, index in present}
        try:
            record = spec.model.model_validate(values)
        except ValidationError as error:
            found = _cell_problems(spec, number, present, values, error)
            problems.extend(p for p in found if not _unknown_result(table, number, p))
            rows.append(ParsedRow(number, _partial_record(spec, present, values, error), raw))
            continue
        rows.append(ParsedRow(number, shared.share(record), raw))
    return rows, problems


class _FieldsSet:
    """Shares one «fields set» among a sheet's records (pydantic keeps one set per record).

    Every row of a sheet is validated from the same keys, so every record's set is equal;
    on 100,000 meetings one shared set instead of a set per row saves ≈ 70 MiB. The records
    are frozen, so nothing adds to the set, and pydantic copies it in `model_copy`.
    """

    __slots__ = ("_set",)

    def __init__(self) -> None:
        self._set: set[str] | None = None

    def share(self, record: SheetRow) -> SheetRow:
        """`record`, holding the shared set when its own is equal to it."""
        own = record.__pydantic_fields_set__
        if self._set is None:
            self._set = own
        elif own == self._set:
            object.__setattr__(record, "__pydantic_fields_set__", self._set)
        return record


def _unknown_result(table: Table, row: int, problem: Problem) -> bool:
    """A problem at a formula with no stored result (it gets its own warning instead)."""
    index = table.column_index(problem.column)
    return index is not None and (row, index) in table.uncached


def _partial_record(
    spec: SheetSpec,
    present: Iterable[tuple[str, Col, int]],
    values: dict[str, Cell],
    error: ValidationError,
) -> SheetRow | None:
    """The row's readable facts when its key facts (`spec.counts_by`) are all readable.

    The unreadable cells become blank (their errors are reported at the cell), so a meeting
    with a misspelled «Формат» still counts as a meeting. None when a key fact is unreadable.
    """
    assert spec.model is not None
    bad = {str(item["loc"][0]) if item["loc"] else "" for item in error.errors()}
    headers = {name: col.header for name, col, _ in present}
    if "" in bad or not spec.counts_despite({headers[name] for name in bad}):
        return None
    fields = {name: None if name in bad else col.read(values[name]) for name, col, _ in present}
    return spec.model.model_construct(**fields)


def _is_content(spec: SheetSpec, col: Col) -> bool:
    """Which cells make a row non-blank: input cells (and key cells where nothing is required)."""
    return col.kind is Kind.INPUT or (col.kind is Kind.KEY and not spec.required_headers)


def _cell_problems(
    spec: SheetSpec,
    row: int,
    present: Iterable[tuple[str, Col, int]],
    values: dict[str, Cell],
    error: ValidationError,
) -> list[Problem]:
    where = {name: (col, index) for name, col, index in present}
    found = []
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else ""
        col, index = where[name]
        ctx = item.get("ctx") or {}
        message = str(ctx.get("message") or "Недопустимое значение.")
        fix = str(ctx.get("fix") or f"Проверьте значение в столбце «{col.header}».")
        cell = cell_address(row, index)
        value = shown(values.get(name))
        found.append(Problem(spec.title, row, col.header, cell, value, Level.ERROR, message, fix))
    return found


SettingPlaces = dict[str, tuple[int, str]]  # setting's name → its row and «Значение» cell


def read_settings(data: SheetData) -> tuple[Settings, list[Problem], SettingPlaces]:
    """Effective settings: defaults overridden by valid rows of «Настройки»; where each is."""
    settings = Settings()
    problems: list[Problem] = []
    by_name = {fold(d.name): d for d in SETTINGS}
    value_index = data.table.column_index("Значение") if data.table else None
    places: SettingPlaces = {}
    for number, row in data.records(SettingRow):
        definition = by_name.get(fold(row.name))
        cell = cell_address(number, value_index) if value_index is not None else ""
        if definition is None:
            problems.append(_unknown_setting(data, number, row.name))
            continue
        places.setdefault(definition.name, (number, cell))
        if is_blank(row.value):
            continue
        try:
            settings = apply_setting(settings, definition, row.value)
        except ReadError as error:
            used = f"по умолчанию: {definition.default}" if definition.default else "не задано"
            problems.append(
                Problem(
                    data.spec.title,
                    number,
                    "Значение",
                    cell,
                    shown(row.value),
                    Level.ERROR,
                    f"{error.message} Значение параметра — {used}.",
                    error.fix,
                )
            )
    if data.table is not None and not settings.organisation.strip():
        problems.append(_no_organisation(data, places.get(ORGANISATION)))
    return settings, problems, places


def _unknown_setting(data: SheetData, number: int, name: str) -> Problem:
    return Problem(
        data.spec.title,
        number,
        "Параметр",
        "",
        name,
        Level.WARNING,
        f"Неизвестный параметр «{name}»; он не используется.",
        "Проверьте название: оно должно совпадать с одним из списка по умолчанию.",
    )


def _no_organisation(data: SheetData, name_at: tuple[int, str] | None) -> Problem:
    """One warning, at the name's «Значение» cell (or the sheet when the row is missing)."""
    row, cell = name_at if name_at else (None, "")
    return Problem(
        data.spec.title,
        row,
        "Значение" if name_at else "",
        cell,
        "",
        Level.WARNING,
        f"Не указано название образовательной организации («{ORGANISATION}»): "
        "без него не составить отчёт и страницу для сайта.",
        f"Впишите название школы в столбец «Значение» строки «{ORGANISATION}» "
        'или выполните: nastavnik init --school "Название школы".',
    )
