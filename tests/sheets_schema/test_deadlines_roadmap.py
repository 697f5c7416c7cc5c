"""The 26 «Сроки» of the school's roadmap 2024–2027, expanded over the default period.

The table is written by hand from the school's document (seeds/roadmap-2024-2027.txt)
and the rules in roadmap.md, not produced by running the code: academic years
2024/25, 2025/26, 2026/27; «в течение года» due 31 May of each of them.
"""

from __future__ import annotations

from datetime import date

import pytest

from nastavnik.sheets_schema.deadlines import Period, expand, parse_deadline

DURING_YEAR = [
    ("2024-09-01", "2025-05-31"),
    ("2025-09-01", "2026-05-31"),
    ("2026-09-01", "2027-05-31"),
]
EVERY_MAY = [
    ("2025-05-01", "2025-05-31"),
    ("2026-05-01", "2026-05-31"),
    ("2027-05-01", "2027-05-31"),
]
SEPTEMBER_2024 = [("2024-09-01", "2024-09-30")]

# № п/п → («Сроки» exactly as in the document, periodicity, [(start, due), …])
ROADMAP: dict[int, tuple[str, str, list[tuple[str, str]]]] = {
    1: ("май – сентябрь 2024", "однократно", [("2024-05-01", "2024-09-30")]),
    2: ("сентябрь 2024", "однократно", SEPTEMBER_2024),
    3: ("сентябрь 2024", "однократно", SEPTEMBER_2024),
    4: (
        "ежегодно, сентябрь",
        "ежегодно",
        [
            ("2024-09-01", "2024-09-30"),
            ("2025-09-01", "2025-09-30"),
            ("2026-09-01", "2026-09-30"),
        ],
    ),
    5: ("в течение года", "постоянно", DURING_YEAR),
    6: (
        "ноябрь",
        "ежегодно",
        [
            ("2024-11-01", "2024-11-30"),
            ("2025-11-01", "2025-11-30"),
            ("2026-11-01", "2026-11-30"),
        ],
    ),
    7: (
        "октябрь",
        "ежегодно",
        [
            ("2024-10-01", "2024-10-31"),
            ("2025-10-01", "2025-10-31"),
            ("2026-10-01", "2026-10-31"),
        ],
    ),
    8: ("в течение года", "постоянно", DURING_YEAR),
    9: ("в течение года", "постоянно", DURING_YEAR),
    10: ("в течение года", "постоянно", DURING_YEAR),
    11: (
        "ежегодно, октябрь - ноябрь",
        "ежегодно",
        [
            ("2024-10-01", "2024-11-30"),
            ("2025-10-01", "2025-11-30"),
            ("2026-10-01", "2026-11-30"),
        ],
    ),
    12: ("в течение года", "постоянно", DURING_YEAR),
    13: ("в течение года", "постоянно", DURING_YEAR),
    14: ("в течение года", "постоянно", DURING_YEAR),
    15: ("в течение года", "постоянно", DURING_YEAR),
    16: ("в течение года", "постоянно", DURING_YEAR),
    17: ("в течение года", "постоянно", DURING_YEAR),
    18: ("в течение года", "постоянно", DURING_YEAR),
    19: ("в течение года", "постоянно", DURING_YEAR),
    20: ("в течение года", "постоянно", DURING_YEAR),
    21: ("в течение года", "постоянно", DURING_YEAR),
    22: (
        "ежегодно, декабрь, апрель",
        "ежегодно",
        [
            ("2024-12-01", "2024-12-31"),
            ("2025-04-01", "2025-04-30"),
            ("2025-12-01", "2025-12-31"),
            ("2026-04-01", "2026-04-30"),
            ("2026-12-01", "2026-12-31"),
            ("2027-04-01", "2027-04-30"),
        ],
    ),
    23: ("ежегодно, май", "ежегодно", EVERY_MAY),
    24: ("ежегодно, май", "ежегодно", EVERY_MAY),
    25: ("ежегодно, май", "ежегодно", EVERY_MAY),
    26: ("в течение года", "постоянно", DURING_YEAR),
}


def test_table_covers_all_26_items() -> None:
    assert sorted(ROADMAP) == list(range(1, 27))


@pytest.mark.parametrize("number", sorted(ROADMAP))
def test_roadmap_item_expands_to_the_expected_windows(number: int) -> None:
    text, _, expected = ROADMAP[number]
    occurrences = expand(parse_deadline(text), Period())
    actual = [(o.start.isoformat(), o.due.isoformat()) for o in occurrences]
    assert actual == expected


@pytest.mark.parametrize("number", sorted(ROADMAP))
def test_roadmap_item_has_the_expected_periodicity(number: int) -> None:
    text, periodicity, _ = ROADMAP[number]
    assert parse_deadline(text).periodicity == periodicity


@pytest.mark.parametrize(
    ("number", "full_codes"),
    [
        (1, ["01-2024-09"]),
        (4, ["04-2024-09", "04-2025-09", "04-2026-09"]),
        (5, ["05-2024/25", "05-2025/26", "05-2026/27"]),
        (11, ["11-2024-11", "11-2025-11", "11-2026-11"]),
        (22, ["22-2024-12", "22-2025-04", "22-2025-12", "22-2026-04", "22-2026-12", "22-2027-04"]),
    ],
)
def test_plan_graph_codes_follow_the_registry_examples(number: int, full_codes: list[str]) -> None:
    text = ROADMAP[number][0]
    occurrences = expand(parse_deadline(text), Period())
    assert [f"{number:02d}-{o.code}" for o in occurrences] == full_codes


def test_roadmap_occurrences_carry_the_academic_year_of_their_due_date() -> None:
    occurrences = expand(parse_deadline(ROADMAP[22][0]), Period())
    assert [o.academic_year for o in occurrences] == [
        "2024/25",
        "2024/25",
        "2025/26",
        "2025/26",
        "2026/27",
        "2026/27",
    ]


def test_first_item_starting_before_the_period_keeps_its_whole_window() -> None:
    (occurrence,) = expand(parse_deadline(ROADMAP[1][0]), Period())
    assert occurrence.start == date(2024, 5, 1) < Period().start
    assert occurrence.due == date(2024, 9, 30)
    assert occurrence.academic_year == "2024/25"
