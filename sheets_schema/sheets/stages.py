"""«Этапы программ» — the plan of each programme."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.palette import DEADLINE_STATES

TITLE = "Этапы программ"


class Stage(SheetRow):
    """One stage (activity) of a programme's plan."""

    programme_code: Annotated[
        str, Col("Код программы", required=True, ref=Ref("Программы", "Код программы"), width=10)
    ]
    activity: Annotated[str, Col("Этап / мероприятие", required=True, width=36)]
    due: Annotated[date, Col("Срок", T.DATE, required=True, width=14)]
    mark: Annotated[
        str | None,
        Col("Отметка о выполнении", T.CHOICE, choices=ch.STAGE_MARKS, synonyms=ch.MARK_SYNONYMS),
    ] = None
    done_on: Annotated[date | None, Col("Дата выполнения", T.DATE, width=14)] = None
    comment: Annotated[str | None, Col("Комментарий", width=30)] = None

    calc_columns = (
        calc("Состояние", width=14, states=DEADLINE_STATES),
        calc("Просрочено, дней", T.INT, width=10),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Код программы", "Срок")
SPEC = sheet_spec(TITLE, Stage, "План каждой программы по этапам.", "п. 11", counts_by=COUNTS_BY)
