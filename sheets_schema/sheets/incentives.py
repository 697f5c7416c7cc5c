"""«Стимулирование» (roadmap п. 14)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Стимулирование"


class Incentive(SheetRow):
    """A bonus paid to a mentor for a month."""

    mentor: Annotated[
        str, Col("Наставник", T.FIO, required=True, ref=Ref("Педагоги", "ФИО"), width=30)
    ]
    month: Annotated[
        date, Col("Месяц", T.MONTH, required=True, note="Дата или «сентябрь 2025».", width=14)
    ]
    basis: Annotated[str | None, Col("Основание (приказ)", width=20)] = None
    amount: Annotated[float | None, Col("Сумма, руб.", T.NUMBER, width=12)] = None

    calc_columns = (calc("Активных пар в месяце", T.INT, width=10),)


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Наставник", "Месяц")
SPEC = sheet_spec(
    TITLE, Incentive, "Материальное стимулирование наставников.", "п. 14", counts_by=COUNTS_BY
)
