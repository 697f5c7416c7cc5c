"""`init` for a new school, through the engine: its name, its start date, nothing of the
school whose roadmap is the seed; on an existing workbook it fills a blank name and never
overwrites one."""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sheets_schema.sheets import plan_graph, roadmap, settings
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import run_init
from nastavnik.sync.seeds import SeedOptions
from tests.engine_helpers import column, sync

STARTED = date(2026, 11, 27)
GYMNASIUM = "МБОУ «Гимназия № 2»"


def setting_value(workbook: MemoryWorkbook, name: str) -> object:
    names = column(workbook, settings.SPEC, "Параметр")
    return column(workbook, settings.SPEC, "Значение")[names.index(name)]


def every_text(workbook: MemoryWorkbook) -> list[str]:
    return [
        str(value)
        for title in workbook.sheets
        for row in workbook.grid(title)
        for value in row
        if value is not None
    ]


def test_a_new_school_starts_with_its_name_its_start_date_and_nothing_overdue() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(today=STARTED, school=GYMNASIUM))
    assert setting_value(workbook, "Образовательная организация") == GYMNASIUM
    assert setting_value(workbook, "Начало учёта") == "27.11.2026"
    report = sync(workbook, STARTED)
    assert [item for item in report.outcome.attention if item.overdue_days > 0] == []
    soon = {i.due for i in report.outcome.attention if i.source == plan_graph.TITLE}
    assert soon == {date(2026, 11, 30)}  # item 11 (октябрь - ноябрь): due in 3 days
    states = column(workbook, plan_graph.SPEC, "Состояние")
    assert "просрочено" not in states
    # 30.09.2024 … 31.10.2026 came before the start: all still listed, none overdue
    codes = column(workbook, plan_graph.SPEC, "Код")
    assert states[codes.index("04-2024-09")] == "до начала учёта"
    assert states[codes.index("23-2027-05")] == "в срок"
    assert column(workbook, roadmap.SPEC, "Состояние")[0] == "до начала учёта"  # 2024 only
    assert not [t for t in every_text(workbook) if "СОШ" in t or "МАОУ" in t]


def test_the_seeded_roadmap_speaks_of_the_school_without_naming_one() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(today=STARTED))
    activities = [str(a) for a in column(workbook, roadmap.SPEC, "Мероприятие")]
    assert len(activities) == 26
    assert activities[13].endswith("работникам образовательной организации)")
    assert "наставничества в образовательной организации в соответствии" in activities[0]


def test_without_a_school_the_name_stays_blank_and_sync_warns_once() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(today=STARTED))
    assert setting_value(workbook, "Образовательная организация") is None
    problems = sync(workbook, STARTED).outcome.problems
    named = [p for p in problems if "название образовательной организации" in p.message]
    assert [(p.sheet, p.cell) for p in named] == [("Настройки", "B2")]


def test_init_with_a_school_fills_a_blank_name_once() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(today=STARTED))
    filled = run_init(workbook, SeedOptions(today=date(2026, 12, 1), school=GYMNASIUM))
    assert [(w.sheet, w.row, w.value) for w in filled.writes] == [("Настройки", 2, GYMNASIUM)]
    assert setting_value(workbook, "Начало учёта") == "27.11.2026"  # kept from the first init
    assert run_init(workbook, SeedOptions(today=date(2026, 12, 2), school=GYMNASIUM)).is_empty


def test_init_never_overwrites_another_name() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(today=STARTED, school=GYMNASIUM))
    with pytest.raises(ConfigError, match="Гимназия № 2"):
        run_init(workbook, SeedOptions(today=STARTED, school="МБОУ «Лицей № 7»"))
    assert setting_value(workbook, "Образовательная организация") == GYMNASIUM


def test_a_workbook_already_in_use_gets_a_blank_start_date_and_keeps_its_overdue_items() -> None:
    workbook = MemoryWorkbook()
    run_init(workbook, SeedOptions(school=GYMNASIUM))  # as before: no start date
    sync(workbook, date(2025, 11, 20))  # the plan-graph is in use
    grid = workbook.grid(settings.TITLE)
    grid[:] = [row for row in grid if row[0] != "Начало учёта"]  # a workbook from before
    added = run_init(workbook, SeedOptions(today=STARTED))
    assert [w.value for w in added.writes if w.sheet == settings.TITLE] == ["Начало учёта"]
    assert setting_value(workbook, "Начало учёта") is None
    sync(workbook, STARTED)
    states = column(workbook, plan_graph.SPEC, "Состояние")
    assert "до начала учёта" not in states and "просрочено" in states
