"""Rules of «Обратная связь»: the wave of each answer, the pair, and answers missing after a wave."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sync.compute.attention import OVERDUE
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    PAIR_CODE,
    TODAY,
    Row,
    feedback_answer,
    pair,
    people,
    setting,
    teacher,
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

SPEC = feedback.SPEC
AFTER_DECEMBER = date(2026, 1, 15)
DECEMBER_END = date(2025, 12, 31)


def both_answer(day: date, code: str = PAIR_CODE) -> list[Row]:
    """The mentor's and the mentee's answers of one pair on one day."""
    return [
        feedback_answer(day=day, pair_code=code, respondent="наставник"),
        feedback_answer(day=day, pair_code=code, respondent="наставляемый"),
    ]


def test_valid_answers_are_quiet() -> None:
    ctx, results = run_rules(workbook(feedback=both_answer(date(2025, 12, 12))), AFTER_DECEMBER)
    assert_quiet(ctx, results, SPEC)


@pytest.mark.parametrize(
    ("day", "wave"),
    [(date(2025, 12, 12), "декабрь 2025"), (date(2026, 4, 3), "апрель 2026")],
)
def test_answer_in_a_feedback_month_is_labelled_with_its_wave(day: date, wave: str) -> None:
    _, results = run_rules(workbook(feedback=[feedback_answer(day=day)]), date(2026, 5, 5))
    assert value(results, SPEC, "Волна", 2) == wave


def test_answer_outside_the_feedback_months_is_outside_the_wave() -> None:
    ctx, results = run_rules(workbook(feedback=[feedback_answer(day=date(2025, 11, 10))]))
    assert value(results, SPEC, "Волна", 2) == "вне волны"
    assert_quiet(ctx, results, SPEC)


def test_feedback_months_come_from_the_settings() -> None:
    snap = workbook(
        feedback=[feedback_answer(day=date(2025, 11, 10))],
        settings=[setting("Месяцы сбора обратной связи", "ноябрь, май")],
    )
    _, results = run_rules(snap)
    assert value(results, SPEC, "Волна", 2) == "ноябрь 2025"


def test_answer_for_an_unknown_pair_is_an_error_suggesting_the_closest_code() -> None:
    ctx, results = run_rules(workbook(feedback=[feedback_answer(pair_code="НП-0010")]))
    problem = the_problem(ctx, results, SPEC, "Код пары", 2, Level.ERROR)
    assert PAIR_CODE in problem.fix


def test_answer_dated_in_the_future_is_a_warning() -> None:
    ctx, results = run_rules(workbook(feedback=[feedback_answer(day=date(2025, 12, 1))]))
    the_problem(ctx, results, SPEC, "Дата", 2, Level.WARNING)


def test_second_answer_of_the_same_respondent_in_a_wave_counts_and_the_first_is_warned() -> None:
    answers = [
        feedback_answer(day=date(2025, 12, 5), satisfaction=3),
        feedback_answer(day=date(2025, 12, 19), satisfaction=9),
    ]
    ctx, results = run_rules(workbook(feedback=answers), AFTER_DECEMBER)
    problem = the_problem(ctx, results, SPEC, "Респондент", 2, Level.WARNING)
    assert re.search(r"строка 3\b", problem.message)  # names the later answer that counts
    assert results[SPEC.title].problems == [problem]
    assert [a.satisfaction for a in ctx.feedback_answers] == [9]  # the latest answer only


def test_answers_of_one_respondent_in_different_waves_are_quiet() -> None:
    answers = [feedback_answer(day=date(2025, 12, 5)), feedback_answer(day=date(2026, 4, 7))]
    ctx, results = run_rules(workbook(feedback=answers), date(2026, 4, 20))
    assert_quiet(ctx, results, SPEC)


# --- attention: answers missing after a wave ---------------------------------------------


def test_pair_without_answers_after_a_wave_is_on_the_attention_list() -> None:
    ctx, _ = run_rules(workbook(), AFTER_DECEMBER)
    [item] = attention_from(ctx, SPEC.title)
    assert item.level == OVERDUE
    assert item.due == DECEMBER_END
    assert item.person == MENTOR
    assert item.role == "педагоги-наставники"
    for part in (PAIR_CODE, MENTOR, MENTEE, "наставник", "наставляемый", "декабрь 2025"):
        assert part in item.what


def test_pair_where_both_answered_needs_no_attention() -> None:
    ctx, _ = run_rules(workbook(feedback=both_answer(date(2025, 12, 12))), AFTER_DECEMBER)
    assert attention_from(ctx, SPEC.title) == []


def test_missing_mentee_answer_names_only_the_mentee() -> None:
    snap = workbook(feedback=[feedback_answer(day=date(2025, 12, 12), respondent="наставник")])
    ctx, _ = run_rules(snap, AFTER_DECEMBER)
    [item] = attention_from(ctx, SPEC.title)
    assert item.what.endswith("не ответили: Петров Пётр Сергеевич (наставляемый)")
    assert item.person == "Иванова Мария Петровна"  # the mentor's digest lists it
    assert item.others == ("Петров Пётр Сергеевич",)  # and the mentee is reminded too


def test_answer_outside_the_wave_month_does_not_count_for_the_wave() -> None:
    ctx, _ = run_rules(workbook(feedback=both_answer(date(2025, 11, 28))), AFTER_DECEMBER)
    assert len(attention_from(ctx, SPEC.title)) == 1


def test_no_attention_before_the_wave_month_starts() -> None:
    ctx, _ = run_rules(workbook(), date(2025, 11, 30))
    assert attention_from(ctx, SPEC.title) == []


def test_during_the_wave_month_who_has_not_answered_yet_is_listed() -> None:
    snap = workbook(feedback=[feedback_answer(day=date(2025, 12, 3), respondent="наставник")])
    ctx, _ = run_rules(snap, date(2025, 12, 10))
    [item] = attention_from(ctx, SPEC.title)
    assert item.what == (
        "Пара НП-001: опрос «декабрь 2025» идёт, ещё не ответили: "
        "Петров Пётр Сергеевич (наставляемый)"
    )
    assert item.due == date(2025, 12, 31)
    assert item.level == "скоро срок"
    assert (item.person, item.others) == ("Иванова Мария Петровна", ("Петров Пётр Сергеевич",))


def test_each_past_wave_of_the_year_is_checked_separately() -> None:
    snap = workbook(feedback=both_answer(date(2025, 12, 12)))
    ctx, _ = run_rules(snap, date(2026, 5, 2))
    [item] = attention_from(ctx, SPEC.title)
    assert item.due == date(2026, 4, 30)


def test_waves_of_the_previous_academic_year_are_not_chased() -> None:
    old = pair(start=date(2025, 2, 1), planned_end=date(2026, 1, 31))
    ctx, _ = run_rules(workbook(pairs=[old]), TODAY)  # April 2025 belongs to 2024/25
    assert attention_from(ctx, SPEC.title) == []


@pytest.mark.parametrize("status", ["планируется", "прекращена досрочно"])
def test_planned_or_stopped_pairs_are_not_asked(status: str) -> None:
    other = pair(status=status, actual_end=date(2026, 1, 10) if status != "планируется" else None)
    ctx, _ = run_rules(workbook(pairs=[other]), AFTER_DECEMBER)
    assert attention_from(ctx, SPEC.title) == []


def test_completed_pair_that_ended_before_the_wave_is_not_asked() -> None:
    done = pair(status="завершена", actual_end=date(2025, 11, 30), result="Цели достигнуты")
    ctx, _ = run_rules(workbook(pairs=[done]), AFTER_DECEMBER)
    assert attention_from(ctx, SPEC.title) == []


def test_completed_pair_that_worked_during_the_wave_is_asked() -> None:
    done = pair(status="завершена", actual_end=date(2025, 12, 20), result="Цели достигнуты")
    ctx, _ = run_rules(workbook(pairs=[done]), AFTER_DECEMBER)
    assert len(attention_from(ctx, SPEC.title)) == 1


def test_pair_starting_after_the_wave_is_not_asked() -> None:
    late = pair(start=date(2026, 1, 10), planned_end=date(2026, 6, 30))
    ctx, _ = run_rules(workbook(pairs=[late]), AFTER_DECEMBER)
    assert attention_from(ctx, SPEC.title) == []


def test_group_mentor_answers_once_for_the_whole_group() -> None:
    second_mentee = "Сидорова Анна Ивановна"
    group = [
        pair(group="Группа 1"),
        pair(code="НП-002", mentee=second_mentee, group="Группа 1"),
    ]
    answers = [
        *both_answer(date(2025, 12, 12)),
        feedback_answer(day=date(2025, 12, 12), pair_code="НП-002", respondent="наставляемый"),
    ]
    snap = workbook(
        teachers=[*people(), young_teacher(fio=second_mentee)], pairs=group, feedback=answers
    )
    ctx, results = run_rules(snap, AFTER_DECEMBER)
    assert attention_from(ctx, SPEC.title) == []
    assert_quiet(ctx, results, SPEC)


def test_mentor_of_two_separate_pairs_answers_for_each() -> None:
    other_mentee = "Сидорова Анна Ивановна"
    snap = workbook(
        teachers=[teacher(), young_teacher(), young_teacher(fio=other_mentee)],
        pairs=[pair(), pair(code="НП-002", mentee=other_mentee)],
        feedback=[
            *both_answer(date(2025, 12, 12)),
            feedback_answer(day=date(2025, 12, 12), pair_code="НП-002", respondent="наставляемый"),
        ],
    )
    ctx, _ = run_rules(snap, AFTER_DECEMBER)
    [item] = attention_from(ctx, SPEC.title)
    assert "НП-002" in item.what
    assert item.what.endswith("не ответили: Иванова Мария Петровна (наставник)")
    assert item.others == ()  # the mentor is the item's own person


def test_a_group_mentor_who_has_not_answered_is_named_once_for_the_group() -> None:
    second_mentee = "Сидорова Анна Ивановна"
    group = [
        pair(group="Группа 1"),
        pair(code="НП-002", mentee=second_mentee, group="Группа 1"),
    ]
    snap = workbook(teachers=[*people(), young_teacher(fio=second_mentee)], pairs=group)
    ctx, _ = run_rules(snap, AFTER_DECEMBER)
    items = sorted(item.what for item in attention_from(ctx, SPEC.title))
    assert items == [
        "Пара НП-001: нет обратной связи за декабрь 2025, не ответили: "
        "Иванова Мария Петровна (наставник), Петров Пётр Сергеевич (наставляемый)",
        "Пара НП-002: нет обратной связи за декабрь 2025, не ответили: "
        "Сидорова Анна Ивановна (наставляемый)",
    ]
