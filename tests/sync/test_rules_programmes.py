"""Rules of «Программы» and «Этапы программ»: references, dates, status, progress, overdue stages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nastavnik.sheets_schema.sheets import programmes, stages
from nastavnik.sync.compute.attention import DUE_SOON, OVERDUE
from nastavnik.sync.compute.stages import StageStats, compute_stages
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    PAIR_CODE,
    PROGRAMME_CODE,
    TODAY,
    Row,
    pair,
    programme,
    setting,
    stage,
    workbook,
)
from tests.results import (
    assert_quiet,
    attention_from,
    prepare,
    run_rules,
    the_problem,
    value,
)

PROGRAMMES = programmes.SPEC
STAGES = stages.SPEC
DONE = "выполнено"


def done_stage(**overrides: object) -> Row:
    """A stage marked done on a past day."""
    return stage(
        **{"mark": DONE, "done_on": date(2025, 10, 1), "due": date(2025, 10, 15), **overrides}
    )


# --- «Программы» -------------------------------------------------------------------------


def test_valid_programme_is_quiet_and_shows_the_pair_participants() -> None:
    ctx, results = run_rules(workbook(stages=[stage()]))
    assert_quiet(ctx, results, PROGRAMMES)
    assert value(results, PROGRAMMES, "Наставник", 2) == MENTOR
    assert value(results, PROGRAMMES, "Наставляемый", 2) == MENTEE


def test_programme_of_unknown_pair_is_an_error_suggesting_the_closest_code() -> None:
    ctx, results = run_rules(workbook(programmes=[programme(pair_code="НП-01")], stages=[stage()]))
    problem = the_problem(ctx, results, PROGRAMMES, "Код пары", 2, Level.ERROR)
    assert PAIR_CODE in problem.fix
    assert value(results, PROGRAMMES, "Наставник", 2) is None


def test_programme_counts_its_stages_done_and_overdue() -> None:
    plan = [
        done_stage(),
        stage(due=TODAY - timedelta(days=3)),
        stage(due=TODAY + timedelta(days=60)),
        stage(programme_code="ПР-002"),  # another programme's stage
    ]
    second = programme(code="ПР-002", status="разрабатывается", approved=None)
    _, results = run_rules(workbook(programmes=[programme(), second], stages=plan))
    assert value(results, PROGRAMMES, "Этапов всего", 2) == 3
    assert value(results, PROGRAMMES, "Этапов выполнено", 2) == 1
    assert value(results, PROGRAMMES, "Просроченных этапов", 2) == 1
    assert value(results, PROGRAMMES, "Прогресс, %", 2) == round(100 / 3)
    assert value(results, PROGRAMMES, "Этапов всего", 3) == 1


def test_progress_rounds_a_half_percent_up() -> None:
    plan = [done_stage()] + [stage() for _ in range(7)]  # 1 of 8 = 12,5 %
    _, results = run_rules(workbook(stages=plan))
    assert value(results, PROGRAMMES, "Прогресс, %", 2) == 13


def test_programme_without_stages_has_zero_stages_and_blank_progress() -> None:
    draft = programme(status="разрабатывается", approved=None)
    ctx, results = run_rules(workbook(programmes=[draft]))
    assert_quiet(ctx, results, PROGRAMMES)
    assert value(results, PROGRAMMES, "Этапов всего", 2) == 0
    assert value(results, PROGRAMMES, "Прогресс, %", 2) is None


def test_programme_ending_before_it_starts_is_an_error() -> None:
    backwards = programme(start=date(2026, 5, 31), end=date(2025, 9, 15))
    ctx, results = run_rules(workbook(programmes=[backwards], stages=[stage()]))
    the_problem(ctx, results, PROGRAMMES, "Дата окончания", 2, Level.ERROR)


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 9, 1), date(2025, 10, 31)), (date(2025, 9, 1), date(2026, 10, 31))],
    ids=["two-months", "fourteen-months"],
)
def test_programme_length_outside_the_setting_is_a_warning(start: date, end: date) -> None:
    odd = programme(start=start, end=end)
    ctx, results = run_rules(workbook(programmes=[odd], stages=[stage()]))
    the_problem(ctx, results, PROGRAMMES, "Дата окончания", 2, Level.WARNING)


@pytest.mark.parametrize("end", [date(2025, 11, 30), date(2026, 8, 31)], ids=["3", "12"])
def test_programme_of_three_or_twelve_months_is_quiet(end: date) -> None:
    exact = programme(start=date(2025, 9, 1), end=end)
    ctx, results = run_rules(workbook(programmes=[exact], stages=[stage()]))
    assert_quiet(ctx, results, PROGRAMMES)


def test_programme_length_limits_come_from_the_settings() -> None:
    long = programme(start=date(2025, 9, 1), end=date(2026, 10, 31))
    snap = workbook(
        programmes=[long],
        stages=[stage()],
        settings=[setting("Срок наставничества, мес.: от / до", "1 / 24")],
    )
    ctx, results = run_rules(snap)
    assert_quiet(ctx, results, PROGRAMMES)


@pytest.mark.parametrize("status", ["утверждена", "реализуется", "завершена"])
def test_approved_programme_without_approval_date_is_a_warning(status: str) -> None:
    unapproved = programme(status=status, approved=None)
    ctx, results = run_rules(workbook(programmes=[unapproved], stages=[stage()]))
    problem = the_problem(ctx, results, PROGRAMMES, "Дата утверждения", 2, Level.WARNING)
    assert status in problem.message


@pytest.mark.parametrize("status", ["разрабатывается", "прекращена"])
def test_programme_not_yet_approved_needs_no_approval_date(status: str) -> None:
    ctx, results = run_rules(workbook(programmes=[programme(status=status, approved=None)]))
    assert_quiet(ctx, results, PROGRAMMES)


def test_running_programme_without_stages_is_a_warning() -> None:
    ctx, results = run_rules(workbook(programmes=[programme(status="реализуется")]))
    the_problem(ctx, results, PROGRAMMES, "Этапов всего", 2, Level.WARNING)


def test_approved_programme_without_stages_yet_is_quiet() -> None:
    ctx, results = run_rules(workbook(programmes=[programme(status="утверждена")]))
    assert_quiet(ctx, results, PROGRAMMES)


# --- «Этапы программ» --------------------------------------------------------------------


def test_valid_stage_is_quiet_and_on_time() -> None:
    ctx, results = run_rules(workbook(stages=[stage(due=TODAY + timedelta(days=15))]))
    assert_quiet(ctx, results, STAGES)
    assert value(results, STAGES, "Состояние", 2) == "в срок"
    assert value(results, STAGES, "Просрочено, дней", 2) is None


def test_done_stage_is_done_whatever_its_due_date() -> None:
    ctx, results = run_rules(workbook(stages=[done_stage()]))
    assert_quiet(ctx, results, STAGES)
    assert value(results, STAGES, "Состояние", 2) == DONE
    assert value(results, STAGES, "Просрочено, дней", 2) is None


def test_stage_past_its_due_date_is_overdue_by_whole_days() -> None:
    _, results = run_rules(
        workbook(stages=[stage(due=TODAY - timedelta(days=5), mark="перенесено")])
    )
    assert value(results, STAGES, "Состояние", 2) == "просрочено"
    assert value(results, STAGES, "Просрочено, дней", 2) == 5


@pytest.mark.parametrize("days", [0, 1, 14])
def test_stage_due_within_the_warning_days_is_due_soon(days: int) -> None:
    _, results = run_rules(workbook(stages=[stage(due=TODAY + timedelta(days=days))]))
    assert value(results, STAGES, "Состояние", 2) == "скоро срок"
    assert value(results, STAGES, "Просрочено, дней", 2) is None


def test_warning_days_come_from_the_settings() -> None:
    snap = workbook(
        stages=[stage(due=TODAY + timedelta(days=20))],
        settings=[setting("Предупреждать о сроке за, дней", 30)],
    )
    _, results = run_rules(snap)
    assert value(results, STAGES, "Состояние", 2) == "скоро срок"


def test_stage_of_unknown_programme_is_an_error_suggesting_the_closest_code() -> None:
    ctx, results = run_rules(workbook(stages=[stage(programme_code="ПР-0001")]))
    problem = the_problem(ctx, results, STAGES, "Код программы", 2, Level.ERROR)
    assert "ПР-0001" in problem.message
    assert PROGRAMME_CODE in problem.fix


def test_done_stage_without_completion_date_is_a_warning() -> None:
    ctx, results = run_rules(workbook(stages=[stage(mark=DONE)]))
    the_problem(ctx, results, STAGES, "Дата выполнения", 2, Level.WARNING)


def test_completion_date_in_the_future_is_an_error() -> None:
    early = stage(mark=DONE, done_on=TODAY + timedelta(days=1))
    ctx, results = run_rules(workbook(stages=[early]))
    the_problem(ctx, results, STAGES, "Дата выполнения", 2, Level.ERROR)


def test_completion_date_today_is_quiet() -> None:
    ctx, results = run_rules(workbook(stages=[stage(mark=DONE, done_on=TODAY)]))
    assert_quiet(ctx, results, STAGES)


def test_completion_date_without_the_done_mark_is_a_warning() -> None:
    ctx, results = run_rules(workbook(stages=[stage(done_on=date(2025, 11, 1))]))
    the_problem(ctx, results, STAGES, "Отметка о выполнении", 2, Level.WARNING)


def test_stage_with_an_error_is_not_counted_in_its_programme() -> None:
    plan = [stage(), stage(mark=DONE, done_on=TODAY + timedelta(days=3))]
    ctx = prepare(workbook(stages=plan))
    assert compute_stages(ctx) == {PROGRAMME_CODE.casefold(): StageStats(1, 0, 0)}


def test_stage_matches_its_programme_code_ignoring_case() -> None:
    ctx = prepare(workbook(stages=[stage(programme_code="пр-001"), done_stage()]))
    assert compute_stages(ctx) == {"пр-001": StageStats(2, 1, 0)}
    assert ctx.results[STAGES.title].problems == []


def test_overdue_stage_goes_on_the_attention_list_for_the_mentor() -> None:
    due = TODAY - timedelta(days=4)
    ctx, _ = run_rules(workbook(stages=[stage(due=due, activity="Открытый урок")]))
    [item] = attention_from(ctx, STAGES.title)
    assert item.level == OVERDUE
    assert item.due == due
    assert item.overdue_days == 4
    assert item.row == 2
    assert item.person == MENTOR
    assert item.role == "педагоги-наставники"
    assert "Открытый урок" in item.what
    assert PROGRAMME_CODE in item.what


def test_stage_due_soon_goes_on_the_attention_list_as_due_soon() -> None:
    ctx, _ = run_rules(workbook(stages=[stage(due=TODAY + timedelta(days=7))]))
    [item] = attention_from(ctx, STAGES.title)
    assert item.level == DUE_SOON
    assert item.overdue_days == 0


def test_stages_on_time_or_done_need_no_attention() -> None:
    ctx, _ = run_rules(workbook(stages=[stage(), done_stage()]))
    assert attention_from(ctx, STAGES.title) == []


@pytest.mark.parametrize("status", ["завершена", "прекращена"])
def test_stages_of_a_closed_programme_need_no_attention(status: str) -> None:
    closed = programme(status=status)
    ctx, _ = run_rules(workbook(programmes=[closed], stages=[stage(due=TODAY - timedelta(days=9))]))
    assert attention_from(ctx, STAGES.title) == []


def test_overdue_stage_of_a_programme_without_a_known_pair_names_no_person() -> None:
    orphan = programme(pair_code="НП-404")
    snap = workbook(programmes=[orphan], pairs=[pair(code="НП-777")], stages=[stage(due=TODAY)])
    ctx, _ = run_rules(snap)
    [item] = attention_from(ctx, STAGES.title)
    assert item.person == ""
