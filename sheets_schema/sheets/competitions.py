"""«Конкурсы» (roadmap п. 21)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Конкурсы"


class Competition(SheetRow):
    """An entry of mentors / pairs in a professional competition."""

    day: Annotated[date, Col("Дата", T.DATE, required=True, width=14)]
    participants: Annotated[
        str, Col("Участники", required=True, note="ФИО или коды пар через запятую.", width=36)
    ]
    contest: Annotated[str, Col("Конкурс / программа", required=True, width=30)]
    level: Annotated[str, Col("Уровень", T.CHOICE, required=True, choices=ch.LEVELS)]
    result: Annotated[
        str | None, Col("Результат", T.CHOICE, choices=ch.RESULTS, synonyms={"призер": "призёр"})
    ] = None

    calc_columns = (calc("Учебный год", width=10),)


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Дата", "Участники")
SPEC = sheet_spec(
    TITLE, Competition, "Участие в профессиональных конкурсах.", "п. 21", counts_by=COUNTS_BY
)
