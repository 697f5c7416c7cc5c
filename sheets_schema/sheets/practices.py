"""«Лучшие практики» — methodical materials and best practices (п. 15, 19, 20, 26)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Лучшие практики"


class Practice(SheetRow):
    """A methodical material or a described practice."""

    name: Annotated[str, Col("Название", required=True, width=36)]
    kind: Annotated[str, Col("Вид", T.CHOICE, required=True, choices=ch.PRACTICE_KINDS)]
    authors: Annotated[str, Col("Авторы", required=True, width=30)]
    day: Annotated[date, Col("Дата", T.DATE, required=True, width=14)]
    link: Annotated[str | None, Col("Ссылка", width=24)] = None
    on_site: Annotated[bool | None, Col("Опубликовано на сайте", T.BOOL, width=10)] = None
    on_social: Annotated[bool | None, Col("Опубликовано в соцсетях", T.BOOL, width=10)] = None

    calc_columns = (calc("Учебный год", width=10),)


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Название", "Дата")
SPEC = sheet_spec(
    TITLE,
    Practice,
    "Методические материалы и лучшие практики.",
    "п. 15, 19, 20, 26",
    counts_by=COUNTS_BY,
)
