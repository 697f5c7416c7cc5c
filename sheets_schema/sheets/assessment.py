"""«Оценка» — assessment of participants (roadmap п. 7; October; by the psychologist)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Оценка"


class Assessment(SheetRow):
    """One assessment of one participant."""

    fio: Annotated[str, Col("ФИО", T.FIO, required=True, ref=Ref("Педагоги", "ФИО"), width=30)]
    day: Annotated[date, Col("Дата", T.DATE, required=True, width=14)]
    stage: Annotated[
        str,
        Col(
            "Этап",
            T.CHOICE,
            required=True,
            choices=ch.ASSESSMENT_STAGES,
            synonyms=ch.ASSESSMENT_SYNONYMS,
        ),
    ]
    competence: Annotated[
        int | None, Col("Профессиональные компетенции (1–10)", T.SCORE, width=12)
    ] = None
    readiness: Annotated[int | None, Col("Методическая готовность (1–10)", T.SCORE, width=12)] = (
        None
    )
    satisfaction: Annotated[
        int | None, Col("Удовлетворённость профессией (1–10)", T.SCORE, width=12)
    ] = None
    burnout: Annotated[
        int | None,
        Col("Профессиональное выгорание (1–10)", T.SCORE, note="Меньше — лучше.", width=12),
    ] = None
    comment: Annotated[str | None, Col("Комментарий", width=30)] = None

    calc_columns = (
        calc("Учебный год", width=10),
        calc(
            "Динамика компетенций",
            T.INT,
            note="Итоговая − входная, тот же человек и год.",
            width=12,
        ),
        calc("Динамика выгорания", T.INT, width=12),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("ФИО", "Дата", "Этап")
SPEC = sheet_spec(
    TITLE, Assessment, "Оценка участников (педагог-психолог, октябрь).", "п. 7", counts_by=COUNTS_BY
)
