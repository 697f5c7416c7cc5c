"""The report's recommendations (explicit rules over the numbers) and its number formatting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nastavnik.reports import rules
from nastavnik.reports.model import BURNOUT, COMPETENCE, AnnualData, feedback_label
from nastavnik.reports.text import NO_DATA, number, parse_number
from nastavnik.sync.compute.metrics import Indicator, Number
from nastavnik.sync.compute.population import Year

MENTOR_DEC = feedback_label(12, "наставник")
MENTOR_APR = feedback_label(4, "наставник")
MENTEE_DEC = feedback_label(12, "наставляемый")
MENTEE_APR = feedback_label(4, "наставляемый")

HEALTHY: dict[str, Number] = {
    "Педагогов работает": 40,
    "Наставников": 10,
    "Наставляемых": 12,
    "Пар и групп": 12,
    "Вовлечено педагогов в наставничество": 30,
    "Доля вовлечённых педагогов, %": 75.0,
    "Целевая доля вовлечённых, %": 70,
    "Действующих пар без программы": 0,
    "Программ завершено": 4,
    "Сроков: просрочено": 0,
    "Сроков: выполнено с опозданием": 0,
    "Доля ответивших на опросы, %": 90.0,
    MENTOR_DEC: 8.0,
    MENTOR_APR: 8.5,
    MENTEE_DEC: 8.0,
    MENTEE_APR: 8.2,
    COMPETENCE: 1.5,
    BURNOUT: -1.0,
    "Наставников прошли обучение": 3,
    "Участий в конкурсах": 2,
    "Добавлено материалов и практик": 3,
    "из них опубликовано": 3,
    "Ошибок": 0,
}


def annual(**changes: object) -> AnnualData:
    """A year where everything is fine, with `values` (label → value) and fields changed."""
    values = {**HEALTHY, **changes.pop("values", {})}  # type: ignore[dict-item]
    data = AnnualData(
        organisation="МАОУ «СОШ № 5»",
        label="2025/26",
        year=Year.of(2025, date(2026, 5, 20)),
        today=date(2026, 5, 20),
        has_data=True,
        indicators=tuple(Indicator("", label, value) for label, value in values.items()),
        months=(),
        with_results=4,
        missed=(),
        need_without_mentor=(),
        young_without_mentor=(),
        quality=(),
        competition_levels=(),
        practices=(),
        answers={},
        waves=(12, 4),
        monitoring=(("Раздел", "Показатель", "2025/26"),),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_a_healthy_year_gets_the_general_line_only() -> None:
    assert rules.recommendations(annual()) == [rules.ALL_GOOD]


def test_coverage_below_target_says_how_many_more_teachers() -> None:
    data = annual(
        values={
            "Доля вовлечённых педагогов, %": 50.0,
            "Вовлечено педагогов в наставничество": 20,
        }
    )
    text = rules.involvement(data)
    assert text is not None
    assert "50 % при целевой 70 %" in text and "ещё 8 педагогов" in text  # 28 of 40 needed


def test_teachers_without_a_mentor_are_named() -> None:
    names = ("Иванова Мария Павловна", "Петров Пётр Петрович")
    text = rules.need_a_mentor(annual(need_without_mentor=names))
    assert text is not None and "2 педагога" in text
    assert all(name in text for name in names)
    assert rules.need_a_mentor(annual()) is None


def test_long_lists_of_names_are_cut() -> None:
    names = tuple(f"Педагог {n:02d}" for n in range(35))
    text = rules.young_specialists(annual(young_without_mentor=names))
    assert text is not None and "и ещё 5" in text and "Педагог 34" not in text


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        (rules.programmes, {"Действующих пар без программы": 2}, "2 действующим парам"),
        (rules.roadmap, {"Сроков: просрочено": 5}, "5 мероприятий"),
        (rules.late, {"Сроков: выполнено с опозданием": 1}, "1 мероприятие"),
        (rules.response_rate, {"Доля ответивших на опросы, %": 60.0}, "60 %"),
        (rules.satisfaction, {MENTEE_APR: 6.5}, "6,5 из 10"),
        (rules.satisfaction, {MENTOR_APR: 7.5}, "снизилась с 8 до 7,5"),
        (rules.assessment, {COMPETENCE: None}, "итоговую оценку"),
        (rules.assessment, {COMPETENCE: -0.5}, "не выросли"),
        (rules.assessment, {BURNOUT: 0.5}, "выгорание выросло"),
        (rules.training, {"Наставников прошли обучение": 0}, "курсы ПК"),
        (rules.competitions, {"Участий в конкурсах": 0}, "конкурсы"),
        (rules.practices, {"Добавлено материалов и практик": 0}, "не собраны"),
        (rules.practices, {"из них опубликовано": 1}, "ещё 2 материала"),
        (rules.data_quality, {"Ошибок": 3}, "3 ошибки"),
    ],
)
def test_each_rule_fires_on_its_numbers_only(
    rule: rules.Rule, values: dict[str, Number], expected: str
) -> None:
    assert rule(annual()) is None
    text = rule(annual(values=values))
    assert text is not None and expected in text, text
    assert text in rules.recommendations(annual(values=values))


def test_completed_programmes_without_results() -> None:
    text = rules.results(annual(with_results=1))
    assert text is not None and "3 завершённых программ" in text


def test_rules_with_no_data_stay_silent() -> None:
    empty = dict.fromkeys(HEALTHY) | {"Ошибок": 0}
    data = annual(values=empty)
    assert rules.recommendations(data) == [rules.ALL_GOOD]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (96000.0, "96\u00a0000"),
        (34.2, "34,2"),
        (8.56, "8,56"),
        (-1.83, "−1,83"),
        (0.0, "0"),
        (None, NO_DATA),
        (1234567, "1\u00a0234\u00a0567"),
    ],
)
def test_numbers_are_written_the_russian_way_and_read_back(value: Number, text: str) -> None:
    assert number(value) == text
    assert parse_number(text) == value
