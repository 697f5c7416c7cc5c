"""The data the deadline parser produces and the expander consumes.

`Schedule` is what a «Сроки» text means; `Occurrence` is one dated instance of it;
`Period` is the roadmap period and the «в течение года» setting. The rule classes
are the internal representation of a schedule (one class per way of recurring).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from nastavnik.sheets_schema.errors import ConfigError

Granularity = Literal["day", "month", "year", "academic"]

# Family names (Schedule.kind), shown to people.
KIND_MONTH_YEAR = "месяц и год"
KIND_MONTH_RANGE = "диапазон месяцев"
KIND_YEARLY_MONTHS = "ежегодно, месяцы"
KIND_DATE = "дата"
KIND_DATE_RANGE = "диапазон дат"
KIND_YEARLY_DATE = "ежегодно, дата"
KIND_DURING_YEAR = "в течение года"
KIND_YEARLY = "ежегодно"
KIND_MONTHLY = "ежемесячно"
KIND_QUARTERS = "по четвертям"
KIND_QUARTER = "четверть"
KIND_HALF_YEARS = "по полугодиям"
KIND_HALF_YEAR = "полугодие"
KIND_ACADEMIC_YEAR = "учебный год"
KIND_CALENDAR_YEAR = "календарный год"
KIND_NO_DEADLINE = "без срока"

# Short labels for the «Периодичность» column (Schedule.periodicity).
ONCE = "однократно"
YEARLY = "ежегодно"
MONTHLY = "ежемесячно"
QUARTERLY = "ежеквартально"
HALF_YEARLY = "по полугодиям"
CONTINUOUS = "постоянно"
NO_DEADLINE = "без срока"


@dataclass(frozen=True)
class Period:
    """The roadmap period and the due date used for «в течение года» items.

    `during_year_due` is (day, month), e.g. (31, 5) for 31 May; a month from September
    on falls in the first calendar year of an academic year, earlier months in the second.
    Raises ConfigError when the period is reversed or the day/month does not exist.
    """

    start: date = date(2024, 9, 1)
    end: date = date(2027, 8, 31)
    during_year_due: tuple[int, int] = (31, 5)

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ConfigError(
                f"Начало периода дорожной карты ({self.start:%d.%m.%Y}) позже его конца "
                f"({self.end:%d.%m.%Y}).",
                hint="Проверьте настройки «Начало периода дорожной карты» и «Конец периода».",
            )
        day, month = self.during_year_due
        # A leap year accepts 29.02; in other years it is clamped to 28.02.
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
            raise ConfigError(
                f"Срок для «в течение года» {day:02d}.{month:02d} — такой даты нет.",
                hint="Укажите день и месяц, например 31.05.",
            )


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of a schedule: the window [start, due] and its academic year.

    `code` is a suffix unique and stable within one schedule: "2025-09" (a month),
    "2025-10-15" (a day), "2025/26" (an academic year) or "2025" (a calendar year).
    """

    code: str
    start: date
    due: date
    academic_year: str


@dataclass(frozen=True)
class MonthDay:
    """A yearless point. `day` None means the whole month (the 1st as a start, the last day
    as an end); a day past the end of a month (29.02, "31 числа") is clamped to its last day."""

    month: int
    day: int | None = None


@dataclass(frozen=True)
class AnnualSpan:
    """A window that recurs every academic year; placed by its end (the due date)."""

    start: MonthDay
    end: MonthDay
    granularity: Literal["day", "month"]


@dataclass(frozen=True)
class FixedSpan:
    """A window with explicit dates."""

    start: date
    due: date
    granularity: Granularity


@dataclass(frozen=True)
class Fixed:
    """One-off windows with explicit years: kept wherever they fall."""

    spans: tuple[FixedSpan, ...]


@dataclass(frozen=True)
class Annual:
    """Windows repeated in every academic year of the period."""

    spans: tuple[AnnualSpan, ...]


@dataclass(frozen=True)
class Continuous:
    """The whole academic year, every year; due the «в течение года» date."""


@dataclass(frozen=True)
class AcademicYear:
    """One named academic year (first_year/first_year+1); due the «в течение года» date."""

    first_year: int


@dataclass(frozen=True)
class NoDeadline:
    """A recognised text without a deadline: no occurrences, never overdue."""


Rule = Fixed | Annual | Continuous | AcademicYear | NoDeadline


class Reading(NamedTuple):
    """What a recogniser understood: the family, its periodicity label and the rule."""

    kind: str
    periodicity: str
    rule: Rule


@dataclass(frozen=True)
class Schedule:
    """How a «Сроки» text is understood.

    Equality ignores `text`: two spellings with the same meaning compare equal.
    """

    text: str = field(compare=False)
    kind: str
    periodicity: str
    rule: Rule
