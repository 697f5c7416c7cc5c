"""Parsing «Сроки» texts: every family in several real-world spellings, errors, robustness."""

from __future__ import annotations

import calendar
import contextlib
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sheets_schema import errors
from nastavnik.sheets_schema.deadlines import (
    FAMILY_EXAMPLES,
    DeadlineError,
    Period,
    Schedule,
    expand,
    parse_deadline,
)

# (family, periodicity, spellings that all mean the same thing)
# fmt: off
GROUPS: list[tuple[str, str, list[str]]] = [
    ("месяц и год", "однократно", [
        "сентябрь 2024", "Сентябрь 2024 г.", "в сентябре 2024 года", "сент. 2024", "СЕН 2024",
        "сентябрь 24", "  сентябрь\u00a02024  ", "до конца сентября 2024 г", "Сентябрь, 2024",
    ]),
    ("месяц и год", "однократно", ["сентябрь, декабрь 2025", "сентябрь 2025 и декабрь 2025"]),
    ("диапазон месяцев", "однократно", [
        "май – сентябрь 2024", "май-сентябрь 2024", "май — сентябрь 2024 г.",
        "Май - Сентябрь 2024 года", "с мая по сентябрь 2024", "май 2024 – сентябрь 2024",
        "мая–сентября 2024",
    ]),
    ("диапазон месяцев", "однократно", [
        "ноябрь – февраль 2025", "ноябрь 2024 - февраль 2025", "с ноября 2024 г. по февраль 2025 г.",
    ]),
    ("ежегодно, месяцы", "ежегодно", [
        "октябрь", "Октябрь", "в октябре", "ежегодно, октябрь", "ежегодно в октябре",
        "каждый год в октябре", "октябрь ежегодно", "окт.", "ежегодно: октябрь", "ОКТЯБРЬ.",
    ]),
    ("ежегодно, месяцы", "ежегодно", [
        "ежегодно, октябрь - ноябрь", "ежегодно, октябрь–ноябрь", "октябрь — ноябрь",
        "с октября по ноябрь", "ежегодно с октября по ноябрь",
    ]),
    ("ежегодно, месяцы", "ежегодно", [
        "ежегодно, декабрь, апрель", "ежегодно: декабрь и апрель", "декабрь; апрель",
        "в декабре и апреле", "ежегодно, в декабре и в апреле", "Ежегодно, Декабрь, Апрель",
    ]),
    ("в течение года", "постоянно", [
        "в течение года", "В течение года", "в течении года", "в течение учебного года",
        "в течение уч. года", "постоянно", "систематически", "ежедневно", "еженедельно",
        "Постоянно, в течение года", "ежегодно, в течение года", "в течение всего учебного года",
        "в течение года.", "В ТЕЧЕНИЕ ГОДА",
    ]),
    ("ежегодно", "ежегодно", [
        "ежегодно", "Ежегодно.", "каждый год", "1 раз в год", "раз в год", "каждый учебный год",
    ]),
    ("дата", "однократно", [
        "15.10.2025", "до 15.10.2025", "до 15.10.25", "не позднее 15 октября 2025 г.",
        "к 15 октября 2025", "15 октября 2025 года", "2025-10-15", "до 15.10.2025г.",
        "не позже 15.10.2025", "До 15 Октября 2025",
    ]),
    ("диапазон дат", "однократно", [
        "01.09.2025 – 30.10.2025", "01.09.2025-30.10.2025", "с 01.09.2025 по 30.10.2025",
        "с 1 сентября по 30 октября 2025", "01.09 – 30.10.2025",
        "с 1 сентября 2025 г. по 30 октября 2025 г.", "с 1 сентября до 30 октября 2025",
    ]),
    ("диапазон дат", "однократно", [
        "с 1 по 15 октября 2025", "1-15 октября 2025", "с 1 по 15 окт. 2025 г.", "1 – 15.10.2025",
    ]),
    ("диапазон дат", "однократно", [
        "с 30 декабря 2025 по 9 января 2026", "с 30 декабря по 9 января 2026",
        "30.12.2025 – 09.01.2026",
    ]),
    ("ежегодно, дата", "ежегодно", [
        "до 1 октября", "к 1 октября", "ежегодно до 1 октября", "01.10", "1.10",
        "ежегодно, не позднее 1 октября",
    ]),
    ("ежегодно, дата", "ежегодно", ["ежегодно до 25 мая", "до 25 мая", "25.05", "ежегодно, 25 мая"]),
    ("ежегодно, дата", "ежегодно", [
        "с 10 по 14 апреля", "10-14 апреля", "ежегодно с 10 по 14 апреля", "10.04 - 14.04",
    ]),
    ("ежемесячно", "ежемесячно", [
        "ежемесячно", "Ежемесячно", "1 раз в месяц", "раз в месяц", "один раз в месяц",
        "каждый месяц",
    ]),
    ("ежемесячно", "ежемесячно", [
        "до 25 числа каждого месяца", "ежемесячно до 25 числа", "ежемесячно, до 25-го числа",
        "25 числа каждого месяца", "ежемесячно не позднее 25 числа",
    ]),
    ("по четвертям", "ежеквартально", [
        "ежеквартально", "1 раз в четверть", "раз в четверть", "по четвертям",
        "по итогам каждой четверти", "в конце каждой четверти", "I, II, III и IV четверти",
    ]),
    ("четверть", "ежегодно", [
        "II четверть", "2 четверть", "во II четверти", "вторая четверть", "по итогам 2-й четверти",
    ]),
    ("по полугодиям", "по полугодиям", [
        "по полугодиям", "2 раза в год", "два раза в год", "раз в полугодие", "I и II полугодие",
    ]),
    ("полугодие", "ежегодно", [
        "I полугодие", "1 полугодие", "1-е полугодие", "первое полугодие", "в I полугодии",
        "по итогам первого полугодия",
    ]),
    ("полугодие", "ежегодно", ["II полугодие", "2 полугодие", "второе полугодие", "во II полугодии"]),
    ("учебный год", "однократно", [
        "2025-2026 уч. год", "2025/2026 учебный год", "в течение 2025/2026 учебного года",
        "2025–2026 уч. г.", "2025/26", "2025-26 уч. год", "2025-2026 гг.",
    ]),
    ("календарный год", "однократно", [
        "2025 год", "в течение 2025 года", "2025 г.", "в 2025 году", "2025",
    ]),
    ("без срока", "без срока", [
        "по мере необходимости", "По мере необходимости", "по запросу", "по графику",
        "по необходимости", "при необходимости", "по запросу и по мере необходимости",
    ]),
]

