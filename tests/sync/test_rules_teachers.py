"""Rules of «Педагоги»: duplicates, career start, mentor experience and category, capacity."""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    TODAY,
    Row,
    pair,
    people,
    setting,
    snapshot,
    teacher,
    workbook,
    young_teacher,
)
from tests.results import (
    assert_quiet,
    run_rules,
    the_problem,
    value,
)

SPEC = teachers.SPEC
MENTEES = ["Сидорова Анна Ивановна", "Козлов Илья Андреевич", "Орлова Вера Олеговна"]


def team(mentees: list[str]) -> tuple[list[Row], list[Row]]:
    """The default mentor with an active pair for each of these mentees (and the default one)."""
    names = [MENTEE, *mentees]
    rows = [teacher(), *(young_teacher(fio=name) for name in names)]
    pairs = [pair(code=f"НП-{n:03d}", mentee=name) for n, name in enumerate(names, start=1)]
    return rows, pairs


def test_valid_teachers_are_quiet() -> None:
    ctx, results = run_rules(workbook())
    assert_quiet(ctx, results, SPEC)


def test_calculated_columns_follow_the_pairs_and_dates() -> None:
    _, results = run_rules(workbook())
    assert value(results, SPEC, "Педстаж, лет", 2) == 15  # since 01.09.2010
    assert value(results, SPEC, "Наставляемых сейчас", 2) == 1
    assert value(results, SPEC, "Молодой специалист", 3) is True
    assert value(results, SPEC, "Нуждается в наставнике", 3) is True
    assert value(results, SPEC, "Наставник сейчас", 3) == MENTOR


def test_teacher_without_a_code_gets_the_next_one() -> None:
    rows = [teacher(code="П-007"), young_teacher()]
    _, results = run_rules(workbook(teachers=rows))
    assert value(results, SPEC, "Код", 3) == "П-008"
    assert value(results, SPEC, "Код", 2) is None  # a typed key is never rewritten


@pytest.mark.parametrize("twin", [MENTOR, MENTOR.upper(), "Иванова  Мария Петровна"])
def test_duplicate_name_is_an_error_on_each_duplicate(twin: str) -> None:
    rows = [*people(), teacher(fio=twin, role="не участвует")]
    ctx, results = run_rules(workbook(teachers=rows))
    for row in (2, 4):
        the_problem(ctx, results, SPEC, "ФИО", row, Level.ERROR)


def test_career_start_in_the_future_is_an_error() -> None:
    rows = [teacher(), young_teacher(career_start=date(2026, 9, 1))]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Дата начала педагогической деятельности", 3, Level.ERROR)


def test_career_start_before_1950_is_an_error() -> None:
    rows = [teacher(career_start=date(1949, 12, 31)), young_teacher()]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Дата начала педагогической деятельности", 2, Level.ERROR)


@pytest.mark.parametrize("start", [date(1950, 1, 1), TODAY])
def test_career_start_on_the_limits_is_quiet(start: date) -> None:
    rows = [teacher(fio="Старова Нина Ивановна", role="не участвует", career_start=start)]
    ctx, results = run_rules(snapshot(teachers=rows))
    assert_quiet(ctx, results, SPEC)


def test_mentor_with_too_little_experience_is_a_warning() -> None:
    rows = [teacher(career_start=date(2023, 9, 1)), young_teacher()]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Роль", 2, Level.WARNING)


def test_mentor_with_exactly_the_minimum_experience_is_quiet() -> None:
    rows = [teacher(career_start=date(2022, 11, 20)), young_teacher()]
    ctx, results = run_rules(workbook(teachers=rows))
    assert_quiet(ctx, results, SPEC)


def test_minimum_mentor_experience_comes_from_the_settings() -> None:
    rows = [teacher(career_start=date(2015, 9, 1)), young_teacher()]
    snap = workbook(teachers=rows, settings=[setting("Педстаж наставника, лет, не менее", 12)])
    ctx, results = run_rules(snap)
    the_problem(ctx, results, SPEC, "Роль", 2, Level.WARNING)


