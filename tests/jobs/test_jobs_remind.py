"""`nastavnik remind` against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from aiosmtpd.controller import Controller

from nastavnik.demo.grid import email_for
from nastavnik.jobs.state import job_paths
from nastavnik.sync.compute import Outcome
from tests.jobs.support import TODAY, clean_env, cli, demo_copy

MAKAROVA = "Макарова Юлия Олеговна"  # a mentor named on two items of the demo
MOROZOVA = "Морозова Ирина Александровна"  # «заместитель директора»: the coordinator too
PAVLOVA = "Павлова Марина Сергеевна"  # her role's row in «Ответственные» has no Email
SENDER = "robot@school5.example"


@dataclass
class Inbox:
    """The aiosmtpd handler: keeps every message it accepts."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for _, rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(workbook, log file) with the SMTP settings of a plain local server."""
    log_file = tmp_path / "log" / "nastavnik.log"
    clean_env(monkeypatch, log_file)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NASTAVNIK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NASTAVNIK_SMTP_TLS", "none")
    monkeypatch.setenv("NASTAVNIK_SMTP_FROM", SENDER)
    workbook = demo_copy(tmp_path)
    unmark(workbook, "14-2024/25")  # the incentive committee chair (no e-mail) has a debt
    return workbook, log_file


def unmark(workbook: Path, code: str) -> None:
    """Staff clear the marks of one «План-график» occurrence (it becomes overdue again)."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["План-график"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Код")].value == code:
            row[header.index("Отметка о выполнении")].value = None
            row[header.index("Дата выполнения")].value = None
    book.save(workbook)


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server on a free loopback port for the test's duration."""
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("NASTAVNIK_SMTP_PORT", str(port))
    try:
        yield handler
    finally:
        controller.stop()


def body(message: EmailMessage, kind: str) -> str:
    part = message.get_body(preferencelist=(kind,))
    assert part is not None
    return str(part.get_content())


def expected_outcome(workbook: Path) -> Outcome:
    """What the engine itself finds in the workbook on the test day (the mails must agree)."""
    from datetime import datetime

    from nastavnik.sheets_schema.readers import read_date
    from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
    from nastavnik.sync.engine import run_validate

    today = read_date(TODAY[-1])
    assert today is not None
    return run_validate(XlsxWorkbook(workbook), today, datetime.now).outcome


def test_each_person_gets_one_digest_and_the_coordinator_gets_everything(
    setup: tuple[Path, Path], inbox: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, log_file = setup
    run = cli(capsys, "remind", str(workbook), *TODAY)
    assert run.code == 1, run.err  # sent; the demo's data errors make it 1, as for sync
    assert {sender for sender, _, _ in inbox.messages} == {SENDER}
    assert all(len(rcpt) == 1 for _, rcpt, _ in inbox.messages)
    [mentor] = inbox.to(email_for(MAKAROVA))
    assert mentor["Subject"] == "Наставничество: просрочено 2, скоро срок 0 — МАОУ «СОШ № 5»"
    text = body(mentor, "plain")
    assert text.startswith("Здравствуйте, Юлия Олеговна!")
    assert "Пара НП-014 (Макарова Юлия Олеговна → Степанова Ирина Викторовна): нет встреч" in text
    assert "Где: лист «Пары», строка 15." in text and "просрочено на 12 дней" in text
    assert "<table" in body(mentor, "html") and "лист «Пары», строка 15" in body(mentor, "html")
    coordinator, personal = sorted(inbox.to(email_for(MOROZOVA)), key=lambda m: m["Subject"])
    outcome = expected_outcome(workbook)
    overdue = sum(1 for item in outcome.attention if item.overdue_days > 0)
    assert coordinator["Subject"] == (  # long Cyrillic subjects keep every space
        f"Наставничество, сводка координатора: просрочено {overdue}, "
        f"скоро срок {len(outcome.attention) - overdue}, ошибок в данных {outcome.errors} "
        "— МАОУ «СОШ № 5»"
    )
    assert coordinator["To"] == email_for(MOROZOVA)  # the address alone: no name from a cell
    assert personal["Subject"].startswith("Наставничество: просрочено ")
    summary = body(coordinator, "plain")
    assert "Ошибок в данных: 7" in summary and f"• {PAVLOVA}" in summary
    assert not inbox.to(email_for(PAVLOVA))  # no address in «Ответственные»: no mail
    addresses = [rcpt[0] for _, rcpt, _ in inbox.messages]
    assert addresses.count(email_for(MOROZOVA)) == 2  # her own digest and the coordinator's
    assert all(addresses.count(a) == 1 for a in addresses if a != email_for(MOROZOVA))
    assert len(addresses) >= 4
    assert "Синхронизация (remind)" in log_file.read_text(encoding="utf-8")


def test_a_second_run_the_same_day_sends_nothing_again(
    setup: tuple[Path, Path], inbox: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, log_file = setup
    cli(capsys, "remind", str(workbook), *TODAY)
    sent = len(inbox.messages)
    again = cli(capsys, "remind", str(workbook), *TODAY, "--stderr-level", "info")
    assert again.code == 1 and len(inbox.messages) == sent
    assert again.err.count("Уже отправлено сегодня, повторно не отправляется") == sent
    assert job_paths(log_file, str(workbook)).sent.exists()  # the record lives next to the log
    next_day = cli(capsys, "remind", str(workbook), "--today", "21.11.2025")
    assert next_day.code == 1 and len(inbox.messages) == 2 * sent


def test_the_coordinator_address_from_the_environment_wins(
    setup: tuple[Path, Path],
    inbox: Inbox,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NASTAVNIK_COORDINATOR_EMAIL", "koordinator@school5.example")
    cli(capsys, "remind", str(setup[0]), *TODAY)
    [summary] = inbox.to("koordinator@school5.example")
    assert "сводка координатора" in summary["Subject"]
    assert len(inbox.to(email_for(MOROZOVA))) == 1  # her own digest only


def test_dry_run_prints_the_mails_and_sends_and_writes_nothing(
    setup: tuple[Path, Path], inbox: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, log_file = setup
    before = workbook.read_bytes()
    run = cli(capsys, "remind", str(workbook), *TODAY, "--dry-run")
    shown = run.out.count("Кому: ")
    assert shown >= 4 and f"Кому: {MAKAROVA} <{email_for(MAKAROVA)}>" in run.out
    assert f"Пробный запуск: показано писем — {shown}; ничего не отправлено" in run.out
    assert inbox.messages == [] and workbook.read_bytes() == before
    assert not job_paths(log_file, str(workbook)).sent.exists()


def test_unreachable_smtp_is_exit_2_with_a_clear_message_and_the_sync_still_logged(
    setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, log_file = setup
    port = free_port()  # nothing listens there
    monkeypatch.setenv("NASTAVNIK_SMTP_PORT", str(port))
    run = cli(capsys, "remind", str(workbook), *TODAY)
    assert run.code == 2
    assert f"Почтовый сервер 127.0.0.1:{port} недоступен: соединение отклонено" in run.err
    assert "Проверьте NASTAVNIK_SMTP_HOST" in run.err and "Traceback" not in run.err
    log = log_file.read_text(encoding="utf-8")
    assert "Синхронизация (remind): прочитано строк: " in log and "недоступен" in log


def test_without_an_smtp_server_remind_says_how_to_configure_it(
    setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NASTAVNIK_SMTP_HOST")
    run = cli(capsys, "remind", str(setup[0]), *TODAY)
    assert run.code == 2 and "Почтовый сервер не настроен" in run.err and "--dry-run" in run.err
