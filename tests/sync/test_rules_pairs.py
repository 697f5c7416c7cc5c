"""Rules of «Пары»: people, roles, dates, documents of active pairs, overlaps and capacity."""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.sheets import pairs
from nastavnik.sync.problems import Level
from tests.factories import (
    MENTEE,
    MENTOR,
    PAIR_CODE,
    Row,
    meeting,
    pair,
    people,
    setting,
    teacher,
    workbook,
    young_teacher,
)
from tests.results import (
    address,
    assert_quiet,
    assert_russian,
    problems_at,
    run_rules,
    the_problem,
    value,
)

SPEC = pairs.SPEC
OTHERS = ["Сидорова Анна Ивановна", "Козлов Илья Андреевич", "Орлова Вера Олеговна"]
DOCUMENTS = [
    "Приказ №",
    "Дата приказа",
    "Согласие наставника (дата)",
    "Согласие наставляемого (дата)",
]


def with_mentees(names: list[str]) -> list[Row]:
    """The default mentor and mentee plus young teachers with these names."""
    return [*people(), *(young_teacher(fio=name) for name in names)]


def test_valid_pair_is_quiet_and_ok() -> None:
    ctx, results = run_rules(workbook(meetings=[meeting()]))
    assert_quiet(ctx, results, SPEC)
    assert value(results, SPEC, "Состояние", 2) == "ок"
    assert value(results, SPEC, "Программа", 2) == "ПР-001"


def test_pair_without_a_code_gets_one() -> None:
    _, results = run_rules(workbook(pairs=[pair(code=None)], programmes=[]))
    assert value(results, SPEC, "Код пары", 2) == "НП-001"


@pytest.mark.parametrize(
    ("header", "field", "typo", "meant"),
    [
        ("Наставник", "mentor", "Иванова Мария Петрова", MENTOR),
        ("Наставляемый", "mentee", "Петров Петр Сергеевич.", MENTEE),
    ],
)
def test_person_missing_from_the_teachers_is_an_error_suggesting_the_closest(
    header: str, field: str, typo: str, meant: str
) -> None:
    ctx, results = run_rules(workbook(pairs=[pair(**{field: typo})]))
    problem = the_problem(ctx, results, SPEC, header, 2, Level.ERROR)
    assert typo in problem.message
    assert meant in problem.fix


def test_mentor_and_mentee_being_one_person_is_an_error() -> None:
    ctx, results = run_rules(workbook(pairs=[pair(mentee=MENTOR)]))
    found = problems_at(ctx, results, SPEC, "Наставляемый", 2)
    [error] = [p for p in found if p.is_error]  # the role mismatch is a separate warning
    assert error.sheet == SPEC.title
    assert error.cell == address(SPEC, "Наставляемый", 2)
    assert_russian(error.message)
    assert_russian(error.fix)


def test_mentor_whose_role_excludes_mentoring_is_a_warning() -> None:
    rows = [teacher(role="наставляемый"), young_teacher()]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Наставник", 2, Level.WARNING)


def test_mentee_whose_role_excludes_being_mentored_is_a_warning() -> None:
    rows = [teacher(), young_teacher(role="наставник")]
    ctx, results = run_rules(workbook(teachers=rows))
    the_problem(ctx, results, SPEC, "Наставляемый", 2, Level.WARNING)


def test_role_mentor_and_mentee_fits_both_sides() -> None:
    both = "наставник и наставляемый"
    rows = [teacher(role=both), young_teacher(role=both)]
    ctx, results = run_rules(workbook(teachers=rows))
    assert_quiet(ctx, results, SPEC)


def test_pair_ending_before_it_starts_is_an_error() -> None:
    backwards = pair(start=date(2025, 9, 1), planned_end=date(2025, 8, 1))
    ctx, results = run_rules(workbook(pairs=[backwards]))
    the_problem(ctx, results, SPEC, "Дата окончания (план)", 2, Level.ERROR)


@pytest.mark.parametrize(
    "end", [date(2025, 10, 31), date(2026, 10, 31)], ids=["two-months", "fourteen-months"]
)
def test_planned_length_outside_the_setting_is_a_warning(end: date) -> None:
    ctx, results = run_rules(workbook(pairs=[pair(planned_end=end)]))
    the_problem(ctx, results, SPEC, "Дата окончания (план)", 2, Level.WARNING)


@pytest.mark.parametrize("end", [date(2025, 11, 30), date(2026, 8, 31)], ids=["3", "12"])
def test_planned_length_of_three_or_twelve_months_is_quiet(end: date) -> None:
    ctx, results = run_rules(workbook(pairs=[pair(planned_end=end)], meetings=[meeting()]))
    assert_quiet(ctx, results, SPEC)


def test_planned_length_limits_come_from_the_settings() -> None:
    limits = setting("Срок наставничества, мес.: от / до", "1 / 24")
    snap = workbook(pairs=[pair(planned_end=date(2026, 10, 31))], settings=[limits])
    ctx, results = run_rules(snap)
    assert_quiet(ctx, results, SPEC)


@pytest.mark.parametrize("header", DOCUMENTS)
def test_active_pair_missing_a_document_is_an_error(header: str) -> None:
    row = {**pair(), header: None}
    ctx, results = run_rules(workbook(pairs=[row]))
    problem = the_problem(ctx, results, SPEC, header, 2, Level.ERROR)
    assert "351.8" in problem.fix


def test_planned_pair_needs_no_documents_yet() -> None:
    draft = {**pair(status="планируется"), **dict.fromkeys(DOCUMENTS)}
    draft["Доп. соглашение к трудовому договору"] = None
    ctx, results = run_rules(workbook(pairs=[draft]))
    assert_quiet(ctx, results, SPEC)


