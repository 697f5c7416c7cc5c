"""The state of something due: shared by plan-graph occurrences and programme stages."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema.choices import STATE_DUE_SOON, STATE_ON_TIME, STATE_OVERDUE


def deadline_state(due: date, today: date, warn_days: int) -> str:
    """For an item not done: «просрочено» after `due`, «скоро срок» within `warn_days`, else «в срок»."""
    if today > due:
        return STATE_OVERDUE
    return STATE_DUE_SOON if (due - today).days <= warn_days else STATE_ON_TIME
