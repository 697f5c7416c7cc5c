"""«Обратная связь» — feedback waves, December and April (roadmap п. 22)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref, calc
from nastavnik.sheets_schema.columns import ValueType as T

TITLE = "Обратная связь"


class Feedback(SheetRow):
    """One participant's answers in a feedback wave."""

    day: Annotated[date, Col("Дата", T.DATE, required=True, width=14)]
    pair_code: Annotated[str, Col("Код пары", required=True, ref=Ref("Пары", "Код пары"), width=10)]
    respondent: Annotated[
        str,
        Col(
            "Респондент",
            T.CHOICE,
            required=True,
            choices=ch.RESPONDENTS,
            synonyms=ch.RESPONDENT_SYNONYMS,
        ),
    ]
    satisfaction: Annotated[
        int, Col("Удовлетворённость участием (1–10)", T.SCORE, required=True, width=12)
    ]
    usefulness: Annotated[int | None, Col("Полезность встреч (1–10)", T.SCORE, width=12)] = None
    goals: Annotated[int | None, Col("Достижение целей программы (1–10)", T.SCORE, width=12)] = None
    useful: Annotated[str | None, Col("Что было полезно", width=30)] = None
    improve: Annotated[str | None, Col("Что улучшить", width=30)] = None

    calc_columns = (calc("Волна", note="«декабрь 2025», «апрель 2026» или «вне волны».", width=16),)


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Дата", "Код пары", "Респондент", "Удовлетворённость участием (1–10)")
SPEC = sheet_spec(
    TITLE,
    Feedback,
    "Обратная связь участников: декабрь и апрель. Ответы формы опроса (лист ответов, названный "
    "в «Настройках») учитываются вместе с этими строками: один ответ на участника за волну — "
    "последний.",
    "п. 22",
    counts_by=COUNTS_BY,
)
