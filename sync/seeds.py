"""Initial content `init` writes below existing data: the school's roadmap, default settings,
the roles of «Ответственные». Never into a row that holds anything — except the one blank cell
of the school's name, which `init --school` fills."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sheets_schema.readers import is_blank, read_text
from nastavnik.sheets_schema.seed_roadmap import ROLES, SEED_ITEMS
from nastavnik.sheets_schema.sheets import plan_graph, responsibles, roadmap, settings
from nastavnik.sheets_schema.sheets.settings import ORGANISATION, REGISTRY_START, SETTINGS
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.changeset import ChangeSetBuilder
from nastavnik.sync.snapshot import Cell, Snapshot, Table


@dataclass(frozen=True)
class SeedOptions:
    """What `init` was told: the day it runs (the shell's clock; None leaves «Начало учёта»
    blank) and the school's name (None leaves it blank)."""

    today: date | None = None
    school: str | None = None


def plan_seeds(
    snapshot: Snapshot,
    planned: Mapping[str, Table],
    builder: ChangeSetBuilder,
    options: SeedOptions,
) -> None:
    """Seed the roadmap and roles when their sheets are new or empty; add missing settings."""
    road = planned[roadmap.TITLE]
    if not road.rows:
        rows: list[list[Cell]] = [
            [i.number, i.activity, i.deadline, i.responsible] for i in SEED_ITEMS
        ]
        _append(builder, road, ("№ п/п", "Мероприятие", "Сроки", "Ответственные"), rows)
    roles = planned[responsibles.TITLE]
    if not roles.rows:
        _append(builder, roles, ("Роль",), [[role] for role in ROLES])
    # A workbook whose plan-graph was never filled starts its registry today; one already in
    # use gets a blank «Начало учёта» (every deadline of the period counts, as before).
    fresh = not planned[plan_graph.TITLE].rows
    _seed_settings(planned[settings.TITLE], builder, options, fresh=fresh)


def _seed_settings(
    table: Table, builder: ChangeSetBuilder, options: SeedOptions, *, fresh: bool
) -> None:
    index = table.column_index("Параметр")
    present: dict[str, int] = {}
    for number, row in table.numbered_rows():
        if index is not None and index < len(row):
            present.setdefault(fold(read_text(row[index]) or ""), number)
    values: dict[str, Cell] = {
        ORGANISATION: options.school,
        REGISTRY_START: f"{options.today:%d.%m.%Y}" if fresh and options.today else None,
    }
    missing: list[list[Cell]] = [
        [d.name, values.get(d.name, d.default)] for d in SETTINGS if fold(d.name) not in present
    ]
    _append(builder, table, ("Параметр", "Значение"), missing)
    name_row = present.get(fold(ORGANISATION))
    if options.school and name_row is not None:
        _fill_school(table, builder, name_row, options.school)


def _fill_school(table: Table, builder: ChangeSetBuilder, row: int, school: str) -> None:
    """`--school` on a workbook that has the name row: fill it when blank, never overwrite."""
    index = table.column_index("Значение")
    if index is None:
        return
    current = table.value(row, index)
    if is_blank(current):
        builder.fill_blank(table, settings.SPEC, row, index, school)
    elif fold(read_text(current) or "") != fold(school):
        raise ConfigError(
            f"В листе «{settings.TITLE}» уже указана организация «{read_text(current)}»; "
            "таблица не изменена.",
            hint=f"Чтобы сменить название, исправьте ячейку «Значение» строки «{ORGANISATION}» "
            "в таблице.",
        )


def _append(
    builder: ChangeSetBuilder, table: Table, headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> None:
    indices = [table.column_index(h) for h in headers]
    for offset, values in enumerate(rows, start=1):
        for index, value in zip(indices, values, strict=True):
            if index is not None:
                builder.seed_cell(table, table.title, table.last_row + offset, index, value)
