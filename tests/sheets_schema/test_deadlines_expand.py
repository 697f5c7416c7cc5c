"""Expanding schedules into dated occurrences inside the roadmap period."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.sheets_schema.deadlines import (
    Occurrence,
    Period,
    academic_year_of,
    expand,
    parse_deadline,
)
from nastavnik.sheets_schema.errors import ConfigError

DEFAULT = Period()


def d(text: str) -> date:
    return date.fromisoformat(text)


def windows(text: str, period: Period = DEFAULT) -> list[tuple[date, date]]:
    return [(o.start, o.due) for o in expand(parse_deadline(text), period)]


def dues(text: str, period: Period = DEFAULT) -> list[date]:
    return [o.due for o in expand(parse_deadline(text), period)]


def codes(text: str, period: Period = DEFAULT) -> list[str]:
    return [o.code for o in expand(parse_deadline(text), period)]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        ("2025-09-01", "2025/26"),
        ("2025-12-31", "2025/26"),
        ("2026-01-01", "2025/26"),
        ("2026-08-31", "2025/26"),
        ("2026-09-01", "2026/27"),
        ("2099-10-01", "2099/00"),
    ],
)
def test_academic_year_runs_september_to_august(day: str, label: str) -> None:
    assert academic_year_of(d(day)) == label


def test_default_period_is_the_roadmap_period() -> None:
    assert Period(d("2024-09-01"), d("2027-08-31"), (31, 5)) == DEFAULT


@pytest.mark.parametrize(
    ("start", "end", "due"),
    [
        ("2025-01-01", "2024-01-01", (31, 5)),
        (None, None, (31, 2)),
        (None, None, (0, 5)),
        (None, None, (1, 13)),
        (None, None, (32, 1)),
    ],
)
def test_impossible_period_setting_is_a_config_error(
    start: str | None, end: str | None, due: tuple[int, int]
) -> None:
    with pytest.raises(ConfigError):
        Period(d(start or "2024-09-01"), d(end or "2027-08-31"), due)


def test_month_without_year_recurs_in_its_place_in_every_academic_year() -> None:
    assert windows("октябрь") == [
        (d("2024-10-01"), d("2024-10-31")),
        (d("2025-10-01"), d("2025-10-31")),
        (d("2026-10-01"), d("2026-10-31")),
    ]
    assert dues("март") == [d("2025-03-31"), d("2026-03-31"), d("2027-03-31")]


def test_august_belongs_to_the_second_calendar_year_of_the_academic_year() -> None:
    assert dues("ежегодно, август") == [d("2025-08-31"), d("2026-08-31"), d("2027-08-31")]


def test_recurring_occurrences_outside_the_period_are_dropped() -> None:
    period = Period(d("2025-01-01"), d("2025-12-31"))
    assert dues("ежегодно, декабрь, апрель", period) == [d("2025-04-30"), d("2025-12-31")]
    assert dues("в течение года", period) == [d("2025-05-31")]


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("май – сентябрь 2024", ("2024-05-01", "2024-09-30")),
        ("сентябрь 2030", ("2030-09-01", "2030-09-30")),
        ("до 15.10.2019", ("2019-10-15", "2019-10-15")),
        ("2031 год", ("2031-01-01", "2031-12-31")),
        ("2030-2031 уч. год", ("2030-09-01", "2031-05-31")),
    ],
)
def test_one_off_items_with_a_year_are_kept_wherever_they_fall(
    text: str, window: tuple[str, str]
) -> None:
    assert windows(text) == [(d(window[0]), d(window[1]))]


def test_yearly_month_range_is_one_window_per_academic_year() -> None:
    assert windows("ежегодно, октябрь - ноябрь") == [
        (d("2024-10-01"), d("2024-11-30")),
        (d("2025-10-01"), d("2025-11-30")),
        (d("2026-10-01"), d("2026-11-30")),
    ]


def test_yearly_range_across_new_year_starts_in_the_first_calendar_year() -> None:
    assert windows("с 30 декабря по 9 января")[0] == (d("2024-12-30"), d("2025-01-09"))
    assert windows("ноябрь – февраль")[-1] == (d("2026-11-01"), d("2027-02-28"))


def test_yearly_exact_day_is_due_that_day_each_academic_year() -> None:
    assert windows("до 1 октября") == [
        (d(f"{y}-10-01"), d(f"{y}-10-01")) for y in (2024, 2025, 2026)
    ]
    assert dues("ежегодно до 25 мая") == [d("2025-05-25"), d("2026-05-25"), d("2027-05-25")]
    assert windows("с 10 по 14 апреля")[0] == (d("2025-04-10"), d("2025-04-14"))


def test_yearly_29_february_falls_on_the_28th_in_common_years() -> None:
    period = Period(d("2024-09-01"), d("2028-08-31"))
    assert dues("29 февраля", period) == [
        d("2025-02-28"),
        d("2026-02-28"),
        d("2027-02-28"),
        d("2028-02-29"),
    ]


@pytest.mark.parametrize(
    ("setting", "first_due"),
    [((31, 5), "2025-05-31"), ((15, 10), "2024-10-15"), ((30, 6), "2025-06-30")],
)
def test_during_the_year_is_due_on_the_setting_inside_each_academic_year(
    setting: tuple[int, int], first_due: str
) -> None:
    period = Period(during_year_due=setting)
    (first, *rest) = expand(parse_deadline("в течение года"), period)
    assert (first.start, first.due, first.code) == (d("2024-09-01"), d(first_due), "2024/25")
    assert [o.code for o in rest] == ["2025/26", "2026/27"]


@pytest.mark.parametrize(
    "text", ["постоянно", "систематически", "ежедневно", "еженедельно", "ежегодно"]
)
def test_continuous_wordings_expand_like_during_the_year(text: str) -> None:
    assert windows(text) == windows("в течение года")


def test_monthly_runs_september_to_may_due_on_the_last_day() -> None:
    first_year = [
        o for o in expand(parse_deadline("ежемесячно"), DEFAULT) if o.academic_year == "2024/25"
    ]
    assert [o.code for o in first_year] == [
        "2024-09",
        "2024-10",
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
    ]
    assert (first_year[5].start, first_year[5].due) == (d("2025-02-01"), d("2025-02-28"))
    assert len(codes("1 раз в месяц")) == 27


def test_monthly_named_day_is_due_that_day_and_clamped_in_short_months() -> None:
    assert dues("до 25 числа каждого месяца")[:2] == [d("2024-09-25"), d("2024-10-25")]
    clamped = dues("до 31 числа каждого месяца", Period(d("2027-09-01"), d("2028-08-31")))
    assert d("2027-11-30") in clamped
    assert d("2028-02-29") in clamped


def test_quarters_are_due_at_the_end_of_each_school_quarter() -> None:
    assert windows("ежеквартально", Period(d("2025-09-01"), d("2026-08-31"))) == [
        (d("2025-09-01"), d("2025-10-31")),
        (d("2025-11-01"), d("2025-12-31")),
        (d("2026-01-01"), d("2026-03-31")),
        (d("2026-04-01"), d("2026-05-31")),
    ]


def test_half_years_are_due_31_december_and_31_may() -> None:
    one_year = Period(d("2025-09-01"), d("2026-08-31"))
    assert windows("по полугодиям", one_year) == [
        (d("2025-09-01"), d("2025-12-31")),
        (d("2026-01-01"), d("2026-05-31")),
    ]
    assert dues("I полугодие", one_year) == [d("2025-12-31")]
    assert dues("II полугодие", one_year) == [d("2026-05-31")]
    assert dues("II четверть", one_year) == [d("2025-12-31")]


def test_named_academic_year_uses_the_during_year_setting() -> None:
    (occurrence,) = expand(parse_deadline("2025-2026 уч. год"), Period(during_year_due=(15, 10)))
    assert occurrence == Occurrence("2025/26", d("2025-09-01"), d("2025-10-15"), "2025/26")


def test_calendar_year_is_due_31_december() -> None:
    (occurrence,) = expand(parse_deadline("в течение 2025 года"), DEFAULT)
    assert occurrence == Occurrence("2025", d("2025-01-01"), d("2025-12-31"), "2025/26")


@pytest.mark.parametrize("text", ["по мере необходимости", "по запросу", "по графику"])
def test_no_deadline_has_no_occurrences(text: str) -> None:
    assert expand(parse_deadline(text), DEFAULT) == ()


def test_exact_date_window_is_that_day_and_range_window_is_the_range() -> None:
    assert windows("до 15.10.25") == [(d("2025-10-15"), d("2025-10-15"))]
    assert windows("с 30 декабря 2025 по 9 января 2026") == [(d("2025-12-30"), d("2026-01-09"))]
    assert windows("01.09 – 30.10.2025") == [(d("2025-09-01"), d("2025-10-30"))]


def test_month_range_year_belongs_to_the_last_month() -> None:
    assert windows("ноябрь – февраль 2025") == [(d("2024-11-01"), d("2025-02-28"))]


def test_year_written_at_the_end_of_a_list_applies_to_earlier_months() -> None:
    assert windows("ноябрь, январь 2026") == [
        (d("2025-11-01"), d("2025-11-30")),
        (d("2026-01-01"), d("2026-01-31")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("сентябрь 2025", ["2025-09"]),
        ("май – сентябрь 2024", ["2024-09"]),
        ("до 15.10.2025", ["2025-10-15"]),
        ("с 1 по 15 октября 2025", ["2025-10-15"]),
        ("2025 год", ["2025"]),
        ("2025-2026 уч. год", ["2025/26"]),
        ("ежегодно, май", ["2025-05", "2026-05", "2027-05"]),
        ("до 1 октября", ["2024-10-01", "2025-10-01", "2026-10-01"]),
    ],
)
def test_codes_name_the_due_month_day_or_year(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_overlapping_items_merge_into_one_occurrence_with_the_wider_window() -> None:
    assert windows("ежегодно, октябрь - ноябрь, ноябрь") == windows("ежегодно, октябрь - ноябрь")


def test_codes_are_stable_when_the_period_grows() -> None:
    short = expand(parse_deadline("ежегодно, декабрь, апрель"), DEFAULT)
    longer = expand(parse_deadline("ежегодно, декабрь, апрель"), Period(end=d("2030-08-31")))
    assert set(short) <= set(longer)


# --- invariants over many periods -------------------------------------------------------------

SAMPLES = [
    "май – сентябрь 2024",
    "ежегодно, сентябрь",
    "в течение года",
    "ноябрь",
    "ежегодно, октябрь - ноябрь",
    "ежегодно, декабрь, апрель",
    "до 15.10.25",
    "с 30 декабря по 9 января",
    "29 февраля",
    "до 31 числа каждого месяца",
    "ежеквартально",
    "II полугодие",
    "2025-2026 уч. год",
    "2025 год",
    "ежегодно",
    "по графику",
    "ноябрь – февраль",
    "с 1 сентября по 30 октября 2025",
]


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(date(1990, 1, 1), date(2110, 12, 31)))
    end = draw(st.dates(start, min(date(9999, 12, 31), date(start.year + 30, 12, 31))))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 29 if month == 2 else 30))
    return Period(start, end, (day, month))


@given(st.sampled_from(SAMPLES), periods())
def test_expansion_is_sorted_unique_and_inside_the_period(text: str, period: Period) -> None:
    schedule = parse_deadline(text)
    occurrences = expand(schedule, period)
    assert [o.due for o in occurrences] == sorted(o.due for o in occurrences)
    assert len({o.code for o in occurrences}) == len(occurrences)
    for occurrence in occurrences:
        assert occurrence.start <= occurrence.due
        assert occurrence.academic_year == academic_year_of(occurrence.due)
        if schedule.periodicity != "однократно":
            assert period.start <= occurrence.due <= period.end


@pytest.mark.parametrize("text", SAMPLES)
def test_expansion_never_fails_even_for_the_widest_period(text: str) -> None:
    widest = Period(date.min, date.max, (29, 2))
    occurrences = expand(parse_deadline(text), widest)
    assert all(o.start <= o.due for o in occurrences)
