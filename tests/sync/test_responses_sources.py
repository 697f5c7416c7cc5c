"""Issue 15: form answers beside typed «Обратная связь» rows; no response sheet, no change.

Expected figures are worked out by hand in each test's comment (data: tests/survey_fixtures.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.snapshot import Cell
from tests import factories
from tests import survey_fixtures as sf
from tests.responses_support import (
    ERRORS,
    MONITORING,
    assert_figures,
    feedback_figures,
    listed,
    sync,
    synced_memory,
)

DEC_M, DEC_E = sf.SATISFACTION_DEC_MENTORS, sf.SATISFACTION_DEC_MENTEES
APR_M, APR_E, RATE = sf.SATISFACTION_APR_MENTORS, sf.SATISFACTION_APR_MENTEES, sf.RESPONSE_RATE


def test_without_a_response_sheet_typed_rows_give_their_hand_written_figures() -> None:
    workbook, _ = synced_memory(sf.school_grids(None, typed=sf.TYPED))
    assert_figures(workbook.grid(MONITORING), sf.TYPED_FIGURES)


def test_a_sheet_nobody_named_changes_no_cell_and_no_figure() -> None:
    plain = sf.school_grids(None, typed=sf.TYPED)
    draft = {"Черновик ответов": sf.google_forms_grid(sf.ANSWERS)}
    with_draft = sf.school_grids(None, draft, typed=sf.TYPED)
    before, report = synced_memory(plain)
    after, report_with = synced_memory(with_draft)
    assert report_with.changes.writes == report.changes.writes
    for title, grid in before.sheets.items():
        assert after.grid(title) == grid, title
    assert after.grid("Черновик ответов") == with_draft["Черновик ответов"]


def test_a_named_sheet_with_no_answer_yet_changes_no_figure() -> None:
    header_only = {sf.GOOGLE_TITLE: sf.google_forms_grid([])}
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, header_only, typed=sf.TYPED))
    assert_figures(workbook.grid(MONITORING), sf.TYPED_FIGURES)
    assert listed(workbook.grid(ERRORS), sf.GOOGLE_TITLE) == {}


def test_a_form_sheet_not_named_in_settings_is_offered_and_not_used() -> None:
    grid = sf.google_forms_grid(sf.ANSWERS)
    workbook, _ = synced_memory(sf.school_grids(None, {sf.GOOGLE_TITLE: grid}))
    assert set(feedback_figures(workbook.grid(MONITORING)).values()) == {None}
    [(cell, (level, message, fix))] = listed(workbook.grid(ERRORS), sf.GOOGLE_TITLE).items()
    assert (cell, level) == ("", "предупреждение")  # the whole sheet, not a cell
    assert "не учитываются" in message
    assert survey.SETTING in fix and sf.GOOGLE_TITLE in fix
    assert workbook.grid(sf.GOOGLE_TITLE) == grid


def test_typed_rows_and_form_answers_count_together_the_latest_standing() -> None:
    # Лебедев's answer typed (5) now counts for НП-003; Петров's typed December row (3) is
    # older than his form answers: the form's latest (7) stands, the typed row is warned.
    # April mentees: Новикова 8, Кузнецова 6, Лебедев 5 = 19 / 3 = 6.33; April units 6 of 7,
    # so (3 + 6) / 12 = 75.0 %.
    rows = [
        sf.typed(date(2025, 12, 1), "НП-001", "наставляемый", 3),
        sf.typed(date(2026, 4, 20), "НП-003", "наставляемый", 5),
    ]
    grid = sf.google_forms_grid(sf.ANSWERS)
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}, rows))
    expected = {**sf.FIGURES, APR_E: 6.33, RATE: 75.0}
    assert_figures(workbook.grid(MONITORING), expected)
    [(cell, (level, message, _))] = listed(workbook.grid(ERRORS), feedback.TITLE).items()
    assert (cell[0], cell[1:], level) == ("C", "2", "предупреждение")
    assert sf.GOOGLE_TITLE in message and "6" in message


def test_a_mentor_of_two_separate_pairs_answers_once_for_both() -> None:
    # НП-005: Морозов → Орлова from 12.01.2026. His one April answer covers НП-004 and НП-005;
    # Орлова answers 9. April: 9 units, 7 answered; December unchanged (3 of 5):
    # (3 + 7) / 14 = 71.4 %. April mentors still Иванова 9, Соколова 7, Морозов 10 = 8.67;
    # mentees Новикова 8, Кузнецова 6, Орлова 9 = 23 / 3 = 7.67.
    grids = _with_second_pair_of_morozov()
    workbook, _ = synced_memory(grids)
    assert_figures(workbook.grid(MONITORING), {**sf.FIGURES, APR_E: 7.67, RATE: 71.4})


def _with_second_pair_of_morozov() -> dict[str, list[list[Cell]]]:
    orlova = "Орлова Вера Павловна"
    answers = [*sf.ANSWERS, sf.FormAnswer(datetime(2026, 4, 16, 12, 0), orlova, satisfaction=9)]
    grids = sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: sf.google_forms_grid(answers)})
    rows = sf.school_rows()
    rows["teachers"].append(factories.young_teacher(fio=orlova))
    rows["pairs"].append(
        factories.pair(code="НП-005", mentor=sf.MENTOR_3, mentee=orlova, start=date(2026, 1, 12))
    )
    snap = factories.snapshot(**{k: rows[k] for k in ("teachers", "pairs")})
    for title in (t.title for t in snap.tables.values() if t.rows):
        table = snap.tables[title]
        grids[title] = [list(table.header), *map(list, table.rows)]
    return grids


def test_an_optional_score_off_the_scale_is_reported_and_the_answer_still_counts() -> None:
    # Петров answers in April: satisfaction 6, usefulness 11. The 11 is an error at E14; the
    # answer counts: April mentees Новикова 8, Кузнецова 6, Петров 6 = 6.67; April units 6 of 7:
    # (3 + 6) / 12 = 75.0 %.
    bad = sf.FormAnswer(datetime(2026, 4, 15, 17, 20), factories.MENTEE, None, None, 6, 11, 6)
    grid = sf.google_forms_grid([*sf.ANSWERS, bad])
    workbook, _ = synced_memory(sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: grid}))
    assert listed(workbook.grid(ERRORS), sf.GOOGLE_TITLE)["E14"][0] == "ошибка"
    assert_figures(workbook.grid(MONITORING), {**sf.FIGURES, APR_E: 6.67, RATE: 75.0})


def test_during_the_april_wave_the_digest_lists_who_has_not_answered_yet() -> None:
    # Today 12.04.2026; the answers sent so far (rows up to 11.04). April: НП-001's mentee, the
    # mentees of НП-002 and НП-003 have not answered (Лебедев's 11 does not count); December
    # (over): НП-002 (the misspelled name) and НП-003 mentees.
    today = date(2026, 4, 12)
    sent = [a for a in sf.ANSWERS if a.sent.date() <= today]
    workbook = sf.school_grids(sf.GOOGLE_TITLE, {sf.GOOGLE_TITLE: sf.google_forms_grid(sent)})
    report = sync(MemoryWorkbook.from_grids(workbook), today)
    items = [a for a in report.outcome.attention if a.source == feedback.TITLE]
    found = {(_code(i.what), _wave(i.what)) for i in items}
    assert found == {
        ("НП-001", "апрель 2026"),
        ("НП-002", "апрель 2026"),
        ("НП-003", "апрель 2026"),
        ("НП-002", "декабрь 2025"),
        ("НП-003", "декабрь 2025"),
    }
    [petrov] = [i for i in items if _code(i.what) == "НП-001"]
    assert factories.MENTEE in petrov.what and "идёт" in petrov.what


def _code(text: str) -> str:
    found = re.search(r"НП-\d{3}", text)
    return found.group(0) if found else ""


def _wave(text: str) -> str:
    found = re.search(r"(декабрь|апрель) \d{4}", fold(text))
    return found.group(0) if found else ""
