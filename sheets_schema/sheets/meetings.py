"""«Встречи» — meetings and mutual lesson visits (roadmap п. 16)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Встречи"


class Meeting(SheetRow):
    """A meeting of a pair or a lesson visit."""

    day: Annotated[date, Col("Дата", T.DATE, required=True, width=14)]
    pair_code: Annotated[str, Col("Код пары", required=True, ref=Ref("Пары", "Код пары"), width=10)]
    format: Annotated[
        str,
        Col(
            "Формат",
            T.CHOICE,
            required=True,
            choices=ch.MEETING_FORMATS,
            synonyms=ch.MEETING_FORMAT_SYNONYMS,
            width=26,
        ),
    ]
    topic: Annotated[str, Col("Тема", required=True, width=36)]
    minutes: Annotated[int | None, Col("Продолжительность, мин", T.INT, width=10)] = None
    outcome: Annotated[str | None, Col("Итоги и рекомендации", width=36)] = None

    calc_columns = (
        calc("Наставник", T.FIO, width=30),
        calc("Наставляемый", T.FIO, width=30),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Дата", "Код пары")
SPEC = sheet_spec(
    TITLE, Meeting, "Встречи пар и взаимопосещение уроков.", "п. 16", counts_by=COUNTS_BY
)
