"""Survey response sheets in the core: which sheet, who answered, problems at its cells, figures.

The school: mentor Иванова Мария Петровна with two single pairs (НП-001 with Петров Пётр
Сергеевич, НП-002 with Сидорова Анна Ивановна), both working from 01.09.2025. The December
2025 wave is asked of 4 units: (НП-001, наставник), (НП-001, наставляемый), (НП-002, …) ×2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sync import compute
from nastavnik.sync.changeset import ChangeSetBuilder
from nastavnik.sync.compute.metrics import year_indicators
from nastavnik.sync.compute.population import Year
from nastavnik.sync.engine import plan_sync
from nastavnik.sync.parse import parse
from nastavnik.sync.problems import Level, Problem
from nastavnik.sync.responses.rows import read_moment
from nastavnik.sync.snapshot import Cell, Snapshot, make_table
from tests.factories import (
    MENTEE,
    MENTOR,
    pair,
    people,
    setting,
    snapshot,
    teacher,
    young_teacher,
)

SHEET = "Ответы на форму (1)"
SECOND = "Сидорова Анна Ивановна"
HEADER = [
    "Отметка времени",
    "Ваши фамилия, имя и отчество",
    "Насколько вы удовлетворены участием в наставничестве?",
    "Что стоит улучшить",
]
JANUARY = date(2026, 1, 15)


STRANGER = "Смирнова Елена Викторовна"  # works at the school, in no pair


def school(
    rows: Sequence[Sequence[object]], *, named: object = SHEET, header: Sequence[str] = HEADER
) -> Snapshot:
    """Two pairs of one mentor, and a response sheet (named in «Настройки» unless None)."""
    base = snapshot(
        teachers=[*people(), young_teacher(fio=SECOND), teacher(fio=STRANGER)],
        pairs=[pair(), pair(code="НП-002", mentee=SECOND)],
        settings=[setting("Лист ответов опроса", named)] if named is not None else [],
    )
    grid: list[list[Cell]] = [list(header), *([cast(Cell, v) for v in row] for row in rows)]
    tables = {**base.tables, SHEET: make_table(SHEET, grid)}
    return Snapshot(tables, (*base.order, SHEET))


def outcome(snap: Snapshot, today: date = JANUARY) -> compute.Outcome:
    return compute.compute(parse(snap), today)


def at(result: compute.Outcome, sheet: str, cell: str) -> list[Problem]:
    return [p for p in result.problems if p.sheet == sheet and p.cell == cell]


def figures(result: compute.Outcome) -> dict[str, object]:
    year = Year.of(2025, result.today)
    return {i.label: i.value for i in year_indicators(result.context, year)}


MENTOR_SCORE = "Удовлетворённость участием: наставники, декабрь (из 10)"
MENTEE_SCORE = "Удовлетворённость участием: наставляемые, декабрь (из 10)"
RATE = "Доля ответивших на опросы, %"


def test_answers_by_name_count_in_the_figures_and_the_mentor_speaks_for_both_pairs() -> None:
    rows = [
        [datetime(2025, 12, 3, 10, 15), MENTOR, 8, None],
        [datetime(2025, 12, 4, 9, 0), MENTEE, 6, "Больше встреч"],
    ]
    result = outcome(school(rows))
    assert [p for p in result.problems if p.sheet == SHEET] == []
    got = figures(result)
    assert got[MENTOR_SCORE] == 8  # one mentor, one answer (not one per pair)
    assert got[MENTEE_SCORE] == 6
    assert got[RATE] == 75  # 3 of 4 units: the mentor's two, Петров's; Сидорова has not answered
    [item] = [a for a in result.attention if "не ответили" in a.what]
    assert item.what.startswith("Пара НП-002: нет обратной связи за декабрь 2025")
    assert item.others == (SECOND,)


def test_typed_rows_and_form_answers_count_together() -> None:
    snap = school([[datetime(2025, 12, 4, 9, 0), SECOND, 10, None]])
    typed = make_table(
        "Обратная связь",
        [
            ["Дата", "Код пары", "Респондент", "Удовлетворённость участием (1–10)"],
            [date(2025, 12, 10), "НП-001", "наставляемый", 7],
        ],
    )
    snap = Snapshot({**snap.tables, "Обратная связь": typed}, snap.order)
    got = figures(outcome(snap))
    assert got[MENTEE_SCORE] == 8.5  # (10 + 7) / 2
    assert got[RATE] == 50  # both mentees of 4 units


def test_a_typed_row_and_a_form_answer_of_one_respondent_count_once_the_later() -> None:
    snap = school([[datetime(2025, 12, 4, 9, 0), MENTEE, 10, None]])
    typed = make_table(
        "Обратная связь",
        [
            ["Дата", "Код пары", "Респондент", "Удовлетворённость участием (1–10)"],
            [date(2025, 12, 10), "НП-001", "наставляемый", 4],  # typed later: it counts
        ],
    )
    result = outcome(Snapshot({**snap.tables, "Обратная связь": typed}, snap.order))
    [earlier] = at(result, SHEET, "B2")
    assert earlier.level is Level.WARNING
    assert "лист «Обратная связь», строка 2" in earlier.message
    assert figures(result)[MENTEE_SCORE] == 4


def test_score_off_the_scale_misspelled_name_and_stranger_are_at_their_cells() -> None:
    rows = [
        [datetime(2025, 12, 3, 10, 0), MENTOR, 11, None],  # row 2: score 11
        [datetime(2025, 12, 3, 11, 0), "Петров Петр Сергевич", 7, None],  # row 3: typo
        [datetime(2025, 12, 3, 12, 0), STRANGER, 9, None],  # row 4: no pair
    ]
    result = outcome(school(rows))
    [score] = at(result, SHEET, "C2")
    assert (score.level, score.value) == (Level.ERROR, "11")
    assert "вне шкалы" in score.message
    [typo] = at(result, SHEET, "B3")
    assert typo.level is Level.ERROR
    assert f"«{MENTEE}»" in typo.fix  # the closest name is offered
    [alone] = at(result, SHEET, "B4")
    assert alone.level is Level.WARNING
    assert "не в действующей паре" in alone.message
    assert figures(result)[MENTOR_SCORE] is None  # nothing of the three counts


def test_a_second_answer_in_the_wave_replaces_the_first() -> None:
    rows = [
        [datetime(2025, 12, 3, 10, 0), MENTEE, 4, None],
        [datetime(2025, 12, 20, 18, 30), MENTEE, 9, None],
    ]
    result = outcome(school(rows))
    [earlier] = at(result, SHEET, "B2")
    assert earlier.level is Level.WARNING
    assert "строка 3" in earlier.message
    assert figures(result)[MENTEE_SCORE] == 9


def test_the_timestamp_may_be_text_or_a_serial_number() -> None:
    rows = [
        ["03.12.2025 10:15:00", MENTOR, 8, None],
        [46000.5, MENTEE, 6, None],  # 46000 = 09.12.2025, noon
    ]
    result = outcome(school(rows))
    assert sorted(a.moment for a in result.context.feedback_answers) == [
        datetime(2025, 12, 3, 10, 15),
        datetime(2025, 12, 9, 12, 0),
    ]


def test_pair_code_and_role_identify_a_respondent_without_a_name() -> None:
    header = ["Timestamp", "Код пары", "Ваша роль в паре", "Удовлетворённость участием (1–10)"]
    rows = [[datetime(2025, 12, 5, 8, 0), "нп-002", "Наставляемый", 5]]
    result = outcome(school(rows, header=header))
    [answer] = result.context.feedback_answers
    assert (answer.person, answer.respondent, answer.codes) == (SECOND, "наставляемый", ("НП-002",))


def test_an_unnamed_form_sheet_is_offered_not_used() -> None:
    result = outcome(school([[datetime(2025, 12, 3, 10, 0), MENTOR, 8, None]], named=None))
    [offer] = [p for p in result.problems if p.sheet == SHEET]
    assert offer.level is Level.WARNING
    assert "Лист ответов опроса" in offer.fix
    assert result.context.feedback_answers == []


def test_a_setting_naming_no_sheet_is_an_error_at_the_setting_with_the_closest_title() -> None:
    result = outcome(school([], named="Ответы на форму 1"))
    [problem] = [p for p in result.problems if p.sheet == settings_sheet.TITLE and p.row == 2]
    assert (problem.cell, problem.level) == ("B2", Level.ERROR)
    assert f"«{SHEET}»" in problem.fix


def test_a_missing_question_column_is_a_sheet_problem() -> None:
    header = ["Отметка времени", "Ваши фамилия, имя и отчество", "Ваш любимый цвет"]
    result = outcome(school([[datetime(2025, 12, 3), MENTOR, "синий"]], header=header))
    [problem] = [p for p in result.problems if p.sheet == SHEET]
    assert problem.row is None
    assert "Насколько вы удовлетворены участием в наставничестве" in problem.message


def test_the_plan_never_writes_into_the_response_sheet() -> None:
    snap = school([[datetime(2025, 12, 3, 10, 0), MENTOR, 8, None]])
    _, _, builder = plan_sync(snap, JANUARY)
    assert builder.writes, "the sync writes its own sheets"
    assert all(w.sheet != SHEET for w in builder.writes)
    guard = replace(ChangeSetBuilder(), read_only=frozenset({SHEET}))
    with pytest.raises(UnsafeWrite):
        guard.set_header(snap.tables[SHEET], 9, "Проверка")


@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
    pattern=st.sampled_from(
        ["%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y, %H:%M:%S"]
    ),
)
def test_a_timestamp_written_as_text_reads_back_to_the_second(
    moment: datetime, pattern: str
) -> None:
    exact = moment.replace(microsecond=0)
    assert read_moment(exact.strftime(pattern)) == exact
    assert read_moment(exact) == exact
