"""`FeedbackAnswer`: one respondent's answer as every feedback figure counts it (answers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class FeedbackAnswer:
    """One respondent's answer as the figures count it."""

    sheet: str  # «Обратная связь» or the response sheet
    row: int
    moment: datetime  # typed rows: the date at midnight
    respondent: str  # «наставник» / «наставляемый»
    person: str  # ФИО as «Пары» has it
    codes: tuple[str, ...]  # the pairs it speaks for
    units: frozenset[str]  # whose answer it is (`answer_key` of each pair)
    satisfaction: int
    usefulness: int | None = None
    goals: int | None = None
    useful: str | None = None
    improve: str | None = None

    @property
    def day(self) -> date:
        """The answer's date."""
        return self.moment.date()

    @property
    def where(self) -> str:
        """«лист «Ответы на форму (1)», строка 7»."""
        return f"лист «{self.sheet}», строка {self.row}"
