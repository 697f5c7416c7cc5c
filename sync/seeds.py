"""Initial content `init` writes below existing data: the school's roadmap, default settings,
the roles of «Ответственные». Never into a row that holds anything."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nastavnik.sheets_schema.readers import read_text
from nastavnik.sheets_schema.seed_roadmap import ROADMAP_ITEMS, ROLES
from nastavnik.sheets_schema.sheets import responsibles, roadmap, settings
from nastavnik.sheets_schema.sheets.settings import SETTINGS
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.changeset import ChangeSetBuilder
from nastavnik.sync.snapshot import Cell, Snapshot, Table


def plan_seeds(snapshot: Snapshot, planned: Mapping[str, Table], builder: ChangeSetBuilder) -> None:
    """Seed the roadmap and roles when their sheets are new or empty; add missing settings."""
    road = planned[roadmap.TITLE]
    if not road.rows:
        rows: list[list[Cell]] = [
            [i.number, i.activity, i.deadline, i.responsible] for i in ROADMAP_ITEMS
        ]
        _append(builder, road, ("№ п/п", "Мероприятие", "Сроки", "Ответственные"), rows)
    roles = planned[responsibles.TITLE]
    if not roles.rows:
        _append(builder, roles, ("Роль",), [[role] for role in ROLES])
    _seed_settings(planned[settings.TITLE], builder)


def _seed_settings(table: Table, builder: ChangeSetBuilder) -> None:
    index = table.column_index("Параметр")
    present = {
        fold(read_text(row[index]) or "")
        for row in table.rows
        if index is not None and index < len(row)
    }
    missing: list[list[Cell]] = [
        [d.name, d.default] for d in SETTINGS if fold(d.name) not in present
    ]
    _append(builder, table, ("Параметр", "Значение"), missing)


def _append(
    builder: ChangeSetBuilder, table: Table, headers: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> None:
    indices = [table.column_index(h) for h in headers]
    for offset, values in enumerate(rows, start=1):
        for index, value in zip(indices, values, strict=True):
            if index is not None:
                builder.seed_cell(table, table.title, table.last_row + offset, index, value)
