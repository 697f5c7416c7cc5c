"""The «Сроки» of the roadmap: a pure parser and expander (no I/O, no clock).

    schedule = parse_deadline("ежегодно, декабрь, апрель")   # or DeadlineError
    for occurrence in expand(schedule, Period()):             # the default 2024–2027 period
        ...  # occurrence.code "2024-12", start, due, academic_year "2024/25"

Codes are suffixes unique within one schedule: "YYYY-MM" for a month-granular window
(month families, ranges of months, monthly, quarters, half-years — the month of the due
date), "YYYY-MM-DD" for a window that ends on a named day, "YYYY/YY" for a whole
academic year and "YYYY" for a calendar year.
"""

from nastavnik.sheets_schema.errors import DeadlineError

from .expand import expand
from .messages import FAMILY_EXAMPLES, HINT
from .model import Occurrence, Period, Schedule
from .parse import parse_deadline
from .years import academic_year_of

__all__ = [
    "FAMILY_EXAMPLES",
    "HINT",
    "DeadlineError",
    "Occurrence",
    "Period",
    "Schedule",
    "academic_year_of",
    "expand",
    "parse_deadline",
]
