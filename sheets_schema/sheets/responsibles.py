"""«Ответственные» — who holds each role named in the roadmap."""

from __future__ import annotations

from typing import Annotated

from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Ref
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.emails import ONE_ADDRESS_NOTE as EMAIL_NOTE

TITLE = "Ответственные"


class Responsible(SheetRow):
    """A role and the person who holds it."""

    role: Annotated[
        str, Col("Роль", required=True, note="Как в «Ответственных» дорожной карты.", width=36)
    ]
    fio: Annotated[str | None, Col("ФИО", T.FIO, ref=Ref("Педагоги", "ФИО"), width=30)] = None
    email: Annotated[str | None, Col("Email", T.EMAIL, note=EMAIL_NOTE, width=26)] = None


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Роль",)
SPEC = sheet_spec(
    TITLE,
    Responsible,
    "Кто исполняет каждую роль (для списка внимания и напоминаний).",
    counts_by=COUNTS_BY,
)
