"""«План-график» — every dated occurrence of every roadmap item; staff mark them.

Код, № п/п and Учебный год identify the occurrence and are written once. Мероприятие,
Ответственные, Начало and Срок follow the roadmap (an edit of «Дорожная карта» shows up
here on the next sync), so the service owns them like computed columns.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Kind, calc
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.palette import DEADLINE_STATES

TITLE = "План-график"
FOLLOWS = "Берётся из «Дорожной карты» при каждой синхронизации."


class PlanRow(SheetRow):
    """One occurrence of a roadmap item: its identity (keys) and the staff's marks."""

    code: Annotated[
        str | None,
        Col(
            "Код", kind=Kind.KEY, note="Пункт дорожной карты и срок, например 04-2025-09.", width=14
        ),
    ] = None
    number: Annotated[int | None, Col("№ п/п", T.INT, kind=Kind.KEY, width=6)] = None
    academic_year: Annotated[str | None, Col("Учебный год", kind=Kind.KEY, width=10)] = None
    mark: Annotated[
        str | None,
        Col("Отметка о выполнении", T.CHOICE, choices=ch.PLAN_MARKS, synonyms=ch.MARK_SYNONYMS),
    ] = None
    done_on: Annotated[date | None, Col("Дата выполнения", T.DATE, width=14)] = None
    evidence: Annotated[str | None, Col("Подтверждение (ссылка / документ)", width=30)] = None
    comment: Annotated[str | None, Col("Комментарий", width=30)] = None

    calc_columns = (
        calc("Мероприятие", note=FOLLOWS, width=50),
        calc("Ответственные", note=FOLLOWS, width=30),
        calc("Начало", T.DATE, note=FOLLOWS, width=14),
        calc("Срок", T.DATE, note=FOLLOWS, width=14),
        calc("Состояние", width=18, states=DEADLINE_STATES),
        calc("Просрочено, дней", T.INT, width=10),
    )
    layout_order = (
        "Код", "№ п/п", "Мероприятие", "Ответственные", "Учебный год", "Начало", "Срок",
        "Отметка о выполнении", "Дата выполнения", "Подтверждение (ссылка / документ)", "Комментарий",
        "Состояние", "Просрочено, дней", "Проверка",
    )  # fmt: skip


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Код",)
SPEC = sheet_spec(
    TITLE,
    PlanRow,
    "Все сроки дорожной карты по датам; отмечайте выполнение.",
    "п. 1–26",
    counts_by=COUNTS_BY,
)
