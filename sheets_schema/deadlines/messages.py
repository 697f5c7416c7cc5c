"""Staff-facing wording: the refusal raised inside the grammar and the DeadlineError built from it."""

from __future__ import annotations

import re
import unicodedata

from nastavnik.sheets_schema.errors import DeadlineError

from .model import (
    KIND_ACADEMIC_YEAR,
    KIND_CALENDAR_YEAR,
    KIND_DATE,
    KIND_DATE_RANGE,
    KIND_DURING_YEAR,
    KIND_HALF_YEAR,
    KIND_HALF_YEARS,
    KIND_MONTH_RANGE,
    KIND_MONTH_YEAR,
    KIND_MONTHLY,
    KIND_NO_DEADLINE,
    KIND_QUARTER,
    KIND_QUARTERS,
    KIND_YEARLY,
    KIND_YEARLY_DATE,
    KIND_YEARLY_MONTHS,
)

# Every family the parser knows, with one example of the school's wording.
FAMILY_EXAMPLES: tuple[tuple[str, str], ...] = (
    (KIND_MONTH_YEAR, "сентябрь 2024"),
    (KIND_MONTH_RANGE, "май – сентябрь 2024"),
    (KIND_YEARLY_MONTHS, "ежегодно, декабрь, апрель"),
    (KIND_DATE, "до 15.10.2025"),
    (KIND_DATE_RANGE, "с 1 по 15 октября 2025"),
    (KIND_YEARLY_DATE, "ежегодно до 25 мая"),
    (KIND_DURING_YEAR, "в течение года"),
    (KIND_YEARLY, "ежегодно"),
    (KIND_MONTHLY, "до 25 числа каждого месяца"),
    (KIND_QUARTERS, "1 раз в четверть"),
    (KIND_QUARTER, "II четверть"),
    (KIND_HALF_YEARS, "по полугодиям"),
    (KIND_HALF_YEAR, "I полугодие"),
    (KIND_ACADEMIC_YEAR, "2025-2026 уч. год"),
    (KIND_CALENDAR_YEAR, "2025 год"),
    (KIND_NO_DEADLINE, "по мере необходимости"),
)

HINT = "Можно записать срок так:\n" + "\n".join(
    f"  • {kind} — «{example}»" for kind, example in FAMILY_EXAMPLES
)

_SHOWN_LENGTH = 80
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class Refusal(Exception):
    """Raised inside the grammar when a text is recognised as wrong for a specific reason
    (an impossible date, a reversed range); `parse_deadline` turns it into DeadlineError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(text: str) -> str:
    """The text as quoted in a message: invisible characters dropped, spaces collapsed, cut."""
    visible = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    collapsed = " ".join(visible.split())
    if len(collapsed) > _SHOWN_LENGTH:
        return collapsed[:_SHOWN_LENGTH] + "…"
    return collapsed


def not_understood(text: str, reason: str = "") -> DeadlineError:
    """The error for a «Сроки» text: Russian, quotes the text, lists the accepted families."""
    quoted = f"«{shown(text)}»"
    if not shown(text):
        message = "Срок не указан: заполните «Сроки»."
    elif reason:
        message = f"Срок {quoted} не понят: {reason}."
    elif _mixes_scripts(text):
        message = (
            f"Срок {quoted} не понят: в словах смешаны русские и латинские буквы "
            "(например, латинская «c» вместо русской «с»)."
        )
    else:
        message = f"Срок {quoted} не понят: такой формы записи нет среди известных."
    return DeadlineError(message, hint=HINT)


def _mixes_scripts(text: str) -> bool:
    """True when one word has both Latin and Cyrillic letters («ceнтябрь» with a Latin c)."""
    return any(_LATIN.search(word) and _CYRILLIC.search(word) for word in text.split())
