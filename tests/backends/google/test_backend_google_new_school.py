"""A new school on Google Sheets, through the fake server: `init` sets the start date, a later
`init --school` fills the blank name, and the first sync finds nothing overdue."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.sheets import plan_graph, settings
from nastavnik.sync.engine import ALL_TITLES, run_init, run_sync
from nastavnik.sync.seeds import SeedOptions
from tests.backend_harnesses import create_google_book, google_workbook
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer

STARTED = date(2026, 11, 27)
GYMNASIUM = "МБОУ «Гимназия № 2»"


def test_init_then_init_school_then_sync_on_google(fake_sheets: FakeServer) -> None:
    workbook = google_workbook(fake_sheets, create_google_book(fake_sheets, {}))
    run_init(workbook, SeedOptions(today=STARTED))
    fake_sheets.controller.reset()
    filled = run_init(workbook, SeedOptions(today=date(2026, 12, 1), school=GYMNASIUM))
    assert [(w.sheet, w.row, w.value) for w in filled.writes] == [(settings.TITLE, 2, GYMNASIUM)]
    # a staff row: its anchor is set and checked (request 3), then the cell lands through it (4)
    assert fake_sheets.controller.writes == 2
    report = run_sync(workbook, STARTED, clock)
    assert [i for i in report.outcome.attention if i.overdue_days > 0] == []
    snapshot = workbook.read(ALL_TITLES)
    table = snapshot.table(settings.TITLE)
    assert table is not None
    assert [list(row[:2]) for row in table.rows[:2]] == [
        ["Образовательная организация", GYMNASIUM],
        ["Начало учёта", "27.11.2026"],
    ]
    graph = snapshot.table(plan_graph.TITLE)
    assert graph is not None
    state = graph.column_index("Состояние")
    assert state is not None
    states = [row[state] for row in graph.rows]
    assert "до начала учёта" in states and "просрочено" not in states
    texts = [str(v) for t in snapshot.tables.values() for row in t.rows for v in row if v]
    assert [t for t in texts if "СОШ" in t or "МАОУ" in t] == []
