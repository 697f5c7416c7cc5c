"""A clean start for a new school: its own name, and «Начало учёта» before which no roadmap
deadline is overdue, missed or counted (but every one stays visible in «План-график»)."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.sheets import plan_graph, roadmap, settings
from nastavnik.sync.compute import compute
from nastavnik.sync.compute.metrics import roadmap_indicators
from nastavnik.sync.parse import parse
from nastavnik.sync.problems import Level
from nastavnik.sync.snapshot import Cell
from tests import factories as f
from tests import results as r

TODAY = date(2025, 11, 20)
SCHOOL = f.setting("Образовательная организация", "МБОУ «Гимназия № 2»")
SEPTEMBER_ITEM = {  # occurrences due 30.09.2024, 30.09.2025 and 30.09.2026
    "№ п/п": 4,
    "Мероприятие": "Актуализация списка наставляемых",
    "Сроки": "ежегодно, сентябрь",
    "Ответственные": "заместитель директора",
}


def _states(start: str | None, *items: dict[str, object]) -> dict[str, dict[str, Cell]]:
    rows = [SCHOOL] + ([f.setting("Начало учёта", start)] if start else [])
    ctx, _ = r.run_rules(f.workbook(settings=rows, roadmap=list(items)), TODAY)
    return {str(row["Код"]): dict(row) for row in ctx.new_rows[plan_graph.TITLE]}


def test_a_deadline_before_the_start_is_shown_but_not_overdue_and_one_after_it_is_overdue() -> None:
    rows = _states("01.09.2025", SEPTEMBER_ITEM)
    assert set(rows) == {"04-2024-09", "04-2025-09", "04-2026-09"}  # all three stay visible
    assert rows["04-2024-09"]["Состояние"] == "до начала учёта"
    assert rows["04-2024-09"]["Просрочено, дней"] is None
    assert rows["04-2025-09"]["Состояние"] == "просрочено"
    assert rows["04-2025-09"]["Просрочено, дней"] == 51  # 30.09.2025 → 20.11.2025
    assert rows["04-2026-09"]["Состояние"] == "в срок"


def test_without_a_start_date_every_deadline_of_the_period_counts_as_before() -> None:
    rows = _states(None, SEPTEMBER_ITEM)
    assert rows["04-2024-09"]["Состояние"] == "просрочено"
    assert rows["04-2024-09"]["Просрочено, дней"] == 416  # 30.09.2024 → 20.11.2025


def test_a_deadline_before_the_start_is_not_in_the_attention_list() -> None:
    snap = f.workbook(
        settings=[SCHOOL, f.setting("Начало учёта", "01.09.2025")], roadmap=[SEPTEMBER_ITEM]
    )
    ctx, _ = r.run_rules(snap, TODAY)
    [item] = r.attention_from(ctx, plan_graph.TITLE)
    assert item.due == date(2025, 9, 30) and item.overdue_days == 51


def test_a_deadline_before_the_start_is_not_counted_in_the_figures() -> None:
    snap = f.workbook(
        settings=[SCHOOL, f.setting("Начало учёта", "01.09.2025")], roadmap=[SEPTEMBER_ITEM]
    )
    outcome = compute(parse(snap), TODAY)
    before = {i.label: i.value for i in roadmap_indicators(outcome.occurrences, "2024/25")}
    assert before["Сроков дорожной карты в учебном году"] == 0
    assert before["Сроков: просрочено"] == 0
    now = {i.label: i.value for i in roadmap_indicators(outcome.occurrences, "2025/26")}
    assert now["Сроков дорожной карты в учебном году"] == 1
    assert now["Сроков: просрочено"] == 1


def test_a_roadmap_item_whose_every_deadline_came_before_the_start_says_so() -> None:
    once = {**SEPTEMBER_ITEM, "Сроки": "сентябрь 2024"}
    snap = f.workbook(settings=[SCHOOL, f.setting("Начало учёта", "01.09.2025")], roadmap=[once])
    _, results = r.run_rules(snap, TODAY)
    assert r.value(results, roadmap.SPEC, "Состояние", 2) == "до начала учёта"
    assert r.value(results, roadmap.SPEC, "Просрочено, дней", 2) is None


def test_a_deadline_before_the_start_marked_done_is_done() -> None:
    snap = f.workbook(
        settings=[SCHOOL, f.setting("Начало учёта", "01.09.2025")],
        roadmap=[SEPTEMBER_ITEM],
        plan_graph=[
            {
                "Код": "04-2024-09",
                "№ п/п": 4,
                "Учебный год": "2024/25",
                "Отметка о выполнении": "выполнено",
                "Дата выполнения": date(2024, 9, 20),
            }
        ],
    )
    _, results = r.run_rules(snap, TODAY)
    assert r.value(results, plan_graph.SPEC, "Состояние", 2) == "выполнено"


def test_a_start_date_that_is_not_a_date_is_an_error_at_its_cell_and_nothing_is_cut_off() -> None:
    snap = f.workbook(settings=[SCHOOL, f.setting("Начало учёта", "с осени")])
    ctx, results = r.run_rules(snap, TODAY)
    problem = r.the_problem(ctx, results, settings.SPEC, "Значение", 3, Level.ERROR)
    assert "не задано" in problem.message
    assert ctx.settings.registry_start is None


def test_a_blank_school_name_is_one_warning_at_its_cell_saying_how_to_set_it() -> None:
    snap = f.workbook(settings=[f.setting("Образовательная организация", None)])
    ctx, results = r.run_rules(snap, TODAY)
    [problem] = r.problems_on(ctx, results, settings.SPEC)
    assert (problem.level, problem.cell, problem.row) == (Level.WARNING, "B2", 2)
    assert "название образовательной организации" in problem.message
    assert 'nastavnik init --school "' in problem.fix
    r.assert_russian(problem.message)


def test_a_missing_school_name_row_is_one_warning_on_the_sheet() -> None:
    ctx, results = r.run_rules(f.workbook(), TODAY)
    [problem] = r.problems_on(ctx, results, settings.SPEC)
    assert (problem.level, problem.cell, problem.row) == (Level.WARNING, "", None)
    assert "«Образовательная организация»" in problem.fix


def test_a_school_name_is_quiet() -> None:
    ctx, results = r.run_rules(f.workbook(settings=[SCHOOL]), TODAY)
    r.assert_quiet(ctx, results, settings.SPEC)
    assert ctx.settings.organisation == "МБОУ «Гимназия № 2»"