def test_active_pair_without_the_additional_agreement_is_a_warning() -> None:
    ctx, results = run_rules(workbook(pairs=[pair(agreement=None)]))
    the_problem(ctx, results, SPEC, "Доп. соглашение к трудовому договору", 2, Level.WARNING)


@pytest.mark.parametrize("header", DOCUMENTS[2:])
def test_consent_dated_after_the_order_is_a_warning(header: str) -> None:
    late = {**pair(), header: date(2025, 8, 30)}  # the order is dated 29.08.2025
    ctx, results = run_rules(workbook(pairs=[late]))
    the_problem(ctx, results, SPEC, header, 2, Level.WARNING)


def test_consent_on_the_day_of_the_order_is_quiet() -> None:
    same_day = pair(mentor_consent=date(2025, 8, 29), mentee_consent=date(2025, 8, 29))
    ctx, results = run_rules(workbook(pairs=[same_day], meetings=[meeting()]))
    assert_quiet(ctx, results, SPEC)


def test_mentee_in_two_overlapping_active_pairs_is_a_warning_on_both() -> None:
    second_mentor = "Соколова Ольга Викторовна"
    snap = workbook(
        teachers=[*people(), teacher(fio=second_mentor)],
        pairs=[pair(), pair(code="НП-002", mentor=second_mentor, start=date(2025, 10, 1))],
    )
    ctx, results = run_rules(snap)
    for row, other in ((2, "НП-002"), (3, PAIR_CODE)):
        problem = the_problem(ctx, results, SPEC, "Наставляемый", row, Level.WARNING)
        assert other in problem.message


def test_mentee_in_consecutive_pairs_is_quiet() -> None:
    second_mentor = "Соколова Ольга Викторовна"
    first = pair(status="завершена", start=date(2024, 9, 1), planned_end=date(2025, 5, 31))
    first["Итог"] = "Цели достигнуты"
    snap = workbook(
        teachers=[*people(), teacher(fio=second_mentor)],
        pairs=[first, pair(code="НП-002", mentor=second_mentor)],
        programmes=[],
    )
    _, results = run_rules(snap)
    assert not [p for p in results[SPEC.title].problems if p.column == "Наставляемый"]


def test_mentor_over_capacity_on_some_day_is_a_warning_on_each_pair_involved() -> None:
    names = [MENTEE, *OTHERS]
    overlapping = [
        pair(code=f"НП-{n:03d}", mentee=name, start=date(2025, 9, n))
        for n, name in enumerate(names, start=1)
    ]
    ctx, results = run_rules(workbook(teachers=with_mentees(OTHERS), pairs=overlapping))
    for row in range(2, 6):
        the_problem(ctx, results, SPEC, "Наставник", row, Level.WARNING)


def test_mentor_with_many_pairs_one_after_another_is_quiet() -> None:
    names = [MENTEE, *OTHERS]
    spans = [
        (date(2024, 1, 10), date(2024, 5, 31)),
        (date(2024, 6, 1), date(2024, 9, 30)),
        (date(2024, 10, 1), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 6, 30)),
    ]
    done = [
        {**pair(code=f"НП-{n:03d}", mentee=name, start=a, planned_end=b), "Статус": "завершена"}
        for n, (name, (a, b)) in enumerate(zip(names, spans, strict=True), start=1)
    ]
    _, results = run_rules(workbook(teachers=with_mentees(OTHERS), pairs=done, programmes=[]))
    assert not [p for p in results[SPEC.title].problems if p.column == "Наставник"]


def test_a_pair_with_reversed_dates_does_not_inflate_the_mentors_load() -> None:
    names = [MENTEE, *OTHERS[:2]]
    current = [pair(code=f"НП-{n:03d}", mentee=name) for n, name in enumerate(names, start=1)]
    reversed_dates = pair(
        code="НП-009",
        mentee=OTHERS[2],
        status="завершена",
        start=date(2024, 9, 1),
        planned_end=date(2024, 6, 1),
    )
    snap = workbook(teachers=with_mentees(OTHERS), pairs=[*current, reversed_dates])
    _, results = run_rules(snap)
    capacity = [p for p in results[SPEC.title].problems if p.column == "Наставник"]
    assert capacity == []


def test_active_pair_past_its_planned_end_is_a_warning() -> None:
    expired = pair(start=date(2025, 3, 1), planned_end=date(2025, 11, 19))
    ctx, results = run_rules(workbook(pairs=[expired]))
    the_problem(ctx, results, SPEC, "Статус", 2, Level.WARNING)
    assert value(results, SPEC, "Состояние", 2) == "срок истёк"


def test_active_pair_ending_today_is_quiet() -> None:
    today_end = pair(start=date(2025, 5, 20), planned_end=date(2025, 11, 20))
    ctx, results = run_rules(workbook(pairs=[today_end], meetings=[meeting()]))
    assert_quiet(ctx, results, SPEC)


def test_active_pair_without_meetings_for_too_long_shows_it_in_its_state() -> None:
    _, results = run_rules(workbook(meetings=[meeting(day=date(2025, 10, 1))]))
    state = value(results, SPEC, "Состояние", 2)
    assert isinstance(state, str)
    assert state.startswith("нет встреч")
    assert (
        value(results, SPEC, "Дней без встреч", 2) == (date(2025, 11, 20) - date(2025, 10, 1)).days
    )


def test_pair_without_a_programme_after_the_deadline_shows_it_in_its_state() -> None:
    _, results = run_rules(workbook(programmes=[], meetings=[meeting()]), date(2025, 12, 5))
    assert value(results, SPEC, "Программа", 2) == "нет"
    assert value(results, SPEC, "Состояние", 2) == "нет программы"
