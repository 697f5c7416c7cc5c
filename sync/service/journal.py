"""«Журнал синхронизации»: one row appended per run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sync.snapshot import Cell

REQUESTS_COLUMN = 8  # where `requests` stands in `JournalEntry.row()`


def school_wall_time(moment: datetime, zone_name: str) -> datetime:
    """An aware moment as the school's wall clock (naive), in the zone of «Настройки».

    A naive moment is already the school's time (the jobs pass one). An unknown zone name
    falls back to the default zone; «Настройки» reports the bad value itself.
    """
    if moment.tzinfo is None:
        return moment
    try:
        zone = ZoneInfo(zone_name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(Settings.timezone)
    return moment.astimezone(zone).replace(tzinfo=None)


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
