"""«Повышение квалификации» (roadmap п. 9, 10)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Повышение квалификации"


class Training(SheetRow):
    """A course, internship or seminar a teacher completed."""

    fio: Annotated[str, Col("ФИО", T.FIO, required=True, ref=Ref("Педагоги", "ФИО"), width=30)]
    kind: Annotated[
        str,
        Col(
            "Вид", T.CHOICE, required=True, choices=ch.TRAINING_KINDS, synonyms=ch.TRAINING_SYNONYMS
        ),
    ]
    topic: Annotated[str, Col("Тема", required=True, width=36)]
    organisation: Annotated[str | None, Col("Организация", width=24)] = None
    hours: Annotated[float | None, Col("Часы", T.NUMBER, width=8)] = None
    finished: Annotated[date, Col("Дата окончания", T.DATE, required=True, width=14)]
    document: Annotated[str | None, Col("Документ", width=20)] = None
    form: Annotated[
        str | None,
        Col("Форма", T.CHOICE, choices=ch.TRAINING_FORMS, synonyms=ch.TRAINING_FORM_SYNONYMS),
    ] = None

    calc_columns = (calc("Учебный год", width=10),)


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("ФИО", "Дата окончания")
SPEC = sheet_spec(TITLE, Training, "Курсы, стажировки, семинары.", "п. 9, 10", counts_by=COUNTS_BY)
