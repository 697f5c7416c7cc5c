"""«Журнал синхронизации»: one row appended per run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from nastavnik.sync.snapshot import Cell

REQUESTS_COLUMN = 8  # where `requests` stands in `JournalEntry.row()`


@dataclass(frozen=True)
class JournalEntry:
    """What one run did (times come from the shell; the core never reads the clock)."""

    when: datetime
    command: str
    result: str
    rows_read: int
    errors: int
    warnings: int
    overdue: int
    cells_changed: int
    requests: int
    seconds: float

    def row(self) -> list[Cell]:
        """The journal row, in the declared column order."""
        return [
            self.when.strftime("%d.%m.%Y %H:%M:%S"),
            self.command,
            self.result,
            self.rows_read,
            self.errors,
            self.warnings,
            self.overdue,
            self.cells_changed,
            self.requests,
            round(self.seconds, 2),
        ]
