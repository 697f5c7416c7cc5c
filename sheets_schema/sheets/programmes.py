"""«Программы» — personalised mentoring programmes / ИОМ (roadmap п. 11, 19, 20)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Kind, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Программы"


class Programme(SheetRow):
    """A personalised mentoring programme of one pair."""

    code: Annotated[str | None, Col("Код программы", kind=Kind.KEY, note="ПР-001, …", width=10)] = (
        None
    )
    pair_code: Annotated[str, Col("Код пары", required=True, ref=Ref("Пары", "Код пары"), width=10)]
    name: Annotated[str, Col("Название", required=True, width=30)]
    goal: Annotated[str, Col("Цель", required=True, width=30)]
    deficits: Annotated[str | None, Col("Профессиональные дефициты", width=30)] = None
    expected: Annotated[str | None, Col("Ожидаемые результаты", width=30)] = None
    start: Annotated[date, Col("Дата начала", T.DATE, required=True, width=14)]
    end: Annotated[date, Col("Дата окончания", T.DATE, required=True, width=14)]
    status: Annotated[
        str,
        Col(
            "Статус",
            T.CHOICE,
            required=True,
            choices=ch.PROGRAMME_STATUSES,
            synonyms=ch.PROGRAMME_STATUS_SYNONYMS,
        ),
    ]
    approved: Annotated[date | None, Col("Дата утверждения", T.DATE, width=14)] = None
    results: Annotated[str | None, Col("Результаты", width=30)] = None
    in_bank: Annotated[bool | None, Col("В банке программ", T.BOOL, note="п. 19", width=10)] = None
    best_practice: Annotated[
        bool | None, Col("Лучшая практика", T.BOOL, note="п. 20", width=10)
    ] = None

    calc_columns = (
        calc("Наставник", T.FIO, width=30),
        calc("Наставляемый", T.FIO, width=30),
        calc("Этапов всего", T.INT, width=10),
        calc("Этапов выполнено", T.INT, width=10),
        calc("Прогресс, %", T.INT, width=10),
        calc("Просроченных этапов", T.INT, width=10),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Код пары", "Дата начала", "Дата окончания")
SPEC = sheet_spec(
    TITLE,
    Programme,
    "Персонализированные программы наставничества (ИОМ).",
    "п. 11, 19, 20",
    counts_by=COUNTS_BY,
)
