"""Numbers and dates as Russian readers expect them in the report and on the public page."""

from __future__ import annotations

from datetime import date

from nastavnik.sync.compute.metrics import Number

NO_DATA = "нет данных"
NBSP = "\u00a0"
MINUS = "−"
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_SHORT = (
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
)  # fmt: skip


def number(value: Number) -> str:
    """12 → «12»; 96000.0 → «96 000»; 34.2 → «34,2»; −1.83 → «−1,83»; None → «нет данных»."""
    if value is None:
        return NO_DATA
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{abs(value):,}"
    else:
        text = f"{abs(value):,.2f}".rstrip("0").rstrip(".")
    text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS if value < 0 else "") + text


def parse_number(text: str) -> float | None:
    """The inverse of `number` (for tests and checks): «96 000» → 96000.0; «нет данных» → None."""
    text = text.strip()
    if text == NO_DATA:
        return None
    return float(text.replace(NBSP, "").replace(" ", "").replace(MINUS, "-").replace(",", "."))


def dotted(day: date) -> str:
    """«20.05.2026»."""
    return f"{day:%d.%m.%Y}"


def in_words(day: date) -> str:
    """«20 мая 2026 г.»."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def short_month(day: date) -> str:
    """«сен 25» for a chart axis."""
    return f"{MONTHS_SHORT[day.month - 1]} {day.year % 100:02d}"
