"""`nastavnik config` and the job settings: sources, checks, secrets never shown."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from nastavnik.cli.config import Setting, job_settings, resolve
from nastavnik.sheets_schema.errors import ConfigError
from tests.jobs.support import clean_env, cli

SECRET = "Parol-ne-pokazyvat-42"  # SMTP logins are ASCII (a Cyrillic one is refused)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    clean_env(monkeypatch, tmp_path / "log" / "nastavnik.log")
    monkeypatch.delenv("NASTAVNIK_LOG_FILE")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_toml(directory: Path, text: str) -> None:
    (directory / "nastavnik.toml").write_text(text, encoding="utf-8")


def test_config_shows_each_value_with_its_source_and_never_the_password(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_toml(
        here,
        '[smtp]\nhost = "smtp.school5.example"\nport = 2525\n[schedule]\nnightly_at = "03:30"\n',
    )
    monkeypatch.setenv("NASTAVNIK_SMTP_HOST", "mail.example")
    monkeypatch.setenv("NASTAVNIK_SMTP_FROM", "robot@school5.example")
    monkeypatch.setenv("NASTAVNIK_SMTP_PASSWORD", SECRET)
    run = cli(capsys, "config")
    assert run.code == 0, run.err
    lines = run.out.splitlines()

    def line(label: str) -> str:
        return next(text for text in lines if text.strip().startswith(label + ":"))

    assert "mail.example  [переменная окружения NASTAVNIK_SMTP_HOST" in line(
        "Почтовый сервер (SMTP)"
    )
    assert "2525  [nastavnik.toml;" in line("Порт SMTP")
    assert "03:30  [nastavnik.toml;" in line("Ночная синхронизация, время")
    assert "07:00  [по умолчанию;" in line("Напоминания, время")
    assert "задан  [переменная окружения NASTAVNIK_SMTP_PASSWORD" in line("Пароль SMTP")
    assert str(here / "state" / "nastavnik" / "nastavnik.log") in line("Файл журнала работы")
    assert "Europe/Moscow [по умолчанию: таблица не найдена]" in line("Часовой пояс школы")
    assert SECRET not in run.out + run.err


def test_a_password_in_the_file_is_refused(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_toml(here, f'[smtp]\nhost = "h"\npassword = "{SECRET}"\n')
    run = cli(capsys, "config")
    assert run.code == 2 and "Пароль SMTP записан в nastavnik.toml" in run.err
    assert "Пароль SMTP: не задан" in run.out and SECRET not in run.out + run.err
    assert cli(capsys, "nightly", "x.xlsx").code == 2


def test_bad_values_name_their_source(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NASTAVNIK_REMIND_DAY", "в субботу")
    with pytest.raises(ConfigError, match="переменная окружения NASTAVNIK_REMIND_DAY"):
        job_settings()
    monkeypatch.setenv("NASTAVNIK_REMIND_DAY", "пт")
    write_toml(here, '[smtp]\nhost = "h"\ntls = "tls1.3"\nfrom = "a@b.ru"\n')
    with pytest.raises(ConfigError, match="Шифрование SMTP"):
        job_settings()
    write_toml(here, '[smtp]\nhost = "h"\nport = "порт"\nfrom = "a@b.ru"\n')
    with pytest.raises(ConfigError, match="не номер порта"):
        job_settings()
    write_toml(here, '[smtp]\nhost = "h"\n')
    with pytest.raises(ConfigError, match="адрес отправителя"):
        job_settings()


def test_job_settings_defaults_and_the_smtp_port_by_tls_mode(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = job_settings()
    assert (settings.nightly_at, settings.remind_day, settings.remind_at) == (time(2), 0, time(7))
    assert settings.smtp is None and settings.coordinator_email == ""
    monkeypatch.setenv("NASTAVNIK_SMTP_HOST", "h")
    monkeypatch.setenv("NASTAVNIK_SMTP_USER", "robot@school5.example")
    for mode, port in (("none", 25), ("starttls", 587), ("ssl", 465)):
        monkeypatch.setenv("NASTAVNIK_SMTP_TLS", mode)
        smtp = job_settings().smtp
        assert smtp is not None and smtp.port == port and smtp.sender == "robot@school5.example"
    monkeypatch.setenv("NASTAVNIK_SMTP_PASSWORD", SECRET)
    assert SECRET not in repr(job_settings())
    assert job_settings("журнал.log").log_file == Path("журнал.log")


def test_the_command_line_beats_the_environment_beats_the_file(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(here, 'log_file = "из-файла.log"\n')
    assert resolve("log_file").source == "nastavnik.toml"
    monkeypatch.setenv("NASTAVNIK_LOG_FILE", "из-окружения.log")
    assert resolve("log_file").value == "из-окружения.log"
    assert resolve("log_file", "из-команды.log").source == "командная строка"


def test_a_secret_setting_never_shows_its_value() -> None:
    secret = Setting(SECRET, "переменная окружения NASTAVNIK_SMTP_PASSWORD", secret=True)
    assert SECRET not in repr(secret) and secret.shown == "задан"
    assert Setting("", "по умолчанию", secret=True).shown == "не задан"