INVALID = [
    "завтра", "скоро", "сентябрь-", "с 1 по 15", "15", "после 15 октября", "не ранее 1 сентября",
    "по графику: 15.10.2025", "1 раз в 2 года", "🙂", "сентябрь 2024 🙂", "по мере",
    "V четверть", "сентябрь 12345", "15.10.202", "2025.10.15", "ежегодно, ежегодно",
    "31.02.2025", "29.02.2025", "31 апреля", "32.01.2025", "15.13.2025", "сентябрь 1999",
    "с 20 по 10 октября", "01.10.2025 - 01.09.2025", "ежегодно, сентябрь 2025",
    "декабрь 2025, апрель", "III полугодие", "до 32 числа каждого месяца", "2024-2027 гг.",
]
# fmt: on

SPELLINGS = [(kind, periodicity, text) for kind, periodicity, texts in GROUPS for text in texts]
VALID_TEXTS = [text for _, _, text in SPELLINGS]


@pytest.mark.parametrize(("kind", "periodicity", "text"), SPELLINGS)
def test_each_spelling_is_recognised_as_its_family(kind: str, periodicity: str, text: str) -> None:
    schedule = parse_deadline(text)
    assert (schedule.kind, schedule.periodicity) == (kind, periodicity)
    assert schedule.text == text


@pytest.mark.parametrize("texts", [texts for _, _, texts in GROUPS], ids=lambda t: t[0])
def test_spellings_of_one_deadline_mean_the_same(texts: list[str]) -> None:
    first, *others = (parse_deadline(text) for text in texts)
    for other in others:
        assert other == first, other.text
        assert expand(other, Period()) == expand(first, Period())


def test_spellings_with_different_meanings_differ() -> None:
    assert parse_deadline("сентябрь 2024") != parse_deadline("сентябрь 2025")
    assert parse_deadline("I полугодие") != parse_deadline("II полугодие")
    assert parse_deadline("в течение года") != parse_deadline("ежегодно")


