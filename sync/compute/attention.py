"""The attention list («Просрочено»): things that need someone's action, as data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema.choices import STATE_DUE_SOON, STATE_OVERDUE

OVERDUE, DUE_SOON = STATE_OVERDUE, STATE_DUE_SOON


COORDINATOR = "заместитель директора"
PSYCHOLOGIST = "педагог-психолог"
MENTORS = "педагоги-наставники"


@dataclass(frozen=True)
class AttentionItem:
    """One thing someone must do. `role` is resolved to a person via «Ответственные»."""

    source: str  # sheet the item comes from
    what: str
    due: date | None
    today: date
    row: int | None = None  # sheet row for the «Где» link
    role: str = ""  # a roadmap role (e.g. «заместитель директора»)
    person: str = ""  # a named person (e.g. the pair's mentor), when known
    others: tuple[str, ...] = ()  # more named people it concerns (they are reminded too)

    @property
    def overdue_days(self) -> int:
        """Days past due (0 when due today or not yet due)."""
        return max((self.today - self.due).days, 0) if self.due else 0

    @property
    def level(self) -> str:
        """«просрочено» once the due date has passed, else «скоро срок»."""
        return OVERDUE if self.due is None or self.today > self.due else DUE_SOON

    def sort_key(self) -> tuple[int, date, str]:
        """Most overdue first, then by due date."""
        return (-self.overdue_days, self.due or date.min, self.what)
