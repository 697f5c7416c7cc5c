"""Backends: choose one by the target (a .xlsx path, or a Google spreadsheet URL / id)."""

from __future__ import annotations

import re
from pathlib import Path

from sync.backends.base import Workbook
from sync.errors import ConfigError

GOOGLE_ID = re.compile(r"^[A-Za-z0-9_-]{30,}$")


def is_google_target(target: str) -> bool:
    """True for a docs.google.com spreadsheet URL or a bare spreadsheet id."""
    return "docs.google.com/spreadsheets" in target or bool(GOOGLE_ID.match(target))


def open_workbook(target: str, *, credentials: str | None = None) -> Workbook:
    """The backend for a target: a local .xlsx file or a Google spreadsheet.

    `credentials` is a service-account key file for Google targets (None: the defaults).
    """
    if is_google_target(target):
        raise ConfigError(
            "Подключение к Google Таблицам ещё не настроено в этой версии.",
            hint="Пока используйте локальный файл .xlsx.",
        )
    path = Path(target).expanduser()
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ConfigError(
            f"«{target}» — не файл .xlsx и не ссылка на Google Таблицу.",
            hint="Укажите путь к файлу .xlsx (например, nastavnichestvo.xlsx) или ссылку на таблицу.",
        )
    from sync.backends.xlsx import XlsxWorkbook

    return XlsxWorkbook(path)
