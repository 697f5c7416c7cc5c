"""Colour from one vocabulary: every state or level the service writes has a rule, and every
rule can match something the service writes (red act now, yellow soon, green done, grey idle)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from functools import cache

import pytest

from nastavnik import sheets_schema
from nastavnik.demo.data import demo_grids, large_grids
from nastavnik.demo.large import LARGE_TODAY
from nastavnik.sheets_schema.palette import VOCABULARIES, Tone, Vocabulary
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.compute.roadmap import occurrence_state
from nastavnik.sync.engine import analyse, run_init, run_sync
from tests import factories as f

TODAY = date(2025, 10, 15)
Written = dict[tuple[str, str], set[str]]
STATE_COLUMNS = [
    (spec.title, col.header, col.states)
    for spec in sheets_schema.ALL_SHEETS
    for col in spec.columns
    if col.states is not None
]


def synced_values(grids: dict[str, list[list[object]]], today: date) -> Written:
    """(sheet, header) → the values a synced workbook holds in each state or level column."""
    workbook = MemoryWorkbook.from_grids(grids)  # type: ignore[arg-type]
    run_init(workbook)
    run_sync(workbook, today, lambda: datetime.combine(today, datetime.min.time(), UTC))
    found: Written = defaultdict(set)
    for title, header, _ in STATE_COLUMNS:
        grid = workbook.sheets.get(title) or [[]]
        index = grid[0].index(header)
        found[(title, header)] |= {
            str(row[index]) for row in grid[1:] if index < len(row) and row[index] not in ("", None)
        }
    return found


@cache
def demo_values() -> Written:
    return synced_values(demo_grids(TODAY), TODAY)  # type: ignore[arg-type]


@cache
def large_values() -> Written:
    grids = large_grids(teachers=300, pairs=150, meetings=3000)
    return synced_values(grids, LARGE_TODAY)  # type: ignore[arg-type]


def scenario_values() -> set[str]:
    """States the demo data happens not to hold, from rows that call for them."""
    _, outcome = analyse(f.workbook(programmes=[]), date(2026, 1, 20))
    found = {str(v.get("Состояние")) for v in outcome.cells["Пары"].values()}
    when_needed = {
        "№ п/п": 5,
        "Мероприятие": "Консультации",
        "Сроки": "по мере необходимости",
        "Ответственные": "заместитель директора",
    }
    gone = {"Код": "99-2025-09", "№ п/п": 99, "Учебный год": "2025/26"}  # item no longer planned
    _, outcome = analyse(f.workbook(roadmap=[when_needed], plan_graph=[gone]), TODAY)
    for title in ("Дорожная карта", "План-график"):
        found |= {str(v.get("Состояние")) for v in outcome.cells[title].values()}
    due, settings = date(2025, 9, 30), Settings(warn_days=14)
    found.add(occurrence_state(due, "отменено", None, TODAY, settings))
    found.add(occurrence_state(due, "выполнено", due + timedelta(days=3), TODAY, settings))
    started_later = Settings(warn_days=14, registry_start=due + timedelta(days=1))
    found.add(occurrence_state(due, None, None, TODAY, started_later))  # «до начала учёта»
    return found


def test_every_state_and_level_column_declares_its_vocabulary() -> None:
    declared = {(title, header) for title, header, _ in STATE_COLUMNS}
    assert declared == {
        ("Пары", "Состояние"),
        ("Этапы программ", "Состояние"),
        ("Дорожная карта", "Состояние"),
        ("План-график", "Состояние"),
        ("Просрочено", "Уровень"),
        ("Ошибки", "Уровень"),
    }


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.name)
def test_no_rule_is_shadowed_by_an_earlier_one(vocabulary: Vocabulary) -> None:
    for word in vocabulary.words:
        sample = word.text + ("42 дн." if word.prefix else "")
        assert next(w for w in vocabulary.words if w.matches(sample)) is word


@pytest.mark.parametrize("source", [demo_values, large_values], ids=["demo", "large"])
def test_every_written_value_has_a_matching_rule(source: object) -> None:
    values = source()  # type: ignore[operator]
    for title, header, vocabulary in STATE_COLUMNS:
        assert values[(title, header)], f"{title}: «{header}» holds nothing to check"
        uncoloured = {v for v in values[(title, header)] if vocabulary.tone_of(v) is None}
        assert uncoloured == set(), f"{title}: «{header}»"


def test_every_rule_matches_something_the_service_writes() -> None:
    written = set().union(*demo_values().values(), *large_values().values(), scenario_values())
    for vocabulary in VOCABULARIES:
        for word in vocabulary.words:
            assert any(word.matches(value) for value in written), word.text


def test_colours_mean_one_thing_everywhere() -> None:
    expected = {
        "просрочено": Tone.ACT,
        "срок истёк": Tone.ACT,
        "нет встреч 42 дн.": Tone.ACT,
        "ошибка": Tone.ACT,
        "скоро срок": Tone.SOON,
        "предупреждение": Tone.SOON,
        "выполнено": Tone.DONE,
        "ок": Tone.DONE,
        "отменено": Tone.IDLE,
        "завершена": Tone.IDLE,
    }
    for value, tone in expected.items():
        tones = {v.tone_of(value) for v in VOCABULARIES} - {None}
        assert tones == {tone}, value
