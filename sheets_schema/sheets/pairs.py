"""«Пары» — mentoring pairs and groups (roadmap п. 1, 16)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Kind, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.palette import PAIR_STATES

TITLE = "Пары"
PEOPLE = Ref("Педагоги", "ФИО")


class Pair(SheetRow):
    """One mentor–mentee pair; a group is several rows with the same «Группа»."""

    code: Annotated[str | None, Col("Код пары", kind=Kind.KEY, note="НП-001, …", width=10)] = None
    mentor: Annotated[str, Col("Наставник", T.FIO, required=True, ref=PEOPLE, width=30)]
    mentee: Annotated[str, Col("Наставляемый", T.FIO, required=True, ref=PEOPLE, width=30)]
    group: Annotated[str | None, Col("Группа", note="Одинаковая метка у строк одной группы.")] = (
        None
    )
    form: Annotated[
        str,
        Col(
            "Форма наставничества",
            T.CHOICE,
            required=True,
            choices=ch.FORMS,
            synonyms=ch.FORM_SYNONYMS,
            width=26,
        ),
    ]
    start: Annotated[date, Col("Дата начала", T.DATE, required=True, width=14)]
    planned_end: Annotated[date, Col("Дата окончания (план)", T.DATE, required=True, width=14)]
    order_no: Annotated[str | None, Col("Приказ №", width=10)] = None
    order_date: Annotated[date | None, Col("Дата приказа", T.DATE, width=14)] = None
    mentor_consent: Annotated[date | None, Col("Согласие наставника (дата)", T.DATE, width=14)] = (
        None
    )
    mentee_consent: Annotated[
        date | None, Col("Согласие наставляемого (дата)", T.DATE, width=14)
    ] = None
    agreement: Annotated[
        str | None, Col("Доп. соглашение к трудовому договору", note="№ и дата.")
    ] = None
    status: Annotated[
        str,
        Col(
            "Статус",
            T.CHOICE,
            required=True,
            choices=ch.PAIR_STATUSES,
            synonyms=ch.PAIR_STATUS_SYNONYMS,
        ),
    ]
    actual_end: Annotated[date | None, Col("Дата фактического завершения", T.DATE, width=14)] = None
    result: Annotated[str | None, Col("Итог", width=30)] = None

    calc_columns = (
        calc("Длительность, мес.", T.INT, width=10),
        calc("Состояние", width=22, states=PAIR_STATES),
        calc("Встреч всего", T.INT, width=10),
        calc("Последняя встреча", T.DATE, width=14),
        calc("Дней без встреч", T.INT, width=10),
        calc("Программа", width=14),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Наставник", "Наставляемый", "Дата начала", "Дата окончания (план)", "Статус")
SPEC = sheet_spec(TITLE, Pair, "Наставнические пары и группы.", "п. 1, 16", counts_by=COUNTS_BY)
