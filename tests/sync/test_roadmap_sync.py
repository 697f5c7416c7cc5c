"""The roadmap through the whole engine: plan-graph rows, states over time, edits, attention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nastavnik.sheets_schema.sheets import plan_graph, responsibles, roadmap
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import run_init
from nastavnik.sync.snapshot import Cell
from tests.engine_helpers import column, sync

WATCHED = "22-2025-12"  # feedback wave of December 2025, due 31.12.2025
WATCHED_DUE = date(2025, 12, 31)


def fresh() -> MemoryWorkbook:
    workbook = MemoryWorkbook()
    run_init(workbook)
    return workbook


def header_index(workbook: MemoryWorkbook, title: str, header: str) -> int:
    return [str(h) for h in workbook.grid(title)[0]].index(header)


def mark_done_up_to(workbook: MemoryWorkbook, today: date, skip: str = "") -> None:
    """Staff mark every occurrence due before `today` done on its due date (except `skip`)."""
    grid = workbook.grid(plan_graph.TITLE)
    code, due = (
        header_index(workbook, plan_graph.TITLE, "Код"),
        header_index(workbook, plan_graph.TITLE, "Срок"),
    )
    mark = header_index(workbook, plan_graph.TITLE, "Отметка о выполнении")
    done = header_index(workbook, plan_graph.TITLE, "Дата выполнения")
    for row in grid[1:]:
        row.extend([None] * (len(grid[0]) - len(row)))
        due_day = row[due]
        if row[code] != skip and isinstance(due_day, date) and due_day < today:
            row[mark], row[done] = "выполнено", due_day


def state_of(workbook: MemoryWorkbook, code: str) -> tuple[Cell, Cell]:
    codes = column(workbook, plan_graph.SPEC, "Код")
    row = codes.index(code)
    return (
        column(workbook, plan_graph.SPEC, "Состояние")[row],
        column(workbook, plan_graph.SPEC, "Просрочено, дней")[row],
    )


def first_days_of_months() -> list[date]:
    return [date(2024 + (m + 8) // 12, (m + 8) % 12 + 1, 1) for m in range(36)]


def test_plan_graph_covers_every_occurrence_of_the_period_once() -> None:
    workbook = fresh()
    sync(workbook, date(2024, 9, 1))
    codes = column(workbook, plan_graph.SPEC, "Код")
    assert len(codes) == len(set(codes))
    assert {
        "01-2024-09",
        "04-2024-09",
        "04-2025-09",
        "04-2026-09",
        "05-2024/25",
        "05-2026/27",
        WATCHED,
    } <= set(codes)
    assert sum(1 for c in codes if str(c).startswith("22-")) == 6


def test_walk_through_time_with_everything_done_on_its_due_date_shows_nothing_overdue() -> None:
    workbook = fresh()
    for today in first_days_of_months():
        sync(workbook, today)
        mark_done_up_to(workbook, today, skip=WATCHED)
        sync(workbook, today)
        states = column(workbook, plan_graph.SPEC, "Состояние")
        codes = column(workbook, plan_graph.SPEC, "Код")
        overdue = [c for c, s in zip(codes, states, strict=True) if s == "просрочено"]
        assert overdue == ([WATCHED] if today > WATCHED_DUE else []), today
        assert "выполнено с опозданием" not in states


@pytest.mark.parametrize(
    ("today", "state", "days"),
    [
        (WATCHED_DUE - timedelta(days=15), "в срок", None),
        (WATCHED_DUE - timedelta(days=14), "скоро срок", None),
        (WATCHED_DUE, "скоро срок", None),
        (WATCHED_DUE + timedelta(days=1), "просрочено", 1),
        (WATCHED_DUE + timedelta(days=40), "просрочено", 40),
    ],
)
def test_one_unmarked_occurrence_becomes_due_soon_then_overdue(
    today: date, state: str, days: int | None
) -> None:
    workbook = fresh()
    sync(workbook, today)
    mark_done_up_to(workbook, today, skip=WATCHED)
    report = sync(workbook, today)
    assert state_of(workbook, WATCHED) == (state, days)
    flagged = [i for i in report.outcome.attention if i.source == plan_graph.TITLE]
    if state == "в срок":
        assert not flagged
    else:
        assert [i.level for i in flagged] == [state]
        assert flagged[0].overdue_days == (days or 0)


def test_done_after_the_due_date_is_done_late() -> None:
    workbook = fresh()
    sync(workbook, date(2026, 2, 1))
    grid = workbook.grid(plan_graph.TITLE)
    row = column(workbook, plan_graph.SPEC, "Код").index(WATCHED) + 1
    grid[row][header_index(workbook, plan_graph.TITLE, "Отметка о выполнении")] = "выполнено"
    grid[row][header_index(workbook, plan_graph.TITLE, "Дата выполнения")] = date(2026, 1, 15)
    sync(workbook, date(2026, 2, 1))
    assert state_of(workbook, WATCHED) == ("выполнено с опозданием", None)


def test_editing_a_deadline_adds_new_occurrences_and_marks_old_ones_stale_keeping_marks() -> None:
    workbook = fresh()
    sync(workbook, date(2025, 1, 10))
    code_col = header_index(workbook, plan_graph.TITLE, "Код")
    comment = header_index(workbook, plan_graph.TITLE, "Комментарий")
    grid = workbook.grid(plan_graph.TITLE)
    old_row = next(r for r in grid if r[code_col] == "07-2024-10")
    old_row[comment] = "провели 28.10"
    road = workbook.grid(roadmap.TITLE)
    deadline = header_index(workbook, roadmap.TITLE, "Сроки")
    item7 = next(r for r in road[1:] if r[0] == 7)
    item7[deadline] = "ежегодно, ноябрь"
    rows_before = len(grid)
    sync(workbook, date(2025, 1, 10))
    assert len(workbook.grid(plan_graph.TITLE)) == rows_before + 3
    assert state_of(workbook, "07-2024-10")[0] == "не актуально"
    assert old_row[comment] == "провели 28.10"
    assert state_of(workbook, "07-2024-11")[0] == "просрочено"


def test_unparseable_deadline_is_an_error_at_its_cell_with_examples() -> None:
    workbook = fresh()
    road = workbook.grid(roadmap.TITLE)
    deadline = header_index(workbook, roadmap.TITLE, "Сроки")
    road[3][deadline] = "когда получится"
    report = sync(workbook, date(2025, 1, 10))
    (problem,) = [p for p in report.outcome.problems if p.sheet == roadmap.TITLE]
    assert problem.cell == f"{chr(65 + deadline)}4" and problem.level.value == "ошибка"
    assert "когда получится" in problem.message and "ежегодно" in problem.fix


def test_overdue_occurrence_names_the_responsible_person_in_the_attention_list() -> None:
    workbook = fresh()
    roles = workbook.grid(responsibles.TITLE)
    fio = header_index(workbook, responsibles.TITLE, "ФИО")
    for row in roles[1:]:
        row.extend([None] * (len(roles[0]) - len(row)))
        if row[0] == "заместитель директора":
            row[fio] = "Орлова Светлана Викторовна"
    sync(workbook, date(2024, 10, 15))
    attention = workbook.grid("Просрочено")
    item4 = next(r for r in attention[1:] if str(r[1]).startswith("п. 4:"))
    assert "Орлова Светлана Викторовна" in str(item4[2])
    assert item4[4] == 15 and item4[5] == "просрочено"


def test_summary_and_monitoring_count_roadmap_occurrences() -> None:
    workbook = fresh()
    sync(workbook, date(2025, 10, 15))
    summary = {str(r[1]): ([*r, None])[2] for r in workbook.grid("Сводка")[1:]}
    assert summary["Сроков: просрочено"] == 1  # item 4, September 2025
    monitoring = workbook.grid("Мониторинг")
    assert monitoring[0][2:] == ["2024/25", "2025/26", "2026/27"]
    overdue_row = next(r for r in monitoring if r[1] == "Сроков: просрочено") + [None] * 5
    assert isinstance(overdue_row[2], int) and overdue_row[2] > 0
    assert overdue_row[3] == 1 and overdue_row[4] is None


def test_an_overdue_item_with_blank_responsibles_is_an_error_at_its_cell_not_a_crash() -> None:
    """Found by the randomised bad-input test: the required «Ответственные» left blank."""
    row: list[Cell] = [1, "Приказ о наставничестве", "до 01.10.2025", None]
    header: list[Cell] = ["№ п/п", "Мероприятие", "Сроки", "Ответственные"]
    workbook = MemoryWorkbook.from_grids({roadmap.TITLE: [header, row]})
    report = sync(workbook, date(2025, 11, 20))
    [problem] = [p for p in report.outcome.problems if p.sheet == roadmap.TITLE]
    assert (problem.cell, problem.is_error) == ("D2", True)
    [item] = [i for i in report.outcome.attention if i.what.startswith("п. 1:")]
    assert (item.role, item.due) == ("", date(2025, 10, 1))
