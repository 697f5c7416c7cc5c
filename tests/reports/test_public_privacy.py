"""The public page: no count of 1 or 2 people can be derived from any figure or pair of figures.

The reader's derivations checked here, on every pair of published figures:
- a count shown as a number;
- a share of people × its published base (rounded share → the possible counts);
- a whole − its part (teachers − mentors, mentors − trained mentors, pairs − shown forms).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.reports.model import AnnualData, build_annual
from nastavnik.reports.public import (
    EVENTS,
    FEW,
    HIDDEN,
    PEOPLE,
    SECTIONS,
    SUBSETS,
    public_sections,
)
from nastavnik.reports.text import NO_DATA, parse_number
from nastavnik.sync.compute import compute
from nastavnik.sync.parse import parse
from tests import factories as f
from tests.reports.support import demo_year, with_values

COUNTS = {row.label for _, rows in SECTIONS for row in rows if row.rule in (PEOPLE, EVENTS)}
SOURCE_LABEL = {row.source: row.label for _, rows in SECTIONS for row in rows}
SHARES = [
    (row.label, SOURCE_LABEL.get(row.rule)) for _, rows in SECTIONS for row in rows if row.part
]
FORMS_TITLE = "Пары и группы по формам наставничества"
PAIRS = "Наставнических пар и групп"


def exact(text: str) -> float | None:
    """The number a text shows exactly (None for «менее 3», «—», ranges, no data)."""
    if text in (FEW, HIDDEN, NO_DATA) or "%" in text:
        return None
    return parse_number(text)


def share_range(text: str) -> tuple[float, float] | None:
    """The interval of shares (%) a text allows; None when it tells nothing."""
    if text.startswith("менее "):
        return 0.0, float(text.split()[1])
    if text.startswith("более "):
        return float(text.split()[1]), 100.0
    value = exact(text)
    return None if value is None else (value - 0.05, value + 0.05)


def small(n: float) -> bool:
    return n in (1, 2)


def leaks(data: AnnualData) -> list[str]:
    """Every small count a reader can derive from the published figures."""
    sections = public_sections(data)
    text = {row.label: row.text for _, rows in sections for row in rows}
    found = [
        f"{label} = {text[label]}" for label in COUNTS & set(text) if small(exact(text[label]) or 0)
    ]
    for share, base in SHARES:
        interval = share_range(text.get(share, HIDDEN))
        whole = exact(text.get(base or "", HIDDEN))
        if interval is None or whole is None:
            continue
        low, high = interval
        possible = [k for k in range(int(whole) + 1) if low <= 100 * k / whole <= high]
        if possible and (
            all(small(k) for k in possible) or all(small(whole - k) for k in possible)
        ):
            found.append(f"{share} {text[share]} of {base} {whole:g} → {possible}")
    for whole_label, part_label in SUBSETS:
        whole, part = exact(text.get(whole_label, HIDDEN)), exact(text.get(part_label, HIDDEN))
        if whole is not None and part is not None and small(whole - part):
            found.append(f"{whole_label} − {part_label} = {whole - part:g}")
    forms = dict(sections).get(FORMS_TITLE, [])
    total = exact(text.get(PAIRS, HIDDEN))
    shown = [exact(row.text) for row in forms]
    if total is not None and None in shown:
        rest = total - sum(n for n in shown if n is not None)
        if small(rest):
            found.append(f"{PAIRS} − shown forms = {rest:g}")
    return found


def one_pair_school() -> AnnualData:
    """38 teachers, one pair: the case of the issue («вовлечено 5,3 %» gave 2 people)."""
    others = [
        f.teacher(fio=f"Учитель{chr(0x430 + n // 26)}{chr(0x430 + n % 26)} Иван Петрович",
                  role="не участвует", email=None)
        for n in range(36)
    ]  # fmt: skip
    snap = f.workbook(teachers=[*f.people(), *others])
    return build_annual(compute(parse(snap), date(2026, 5, 20)), 2025)


def test_the_one_pair_school_reveals_no_small_group() -> None:
    data = one_pair_school()
    assert data.value("Педагогов работает") == 38 and data.value("Пар и групп") == 1
    assert leaks(data) == []
    text = {row.label: row.text for _, rows in public_sections(data) for row in rows}
    assert text["Педагогов, вовлечённых в наставничество, %"] == "менее 10 %"  # 2 of 38
    assert text["Наставников"] == FEW and text["Наставнических пар и групп"] == FEW


def test_the_demo_reveals_no_small_group() -> None:
    for start in (2024, 2025):
        assert leaks(demo_year(start)) == [], start


def test_event_counts_under_3_are_few() -> None:
    data = with_values(
        demo_year(2025), {"Участий в конкурсах": 1, "Добавлено материалов и практик": 2}
    )
    text = {row.label: row.text for _, rows in public_sections(data) for row in rows}
    assert text["Участий в конкурсах"] == FEW and text["Материалов и лучших практик"] == FEW


def test_the_share_of_almost_everyone_is_coarsened() -> None:
    data = with_values(
        demo_year(2025), {"Педагогов работает": 20, "Вовлечено педагогов в наставничество": 19,
                          "Доля вовлечённых педагогов, %": 95.0},
    )  # fmt: skip
    text = {row.label: row.text for _, rows in public_sections(data) for row in rows}
    assert text["Педагогов, вовлечённых в наставничество, %"] == "более 80 %"  # 1 not involved
    assert leaks(data) == []


@settings(max_examples=150, deadline=None)
@given(
    staff=st.integers(3, 60),
    involved_share=st.floats(0, 1),
    mentors=st.integers(0, 12),
    trained=st.integers(0, 12),
    forms=st.lists(st.integers(0, 6), min_size=3, max_size=3),
)
def test_no_combination_of_counts_reveals_a_small_group(
    staff: int, involved_share: float, mentors: int, trained: int, forms: list[int]
) -> None:
    involved = round(staff * involved_share)
    values: dict[str, float | None] = {
        "Педагогов работает": staff,
        "Вовлечено педагогов в наставничество": involved,
        "Доля вовлечённых педагогов, %": round(100 * involved / staff, 1),
        "Наставников": mentors,
        "Наставников прошли обучение": min(trained, mentors),
        "Пар и групп": sum(forms),
        "Пар формы «традиционная (один на один)»": forms[0],
        "Пар формы «групповая»": forms[1],
        "Пар формы «реверсивная»": forms[2],
    }
    assert leaks(with_values(demo_year(2025), values)) == []
