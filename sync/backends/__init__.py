"""Backends: choose one by the target (a .xlsx path, or a Google spreadsheet URL / id)."""

from __future__ import annotations

import os
from pathlib import Path

from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.auth import is_google_target

__all__ = ["Workbook", "is_google_target", "open_workbook"]


def open_workbook(target: str, *, credentials: str | os.PathLike[str] | None = None) -> Workbook:
    """The backend for a target: a local .xlsx file or a Google spreadsheet.

    `credentials` is a service-account key file for Google targets (None: look in
    GOOGLE_APPLICATION_CREDENTIALS, ./credentials.json, then application default
    credentials). It is ignored for local files.
    """
    if is_google_target(target):
        from nastavnik.sync.backends.google.backend import open_google

        return open_google(target, credentials)
    path = Path(target).expanduser()
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ConfigError(
            f"«{target}» — не файл .xlsx и не ссылка на Google Таблицу.",
            hint="Укажите путь к файлу .xlsx (например, nastavnichestvo.xlsx) или ссылку на таблицу.",
        )
    from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook

    return XlsxWorkbook(path)
