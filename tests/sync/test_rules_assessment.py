"""Rules of «Оценка»: the person, the academic year, the change input → final, missing input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nastavnik.sheets_schema.sheets import assessment
from nastavnik.sync.compute.attention import OVERDUE
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    TODAY,
    assessment_row,
    pair,
    people,
    setting,
    workbook,
    young_teacher,
)
from tests.results import (
    assert_quiet,
    attention_from,
    run_rules,
    the_problem,
    value,
)

SPEC = assessment.SPEC
COMPETENCE = "Динамика компетенций"
BURNOUT = "Динамика выгорания"
DEADLINE = date(2025, 10, 31)  # the default «Срок входной оценки» 31.10 in 2025/26


def test_valid_assessment_is_quiet_and_gets_its_academic_year() -> None:
    ctx, results = run_rules(workbook(assessment=[assessment_row(day=date(2025, 9, 1))]))
    assert_quiet(ctx, results, SPEC)
    assert value(results, SPEC, "Учебный год", 2) == "2025/26"


def test_assessment_in_august_belongs_to_the_year_that_ends() -> None:
    _, results = run_rules(workbook(assessment=[assessment_row(day=date(2025, 8, 31))]))
    assert value(results, SPEC, "Учебный год", 2) == "2024/25"


def test_assessment_of_someone_not_in_the_teachers_is_an_error_suggesting_the_closest() -> None:
    typo = "Петров Петр Сергеевичь"
    ctx, results = run_rules(workbook(assessment=[assessment_row(fio=typo)]))
    problem = the_problem(ctx, results, SPEC, "ФИО", 2, Level.ERROR)
    assert typo in problem.message
    assert MENTEE in problem.fix


def test_final_row_shows_the_change_from_the_input_assessment() -> None:
    rows = [
        assessment_row(competence=4, burnout=7),
        assessment_row(stage="итоговая", day=date(2026, 5, 15), competence=7, burnout=5),
    ]
    ctx, results = run_rules(workbook(assessment=rows), date(2026, 5, 20))
    assert_quiet(ctx, results, SPEC)
    assert value(results, SPEC, COMPETENCE, 3) == 7 - 4
    assert value(results, SPEC, BURNOUT, 3) == 5 - 7
    assert value(results, SPEC, COMPETENCE, 2) is None
    assert value(results, SPEC, BURNOUT, 2) is None


def test_change_is_blank_when_a_score_is_missing() -> None:
    rows = [
        assessment_row(competence=None, burnout=7),
        assessment_row(stage="итоговая", day=date(2026, 5, 15), competence=7, burnout=5),
    ]
    _, results = run_rules(workbook(assessment=rows), date(2026, 5, 20))
    assert value(results, SPEC, COMPETENCE, 3) is None
    assert value(results, SPEC, BURNOUT, 3) == 5 - 7


def test_change_is_blank_without_an_input_assessment() -> None:
    only_final = assessment_row(stage="итоговая", day=date(2026, 5, 15))
    _, results = run_rules(workbook(assessment=[only_final]), date(2026, 5, 20))
    assert value(results, SPEC, COMPETENCE, 2) is None


def test_change_uses_the_latest_input_and_final_of_the_year() -> None:
    rows = [
        assessment_row(day=date(2025, 10, 20), competence=5),  # the later input
        assessment_row(day=date(2025, 9, 20), competence=2),
        assessment_row(stage="итоговая", day=date(2026, 5, 25), competence=9),  # the later final
        assessment_row(stage="итоговая", day=date(2026, 5, 5), competence=6),
    ]
    _, results = run_rules(workbook(assessment=rows), date(2026, 6, 1))
    assert value(results, SPEC, COMPETENCE, 4) == 9 - 5
    assert value(results, SPEC, COMPETENCE, 5) is None  # shown once, on the latest final


def test_change_compares_only_within_one_academic_year() -> None:
    rows = [
        assessment_row(day=date(2025, 5, 10)),  # 2024/25
        assessment_row(stage="итоговая", day=date(2025, 11, 10)),  # 2025/26
    ]
    _, results = run_rules(workbook(assessment=rows))
    assert value(results, SPEC, COMPETENCE, 3) is None


def test_change_compares_only_the_same_person() -> None:
    rows = [
        assessment_row(fio=MENTOR, competence=3),
        assessment_row(stage="итоговая", day=date(2026, 5, 15), competence=8),
    ]
    _, results = run_rules(workbook(assessment=rows), date(2026, 5, 20))
    assert value(results, SPEC, COMPETENCE, 3) is None


def test_same_stage_twice_in_a_year_is_a_warning_on_each_row() -> None:
    rows = [assessment_row(day=date(2025, 9, 20)), assessment_row(day=date(2025, 10, 20))]
    ctx, results = run_rules(workbook(assessment=rows))
    for row in (2, 3):
        the_problem(ctx, results, SPEC, "Этап", row, Level.WARNING)


def test_same_stage_in_different_years_is_quiet() -> None:
    rows = [assessment_row(day=date(2024, 10, 10)), assessment_row(day=date(2025, 10, 10))]
    ctx, results = run_rules(workbook(assessment=rows))
    assert_quiet(ctx, results, SPEC)


def test_same_stage_of_different_people_is_quiet() -> None:
    rows = [assessment_row(), assessment_row(fio=MENTOR)]
    ctx, results = run_rules(workbook(assessment=rows))
    assert_quiet(ctx, results, SPEC)


def test_assessment_dated_in_the_future_is_a_warning() -> None:
    later = assessment_row(day=TODAY + timedelta(days=1))
    ctx, results = run_rules(workbook(assessment=[later]))
    the_problem(ctx, results, SPEC, "Дата", 2, Level.WARNING)


# --- attention: no input assessment after the deadline -----------------------------------


def test_participant_without_input_assessment_after_the_deadline_is_on_the_attention_list() -> None:
    ctx, _ = run_rules(workbook(assessment=[assessment_row()]))  # only the mentee is assessed
    [item] = attention_from(ctx, SPEC.title)
    assert MENTOR in item.what
    assert "2025/26" in item.what
    assert item.due == DEADLINE
    assert item.level == OVERDUE
    assert item.role == "педагог-психолог"


def test_every_unassessed_participant_gets_an_item() -> None:
    ctx, _ = run_rules(workbook())
    names = sorted(MENTOR if MENTOR in i.what else MENTEE for i in attention_from(ctx, SPEC.title))
    assert names == sorted([MENTOR, MENTEE])


def test_a_mentor_of_several_pairs_gets_one_item() -> None:
    other = "Сидорова Анна Ивановна"
    snap = workbook(
        teachers=[*people(), young_teacher(fio=other)],
        pairs=[pair(), pair(code="НП-002", mentee=other)],
        assessment=[assessment_row(), assessment_row(fio=other)],
    )
    ctx, _ = run_rules(snap)
    [item] = attention_from(ctx, SPEC.title)
    assert MENTOR in item.what


def test_no_assessment_attention_until_the_deadline_has_passed() -> None:
    ctx, _ = run_rules(workbook(), DEADLINE)
    assert attention_from(ctx, SPEC.title) == []


def test_assessment_deadline_comes_from_the_settings() -> None:
    snap = workbook(settings=[setting("Срок входной оценки (день.месяц)", "30.11")])
    ctx, _ = run_rules(snap)
    assert attention_from(ctx, SPEC.title) == []


@pytest.mark.parametrize("status", ["планируется", "завершена", "прекращена досрочно"])
def test_only_participants_of_active_pairs_are_chased(status: str) -> None:
    ended = None if status == "планируется" else date(2025, 10, 31)
    ctx, _ = run_rules(workbook(pairs=[pair(status=status, actual_end=ended)]))
    assert attention_from(ctx, SPEC.title) == []


def test_input_assessment_of_last_year_does_not_count() -> None:
    last_year = [assessment_row(day=date(2024, 10, 10)), assessment_row(fio=MENTOR)]
    ctx, _ = run_rules(workbook(assessment=last_year))
    [item] = attention_from(ctx, SPEC.title)
    assert MENTEE in item.what


def test_other_stages_do_not_replace_the_input_assessment() -> None:
    rows = [assessment_row(stage="промежуточная"), assessment_row(fio=MENTOR)]
    ctx, _ = run_rules(workbook(assessment=rows))
    [item] = attention_from(ctx, SPEC.title)
    assert MENTEE in item.what
