"""The demo workbook and the large synthetic school: shape, sizes, references, mistakes."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache

import pytest

from nastavnik.demo.data import BAD_PAIR_CODE, DEMO_MISTAKES, demo_grids, large_grids
from nastavnik.demo.grid import Grid, sheet_headers
from nastavnik.sheets_schema import REGISTRY_SHEETS
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Kind
from nastavnik.sheets_schema.seed_roadmap import ROADMAP_ITEMS, ROLES, split_roles
from nastavnik.sheets_schema.sheets import (
    meetings,
    pairs,
    plan_graph,
    programmes,
    responsibles,
    roadmap,
    stages,
    teachers,
)
from nastavnik.sheets_schema.text import clean, fold, header_key
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import analyse
from nastavnik.sync.names import name_key
from nastavnik.sync.problems import Level
from nastavnik.sync.snapshot import Cell
from tests.paths import SHARED

TODAY = date(2025, 10, 15)
SEEDS = SHARED / "seeds" / "roadmap-2024-2027.txt"
STAFF_COLUMNS = {teachers.TITLE: {header_key("Примечание")}}


@cache
def demo() -> dict[str, Grid]:
    return demo_grids(TODAY)


@cache
def large() -> dict[str, Grid]:
    return large_grids()


def records(grid: Grid) -> list[dict[str, Cell]]:
    """Data rows keyed by header."""
    header = [str(h) for h in grid[0]]
    return [dict(zip(header, row, strict=True)) for row in grid[1:]]


def effective_codes(grid: Grid, header: str, prefix: str) -> list[str]:
    """Key codes as the service will assign them: typed ones kept, blanks numbered in row order."""
    values = [row[header] for row in records(grid)]
    typed = [int(m.group(1)) for v in values if (m := re.fullmatch(rf"{prefix}-(\d+)", str(v)))]
    next_number = max(typed, default=0) + 1
    codes = []
    for value in values:
        if value is None:
            codes.append(f"{prefix}-{next_number:03d}")
            next_number += 1
        else:
            codes.append(str(value))
    return codes


def assert_headers(grids: dict[str, Grid], spec: SheetSpec) -> None:
    header = [header_key(str(h)) for h in grids[spec.title][0]]
    declared = [header_key(h) for h in sheet_headers(spec)]
    calc = {header_key(c.header) for c in spec.columns if c.kind is Kind.CALC}
    assert sorted(h for h in header if h in declared) == sorted(declared), spec.title
    assert not calc & set(header), spec.title
    assert set(header) - set(declared) <= STAFF_COLUMNS.get(spec.title, set()), spec.title


@pytest.mark.parametrize(
    "spec", [s for s in REGISTRY_SHEETS if s is not plan_graph.SPEC], ids=lambda s: s.title
)
def test_demo_headers_are_the_declared_input_and_key_headers(spec: SheetSpec) -> None:
    assert_headers(demo(), spec)


def test_demo_has_one_grid_per_registry_sheet_and_the_form_sheet_with_rectangular_rows() -> None:
    grids = demo()
    assert list(grids) == [*(spec.title for spec in REGISTRY_SHEETS), "Ответы на форму (1)"]
    for title, grid in grids.items():
        assert all(len(row) == len(grid[0]) for row in grid), title


def test_demo_reorders_two_sheets_and_adds_a_staff_column() -> None:
    reordered = [
        spec.title
        for spec in REGISTRY_SHEETS
        if [h for h in demo()[spec.title][0] if h in sheet_headers(spec)]
        != list(sheet_headers(spec))
    ]
    assert len(reordered) == 2
    assert "Примечание" in demo()[teachers.TITLE][0]


def test_demo_has_the_promised_sizes() -> None:
    grids = demo()
    names = Counter(fold(str(r["ФИО"])) for r in records(grids[teachers.TITLE]))
    assert 36 <= len(names) <= 44
    assert [n for n, count in names.items() if count > 1] == [fold("Комаров Виктор Иванович")]
    pair_rows = records(grids[pairs.TITLE])
    assert 13 <= len(pair_rows) <= 17
    groups = Counter(r["Группа"] for r in pair_rows if r["Группа"])
    assert max(groups.values()) >= 3
    group = max(groups, key=lambda g: groups[g])
    assert (
        len(
            {
                r["Наставник"] and fold(str(r["Наставник"]))
                for r in pair_rows
                if r["Группа"] == group
            }
        )
        == 1
    )
    assert 255 <= len(grids[meetings.TITLE]) - 1 <= 345


def test_meeting_codes_exist_except_the_planted_mistake() -> None:
    grids = demo()
    codes = set(effective_codes(grids[pairs.TITLE], "Код пары", "НП"))
    used = [str(r["Код пары"]) for r in records(grids[meetings.TITLE])]
    assert [c for c in used if c not in codes] == [BAD_PAIR_CODE]
    assert len(set(used) & codes) == len(codes) - 1  # every pair but the planned one met


def test_programme_and_stage_references_exist() -> None:
    grids = demo()
    pair_codes = set(effective_codes(grids[pairs.TITLE], "Код пары", "НП"))
    programme_rows = records(grids[programmes.TITLE])
    assert {r["Код пары"] for r in programme_rows} <= pair_codes
    programme_codes = effective_codes(grids[programmes.TITLE], "Код программы", "ПР")
    per_programme = Counter(r["Код программы"] for r in records(grids[stages.TITLE]))
    assert set(per_programme) == set(programme_codes)
    assert all(3 <= count <= 7 for count in per_programme.values())


def test_demo_is_deterministic() -> None:
    assert demo_grids(TODAY) == demo_grids(TODAY)


def test_demo_activity_is_not_in_the_future() -> None:
    for title, header in (
        (meetings.TITLE, "Дата"),
        ("Обратная связь", "Дата"),
        ("Оценка", "Дата"),
        ("Повышение квалификации", "Дата окончания"),
        ("Конкурсы", "Дата"),
        ("Лучшие практики", "Дата"),
    ):
        days = [r[header] for r in records(demo()[title])]
        assert all(d <= TODAY for d in days if isinstance(d, date)), title


def test_demo_uses_the_value_types_staff_type() -> None:
    cells = [cell for grid in demo().values() for row in grid[1:] for cell in row]
    assert sum(isinstance(c, date) for c in cells) > 500
    assert any(isinstance(c, str) and re.fullmatch(r"\d\d\.\d\d\.\d{4}", c) for c in cells)
    assert any(isinstance(c, str) and c.endswith(" г.") for c in cells)
    assert {"4,5", "+", "да", "нет", "высш.", f"31.02.{TODAY.year}"} <= set(cells)


def test_demo_mistakes_name_a_sheet() -> None:
    titles = {spec.title for spec in REGISTRY_SHEETS}
    assert len(DEMO_MISTAKES) >= 10
    for mistake in DEMO_MISTAKES:
        named = re.findall(r"«([^»]+)»", mistake.split(":")[0])
        assert named and set(named) <= titles, mistake


def test_demo_errors_are_exactly_the_planted_ones() -> None:
    grids = demo()
    snapshot = MemoryWorkbook.from_grids(grids).read(tuple(grids))
    _, outcome = analyse(snapshot, TODAY)
    errors = {(p.sheet, p.column) for p in outcome.problems if p.level is Level.ERROR}
    assert errors == {
        (teachers.TITLE, "ФИО"),
        (pairs.TITLE, "Наставник"),
        (pairs.TITLE, "Приказ №"),
        (meetings.TITLE, "Дата"),
        (meetings.TITLE, "Код пары"),
        ("Обратная связь", "Удовлетворённость участием (1–10)"),
    }


def test_responsibles_cover_every_roadmap_role_one_without_email() -> None:
    rows = records(demo()[responsibles.TITLE])
    assert [r["Роль"] for r in rows] == list(ROLES)
    names = {fold(str(r["ФИО"])) for r in records(demo()[teachers.TITLE])}
    assert all(fold(str(r["ФИО"])) in names for r in rows)
    assert sum(r["Email"] is None for r in rows) == 1


def test_plan_graph_is_header_only_in_the_declared_order() -> None:
    assert demo()[plan_graph.TITLE] == [[col.header for col in plan_graph.SPEC.columns]]


def _seed_items() -> list[tuple[int, str, str, str]]:
    if not SEEDS.exists():
        pytest.skip("the shared seeds are not available")
    items = []
    for line in SEEDS.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^(\d+)\.\t(.*)\t(.*)\t(.*)$", line):
            number, activity, deadline, responsible = match.groups()
            items.append((int(number), clean(activity), clean(deadline), clean(responsible)))
    return items


def test_roadmap_seed_is_the_school_document_verbatim() -> None:
    expected = _seed_items()
    assert len(expected) == 26
    ours = [
        (i.number, clean(i.activity), clean(i.deadline), clean(i.responsible))
        for i in ROADMAP_ITEMS
    ]
    assert ours == expected


def test_demo_roadmap_sheet_holds_the_26_items() -> None:
    rows = records(demo()[roadmap.TITLE])
    assert [(r["№ п/п"], r["Мероприятие"], r["Сроки"], r["Ответственные"]) for r in rows] == [
        (i.number, i.activity, i.deadline, i.responsible) for i in ROADMAP_ITEMS
    ]


def test_roles_are_distinct_normalised_and_in_first_appearance_order() -> None:
    assert ROLES == (
        "директор",
        "заместитель директора",
        "специалист по кадрам",
        "председатель первичной профсоюзной организации",
        "ответственный за управление контентом официального сайта ОО",
        "педагоги-наставники",
        "педагог-психолог",
        "заместители директора",
        "председатель комиссии по распределению стимулирующих выплат педагогическим работникам",
        "педагог-организатор",
    )
    assert split_roles("директор заместитель директора") == ("директор", "заместитель директора")
    assert split_roles(" Директор ,  педагог-психолог;") == ("директор", "педагог-психолог")


@pytest.mark.parametrize("spec", REGISTRY_SHEETS, ids=lambda s: s.title)
def test_large_headers_are_the_declared_headers(spec: SheetSpec) -> None:
    assert_headers(large(), spec)


def test_large_grids_have_the_requested_sizes() -> None:
    grids = large()
    assert len(grids[teachers.TITLE]) - 1 == 2000
    assert len(grids[pairs.TITLE]) - 1 == 1000
    assert len(grids[meetings.TITLE]) - 1 == 100_000
    names = [r["ФИО"] for r in records(grids[teachers.TITLE])]
    assert len(set(names)) == len(names)


def test_large_grids_have_few_broken_references() -> None:
    grids = large()
    codes = set(effective_codes(grids[pairs.TITLE], "Код пары", "НП"))
    used = [r["Код пары"] for r in records(grids[meetings.TITLE])]
    broken = sum(code not in codes for code in used)
    assert 0 < broken < len(used) * 0.01


def test_large_grids_scale_down_and_are_deterministic() -> None:
    small = large_grids(teachers=50, pairs=20, meetings=500, seed=7)
    assert len(small[meetings.TITLE]) - 1 == 500
    assert small == large_grids(teachers=50, pairs=20, meetings=500, seed=7)


def test_in_a_wave_month_the_demo_answers_arrive_through_the_form_and_all_count() -> None:
    day = date(2025, 12, 16)  # the December 2025 wave: its answers are dated the 10th–20th
    grids = demo_grids(day)
    form = grids["Ответы на форму (1)"]
    typed_days = [row[0] for row in grids["Обратная связь"][1:]]
    assert not [d for d in typed_days if isinstance(d, date) and (d.year, d.month) == (2025, 12)]
    names = [row[1] for row in form[1:]]
    assert names and len(names) == len(set(names))  # one answer per person, a group's mentor once
    snapshot = MemoryWorkbook.from_grids(grids).read(tuple(grids))
    _, outcome = analyse(snapshot, day)
    assert [p for p in outcome.problems if p.sheet == "Ответы на форму (1)"] == []
    sent = [a for a in outcome.context.feedback_answers if a.sheet == "Ответы на форму (1)"]
    assert sorted(name_key(a.person) for a in sent) == sorted(name_key(str(n)) for n in names)
