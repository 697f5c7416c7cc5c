"""«Настройки» and «План-график» rules: firing on a bad row, quiet on a good one."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.sheets import plan_graph, roadmap, settings
from nastavnik.sync.problems import Level
from tests import factories as f
from tests import results as r

SCHOOL = f.setting("Образовательная организация", "МБОУ «Лицей № 1»")


def test_a_valid_setting_changes_the_effective_value_quietly() -> None:
    ctx, results = r.run_rules(
        f.workbook(settings=[SCHOOL, f.setting("Предупреждать о сроке за, дней", "7")])
    )
    assert ctx.settings.warn_days == 7
    r.assert_quiet(ctx, results, settings.SPEC)


def test_a_bad_setting_value_is_an_error_at_its_cell_and_the_default_is_used() -> None:
    ctx, results = r.run_rules(
        f.workbook(settings=[f.setting("Предупреждать о сроке за, дней", "две недели")])
    )
    problem = r.the_problem(ctx, results, settings.SPEC, "Значение", 2, Level.ERROR)
    assert "14" in problem.message
    assert ctx.settings.warn_days == 14


def test_an_unknown_setting_name_is_a_warning() -> None:
    ctx, results = r.run_rules(f.workbook(settings=[SCHOOL, f.setting("Цвет обложки", "синий")]))
    problems = r.problems_on(ctx, results, settings.SPEC)
    assert [p.level for p in problems] == [Level.WARNING]


def _plan(**marks: object) -> dict[str, object]:
    row: dict[str, object] = {"Код": "04-2025-09", "№ п/п": 4, "Учебный год": "2025/26"}
    row.update(marks)
    return row


def _roadmap_item() -> dict[str, object]:
    return {
        "№ п/п": 4,
        "Мероприятие": "Актуализация",
        "Сроки": "ежегодно, сентябрь",
        "Ответственные": "заместитель директора",
    }


def test_done_without_a_date_is_a_warning_and_done_with_a_date_is_quiet() -> None:
    snap = f.workbook(
        roadmap=[_roadmap_item()], plan_graph=[_plan(**{"Отметка о выполнении": "выполнено"})]
    )
    ctx, results = r.run_rules(snap)
    r.the_problem(ctx, results, plan_graph.SPEC, "Дата выполнения", 2, Level.WARNING)
    snap = f.workbook(
        roadmap=[_roadmap_item()],
        plan_graph=[
            _plan(**{"Отметка о выполнении": "выполнено", "Дата выполнения": date(2025, 9, 20)})
        ],
    )
    ctx, results = r.run_rules(snap)
    r.assert_quiet(ctx, results, plan_graph.SPEC)
    assert r.value(results, plan_graph.SPEC, "Состояние", 2) == "выполнено"


def test_a_completion_date_in_the_future_is_an_error() -> None:
    snap = f.workbook(
        roadmap=[_roadmap_item()],
        plan_graph=[
            _plan(**{"Отметка о выполнении": "выполнено", "Дата выполнения": date(2026, 1, 1)})
        ],
    )
    ctx, results = r.run_rules(snap)
    r.the_problem(ctx, results, plan_graph.SPEC, "Дата выполнения", 2, Level.ERROR)


def test_duplicate_roadmap_numbers_are_errors_and_unique_numbers_are_quiet() -> None:
    ctx, results = r.run_rules(f.workbook(roadmap=[_roadmap_item(), _roadmap_item()]))
    assert (
        len([p for p in r.problems_on(ctx, results, roadmap.SPEC) if p.level is Level.ERROR]) == 2
    )
    ctx, results = r.run_rules(f.workbook(roadmap=[_roadmap_item()]))
    r.assert_quiet(ctx, results, roadmap.SPEC)
