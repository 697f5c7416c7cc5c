"""Backends: choose one by the target (a .xlsx path, or a Google spreadsheet URL / id)."""

from __future__ import annotations

import os
from pathlib import Path

from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.auth import is_google_target

__all__ = ["Workbook", "ensure_writable", "is_google_target", "open_note", "open_workbook"]


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


def open_note(workbook: Workbook) -> str:
    """For read-only commands: a note when the local file is open in Excel or LibreOffice."""
    from nastavnik.sync.backends.xlsx import files
    from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook

    return files.open_note(workbook.path) if isinstance(workbook, XlsxWorkbook) else ""


def ensure_writable(workbook: Workbook) -> None:
    """Refuse at once to start a writing command on a local file open in another program."""
    from nastavnik.sync.backends.xlsx import files
    from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook

    if isinstance(workbook, XlsxWorkbook):
        files.check_not_locked(workbook.path)
