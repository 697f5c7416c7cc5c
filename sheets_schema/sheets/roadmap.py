"""«Дорожная карта» — the plan itself; the coordinator edits it."""

from __future__ import annotations

from typing import Annotated

from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, calc
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.palette import DEADLINE_STATES

TITLE = "Дорожная карта"


class RoadmapItem(SheetRow):
    """One item of the roadmap (its «Сроки» is parsed by sheets_schema.deadlines)."""

    number: Annotated[int, Col("№ п/п", T.INT, required=True, width=6)]
    activity: Annotated[str, Col("Мероприятие", required=True, width=60)]
    deadline: Annotated[
        str,
        Col(
            "Сроки",
            required=True,
            note="Например: «ежегодно, сентябрь», «в течение года», «до 15.10.2025».",
            width=24,
        ),
    ]
    responsible: Annotated[
        str, Col("Ответственные", required=True, note="Роли через запятую.", width=30)
    ]

    calc_columns = (
        calc("Периодичность", width=14),
        calc("Ближайший срок", T.DATE, width=14),
        calc("Состояние", width=14, states=DEADLINE_STATES),
        calc("Просрочено, дней", T.INT, width=10),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("№ п/п", "Мероприятие", "Сроки")
SPEC = sheet_spec(
    TITLE, RoadmapItem, "План мероприятий («дорожная карта»).", "п. 1–26", counts_by=COUNTS_BY
)
