"""Turning a schedule into dated occurrences inside the roadmap period.

Recurring occurrences are kept when their due date is inside the period; one-off
items with an explicit year are always kept. Occurrences are sorted by due date and
their codes are unique within the schedule (duplicates merge into the wider window).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import MAXYEAR, MINYEAR, date

from .model import (
    AcademicYear,
    Annual,
    AnnualSpan,
    Continuous,
    Fixed,
    FixedSpan,
    NoDeadline,
    Occurrence,
    Period,
    Schedule,
)
from .years import (
    SEPTEMBER,
    academic_year_label,
    academic_year_of,
    clamped_date,
    month_code,
    year_in_academic_year,
)


def expand(schedule: Schedule, period: Period) -> tuple[Occurrence, ...]:
    """Every dated occurrence of the schedule in the period, sorted by due date. Never raises."""
    rule = schedule.rule
    occurrences: Iterable[Occurrence]
    match rule:
        case Fixed(spans=spans):
            occurrences = (_fixed(span) for span in spans)
        case Annual(spans=spans):
            occurrences = _recurring(_annual(spans, period), period)
        case Continuous():
            occurrences = _recurring(_continuous(period), period)
        case AcademicYear(first_year=first_year):
            occurrences = _optional(_whole_year(first_year, period))
        case NoDeadline():
            occurrences = ()
    return _finalise(occurrences)


def _fixed(span: FixedSpan) -> Occurrence:
    due = span.due
    if span.granularity == "day":
        code = due.isoformat()
    elif span.granularity == "month":
        code = month_code(due)
    else:
        code = f"{due.year:04d}"
    return Occurrence(code, span.start, due, academic_year_of(due))


def _academic_years(period: Period) -> range:
    """First years of every academic year that can have a due date inside the period."""
    return range(max(MINYEAR, period.start.year - 1), min(MAXYEAR - 1, period.end.year) + 1)


def _annual(spans: tuple[AnnualSpan, ...], period: Period) -> Iterator[Occurrence | None]:
    for first_year in _academic_years(period):
        for span in spans:
            yield _annual_occurrence(span, first_year)


def _annual_occurrence(span: AnnualSpan, first_year: int) -> Occurrence | None:
    """The span placed in one academic year: by its end, the start just before it."""
    end, start = span.end, span.start
    due_year = year_in_academic_year(first_year, end.month)
    end_day = end.day or 31
    wraps = (start.month, start.day or 1) > (end.month, end_day)
    due = clamped_date(due_year, end.month, end_day)
    begin = clamped_date(due_year - 1 if wraps else due_year, start.month, start.day or 1)
    if due is None or begin is None:
        return None
    code = month_code(due) if span.granularity == "month" else due.isoformat()
    return Occurrence(code, begin, due, academic_year_of(due))


def _continuous(period: Period) -> Iterator[Occurrence | None]:
    for first_year in _academic_years(period):
        yield _whole_year(first_year, period)


def _whole_year(first_year: int, period: Period) -> Occurrence | None:
    """The academic year as a window, due on the «в течение года» date inside it."""
    day, month = period.during_year_due
    start = clamped_date(first_year, SEPTEMBER, 1)
    due = clamped_date(year_in_academic_year(first_year, month), month, day)
    if start is None or due is None:
        return None
    return Occurrence(academic_year_label(first_year), start, due, academic_year_of(due))


def _recurring(candidates: Iterable[Occurrence | None], period: Period) -> Iterator[Occurrence]:
    for occurrence in candidates:
        if occurrence is not None and period.start <= occurrence.due <= period.end:
            yield occurrence


def _optional(occurrence: Occurrence | None) -> tuple[Occurrence, ...]:
    return () if occurrence is None else (occurrence,)


def _finalise(occurrences: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    """Merge occurrences sharing a code (keeping the earliest start) and sort by due date."""
    by_code: dict[str, Occurrence] = {}
    for occurrence in occurrences:
        known = by_code.get(occurrence.code)
        if known is None or occurrence.start < known.start:
            by_code[occurrence.code] = occurrence
    return tuple(sorted(by_code.values(), key=_order))


def _order(occurrence: Occurrence) -> tuple[date, date, str]:
    return (occurrence.due, occurrence.start, occurrence.code)
