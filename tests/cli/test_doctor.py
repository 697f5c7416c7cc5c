"""`nastavnik doctor`: all ok on the demo; each broken part named, with what to do."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from nastavnik.jobs.doctor import credentials_check
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.backends.google.backend import open_google
from tests.backends.google.test_backend_google_auth import _key
from tests.cli.support import Cli, copy_of
from tests.fake_sheets.server import FakeServer

SPREADSHEET = (
    "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF/edit"
)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def lines(out: str) -> dict[str, str]:
    """Check title → its line (with the «Что сделать» line, when there is one)."""
    found: dict[str, str] = {}
    title = ""
    for line in out.splitlines():
        if line[:2] in ("✓ ", "✗ "):
            title = line[2:].split(":", 1)[0]
            found[title] = line
        elif title and line.startswith("    Что сделать:"):
            found[title] += "\n" + line
    return found


def smtp_on(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    for name, value in {
        "HOST": "127.0.0.1", "PORT": str(port), "TLS": "none", "FROM": "robot@school5.example",
    }.items():  # fmt: skip
        monkeypatch.setenv(f"NASTAVNIK_SMTP_{name}", value)


def test_doctor_on_the_demo_is_all_ok(cli: Cli, tmp_path: Path, demo_file: Path) -> None:
    copy_of(demo_file, tmp_path, "nastavnichestvo.xlsx")  # the default target
    run = cli("doctor")
    assert run.code == 0, run.out
    found = lines(run.out)
    assert set(found) >= {
        "Python", "Пакеты", "Таблица", "Макет таблицы", "Название школы", "Почта (SMTP)",
        "Папка журнала и служебных файлов", "Опрос обратной связи",
    }  # fmt: skip
    assert all(line.startswith("✓") for line in found.values()), run.out
    assert "«nastavnichestvo.xlsx» (по умолчанию) открывается и читается." in found["Таблица"]
    assert "email-validator" in found["Пакеты"] and "openpyxl" in found["Пакеты"]
    assert run.out.rstrip().endswith("Всё в порядке.")


def test_doctor_names_a_missing_file_and_an_unreachable_mail_server(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp_on(monkeypatch, closed_port())
    run = cli("doctor", "нет-такой.xlsx")
    assert run.code == 2
    found = lines(run.out)
    assert found["Таблица"].startswith("✗ Таблица: «нет-такой.xlsx» (командная строка) не найдена")
    assert "nastavnik init" in found["Таблица"]
    assert found["Почта (SMTP)"].startswith("✗") and "соединение отклонено" in found["Почта (SMTP)"]
    assert "NASTAVNIK_SMTP_HOST" in found["Почта (SMTP)"]
    assert "Найдено: 2 проблемы." in run.out


def test_doctor_names_a_bad_key_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "ключ.json").write_text("это не ключ", encoding="utf-8")
    run = cli("doctor", SPREADSHEET, "--credentials", "ключ.json")
    assert run.code == 2
    found = lines(run.out)
    assert found["Ключ Google"].startswith("✗") and "ключ.json" in found["Ключ Google"]
    assert "Что сделать:" in found["Ключ Google"]


def test_doctor_names_a_workbook_with_an_old_layout(
    cli: Cli, tmp_path: Path, demo_file: Path
) -> None:
    import openpyxl

    target = copy_of(demo_file, tmp_path)
    book = openpyxl.load_workbook(target)
    del book["Конкурсы"]
    book.save(target)
    run = cli("doctor", target.name)
    assert run.code == 2
    found = lines(run.out)
    assert found["Макет таблицы"].startswith("✗ Макет таблицы: нет листов: «Конкурсы»")
    assert f"nastavnik init {target.name}" in found["Макет таблицы"]


def test_a_key_file_others_can_read_is_a_problem(tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    key.write_text(json.dumps(_key()), encoding="utf-8")
    key.chmod(0o644)
    check = credentials_check(str(key))
    assert not check.ok and "могут читать другие пользователи" in check.detail
    assert f"chmod 600 {key}" in check.detail
    key.chmod(0o600)
    assert credentials_check(str(key)).ok


def set_setting(target: Path, setting: str, new: object) -> None:
    """Change one row of «Настройки» in a copy of the demo (a test file: openpyxl may re-save)."""
    import openpyxl

    book = openpyxl.load_workbook(target)
    for name, value in book["Настройки"].iter_rows(min_row=2, max_col=2):
        if name.value == setting:
            value.value = new
    book.save(target)


def test_doctor_names_a_missing_school_name(cli: Cli, tmp_path: Path, demo_file: Path) -> None:
    target = copy_of(demo_file, tmp_path)
    set_setting(target, "Образовательная организация", None)
    run = cli("doctor", target.name)
    assert run.code == 2
    found = lines(run.out)["Название школы"]
    assert found.startswith("✗ Название школы: на листе «Настройки» не заполнено")
    assert "Впишите полное название школы" in found


def test_doctor_names_a_response_sheet_setting_that_names_no_sheet(
    cli: Cli, tmp_path: Path, demo_file: Path
) -> None:
    target = copy_of(demo_file, tmp_path)
    set_setting(target, "Лист ответов опроса", "Ответы на форму 1")  # not the sheet's title
    run = cli("doctor", target.name)
    assert run.code == 2
    found = lines(run.out)["Опрос обратной связи"]
    assert found.startswith("✗ Опрос обратной связи: Листа «Ответы на форму 1» нет.")
    assert "Возможно, имелось в виду «Ответы на форму (1)»" in found


def test_doctor_names_a_spreadsheet_the_account_cannot_open(
    cli: Cli, tmp_path: Path, fake_sheets: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "key.json"
    key.write_text(json.dumps(_key()), encoding="utf-8")
    key.chmod(0o600)

    def through_the_fake(target: str, *, credentials: str | None = None) -> Workbook:
        return open_google(target, credentials, session=fake_sheets.session())

    monkeypatch.setattr("nastavnik.jobs.doctor.open_workbook", through_the_fake)
    run = cli("doctor", SPREADSHEET, "--credentials", "key.json")
    assert run.code == 2
    found = lines(run.out)
    assert found["Ключ Google"].startswith("✓ Ключ Google: key.json, сервисный аккаунт")
    assert found["Таблица"].startswith("✗ Таблица:") and "Что сделать:" in found["Таблица"]
    assert "Макет таблицы" not in found  # nothing to check in a table that does not open
