"""The school's clock: dates and wall-clock times in the time zone named in «Настройки».

Jobs may run on a server in another time zone (often UTC); «today» for deadlines, the
journal's timestamps and the scheduler's 02:00 all mean the school's local time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.parse import parse

DEFAULT_TIMEZONE = Settings.timezone
log = logging.getLogger("nastavnik.time")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock (aware, UTC); tests inject their own."""
    return datetime.now(UTC)


def school_zone(name: str) -> ZoneInfo:
    """The zone for a «Часовой пояс» value; the default (with a warning) when unknown."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        log.warning(
            "Часовой пояс «%s» из листа «Настройки» неизвестен; используется %s. "
            "Укажите пояс в виде Europe/Moscow или Asia/Yekaterinburg.",
            name,
            DEFAULT_TIMEZONE,
        )
        return ZoneInfo(DEFAULT_TIMEZONE)


def school_timezone(workbook: Workbook) -> ZoneInfo:
    """The zone named in the workbook's «Настройки» (only that sheet is read)."""
    if not workbook.exists():
        return ZoneInfo(DEFAULT_TIMEZONE)
    registry = parse(workbook.read((settings_sheet.TITLE,)))
    return school_zone(registry.settings.timezone)


def school_clock(zone: ZoneInfo, now: Clock = utc_now) -> Clock:
    """Naive wall-clock time at the school (what staff's clocks show), from an aware clock."""

    def clock() -> datetime:
        return now().astimezone(zone).replace(tzinfo=None)

    return clock
