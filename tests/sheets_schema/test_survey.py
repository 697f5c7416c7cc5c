"""The survey declaration: which response-sheet headers mean which field.

Headers below are written out by hand as each form builder lays out its sheet (Google Forms'
linked sheet; Yandex Forms' export, see the sources in sheets_schema/survey.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.survey import find_columns, is_response_title, question_key
from tests.survey_fixtures import typed_like_staff

GOOGLE_HEADER = (
    "Отметка времени",
    "Адрес электронной почты",
    "Ваши фамилия, имя и отчество",
    "Код пары",
    "Насколько вы удовлетворены участием в наставничестве",
    "Насколько полезными были встречи",
    "Насколько достигнуты цели программы наставничества",
    "Что было полезно",
    "Что стоит улучшить",
)
YANDEX_HEADER = (
    "ID",
    "Время создания",
    "ФИО",
    "Код наставнической пары",
    "Вы отвечаете как",
    "Что было полезно?",
    "Что можно улучшить",
    "Насколько вы удовлетворены участием в наставничестве?",
    "Полезность встреч (1–10)",
    "Насколько достигнуты цели программы наставничества *",
)


def test_google_forms_header_finds_every_question_and_skips_the_email() -> None:
    assert find_columns(GOOGLE_HEADER) == {
        "timestamp": 0,
        "fio": 2,
        "pair_code": 3,
        "satisfaction": 4,
        "usefulness": 5,
        "goals": 6,
        "useful": 7,
        "improve": 8,
    }


def test_yandex_export_header_finds_every_question_and_skips_the_answer_id() -> None:
    assert find_columns(YANDEX_HEADER) == {
        "timestamp": 1,
        "fio": 2,
        "pair_code": 3,
        "respondent": 4,
        "useful": 5,
        "improve": 6,
        "satisfaction": 7,
        "usefulness": 8,
        "goals": 9,
    }


def test_feedback_sheet_headers_read_as_a_response_sheet() -> None:
    header = (
        "Дата",
        "Код пары",
        "Респондент",
        "Удовлетворённость участием (1–10)",
        "Полезность встреч (1–10)",
        "Достижение целей программы (1–10)",
        "Что было полезно",
        "Что улучшить",
        "Волна",
    )
    assert find_columns(header) == {
        "timestamp": 0,
        "pair_code": 1,
        "respondent": 2,
        "satisfaction": 3,
        "usefulness": 4,
        "goals": 5,
        "useful": 6,
        "improve": 7,
    }


def test_english_google_timestamp_and_the_first_of_two_matching_columns_win() -> None:
    header = ("Timestamp", "ФИО", "Ваше ФИО", "Что улучшить", "Что стоит улучшить")
    assert find_columns(header) == {"timestamp": 0, "fio": 1, "improve": 3}


def test_blank_number_and_date_header_cells_are_skipped() -> None:
    header = (None, 7, datetime(2025, 12, 1, 9, 0), "", "Отметка времени", "ФИО")
    assert find_columns(header) == {"timestamp": 4, "fio": 5}


def test_header_without_any_question_finds_nothing() -> None:
    assert find_columns(("Адрес электронной почты", "ID", "Баллы", "Комментарий")) == {}


def test_question_key_ignores_case_spaces_yo_and_trailing_marks() -> None:
    assert question_key("Насколько полезными были встречи?*") == "насколько полезными были встречи"
    assert question_key("  ФИО:  ") == "фио"
    assert question_key("Удовлетворённость  участием") == question_key("удовлетворенность участием")
    assert question_key("Что было полезно ? ") == "что было полезно"
    assert question_key("?*") == ""


def test_response_titles_are_recognised_by_their_start() -> None:
    assert is_response_title("Ответы на форму (1)")
    assert is_response_title("ответы  на  форму (2)")
    assert is_response_title("Form Responses 1")
    assert is_response_title("Form responses 3")
    assert not is_response_title("Обратная связь")
    assert not is_response_title("Ответы")
    assert not is_response_title("Мои ответы на форму")


def test_no_header_means_two_fields() -> None:
    fields: defaultdict[str, set[str]] = defaultdict(set)
    for question in survey.QUESTIONS:
        for header in question.headers:
            fields[question_key(header)].add(question.field)
    for header in survey.TIMESTAMP_HEADERS:
        fields[question_key(header)].add("timestamp")
    assert {key: found for key, found in fields.items() if len(found) > 1} == {}


EVERY_HEADER = [
    *((header, question.field) for question in survey.QUESTIONS for header in question.headers),
    *((header, "timestamp") for header in survey.TIMESTAMP_HEADERS),
]


@given(
    st.sampled_from(EVERY_HEADER).flatmap(
        lambda pair: st.tuples(st.just(pair[1]), typed_like_staff(pair[0]))
    )
)
def test_every_header_typed_any_way_finds_its_field(case: tuple[str, str]) -> None:
    field, typed = case
    assert find_columns(("Адрес электронной почты", typed)) == {field: 1}
