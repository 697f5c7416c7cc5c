"""Issue 15, must hold: a form's response sheet gives the hand-written figures and problems.

The data set and its expected figures are written out in tests/survey_fixtures.py (memory
backend here; the .xlsx and Google backends in tests/backends/*/test_response_sheet.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.reports.model import build_annual
from nastavnik.reports.survey_form import build_form, form_data
from nastavnik.sheets_schema import survey
from nastavnik.sync.snapshot import Cell, Link
from tests import factories
from tests import survey_fixtures as sf
from tests.responses_support import (
    ERRORS,
    MONITORING,
    assert_expected_problems,
    assert_figures,
    listed,
    synced_memory,
)


def google_forms_school() -> dict[str, list[list[Cell]]]:
    """The must-hold school with its Google form's response sheet, named in «Настройки»."""
    grid = sf.google_forms_grid(sf.ANSWERS)
    return sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid})


def test_google_forms_answers_give_the_hand_written_monitoring_figures() -> None:
    workbook, report = synced_memory(google_forms_school())
    assert report.written
    assert_figures(workbook.grid(MONITORING))


def test_report_model_shows_the_same_figures_over_the_same_answers() -> None:
    _, report = synced_memory(google_forms_school())
    data = build_annual(report.outcome, 2025)
    assert {label: data.value(label) for label in sf.FIGURES} == sf.FIGURES
    assert {label: data.answers[label] for label in sf.ANSWER_COUNTS} == sf.ANSWER_COUNTS


def test_every_problem_is_listed_at_its_response_sheet_cell_with_a_link_to_it() -> None:
    workbook, _ = synced_memory(google_forms_school())
    errors = workbook.grid(ERRORS)
    assert_expected_problems(errors, sf.GOOGLE_TITLE, sf.google_cell)
    links = [row[-1] for row in errors[1:] if row[0] == sf.GOOGLE_TITLE]
    expected = [sf.google_cell(p) for p in sf.PROBLEMS]
    assert [(link.sheet, link.cell) for link in links if isinstance(link, Link)] == [
        (sf.GOOGLE_TITLE, cell) for cell in expected
    ]


def test_an_email_column_moves_the_cells_but_not_the_figures() -> None:
    answers = [replace(a, email=f"teacher{n}@school5.ru") for n, a in enumerate(sf.ANSWERS)]
    grid = sf.google_forms_grid(answers, emails=True)
    assert grid[0][:3] == ["Отметка времени", "Адрес электронной почты", survey.FIO.title]
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    assert_figures(workbook.grid(MONITORING))
    assert_expected_problems(
        workbook.grid(ERRORS), sf.GOOGLE_TITLE, lambda p: sf.google_cell(p, emails=True)
    )


def test_the_response_sheet_is_left_exactly_as_the_form_wrote_it() -> None:
    grids = google_forms_school()
    workbook, report = synced_memory(grids)
    assert workbook.grid(sf.GOOGLE_TITLE) == grids[sf.GOOGLE_TITLE]
    touched = {w.sheet for w in report.changes.writes} | set(report.changes.new_sheets)
    touched |= {f.sheet for f in report.changes.column_formats}
    touched |= {f.sheet for f in report.changes.sheet_formats}
    assert sf.GOOGLE_TITLE not in touched
    assert not any(a.sheet == sf.GOOGLE_TITLE for a in report.changes.anchors)


YANDEX_VARIANTS = {
    "text-times": sf.yandex_grid(sf.ANSWERS),
    "pasted-dates": sf.yandex_grid(sf.ANSWERS, pasted_as_dates=True),
    "csv-all-text": sf.as_text(sf.yandex_grid(sf.ANSWERS)),
}


@pytest.mark.parametrize("variant", sorted(YANDEX_VARIANTS))
def test_yandex_export_pasted_into_a_sheet_gives_the_same_figures(variant: str) -> None:
    grid = YANDEX_VARIANTS[variant]
    workbook, _ = synced_memory(sf.school_grids(sf.YANDEX_TITLE, {sf.YANDEX_TITLE: grid}))
    assert_figures(workbook.grid(MONITORING))
    assert_expected_problems(workbook.grid(ERRORS), sf.YANDEX_TITLE, sf.yandex_cell)
    assert workbook.grid(sf.YANDEX_TITLE) == grid


def test_an_english_google_account_names_the_timestamp_and_email_in_english() -> None:
    answers = [replace(a, email=f"teacher{n}@school5.ru") for n, a in enumerate(sf.ANSWERS)]
    grid = sf.google_forms_grid(answers, emails=True, english=True)
    assert grid[0][:2] == ["Timestamp", "Email Address"]
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    assert_figures(workbook.grid(MONITORING))


def test_yandex_and_google_sheets_of_the_same_answers_count_each_respondent_once() -> None:
    # Both sheets named: every answer arrives twice; the figures do not move.
    sheets = {
        sf.GOOGLE_TITLE: sf.google_forms_grid(sf.ANSWERS),
        sf.YANDEX_TITLE: sf.yandex_grid(sf.ANSWERS),
    }
    grids = sf.school_grids(f"{sf.GOOGLE_TITLE}; {sf.YANDEX_TITLE}", sheets)
    workbook, _ = synced_memory(grids)
    assert_figures(workbook.grid(MONITORING))


@st.composite
def reworded_and_reordered(draw: st.DrawFn) -> list[list[Cell]]:
    """The Google Forms sheet with its columns in any order and every header typed any way."""
    grid = sf.google_forms_grid(sf.ANSWERS)
    order = draw(st.permutations(range(len(grid[0]))))
    header: list[Cell] = [draw(sf.typed_like_staff(str(grid[0][n]))) for n in order]
    return [header, *([row[n] if n < len(row) else None for n in order] for row in grid[1:])]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reworded_and_reordered())
def test_columns_in_any_order_under_any_typing_of_their_headers_give_the_same_figures(
    grid: list[list[Cell]],
) -> None:
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    assert_figures(workbook.grid(MONITORING))
    assert len(listed(workbook.grid(ERRORS), sf.GOOGLE_TITLE)) == len(sf.PROBLEMS)


def test_the_form_printed_for_this_school_round_trips_into_the_hand_written_figures() -> None:
    # What `nastavnik form --json` prints in November, before the December wave: the ФИО list
    # is the people of the pairs working or planned then (not Васильева: she is in no pair).
    _, before = synced_memory(sf.school_grids(None))
    printed = form_data(build_form(before.outcome, date(2025, 11, 25), google=True))
    assert printed["names"] == [
        factories.MENTOR,
        sf.MENTEE_2,
        sf.MENTEE_3,
        sf.MENTOR_3,
        sf.MENTEE_4,
        factories.MENTEE,
        sf.MENTOR_2,
    ]
    questions = printed["questions"]
    assert isinstance(questions, list)
    fields = [str(q["field"]) for q in questions]
    header: list[Cell] = ["Отметка времени", *(str(q["title"]) for q in questions)]
    grid = [header, *([a.sent, *(a.answer(f) for f in fields)] for a in sf.ANSWERS)]
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    assert_figures(workbook.grid(MONITORING))
    assert len(listed(workbook.grid(ERRORS), sf.GOOGLE_TITLE)) == len(sf.PROBLEMS)
