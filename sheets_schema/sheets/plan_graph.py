"""«План-график» — every dated occurrence of every roadmap item; staff mark them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from sheets_schema import choices as ch
from sheets_schema.base import SheetRow, sheet_spec
from sheets_schema.columns import Col, Kind, calc
from sheets_schema.columns import ValueType as T

TITLE = "План-график"


class PlanRow(SheetRow):
    """One occurrence of a roadmap item. Key columns are written when the row is added."""

    code: Annotated[str | None, Col("Код", kind=Kind.KEY, width=14)] = None
    number: Annotated[int | None, Col("№ п/п", T.INT, kind=Kind.KEY, width=6)] = None
    activity: Annotated[str | None, Col("Мероприятие", kind=Kind.KEY, width=50)] = None
    responsible: Annotated[str | None, Col("Ответственные", kind=Kind.KEY, width=30)] = None
    academic_year: Annotated[str | None, Col("Учебный год", kind=Kind.KEY, width=10)] = None
    start: Annotated[date | None, Col("Начало", T.DATE, kind=Kind.KEY, width=14)] = None
    due: Annotated[date | None, Col("Срок", T.DATE, kind=Kind.KEY, width=14)] = None
    mark: Annotated[
        str | None,
        Col("Отметка о выполнении", T.CHOICE, choices=ch.PLAN_MARKS, synonyms=ch.MARK_SYNONYMS),
    ] = None
    done_on: Annotated[date | None, Col("Дата выполнения", T.DATE, width=14)] = None
    evidence: Annotated[str | None, Col("Подтверждение (ссылка / документ)", width=30)] = None
    comment: Annotated[str | None, Col("Комментарий", width=30)] = None

    calc_columns = (
        calc("Состояние", width=18),
        calc("Просрочено, дней", T.INT, width=10),
    )


SPEC = sheet_spec(
    TITLE, PlanRow, "Все сроки дорожной карты по датам; отмечайте выполнение.", "п. 1–26"
)
