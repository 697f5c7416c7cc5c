"""The demo plays the school whose roadmap is the seed: its name, and a start date at the
roadmap's beginning, so the demo still shows overdue roadmap items."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from nastavnik.demo.build import LEFT_UNDONE, build_demo

TODAY = date(2026, 11, 27)


def test_the_demo_names_its_school_and_keeps_overdue_items(tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    build_demo(path, TODAY, lambda: datetime(2026, 11, 27, 9, 0))
    book = openpyxl.load_workbook(path)
    found = {row[0]: row[1] for row in book["Настройки"].iter_rows(min_row=2, values_only=True)}
    assert found["Образовательная организация"] == "МАОУ «СОШ № 5»"
    assert found["Начало учёта"] == "01.09.2024"
    rows = list(book["План-график"].values)
    state = rows[0].index("Состояние")
    states = [row[state] for row in rows[1:]]
    assert states.count("просрочено") == LEFT_UNDONE
    assert "до начала учёта" not in states
