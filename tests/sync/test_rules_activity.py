"""Rules of «Повышение квалификации», «Конкурсы», «Стимулирование», «Лучшие практики»."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.sheets import competitions, incentives, practices, training
from nastavnik.sync.compute.activity import split_participants
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    PAIR_CODE,
    TODAY,
    Row,
    competition,
    course,
    drop_column,
    incentive,
    pair,
    people,
    practice,
    teacher,
    workbook,
)
from tests.results import (
    assert_quiet,
    problems_at,
    problems_on,
    run_rules,
    the_problem,
    value,
)

TRAINING = training.SPEC
COMPETITIONS = competitions.SPEC
INCENTIVES = incentives.SPEC
PRACTICES = practices.SPEC
YEAR = "Учебный год"


# --- «Повышение квалификации» ------------------------------------------------------------


def test_valid_course_is_quiet_and_dated_by_its_end() -> None:
    ctx, results = run_rules(workbook(training=[course(finished=date(2025, 6, 30))]))
    assert_quiet(ctx, results, TRAINING)
    assert value(results, TRAINING, YEAR, 2) == "2024/25"


def test_course_of_someone_not_in_the_teachers_is_an_error_suggesting_the_closest() -> None:
    ctx, results = run_rules(workbook(training=[course(fio="Иванова Мария")]))
    problem = the_problem(ctx, results, TRAINING, "ФИО", 2, Level.ERROR)
    assert MENTOR in problem.fix


@pytest.mark.parametrize("hours", [0, -16])
def test_course_without_positive_hours_is_a_warning(hours: int) -> None:
    ctx, results = run_rules(workbook(training=[course(hours=hours)]))
    the_problem(ctx, results, TRAINING, "Часы", 2, Level.WARNING)


def test_course_with_blank_or_fractional_hours_is_quiet() -> None:
    ctx, results = run_rules(workbook(training=[course(hours=None), course(hours="1,5")]))
    assert_quiet(ctx, results, TRAINING)


def test_course_ending_in_the_future_is_a_warning() -> None:
    ctx, results = run_rules(workbook(training=[course(finished=TODAY + timedelta(days=10))]))
    the_problem(ctx, results, TRAINING, "Дата окончания", 2, Level.WARNING)


def test_course_ending_today_is_quiet() -> None:
    ctx, results = run_rules(workbook(training=[course(finished=TODAY)]))
    assert_quiet(ctx, results, TRAINING)


# --- «Конкурсы» --------------------------------------------------------------------------


def test_split_participants_accepts_commas_semicolons_and_stray_spaces() -> None:
    text = f" {MENTOR} ;{PAIR_CODE},, {MENTEE} "
    assert split_participants(text) == [MENTOR, PAIR_CODE, MENTEE]


@pytest.mark.parametrize(
    "participants",
    [PAIR_CODE, MENTOR, f"{MENTOR}, {MENTEE}", f"{PAIR_CODE}; {MENTOR.upper()}", "нп-001"],
)
def test_entry_of_known_teachers_or_pairs_is_quiet(participants: str) -> None:
    ctx, results = run_rules(workbook(competitions=[competition(participants=participants)]))
    assert_quiet(ctx, results, COMPETITIONS)


def test_entry_gets_its_academic_year() -> None:
    _, results = run_rules(workbook(competitions=[competition(day=date(2026, 3, 1))]))
    assert value(results, COMPETITIONS, YEAR, 2) == "2025/26"


def test_unknown_participant_is_an_error_naming_it_with_the_closest_match() -> None:
    entry = competition(participants=f"{PAIR_CODE}, Петров Пётр")
    ctx, results = run_rules(workbook(competitions=[entry]))
    problem = the_problem(ctx, results, COMPETITIONS, "Участники", 2, Level.ERROR)
    assert "Петров Пётр" in problem.message
    assert MENTEE in problem.fix


def test_unknown_pair_code_among_participants_suggests_the_closest_code() -> None:
    entry = competition(participants="НП-01")
    ctx, results = run_rules(workbook(competitions=[entry]))
    problem = the_problem(ctx, results, COMPETITIONS, "Участники", 2, Level.ERROR)
    assert PAIR_CODE in problem.fix


def test_each_unknown_participant_is_reported() -> None:
    entry = competition(participants="Кто-то Один; Кто-то Другой")
    ctx, results = run_rules(workbook(competitions=[entry]))
    found = problems_at(ctx, results, COMPETITIONS, "Участники", 2)
    assert [p.level for p in found] == [Level.ERROR, Level.ERROR]
    assert "Один" in found[0].message
    assert "Другой" in found[1].message


def test_participants_made_only_of_separators_is_an_error() -> None:
    ctx, results = run_rules(workbook(competitions=[competition(participants=" ; , ")]))
    the_problem(ctx, results, COMPETITIONS, "Участники", 2, Level.ERROR)


# --- «Стимулирование» --------------------------------------------------------------------


def test_valid_bonus_is_quiet_and_counts_the_mentors_pairs_that_month() -> None:
    other = "Сидорова Анна Ивановна"
    snap = workbook(
        teachers=[*people(), teacher(fio=other, role="наставляемый")],
        pairs=[pair(), pair(code="НП-002", mentee=other, start=date(2025, 10, 31))],
        incentives=[incentive(month="октябрь 2025"), incentive(month="сентябрь 2025")],
    )
    ctx, results = run_rules(snap)
    assert_quiet(ctx, results, INCENTIVES)
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 2
    assert value(results, INCENTIVES, "Активных пар в месяце", 3) == 1


def test_bonus_for_a_month_without_working_pairs_is_a_warning() -> None:
    snap = workbook(incentives=[incentive(month="август 2025")])  # the pair starts 01.09.2025
    ctx, results = run_rules(snap)
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 0
    problem = the_problem(ctx, results, INCENTIVES, "Месяц", 2, Level.WARNING)
    assert "не было действующих пар" in problem.message


def test_planned_pairs_do_not_count_for_a_bonus() -> None:
    snap = workbook(pairs=[pair(status="планируется")], incentives=[incentive()])
    ctx, results = run_rules(snap)
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 0
    the_problem(ctx, results, INCENTIVES, "Месяц", 2, Level.WARNING)


def test_completed_pair_counts_only_up_to_its_end() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 5), result="Цели достигнуты")
    snap = workbook(
        pairs=[done], incentives=[incentive(month="октябрь 2025"), incentive(month="ноябрь 2025")]
    )
    _, results = run_rules(snap)
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 1
    assert value(results, INCENTIVES, "Активных пар в месяце", 3) == 0


def test_pair_stopped_early_counts_up_to_its_actual_end() -> None:
    stopped = pair(status="прекращена досрочно", actual_end=date(2025, 10, 20))
    _, results = run_rules(workbook(pairs=[stopped], incentives=[incentive()]))
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 1


def test_month_may_be_a_date_in_that_month() -> None:
    _, results = run_rules(workbook(incentives=[incentive(month=date(2025, 10, 25))]))
    assert value(results, INCENTIVES, "Активных пар в месяце", 2) == 1


def test_bonus_for_someone_not_in_the_teachers_is_an_error() -> None:
    ctx, results = run_rules(workbook(incentives=[incentive(mentor="Иванова Марья Петровна")]))
    problem = the_problem(ctx, results, INCENTIVES, "Наставник", 2, Level.ERROR)
    assert MENTOR in problem.fix
    assert problems_at(ctx, results, INCENTIVES, "Месяц", 2) == []


@pytest.mark.parametrize("amount", [0, -500])
def test_bonus_amount_not_above_zero_is_a_warning(amount: int) -> None:
    ctx, results = run_rules(workbook(incentives=[incentive(amount=amount)]))
    the_problem(ctx, results, INCENTIVES, "Сумма, руб.", 2, Level.WARNING)


def test_bonus_amount_with_spaces_and_currency_is_quiet() -> None:
    ctx, results = run_rules(workbook(incentives=[incentive(amount="3 500 руб.")]))
    assert_quiet(ctx, results, INCENTIVES)


# --- «Лучшие практики» -------------------------------------------------------------------


def test_valid_practice_is_quiet_and_gets_its_academic_year() -> None:
    ctx, results = run_rules(workbook(practices=[practice(day=date(2026, 2, 2))]))
    assert_quiet(ctx, results, PRACTICES)
    assert value(results, PRACTICES, YEAR, 2) == "2025/26"


@pytest.mark.parametrize("link", ["www.school5.ru/case", "ftp://school5.ru/case", "см. сайт"])
def test_link_that_is_not_a_web_address_is_a_warning(link: str) -> None:
    ctx, results = run_rules(workbook(practices=[practice(link=link)]))
    the_problem(ctx, results, PRACTICES, "Ссылка", 2, Level.WARNING)


@pytest.mark.parametrize("link", [None, "http://school5.ru/a", "HTTPS://disk.yandex.ru/d/xyz"])
def test_blank_or_web_link_is_quiet(link: str | None) -> None:
    ctx, results = run_rules(workbook(practices=[practice(link=link)]))
    assert_quiet(ctx, results, PRACTICES)


# --- unusable sheets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "spec", "row", "required"),
    [
        ("training", TRAINING, course(fio="Нет Такого"), "ФИО"),
        ("competitions", COMPETITIONS, competition(participants="Нет Такого"), "Уровень"),
        ("incentives", INCENTIVES, incentive(mentor="Нет Такого"), "Месяц"),
        ("practices", PRACTICES, practice(link="нет"), "Авторы"),
    ],
    ids=["training", "competitions", "incentives", "practices"],
)
def test_sheet_missing_a_required_column_is_skipped(
    name: str, spec: SheetSpec, row: Row, required: str
) -> None:
    snap = drop_column(workbook(**{name: [row]}), spec.title, required)
    ctx, results = run_rules(snap)
    assert results[spec.title].values == {}
    assert results[spec.title].problems == []
    found = problems_on(ctx, results, spec)
    assert [(p.level, p.row) for p in found] == [(Level.ERROR, None)]
