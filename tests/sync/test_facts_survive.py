"""A row whose key facts are readable counts for them, whatever else is wrong in it (issue 11).

Each sheet declares its key facts (`COUNTS_BY`, next to its `SPEC`); for each sheet a row
with one bad cell outside them still counts, and the bad cell is reported where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from nastavnik import sheets_schema
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    meetings,
    pairs,
    plan_graph,
    practices,
    programmes,
    responsibles,
    roadmap,
    settings,
    stages,
    teachers,
    training,
)
from nastavnik.sync.compute import compute
from nastavnik.sync.compute.metrics import year_indicators
from nastavnik.sync.compute.population import Year
from nastavnik.sync.parse import parse
from nastavnik.sync.service.summary import summary_indicators
from tests import factories as f

ROADMAP_ROW: f.Row = {"№ п/п": 1, "Мероприятие": "Издать приказ", "Сроки": "до 15.10.2025"}
# sheet name in the factories → (spec, rows with one bad cell in row 2, the bad header)
CASES: dict[str, tuple[SheetSpec, Callable[[], list[f.Row]], str]] = {
    "teachers": (teachers.SPEC, lambda: [f.teacher(category="доцент"), f.young_teacher()],
                 "Квалификационная категория"),
    "pairs": (pairs.SPEC, lambda: [f.pair(form="дружеская")], "Форма наставничества"),
    "programmes": (programmes.SPEC, lambda: [f.programme(approved="скоро")], "Дата утверждения"),
    "stages": (stages.SPEC, lambda: [f.stage(done_on="вчера")], "Дата выполнения"),
    "meetings": (meetings.SPEC, lambda: [f.meeting(format="чаепитие")], "Формат"),
    "feedback": (feedback.SPEC, lambda: [f.feedback_answer(usefulness=15)], "Полезность встреч (1–10)"),
    "assessment": (assessment.SPEC, lambda: [f.assessment_row(competence=15)],
                   "Профессиональные компетенции (1–10)"),
    "training": (training.SPEC, lambda: [f.course(hours="много")], "Часы"),
    "competitions": (competitions.SPEC, lambda: [f.competition(level="галактический")], "Уровень"),
    "incentives": (incentives.SPEC, lambda: [f.incentive(amount="тысяча")], "Сумма, руб."),
    "practices": (practices.SPEC, lambda: [f.practice(kind="пирог")], "Вид"),
    "roadmap": (roadmap.SPEC, lambda: [{**ROADMAP_ROW, "Ответственные": None}], "Ответственные"),
    "plan_graph": (plan_graph.SPEC, lambda: [{"Код": "01-2025-10", "Отметка о выполнении": 5}],
                   "Отметка о выполнении"),
    "responsibles": (responsibles.SPEC, lambda: [f.responsible(fio=12345)], "ФИО"),
}  # fmt: skip
# «Настройки»: «Значение» accepts anything (a bad value is reported and the default used).
NO_BAD_CELL_POSSIBLE = {settings.SPEC.title}


def test_every_sheet_declares_its_key_facts_and_has_a_case() -> None:
    covered = {spec.title for spec, _, _ in CASES.values()} | NO_BAD_CELL_POSSIBLE
    assert covered == {spec.title for spec in sheets_schema.REGISTRY_SHEETS}
    for spec in sheets_schema.REGISTRY_SHEETS:
        assert spec.counts_by and set(spec.counts_by) <= set(spec.field_headers)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_row_with_one_bad_cell_outside_its_key_facts_still_counts(name: str) -> None:
    spec, rows, bad = CASES[name]
    assert bad not in spec.counts_by
    sheets: dict[str, Any] = {name: rows()}
    registry = parse(f.workbook(**sheets))
    problems = [p for p in registry.problems if p.sheet == spec.title]
    assert [(p.row, p.column) for p in problems] == [(2, bad)]
    assert spec.model is not None
    assert [row for row, _ in registry.sheet(spec).records(spec.model)][:1] == [2]
    outcome = compute(registry, f.TODAY)  # the partial row goes through every rule
    assert any(p.sheet == spec.title and p.row == 2 and p.column == bad for p in outcome.problems)


def test_a_bad_key_fact_still_drops_the_row() -> None:
    registry = parse(f.workbook(meetings=[f.meeting(day="вчера")]))
    assert list(registry.sheet(meetings.SPEC).records(meetings.Meeting)) == []


def test_a_meeting_with_a_bad_format_counts_as_contact_and_as_a_meeting() -> None:
    snap = f.workbook(meetings=[f.meeting(format="чаепитие", day=date(2025, 11, 10))])
    outcome = compute(parse(snap), f.TODAY)
    assert outcome.cells[pairs.TITLE][2]["Дней без встреч"] == 10  # 10.11 → 20.11.2025
    values = {i.label: i.value for i in summary_indicators(outcome)}
    assert values["Встреч за учебный год"] == 1
    assert values["Встреч в этом месяце"] == 1
    assert values["из них взаимопосещений уроков"] == 0


def test_a_pair_with_a_bad_form_counts_as_a_pair() -> None:
    outcome = compute(parse(f.workbook(pairs=[f.pair(form="дружеская")])), f.TODAY)
    values = {i.label: i.value for i in year_indicators(outcome.context, Year.of(2025, f.TODAY))}
    assert values["Пар и групп"] == 1
    assert values["Наставляемых"] == 1
