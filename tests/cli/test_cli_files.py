"""Files staff really have: not workbooks, damaged, encrypted, open in Excel; the journal's clock."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from nastavnik.cli import options
from tests.cli.support import TODAY, Cli, copy_of

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
ENCRYPTED = OLE + "EncryptedInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
LOCKS = {"Excel": "~${}", "LibreOffice": ".~lock.{}#"}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


BAD_FILES = {
    "docx": (docx_bytes(), "это документ Word, а не таблица"),
    "damaged": (b"PK\x03\x04" + b"\x14" * 200, "архив не читается"),
    "password": (ENCRYPTED, "защищён паролем"),
    "xls": (OLE, "в старом формате Microsoft Office 97–2003"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["validate", "sync", "init", "report", "doctor"])
def test_a_file_that_is_not_a_workbook_is_a_clear_exit_2(
    cli: Cli, tmp_path: Path, kind: str, command: str
) -> None:
    content, message = BAD_FILES[kind]
    (tmp_path / "таблица.xlsx").write_bytes(content)
    run = cli(command, "таблица.xlsx")
    assert run.code == 2
    assert message in run.out + run.err and "«таблица.xlsx»" in run.out + run.err
    assert "Внутренняя ошибка" not in run.err
    assert (tmp_path / "таблица.xlsx").read_bytes() == content


def test_a_non_ascii_smtp_password_is_a_clear_exit_2(
    cli: Cli, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_of(demo_file, tmp_path)
    for name, value in {
        "HOST": "127.0.0.1",
        "TLS": "none",
        "FROM": "robot@school5.example",
    }.items():
        monkeypatch.setenv(f"NASTAVNIK_SMTP_{name}", value)
    monkeypatch.setenv("NASTAVNIK_SMTP_USER", "robot@school5.example")
    monkeypatch.setenv("NASTAVNIK_SMTP_PASSWORD", "пароль123")
    run = cli("remind", "школа.xlsx", *TODAY)
    assert run.code == 2
    assert "Пароль SMTP содержит русские" in run.err and "пароль123" not in run.err
    assert "NASTAVNIK_SMTP_PASSWORD" in run.err


def test_an_invalid_coordinator_address_is_a_setting_error(
    cli: Cli, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_of(demo_file, tmp_path)
    monkeypatch.setenv("NASTAVNIK_COORDINATOR_EMAIL", "a@school5.example, b@evil.example")
    run = cli("remind", "школа.xlsx", "--dry-run", *TODAY)
    assert run.code == 2 and "Адрес координатора (переменная окружения" in run.err
    assert "несколько адресов вместо одного" in run.err


@pytest.mark.parametrize(
    ("command", "out"),
    [("report", "отчёт.docx"), ("publish", "сайт")],
)
def test_a_missing_folder_in_out_is_a_clear_exit_2(
    cli: Cli, tmp_path: Path, demo_file: Path, command: str, out: str
) -> None:
    copy_of(demo_file, tmp_path)
    run = cli(command, "школа.xlsx", "--out", f"нет-папки/{out}", *TODAY)
    assert run.code == 2
    assert "Папка «нет-папки» из --out не существует." in run.err
    assert not (tmp_path / "нет-папки").exists()


READ_ONLY = [
    ("validate", *TODAY),
    ("sync", "--dry-run", *TODAY),
    ("report", "--out", "отчёт.docx", *TODAY),
    ("publish", "--out", "сайт", *TODAY),
    ("doctor",),
]


@pytest.mark.parametrize("program", sorted(LOCKS))
@pytest.mark.parametrize("args", READ_ONLY, ids=[a[0] for a in READ_ONLY])
def test_read_only_commands_work_while_the_file_is_open(
    cli: Cli, tmp_path: Path, demo_file: Path, program: str, args: tuple[str, ...]
) -> None:
    target = copy_of(demo_file, tmp_path)
    (tmp_path / LOCKS[program].format(target.name)).write_text("owner")
    before = target.read_bytes()
    run = cli(args[0], target.name, *args[1:])
    assert run.code in (0, 1), run  # the demo carries deliberate data errors
    assert f"открыт в {program}: прочитана сохранённая версия" in run.out
    assert "несохранённые изменения в открытом окне не видны" in run.out
    assert target.read_bytes() == before


@pytest.mark.parametrize("program", sorted(LOCKS))
@pytest.mark.parametrize("command", ["sync", "init"])
def test_writing_commands_still_refuse_an_open_file(
    cli: Cli, tmp_path: Path, demo_file: Path, program: str, command: str
) -> None:
    target = copy_of(demo_file, tmp_path)
    (tmp_path / LOCKS[program].format(target.name)).write_text("owner")
    before = target.read_bytes()
    run = cli(command, target.name)
    assert run.code == 2 and f"открыт в {program}" in run.err and "Закройте его" in run.err
    assert target.read_bytes() == before


def last_journal_time(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = [row for row in book["Журнал синхронизации"].iter_rows(values_only=True) if row[0]]
        return str(rows[-1][0])
    finally:
        book.close()


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("", "20.11.2025 09:48:00"), ("Asia/Yekaterinburg", "20.11.2025 11:48:00")],
)
def test_sync_stamps_the_journal_in_the_school_time_zone(
    cli: Cli,
    tmp_path: Path,
    demo_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
    expected: str,
) -> None:
    target = copy_of(demo_file, tmp_path)
    if zone:
        book = openpyxl.load_workbook(target)
        for name, value in book["Настройки"].iter_rows(min_row=2, max_col=2):
            if name.value == "Часовой пояс":
                value.value = zone
        book.save(target)
    # 06:48 UTC is 09:48 in Moscow (the default zone) and 11:48 in Yekaterinburg
    monkeypatch.setattr(options, "now", lambda: datetime(2025, 11, 20, 6, 48, tzinfo=UTC))
    monkeypatch.setattr("nastavnik.cli.workbook.now", options.now)
    run = cli("sync", target.name, "--today", "21.11.2025")
    assert run.code in (0, 1), run
    assert last_journal_time(target) == expected
