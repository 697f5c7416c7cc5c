"""Rules of «Встречи»: the pair must exist, dates inside its period and not in the future."""

from __future__ import annotations

from datetime import date, timedelta

from nastavnik.sheets_schema.sheets import meetings, pairs
from nastavnik.sync.compute.meetings import compute_meetings
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    PAIR_CODE,
    TODAY,
    drop_column,
    meeting,
    pair,
    workbook,
)
from tests.results import (
    assert_quiet,
    prepare,
    problems_on,
    run_rules,
    the_problem,
    value,
)

SPEC = meetings.SPEC


def test_valid_meeting_is_quiet_and_names_the_pair_participants() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting()]))
    assert_quiet(ctx, results, SPEC)
    assert value(results, SPEC, "Наставник", 2) == MENTOR
    assert value(results, SPEC, "Наставляемый", 2) == MENTEE


def test_meeting_of_unknown_pair_is_an_error_suggesting_the_closest_code() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting(pair_code="НП-0001")]))
    problem = the_problem(ctx, results, SPEC, "Код пары", 2, Level.ERROR)
    assert "НП-0001" in problem.message
    assert PAIR_CODE in problem.fix


def test_meeting_of_unknown_pair_gets_no_participants_and_is_not_counted() -> None:
    ctx = prepare(workbook(meetings=[meeting(pair_code="НП-999")]))
    assert compute_meetings(ctx) == {}
    assert value(ctx.results, SPEC, "Наставник", 2) is None


def test_pair_code_is_matched_ignoring_case_and_spaces() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting(pair_code=" нп-001 ")]))
    assert_quiet(ctx, results, SPEC)
    assert value(results, SPEC, "Наставник", 2) == MENTOR


def test_meeting_of_an_unreadable_pair_row_is_not_reported_again() -> None:
    broken = pair(status="непонятно")  # the pair row has its own error on «Пары»
    ctx, results = run_rules(workbook(pairs=[broken], meetings=[meeting()]))
    assert results[SPEC.title].problems == []
    assert any(p.sheet == pairs.TITLE for p in ctx.registry.problems)


def test_meeting_before_pair_start_is_a_warning() -> None:
    early = meeting(day=date(2025, 8, 31))  # the default pair starts on 01.09.2025
    ctx, results = run_rules(workbook(meetings=[early]))
    problem = the_problem(ctx, results, SPEC, "Дата", 2, Level.WARNING)
    assert PAIR_CODE in problem.message


def test_meeting_after_completed_pair_end_is_a_warning() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 31), result="Цели достигнуты")
    ctx, results = run_rules(workbook(pairs=[done], meetings=[meeting(day=date(2025, 11, 1))]))
    the_problem(ctx, results, SPEC, "Дата", 2, Level.WARNING)


def test_meetings_on_the_first_and_last_day_of_the_pair_are_quiet() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 31), result="Цели достигнуты")
    days = [meeting(day=date(2025, 9, 1)), meeting(day=date(2025, 10, 31))]
    ctx, results = run_rules(workbook(pairs=[done], meetings=days))
    assert_quiet(ctx, results, SPEC)


def test_meeting_of_active_pair_after_its_planned_end_is_left_to_the_pair_warning() -> None:
    overdue = pair(start=date(2025, 6, 1), planned_end=date(2025, 11, 1))
    ctx, results = run_rules(workbook(pairs=[overdue], meetings=[meeting(day=date(2025, 11, 10))]))
    assert_quiet(ctx, results, SPEC)
    assert any(p.column == "Статус" for p in results[pairs.TITLE].problems)


def test_future_meeting_is_a_warning_asking_whether_it_is_planned() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting(day=TODAY + timedelta(days=1))]))
    problem = the_problem(ctx, results, SPEC, "Дата", 2, Level.WARNING)
    assert "запланирована" in problem.message


def test_meeting_today_is_quiet() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting(day=TODAY)]))
    assert_quiet(ctx, results, SPEC)


def test_meeting_days_are_returned_per_folded_pair_code() -> None:
    second = pair(code="НП-002", mentee="Сидорова Анна Ивановна")
    snap = workbook(
        pairs=[pair(), second],
        meetings=[
            meeting(day=date(2025, 10, 1)),
            meeting(day=date(2025, 10, 8), pair_code="нп-001"),
            meeting(day=date(2025, 8, 1)),  # before the start: a warning, still a meeting
            meeting(day=date(2025, 10, 9), pair_code="НП-404"),
        ],
    )
    days = compute_meetings(prepare(snap))
    assert sorted(days) == ["нп-001"]
    assert sorted(days["нп-001"]) == [date(2025, 8, 1), date(2025, 10, 1), date(2025, 10, 8)]


def test_meeting_count_and_last_meeting_reach_the_pair() -> None:
    days = [meeting(day=date(2025, 10, 1)), meeting(day=date(2025, 11, 3))]
    _, results = run_rules(workbook(meetings=days))
    assert value(results, pairs.SPEC, "Встреч всего", 2) == 2
    assert value(results, pairs.SPEC, "Последняя встреча", 2) == date(2025, 11, 3)


def test_sheet_without_a_required_column_is_skipped() -> None:
    ctx = prepare(drop_column(workbook(meetings=[meeting()]), SPEC.title, "Код пары"))
    assert compute_meetings(ctx) == {}
    assert ctx.results[SPEC.title].values == {}
    found = problems_on(ctx, ctx.results, SPEC)
    assert [(p.level, p.row) for p in found] == [(Level.ERROR, None)]
