"""«Педагоги» — bank of mentors and mentees (roadmap п. 4, 5)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col, Kind, calc
from nastavnik.sheets_schema.columns import ValueType as T
from nastavnik.sheets_schema.emails import ONE_ADDRESS_NOTE

TITLE = "Педагоги"


class Teacher(SheetRow):
    """A teacher: potential mentor and/or mentee."""

    code: Annotated[str | None, Col("Код", kind=Kind.KEY, note="П-001, …", width=9)] = None
    fio: Annotated[
        str, Col("ФИО", T.FIO, required=True, note="Фамилия Имя Отчество; без повторов.", width=32)
    ]
    position: Annotated[str, Col("Должность", required=True, note="учитель, педагог-психолог, …")]
    subject: Annotated[str | None, Col("Предмет / направление")] = None
    birth_year: Annotated[
        int | None,
        Col("Год рождения", T.INT, note="Для правила «до 35 лет»; можно не заполнять.", width=10),
    ] = None
    career_start: Annotated[
        date, Col("Дата начала педагогической деятельности", T.DATE, required=True, width=14)
    ]
    hired: Annotated[date | None, Col("Дата приёма в школу", T.DATE, width=14)] = None
    category: Annotated[
        str | None,
        Col(
            "Квалификационная категория",
            T.CHOICE,
            choices=ch.CATEGORIES,
            synonyms=ch.CATEGORY_SYNONYMS,
        ),
    ] = None
    retrained: Annotated[date | None, Col("Переподготовка (дата окончания)", T.DATE, width=14)] = (
        None
    )
    role: Annotated[
        str, Col("Роль", T.CHOICE, required=True, choices=ch.ROLES, synonyms=ch.ROLE_SYNONYMS)
    ]
    grounds: Annotated[
        str | None,
        Col(
            "Основание для наставничества",
            T.CHOICE,
            choices=ch.GROUNDS,
            synonyms=ch.GROUNDS_SYNONYMS,
        ),
    ] = None
    pd_consent: Annotated[bool | None, Col("Согласие на обработку ПД", T.BOOL, width=10)] = None
    email: Annotated[
        str | None, Col("Email", T.EMAIL, note=f"Для напоминаний. {ONE_ADDRESS_NOTE}", width=24)
    ] = None
    works: Annotated[bool | None, Col("Работает", T.BOOL, note="Пусто — да.", width=10)] = None
    left: Annotated[
        date | None,
        Col(
            "Дата увольнения",
            T.DATE,
            note="Пусто — работает. По датам приёма и увольнения считается состав каждого года.",
            width=14,
        ),
    ] = None

    calc_columns = (
        calc("Педстаж, лет", T.INT, width=10),
        calc("Стаж в школе, лет", T.INT, width=10),
        calc(
            "Молодой специалист",
            T.BOOL,
            note="Педстаж меньше 3 лет и возраст не больше 35 (пороги — в «Настройках»).",
            width=10,
        ),
        calc("Нуждается в наставнике", T.BOOL, width=10),
        calc("Наставник сейчас", T.FIO, width=30),
        calc("Наставляемых сейчас", T.INT, width=10),
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("ФИО", "Дата начала педагогической деятельности")
SPEC = sheet_spec(
    TITLE, Teacher, "Банк наставников и наставляемых.", "п. 4, 5", counts_by=COUNTS_BY
)
