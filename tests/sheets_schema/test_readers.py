"""Lenient readers: what staff type is accepted; what is wrong is reported in Russian."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import (
    ReadError,
    read_bool,
    read_choice,
    read_date,
    read_fio,
    read_int,
    read_month,
    read_number,
    read_score,
    read_url,
    to_serial,
)
from nastavnik.sheets_schema.text import fold, header_key, mixes_scripts

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.mark.parametrize(
    "typed",
    ["01.09.2024", "1.9.24", "2024-09-01", "1 сентября 2024", "01.09.2024 г.", " 01.09.2024 ",
     "1 сент. 2024", "1 СЕНТЯБРЯ 2024 года", "01/09/2024"],
)  # fmt: skip
def test_every_accepted_text_form_reads_as_the_same_date(typed: str) -> None:
    assert read_date(typed) == date(2024, 9, 1)


def test_spreadsheet_serial_and_real_dates_are_dates() -> None:
    assert read_date(to_serial(date(2024, 9, 1))) == date(2024, 9, 1)
    assert read_date(45536.75) == date(2024, 9, 1)
    assert read_date(datetime(2024, 9, 1, 10, 30)) == date(2024, 9, 1)


@pytest.mark.parametrize("typed", ["31.02.2025", "30.13.2024", "2025-02-30", "31 апреля 2025"])
def test_impossible_date_is_an_error_not_a_guess(typed: str) -> None:
    with pytest.raises(ReadError) as raised:
        read_date(typed)
    assert "Такой даты нет" in raised.value.message
    assert CYRILLIC.search(raised.value.fix)


@pytest.mark.parametrize("typed", ["вчера", "сентябрь", "12", True])
def test_text_that_is_not_a_date_is_an_error(typed: object) -> None:
    with pytest.raises(ReadError):
        read_date(typed)


def test_numbers_accept_decimal_comma_and_thousands_spaces() -> None:
    assert read_number("4,5") == 4.5
    assert read_number("4.5") == 4.5
    assert read_number("12 500") == 12500
    assert read_number("12 500 руб.") == 12500
    assert read_int("4,0") == 4


def test_whole_number_column_refuses_a_fraction() -> None:
    with pytest.raises(ReadError):
        read_int("4,5")


def test_scores_outside_one_to_ten_are_errors() -> None:
    assert read_score("10") == 10
    with pytest.raises(ReadError):
        read_score(11)
    with pytest.raises(ReadError):
        read_score(0)


@pytest.mark.parametrize("typed", ["да", "Да ", "+", "✓", "TRUE", "1", 1, True])
def test_yes_forms(typed: object) -> None:
    assert read_bool(typed) is True


@pytest.mark.parametrize("typed", ["нет", "-", "−", "FALSE", "0", 0, False])
def test_no_forms(typed: object) -> None:
    assert read_bool(typed) is False


def test_dropdown_forgives_case_spaces_yo_and_short_forms() -> None:
    assert read_choice("  ВЫСШАЯ ", ch.CATEGORIES, ch.CATEGORY_SYNONYMS) == "высшая"
    assert read_choice("высш.", ch.CATEGORIES, ch.CATEGORY_SYNONYMS) == "высшая"
    assert read_choice("партнерская", ch.FORMS, ch.FORM_SYNONYMS) == "партнёрская"


def test_dropdown_error_lists_the_allowed_values() -> None:
    with pytest.raises(ReadError) as raised:
        read_choice("лучшая", ch.CATEGORIES, ch.CATEGORY_SYNONYMS)
    assert all(choice in raised.value.fix for choice in ch.CATEGORIES)


def test_names_collapse_spaces_and_mixed_scripts_are_detected() -> None:
    assert read_fio("  Иванова   Мария  Петровна ") == "Иванова Мария Петровна"
    assert mixes_scripts("Иванова Мaрия")  # Latin a
    assert not mixes_scripts("Иванова Мария")
    assert fold("Семёнов") == fold("семенов")


def test_months_read_as_their_first_day() -> None:
    assert read_month("сентябрь 2025") == date(2025, 9, 1)
    assert read_month("09.2025") == date(2025, 9, 1)
    assert read_month(date(2025, 9, 17)) == date(2025, 9, 1)


def test_headers_match_ignoring_case_spaces_yo_and_required_star() -> None:
    assert header_key("  дата  приёма в школу* ") == header_key("Дата приема в школу")


cell_values = st.one_of(
    st.none(),
    st.text(max_size=50),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.text(max_size=20).map(lambda s: "=" + s),
)


@given(cell_values)
def test_readers_return_or_raise_read_error_only(value: object) -> None:
    for reader in (read_date, read_number, read_int, read_score, read_bool, read_month, read_fio):
        try:
            reader(value)
        except ReadError as error:
            assert CYRILLIC.search(error.message) or CYRILLIC.search(error.fix)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("https://forms.gle/AbC123", "https://forms.gle/AbC123"),
        ("  https://forms.yandex.ru/u/6570/  ", "https://forms.yandex.ru/u/6570/"),
        ("forms.yandex.ru/u/6570/", "https://forms.yandex.ru/u/6570/"),
        ("http://school5.ru/opros", "http://school5.ru/opros"),
        (None, None),
    ],
)
def test_a_web_address_is_read_as_typed_with_https_added_when_missing(
    typed: object, read: str | None
) -> None:
    assert read_url(typed) == read


@pytest.mark.parametrize(
    "typed",
    ["javascript:alert(1)", "https://x.ru/a b", 'https://x.ru/"><b>', "ftp://x.ru/f", "опрос", 42],
)
def test_anything_else_is_not_a_web_address(typed: object) -> None:
    with pytest.raises(ReadError):
        read_url(typed)
