"""Calendar helpers for the rules: academic years, whole years and months between dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from nastavnik.sheets_schema.deadlines.years import (
    academic_year_of,
    first_year_of,
    year_in_academic_year,
)

MONTH_NAMES = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


# One academic-year arithmetic for the whole project (the roadmap parser defines it).
academic_year_start = first_year_of  # the calendar year in which `day`'s academic year began
academic_year = academic_year_of  # «2025/26» for any day from 01.09.2025 to 31.08.2026


def academic_year_bounds(day: date) -> tuple[date, date]:
    """First and last day of the academic year containing `day`."""
    start = academic_year_start(day)
    return date(start, 9, 1), date(start + 1, 8, 31)


def day_in_academic_year(day_month: tuple[int, int], year_start: int) -> date:
    """(day, month) placed inside the academic year that starts in September of `year_start`."""
    day, month = day_month
    year = year_in_academic_year(year_start, month)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def whole_years(start: date, end: date) -> int:
    """Completed years from start to end (negative when end is before start)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def whole_months(start: date, end: date) -> int:
    """Months from start to end, rounded to the nearest whole month (for planned lengths)."""
    return round(((end - start).days + 1) / 30.4375)


def month_end(day: date) -> date:
    """The last day of day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(day: date) -> str:
    """«декабрь 2025»."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """True when two closed date intervals share at least one day."""
    return a_start <= b_end and b_start <= a_end


def days_between(start: date, end: date) -> int:
    """Whole days from start to end."""
    return (end - start).days


ONE_DAY = timedelta(days=1)
