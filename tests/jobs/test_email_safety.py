"""No cell can make nastavnik e-mail anyone it should not: a real SMTP server on loopback."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from aiosmtpd.controller import Controller

from nastavnik import sheets_schema
from nastavnik.demo.grid import email_for
from nastavnik.jobs.notify.mailer import Mail, SmtpSettings, send_all
from nastavnik.sheets_schema.columns import ValueType
from tests.jobs.support import TODAY, clean_env, cli, demo_copy
from tests.jobs.test_jobs_remind import MAKAROVA, MOROZOVA, SENDER, Inbox, body, free_port

# Each trick hides an address at evil.example; none of them is one valid address.
TRICKS = (
    "ivanov@school5.example, attacker1@evil.example",
    "ivanov@school5.example; attacker2@evil.example",
    "ivanov@school5.example\r\nBcc: attacker3@evil.example",
    "ivanov@school5.example\nBcc: attacker4@evil.example",
    '"Директор школы" <attacker5@evil.example>',
    "Иванов <ivanov@school5.example>, attacker6@evil.example",
    "attacker7@evil.example\r\nSubject: срочно",
    "ivanov@school5.example attacker8@evil.example",
)
# The only valid addresses left in the workbook: a mentor with overdue pairs (named on
# them personally) and the coordinator («заместитель директора» in «Ответственные»).
KEEP = {("Педагоги", MAKAROVA): email_for(MAKAROVA), ("Ответственные", MOROZOVA): None}


def email_columns() -> Iterator[tuple[str, str]]:
    """(sheet, header) of every e-mail column the schema declares."""
    for spec in sheets_schema.REGISTRY_SHEETS:
        for column in spec.columns:
            if column.type is ValueType.EMAIL:
                yield spec.title, column.header


def plant_tricks(workbook: Path) -> set[str]:
    """Replace every e-mail cell with a trick, except the kept ones; the valid addresses left."""
    book = openpyxl.load_workbook(workbook)
    tricks = itertools.cycle(TRICKS)
    kept: set[str] = set()
    for title, header in email_columns():
        sheet = book[title]
        names = [cell.value for cell in sheet[1]]
        column, fio = names.index(header), names.index("ФИО")
        for row in sheet.iter_rows(min_row=2):
            if (title, row[fio].value) in KEEP:
                row[column].value = email_for(str(row[fio].value))
                kept.add(row[column].value)
            elif row[fio].value or row[column].value:
                row[column].value = next(tricks)
    book.save(workbook)
    return kept


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    clean_env(monkeypatch, tmp_path / "log" / "nastavnik.log")
    monkeypatch.chdir(tmp_path)
    handler, port = Inbox(), free_port()
    for name, value in {
        "HOST": "127.0.0.1", "PORT": str(port), "TLS": "none", "FROM": SENDER,
    }.items():  # fmt: skip
        monkeypatch.setenv(f"NASTAVNIK_SMTP_{name}", value)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def test_envelope_recipients_are_exactly_the_valid_addresses(
    inbox: Inbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = demo_copy(tmp_path)
    valid = plant_tricks(workbook)
    assert valid == {email_for(MAKAROVA), email_for(MOROZOVA)}
    run = cli(capsys, "remind", str(workbook), *TODAY)
    assert run.code == 1, run.err  # sent; the planted cells are data errors
    recipients = {address for _, rcpt, _ in inbox.messages for address in rcpt}
    assert recipients == valid
    for _, _, message in inbox.messages:
        headers = "\n".join(f"{name}: {value}" for name, value in message.items())
        assert "evil.example" not in headers and "Bcc" not in headers
        assert message["To"] in valid  # the bare address: no display name from a cell
    [summary] = [m for _, _, m in inbox.messages if "сводка координатора" in m["Subject"]]
    text = body(summary, "plain")
    assert "Нет адреса электронной почты — напоминания не отправлены" in text  # «без e-mail»


def test_every_planted_cell_is_an_error_at_its_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_env(monkeypatch, tmp_path / "nastavnik.log")
    workbook = demo_copy(tmp_path)
    plant_tricks(workbook)
    run = cli(capsys, "validate", str(workbook), *TODAY)
    assert run.code == 1
    lines = [line for line in run.out.splitlines() if "несколько адресов вместо одного" in line]
    assert any("Лист «Ответственные»" in block for block in run.out.split("\n\n"))
    assert len(lines) >= 4  # comma and semicolon tricks, on both sheets
    assert "адрес с именем или в угловых скобках" in run.out
    assert "не является адресом e-mail" in run.out


@pytest.mark.parametrize(
    "address",
    [
        "semenova@school5.example, attacker@evil.example",
        "semenova@school5.example\r\nBcc: attacker@evil.example",
        "Семёнова <semenova@school5.example>",
    ],
)
def test_the_mailer_refuses_an_address_that_did_not_pass_the_check(
    inbox: Inbox, address: str
) -> None:
    import os

    settings = SmtpSettings(
        "127.0.0.1", int(os.environ["NASTAVNIK_SMTP_PORT"]), "none", "", "", SENDER
    )
    mail = Mail("ключ", "Семёнова", address, "Тема", "текст", "<p>текст</p>")
    sent: list[Mail] = []
    refused = send_all(settings, [mail], sent.append)
    assert refused == [(mail, "адрес не прошёл проверку — письмо не отправлено")]
    assert not sent and not inbox.messages