@pytest.mark.parametrize("text", INVALID)
def test_unknown_or_impossible_text_is_a_deadline_error_quoting_it(text: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert f"«{text}»" in caught.value.message
    assert "не понят" in caught.value.message


@pytest.mark.parametrize("text", ["31.02.2025", "29.02.2025", "31 апреля", "с 1 по 31 ноября 2025"])
def test_impossible_date_is_named_in_the_message(text: str) -> None:
    with pytest.raises(DeadlineError, match="не существует"):
        parse_deadline(text)


def test_yearless_29_february_is_accepted_because_leap_years_have_it() -> None:
    assert parse_deadline("29 февраля").kind == "ежегодно, дата"


def test_latin_look_alike_letters_are_pointed_out() -> None:
    with pytest.raises(DeadlineError, match="латинские") as caught:
        parse_deadline("ceнтябрь 2024")  # the first letter is a Latin c
    assert "«ceнтябрь 2024»" in caught.value.message


@pytest.mark.parametrize("text", ["", "   ", "\u00a0\t\n"])
def test_empty_text_is_an_error_asking_to_fill_the_cell(text: str) -> None:
    with pytest.raises(DeadlineError, match="не указан"):
        parse_deadline(text)


def test_deadline_error_is_the_one_from_the_project_hierarchy() -> None:
    assert DeadlineError is errors.DeadlineError
    assert issubclass(DeadlineError, errors.NastavnikError)


def test_error_hint_gives_one_example_per_family() -> None:
    with pytest.raises(DeadlineError) as caught:
        parse_deadline("когда-нибудь")
    hint = caught.value.hint
    families = [kind for kind, _ in FAMILY_EXAMPLES]
    assert len(families) == len(set(families))
    assert set(families) == {kind for kind, _, _ in GROUPS}
    for kind, example in FAMILY_EXAMPLES:
        assert f"{kind} — «{example}»" in hint
    assert hint.count("«") == len(FAMILY_EXAMPLES)


@pytest.mark.parametrize(("kind", "example"), FAMILY_EXAMPLES)
def test_every_example_in_the_hint_parses_to_its_family(kind: str, example: str) -> None:
    assert parse_deadline(example).kind == kind


def test_error_message_shows_long_text_shortened() -> None:
    text = "очень " * 60
    with pytest.raises(DeadlineError) as caught:
        parse_deadline(text)
    assert "…»" in caught.value.message
    assert len(caught.value.message) < 200


# --- robustness ---------------------------------------------------------------------------

VOCABULARY = [
    "ежегодно",
    ",",
    ";",
    "и",
    "с",
    "со",
    "по",
    "до",
    "к",
    "не",
    "позднее",
    "-",
    "–",
    "/",
    ".",
    "сентябрь",
    "мая",
    "дек.",
    "15",
    "2025",
    "25",
    "0",
    "00",
    "99",
    "9999",
    "123456789",
    "15.10.2025",
    "31.02",
    "00.00",
    "1.1.1",
    "99.99.99",
    "2025-10-15",
    "2025-13-45",
    "г.",
    "года",
    "гг",
    "уч.",
    "год",
    "в",
    "течение",
    "течении",
    "I",
    "II",
    "iv",
    "полугодие",
    "четверть",
    "числа",
    "каждого",
    "месяца",
    "раз",
    "1",
    "2",
    "мере",
    "необходимости",
    "ежемесячно",
    "постоянно",
    "конца",
    "-е",
    "го",
    "\u00a0",
    "🙂",
    "\x00",
    "\u200b",
]


@given(st.text(max_size=300))
def test_any_text_gives_a_schedule_or_a_deadline_error(text: str) -> None:
    try:
        result = parse_deadline(text)
    except DeadlineError:
        return
    assert isinstance(result, Schedule)


@given(st.lists(st.sampled_from(VOCABULARY), max_size=14), st.sampled_from([" ", ""]))
def test_any_mix_of_grammar_words_gives_a_schedule_or_a_deadline_error(
    words: list[str], glue: str
) -> None:
    try:
        result = parse_deadline(glue.join(words))
    except DeadlineError:
        return
    assert isinstance(result, Schedule)


@pytest.mark.parametrize(
    "text",
    [
        "сентябрь " * 1200,
        "1" * 10_000,
        "-" * 10_000,
        "с 1 по " * 1500,
        "i " * 5000,
        "15.10." * 2000,
        "🙂\x00\u202e" * 3000,
        "\u00a0" * 10_000 + "сентябрь 2024",
        ("i " * 99)[:199],
        ("по мере необходимости и " * 9)[:199],
    ],
    ids=lambda text: f"{len(text)} chars",
)
def test_long_and_hostile_texts_are_handled_quickly(text: str) -> None:
    began = time.perf_counter()
    with contextlib.suppress(DeadlineError):
        parse_deadline(text)
    assert time.perf_counter() - began < 1.0


SPACES = [" ", "  ", "\u00a0", "\t", " \u00a0 ", "\u2009"]


@given(
    st.sampled_from(VALID_TEXTS),
    st.data(),
)
def test_parsing_ignores_letter_case_and_spacing(text: str, data: st.DataObject) -> None:
    upper = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    cased = "".join(c.upper() if up else c.lower() for c, up in zip(text, upper, strict=True))
    pieces = cased.split(" ")
    glue = [data.draw(st.sampled_from(SPACES)) for _ in pieces[1:]]
    spaced = pieces[0] + "".join(g + p for g, p in zip(glue, pieces[1:], strict=True))
    padded = data.draw(st.sampled_from(SPACES)) + spaced + data.draw(st.sampled_from(SPACES))
    assert parse_deadline(padded) == parse_deadline(text)


# --- oracles independent of the parser's tables ---------------------------------------------

MONTH_FORMS = {
    1: ["январь", "января", "январе", "янв."],
    2: ["февраль", "февраля", "феврале", "фев."],
    3: ["март", "марта", "марте", "мар."],
    4: ["апрель", "апреля", "апреле", "апр."],
    5: ["май", "мая", "мае"],
    6: ["июнь", "июня", "июне"],
    7: ["июль", "июля", "июле"],
    8: ["август", "августа", "августе", "авг."],
    9: ["сентябрь", "сентября", "сентябре", "сент.", "сен"],
    10: ["октябрь", "октября", "октябре", "окт."],
    11: ["ноябрь", "ноября", "ноябре", "нояб.", "ноя"],
    12: ["декабрь", "декабря", "декабре", "дек."],
}
GENITIVE = {month: forms[1] for month, forms in MONTH_FORMS.items()}


@given(st.integers(1, 12), st.integers(2000, 2099), st.data())
def test_month_and_year_in_any_form_is_that_whole_month(
    month: int, year: int, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(MONTH_FORMS[month]))
    year_text = data.draw(
        st.sampled_from([f"{year}", f"{year} г.", f"{year} года", f"{year % 100:02d}"])
    )
    prefix = data.draw(st.sampled_from(["", "в ", "до конца "]))
    (occurrence,) = expand(parse_deadline(f"{prefix}{name} {year_text}"), Period())
    last = calendar.monthrange(year, month)[1]
    assert (occurrence.start, occurrence.due) == (date(year, month, 1), date(year, month, last))


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 3))
def test_exact_date_in_any_notation_is_due_that_day(day: date, style: int) -> None:
    text = [
        f"{day:%d.%m.%Y}",
        f"до {day.day}.{day.month}.{day.year % 100:02d}",
        f"не позднее {day.day} {GENITIVE[day.month]} {day.year} г.",
        f"к {day.day} {GENITIVE[day.month]} {day.year}",
    ][style]
    (occurrence,) = expand(parse_deadline(text), Period())
    assert (occurrence.start, occurrence.due, occurrence.code) == (day, day, day.isoformat())


@given(st.integers(1, 31), st.integers(1, 12), st.integers(2000, 2099))
def test_dotted_date_is_accepted_exactly_when_it_exists(day: int, month: int, year: int) -> None:
    text = f"{day:02d}.{month:02d}.{year}"
    exists = day <= calendar.monthrange(year, month)[1]
    if exists:
        assert parse_deadline(text).kind == "дата"
    else:
        with pytest.raises(DeadlineError, match="не существует"):
            parse_deadline(text)