def test_mentor_without_a_category_is_a_warning() -> None:
    rows = [teacher(category="без категории"), young_teacher()]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Квалификационная категория", 2, Level.WARNING)


def test_mentee_without_a_category_is_quiet() -> None:
    ctx, results = run_rules(
        workbook(teachers=[teacher(), young_teacher(category="без категории")])
    )
    assert_quiet(ctx, results, SPEC)


@pytest.mark.parametrize("row", [2, 3], ids=["mentor", "mentee"])
def test_teacher_who_left_but_has_an_active_pair_is_a_warning(row: int) -> None:
    rows = people()
    rows[row - 2] = {**rows[row - 2], "Работает": "нет", "Дата увольнения": "01.11.2025"}
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Работает", row, Level.WARNING)


def test_not_working_without_a_leaving_date_asks_for_the_date() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 31), result="Цели достигнуты")
    rows = [teacher(), young_teacher(works="нет")]
    ctx, results = run_rules(workbook(teachers=rows, pairs=[done]))
    found = the_problem(ctx, results, SPEC, "Работает", 3, Level.WARNING)
    assert "дата увольнения не указана" in found.message


def test_leaving_date_before_hiring_is_an_error() -> None:
    rows = [teacher(), young_teacher(hired="01.09.2025", left="01.06.2025")]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Дата увольнения", 3, Level.ERROR)


def test_leaving_date_in_the_past_ends_work_today() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 31), result="Цели достигнуты")
    rows = [teacher(), young_teacher(left="31.10.2025")]
    ctx, results = run_rules(workbook(teachers=rows, pairs=[done]))
    assert_quiet(ctx, results, SPEC)
    assert ctx.result(SPEC.title).values[3]["Нуждается в наставнике"] is False


def test_teacher_who_left_after_the_pair_ended_is_quiet() -> None:
    done = pair(status="завершена", actual_end=date(2025, 10, 31), result="Цели достигнуты")
    rows = [teacher(), young_teacher(works="нет", left="31.10.2025")]
    ctx, results = run_rules(workbook(teachers=rows, pairs=[done]))
    assert_quiet(ctx, results, SPEC)


def test_mentor_with_more_active_mentees_than_allowed_is_a_warning() -> None:
    rows, pairs = team(MENTEES)  # four active mentees, the default limit is three
    ctx, results = run_rules(workbook(teachers=rows, pairs=pairs))
    the_problem(ctx, results, SPEC, "Наставляемых сейчас", 2, Level.WARNING)


def test_mentor_at_the_limit_of_mentees_is_quiet() -> None:
    rows, pairs = team(MENTEES[:2])
    ctx, results = run_rules(workbook(teachers=rows, pairs=pairs))
    assert_quiet(ctx, results, SPEC)


def test_mentee_limit_comes_from_the_settings() -> None:
    rows, pairs = team(MENTEES[:1])
    limit = setting("Наставляемых у одного наставника, не более", 1)
    ctx, results = run_rules(workbook(teachers=rows, pairs=pairs, settings=[limit]))
    the_problem(ctx, results, SPEC, "Наставляемых сейчас", 2, Level.WARNING)


def test_name_mixing_latin_and_cyrillic_letters_is_flagged() -> None:
    ctx, results = run_rules(snapshot(teachers=[teacher(fio="Иванова Мaрия Петровна")]))
    the_problem(ctx, results, SPEC, "ФИО", 2, Level.WARNING)


def test_email_that_is_not_one_address_is_an_error_at_its_cell() -> None:
    rows = [teacher(email="ivanova.school5.ru"), young_teacher(email="petrov@school5.ru")]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Email", 2, Level.ERROR)
    assert not [p for p in results[SPEC.title].problems if p.row == 3]
