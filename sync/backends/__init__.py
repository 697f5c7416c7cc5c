"""Backends: choose one by the target (a .xlsx path, or a Google spreadsheet URL / id)."""

from __future__ import annotations

import os
from pathlib import Path

from sync.backends.base import Workbook
from sync.backends.google_auth import is_google_target
from sync.errors import ConfigError

__all__ = ["Workbook", "is_google_target", "open_workbook"]


def open_workbook(target: str, *, credentials: str | os.PathLike[str] | None = None) -> Workbook:
    """The backend for a target: a local .xlsx file or a Google spreadsheet.

    `credentials` is a service-account key file for Google targets (None: look in
    GOOGLE_APPLICATION_CREDENTIALS, ./credentials.json, then application default
    credentials). It is ignored for local files.
    """
    if is_google_target(target):
        from sync.backends.google import open_google

        return open_google(target, credentials)
    path = Path(target).expanduser()
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        raise ConfigError(
            f"«{target}» — не файл .xlsx и не ссылка на Google Таблицу.",
            hint="Укажите путь к файлу .xlsx (например, nastavnichestvo.xlsx) или ссылку на таблицу.",
        )
    from sync.backends.xlsx import XlsxWorkbook

    return XlsxWorkbook(path)
