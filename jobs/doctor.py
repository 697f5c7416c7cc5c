"""`nastavnik doctor`: is everything in place? Each check is a record: ok, or what to do.

Returns records and prints nothing (the CLI prints them). The checks: Python and package
versions; the target resolves and opens; its layout is current; the school name is set;
Google credentials, their file permissions and access to the spreadsheet (Google targets);
the mail server answers (when configured); the log and state folders are writable.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nastavnik.jobs.notify.mailer import SmtpSettings, check_connection
from nastavnik.sheets_schema.errors import NastavnikError, os_reason
from nastavnik.sheets_schema.readers import is_blank
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sheets_schema.sheets.settings import SettingRow, Settings
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.backends import is_google_target, open_note, open_workbook
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.auth import KeyFilePermissionWarning, load_credentials
from nastavnik.sync.engine import SYNC_TITLES, plan_init
from nastavnik.sync.parse import parse
from nastavnik.sync.registry import Registry
from nastavnik.sync.responses.sheets import read_responses
from nastavnik.sync.snapshot import Snapshot

MIN_PYTHON = (3, 11)
REINSTALL = (
    "Удалите папку .venv рядом с run.py и выполните «python3 run.py demo»: всё установится заново."
)


@dataclass(frozen=True)
class Check:
    """One line of the doctor's answer: what was checked, ok or not, and what to do."""

    title: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class Setup:
    """What the shell resolved: the target and where it came from, keys, mail, log file.

    `settings_error` is the message when the job settings could not be read (then `smtp`
    and `log_file` are whatever could be resolved without them).
    """

    target: str
    target_source: str
    credentials: str | None
    smtp: SmtpSettings | None
    log_file: Path
    state_files: tuple[Path, ...] = ()
    settings_error: str = ""


def diagnose(setup: Setup) -> list[Check]:
    """Every check, in the order a coordinator would fix them."""
    checks = [python_check(), packages_check()]
    if setup.settings_error:
        checks.append(Check("Настройки", False, setup.settings_error))
    if is_google_target(setup.target):
        checks.append(credentials_check(setup.credentials))
    checks.extend(workbook_checks(setup))
    checks.append(smtp_check(setup.smtp))
    checks.extend(folder_checks(setup))
    return checks


def python_check() -> Check:
    """The interpreter is new enough."""
    version = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("Python", True, version)
    need = ".".join(map(str, MIN_PYTHON))
    return Check(
        "Python", False, f"{version} — нужен {need} или новее.", "Установите новый Python."
    )


def packages_check() -> Check:
    """nastavnik and every package it needs are installed; their versions."""
    try:
        required = importlib.metadata.requires("nastavnik") or []
        found = [f"nastavnik {importlib.metadata.version('nastavnik')}"]
    except importlib.metadata.PackageNotFoundError:
        return Check("Пакеты", False, "nastavnik не установлен.", REINSTALL)
    missing = []
    for requirement in required:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check("Пакеты", False, "не установлены: " + ", ".join(missing) + ".", REINSTALL)
    return Check("Пакеты", True, ", ".join(found))


def credentials_check(credentials: str | None) -> Check:
    """The Google key is found, is a service-account key, and only its owner can read it."""
    title = "Ключ Google"
    with warnings.catch_warnings():
        warnings.simplefilter("error", KeyFilePermissionWarning)
        try:
            auth = load_credentials(credentials)
        except KeyFilePermissionWarning as warning:
            return Check(title, False, str(warning), "Выполните команду из сообщения.")
        except NastavnikError as error:
            return Check(title, False, error.message, error.hint)
    account = f", сервисный аккаунт {auth.account}" if auth.account else ""
    return Check(title, True, f"{auth.source}{account}")


