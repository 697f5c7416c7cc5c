"""Shared helpers of the demo generators: sheet headers, rows → grid, dates as staff type them.

A demo row is a dict keyed by the declared header; `to_grid` lays it out in the sheet's
column order, so a generator never depends on column positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.columns import Kind
from nastavnik.sheets_schema.seed_roadmap import SOURCE_SCHOOL
from nastavnik.sync.snapshot import Cell

Row = dict[str, Cell]
Grid = list[list[Cell]]

DOMAIN = "school5.example"
ORGANISATION = SOURCE_SCHOOL  # the demo plays the school whose roadmap is the seed
SUMMER = (6, 7, 8)  # no meetings, stages or feedback in the summer holidays
NEW_YEAR_DAYS = 8  # 1–8 January are public holidays in Russia

MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip


def sheet_headers(spec: SheetSpec) -> tuple[str, ...]:
    """The headers staff have: input and key columns in declared order (calc ones are added
    by the service)."""
    return tuple(col.header for col in spec.columns if col.kind is not Kind.CALC)


def to_grid(
    spec: SheetSpec,
    rows: Iterable[Row],
    order: Sequence[str] | None = None,
    extra: Sequence[str] = (),
) -> Grid:
    """Header row plus one list per row. `order` reorders the declared headers (it must name
    each of them once); `extra` appends staff's own columns."""
    headers = tuple(order) if order is not None else sheet_headers(spec)
    if sorted(headers) != sorted(sheet_headers(spec)):
        raise ValueError(f"«{spec.title}»: the order must list every declared header once")
    headers += tuple(extra)
    grid: Grid = [list(headers)]
    grid.extend([row.get(header) for header in headers] for row in rows)
    return grid


def year_start(today: date) -> int:
    """The calendar year in which today's academic year began (September)."""
    return today.year if today.month >= 9 else today.year - 1


def dotted(day: date) -> str:
    """«01.09.2025» — how staff type a date as text."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def in_words(day: date) -> str:
    """«1 сентября 2025 г.»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def month_words(day: date) -> str:
    """«сентябрь 2025»."""
    return f"{MONTHS_NOMINATIVE[day.month - 1]} {day.year}"


def school_days(start: date, end: date) -> list[date]:
    """Weekdays from start to end inclusive, outside the summer and New Year holidays."""
    days: list[date] = []
    day = start
    while day <= end:
        holiday = day.month == 1 and day.day <= NEW_YEAR_DAYS
        if day.weekday() < 5 and day.month not in SUMMER and not holiday:
            days.append(day)
        day += timedelta(days=1)
    return days


def spread(days: Sequence[date], count: int) -> list[date]:
    """`count` days evenly spread over `days` (each at most once; fewer when days are few)."""
    if count <= 0 or not days:
        return []
    if count >= len(days):
        return list(days)
    step = len(days) / count
    return [days[min(int(step * i + step / 2), len(days) - 1)] for i in range(count)]


def translit(text: str) -> str:
    """Latin letters for a Russian word (for e-mail addresses)."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def email_for(fio: str, domain: str = DOMAIN) -> str:
    """ivanova.mp@school5.example for «Иванова Мария Павловна»."""
    parts = fio.split()
    initials = "".join(translit(part[0]) for part in parts[1:3])
    return f"{translit(parts[0])}.{initials}@{domain}"
