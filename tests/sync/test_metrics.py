"""Indicators behind «Сводка» and «Мониторинг»; suggestions for mistyped references."""

from __future__ import annotations

from datetime import date

from nastavnik.sync.compute import compute
from nastavnik.sync.compute.dates import academic_year_start
from nastavnik.sync.compute.metrics import year_indicators
from nastavnik.sync.compute.population import Year
from nastavnik.sync.names import closest
from nastavnik.sync.parse import parse
from nastavnik.sync.service.monitoring import monitoring_grid
from nastavnik.sync.service.summary import summary_indicators
from tests import factories as f


def indicators(snap: object, today: date) -> dict[str, object]:
    outcome = compute(parse(snap), today)  # type: ignore[arg-type]
    year = Year.of(academic_year_start(today), today)
    return {i.label: i.value for i in year_indicators(outcome.context, year)}


def test_code_with_a_latin_l_for_one_suggests_the_right_pair() -> None:
    assert closest("НП-0l2", ["НП-002", "НП-012", "НП-013"]) == "НП-012"


def test_name_with_a_latin_letter_suggests_the_cyrillic_name() -> None:
    assert (
        closest("Алексеевa Наталья", ["Алексеева Наталья Ивановна", "Петров Пётр"])
        == "Алексеева Наталья Ивановна"
    )


def test_response_rate_counts_only_pairs_working_in_the_wave_month() -> None:
    late = f.pair(
        code="НП-002",
        mentee="Сидорова Анна Ильинична",
        start=date(2026, 2, 1),
        planned_end=date(2026, 6, 30),
    )
    snap = f.workbook(
        teachers=[*f.people(), f.young_teacher(fio="Сидорова Анна Ильинична")],
        pairs=[f.pair(start=date(2025, 9, 1), planned_end=date(2026, 5, 31)), late],
        feedback=[
            f.feedback_answer(day=date(2025, 12, 10), respondent="наставник"),
            f.feedback_answer(day=date(2025, 12, 11), respondent="наставляемый"),
        ],
    )
    values = indicators(snap, date(2026, 3, 1))
    assert values["Доля ответивших на опросы, %"] == 100.0


def test_summary_and_monitoring_agree_for_the_current_year() -> None:
    snap = f.workbook(meetings=[f.meeting(), f.meeting(day=date(2025, 10, 2))])
    outcome = compute(parse(snap), f.TODAY)
    summary = {i.label: i.value for i in summary_indicators(outcome)}
    grid = monitoring_grid(outcome)
    column = grid[0].index("2025/26")
    for row in grid[1:]:
        if row[1] in summary:
            assert row[column] == summary[str(row[1])], row[1]
    assert summary["Встреч за учебный год"] == 2


def test_indicator_labels_are_unique_so_rows_can_be_matched_by_name() -> None:
    outcome = compute(parse(f.workbook()), f.TODAY)
    labels = [i.label for i in summary_indicators(outcome)]
    assert len(labels) == len(set(labels))


def test_response_rate_never_exceeds_100_when_an_overdue_pair_answers() -> None:
    overdue = f.pair(start=date(2025, 9, 1), planned_end=date(2025, 11, 30))  # still «действует»
    snap = f.workbook(
        pairs=[overdue],
        feedback=[
            f.feedback_answer(day=date(2025, 12, 10), respondent="наставник"),
            f.feedback_answer(day=date(2025, 12, 11), respondent="наставляемый"),
        ],
    )
    values = indicators(snap, date(2026, 1, 20))
    assert values["Доля ответивших на опросы, %"] == 100.0


def test_a_pair_still_active_after_its_planned_end_counts_in_the_current_year() -> None:
    late = f.pair(start=date(2025, 2, 3), planned_end=date(2025, 8, 29))  # still «действует»
    values = indicators(f.workbook(pairs=[late]), f.TODAY)
    assert values["Пар и групп"] == 1 and values["Наставляемых"] == 1