def workbook_checks(setup: Setup) -> Iterator[Check]:
    """The target opens and reads; its layout is current; the school name is set; the survey's
    response sheet, when one is named, is there."""
    title = "Таблица"
    where = f"«{setup.target}» ({setup.target_source})"
    try:
        with warnings.catch_warnings():  # an exposed key file is its own check's line
            warnings.simplefilter("ignore", KeyFilePermissionWarning)
            workbook = open_workbook(setup.target, credentials=setup.credentials)
        if not workbook.exists():
            yield Check(
                title,
                False,
                f"{where} не найдена (текущая папка: {Path.cwd()}).",
                "Укажите путь к таблице или создайте её: nastavnik init ТАБЛИЦА.",
            )
            return
        snapshot = workbook.read(SYNC_TITLES)
    except NastavnikError as error:
        yield Check(title, False, f"{where}: {error.message}", error.hint)
        return
    yield Check(title, True, _opened(workbook, where))
    yield layout_check(snapshot, setup.target)
    registry = parse(snapshot)  # once, for the checks of what staff typed
    yield school_check(registry)
    yield survey_check(snapshot, registry.settings)


def _opened(workbook: Workbook, where: str) -> str:
    note = open_note(workbook)
    return f"{where} открывается и читается." + (f" {note}" if note else "")


def layout_check(snapshot: Snapshot, target: str) -> Check:
    """Nothing for `init` to add: every sheet, column and format is in place."""
    changes = plan_init(snapshot)
    if changes.is_empty:
        return Check("Макет таблицы", True, "все листы и столбцы на месте.")
    parts = []
    if changes.new_sheets:
        parts.append("нет листов: " + ", ".join(f"«{t}»" for t in changes.new_sheets))
    if changes.column_formats or changes.writes:
        parts.append("недостаёт столбцов, оформления или начальных данных")
    detail = "; ".join(parts) or "макет устарел"
    return Check(
        "Макет таблицы",
        False,
        f"{detail}.",
        f"Выполните «nastavnik init {target}»: данные не изменятся, добавится недостающее.",
    )


def school_check(registry: Registry) -> Check:
    """«Образовательная организация» in «Настройки» is filled in."""
    data = registry.sheets.get(settings_sheet.TITLE)
    typed = ""
    if data is not None:
        for _, row in data.records(SettingRow):
            if fold(row.name) == fold(settings_sheet.ORGANISATION) and not is_blank(row.value):
                typed = str(row.value).strip()
    if typed:
        return Check("Название школы", True, typed)
    return Check(
        "Название школы",
        False,
        f"на листе «{settings_sheet.TITLE}» не заполнено «{settings_sheet.ORGANISATION}».",
        f"Впишите полное название школы в столбец «Значение» строки «{settings_sheet.ORGANISATION}».",
    )


def survey_check(snapshot: Snapshot, settings: Settings) -> Check:
    """The survey's response sheets «Настройки» names are there and readable (or none is named)."""
    title = "Опрос обратной связи"
    if not settings.response_sheets:
        return Check(
            title,
            True,
            "лист ответов формы не указан: ответы вводятся на лист «Обратная связь».",
        )
    sheets, problems = read_responses(snapshot, settings, None)
    found = [p for p in problems if p.is_error]
    if found:
        return Check(title, False, found[0].message, found[0].fix)
    counts = ", ".join(f"«{s.title}» — строк: {len(s.table.rows)}" for s in sheets)
    return Check(title, True, f"ответы формы читаются: {counts}.")


def smtp_check(smtp: SmtpSettings | None) -> Check:
    """The mail server answers and accepts the login (when one is configured)."""
    title = "Почта (SMTP)"
    if smtp is None:
        return Check(title, True, "не настроена — напоминания по почте не отправляются.")
    try:
        check_connection(smtp)
    except NastavnikError as error:
        return Check(title, False, error.message, error.hint)
    return Check(title, True, f"сервер {smtp.server} отвечает, отправитель {smtp.sender}.")


def folder_checks(setup: Setup) -> Iterator[Check]:
    """The log file's folder (and the lock and mail record beside it) can be written."""
    folders = dict.fromkeys(path.parent for path in (setup.log_file, *setup.state_files))
    for folder in folders:
        problem = _unwritable(folder)
        yield Check(
            "Папка журнала и служебных файлов",
            not problem,
            f"{folder}{': ' + problem if problem else ' доступна для записи.'}",
            "" if not problem else f"Создайте папку и дайте право записи: mkdir -p {folder}",
        )


def _unwritable(folder: Path) -> str:
    """Empty when a file can be created in `folder` (made if missing), else the reason."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except FileExistsError:
        return "это файл, а не папка"
    except PermissionError:
        return "нет права записи"
    except OSError as error:
        return f"не удалось создать файл ({os_reason(error)})"
    return ""
