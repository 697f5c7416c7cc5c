"""Calendar arithmetic for school years: labels, month lengths, safe date building."""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date

SEPTEMBER = 9


def academic_year_label(first_year: int) -> str:
    """The name of the academic year that starts in September of `first_year`: "2025/26"."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def academic_year_of(d: date) -> str:
    """The academic year a date belongs to: September–December open the year
    that starts that September, January–August belong to the one started before."""
    return academic_year_label(first_year_of(d))


def first_year_of(d: date) -> int:
    """The calendar year in which the academic year of `d` started."""
    return d.year if d.month >= SEPTEMBER else d.year - 1


def year_in_academic_year(first_year: int, month: int) -> int:
    """The calendar year of `month` inside the academic year starting in `first_year`."""
    return first_year if month >= SEPTEMBER else first_year + 1


def last_day(year: int, month: int) -> int:
    """The number of days in the month."""
    return calendar.monthrange(year, month)[1]


def clamped_date(year: int, month: int, day: int) -> date | None:
    """The date, with the day clamped to the month's length; None outside date's range."""
    if not MINYEAR <= year <= MAXYEAR:
        return None
    return date(year, month, min(day, last_day(year, month)))


def month_code(d: date) -> str:
    """ "2025-09": the code of a month-granular occurrence."""
    return f"{d.year:04d}-{d.month:02d}"
