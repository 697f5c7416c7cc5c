"""The digests (pure): who gets what, and how it reads. No workbook file, no mail server."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nastavnik.demo.data import demo_grids
from nastavnik.demo.grid import email_for
from nastavnik.jobs.notify.digest import (
    Letter,
    build_mails,
    greeting,
    html_body,
    when_text,
    where_text,
)
from nastavnik.jobs.notify.mailer import Mail, build_message
from nastavnik.jobs.notify.recipients import addressees
from nastavnik.sheets_schema.sheets import responsibles, settings
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.compute.attention import AttentionItem
from nastavnik.sync.engine import RunReport, run_sync
from nastavnik.sync.snapshot import Cell

DAY = date(2025, 11, 20)


def demo_report(extra_responsibles: tuple[list[Cell], ...] = ()) -> RunReport:
    grids = demo_grids(DAY)
    grids[responsibles.TITLE] = [*grids[responsibles.TITLE], *extra_responsibles]
    workbook = MemoryWorkbook.from_grids(grids)
    return run_sync(workbook, DAY, lambda: datetime(2025, 11, 20, 2, 0), dry_run=True)


@pytest.fixture(scope="module")
def report() -> RunReport:
    return demo_report()


def by_address(mails: list[Mail]) -> dict[str, list[Mail]]:
    found: dict[str, list[Mail]] = {}
    for mail in mails:
        found.setdefault(mail.to_address, []).append(mail)
    return found


def test_everyone_with_something_due_and_an_address_gets_exactly_one_digest(
    report: RunReport,
) -> None:
    mails, found = build_mails(report, "школа.xlsx")
    people = [p for p in found.people if p.email]
    assert len(mails) == len(people) + 1  # + the coordinator's
    assert len({mail.key for mail in mails}) == len(mails)
    assert all(person.items for person in found.people)
    assert [p.name for p in found.without_email] == ["Павлова Марина Сергеевна"]


def test_a_holder_with_nothing_due_gets_no_mail() -> None:
    idle: list[Cell] = [
        "секретарь учебной части",
        "Белова Наталья Сергеевна",
        "idle@school5.example",
    ]
    mails, _ = build_mails(demo_report((idle,)), "школа.xlsx")
    assert "idle@school5.example" not in by_address(mails)


def test_a_mentor_named_on_an_item_is_reached_at_the_teachers_address(report: RunReport) -> None:
    found = addressees(report)
    makarova = next(p for p in found.people if p.name == "Макарова Юлия Олеговна")
    assert makarova.email == email_for("Макарова Юлия Олеговна") and makarova.roles == []
    assert {item.source for item in makarova.items} == {"Пары", "Этапы программ"}


def test_the_personal_digest_says_what_where_and_since_when(report: RunReport) -> None:
    mails, _ = build_mails(report, "школа.xlsx")
    to_her = by_address(mails)[email_for("Морозова Ирина Александровна")]
    assert sorted(m.key.split(":")[0] for m in to_her) == ["coordinator", "person"]
    [mail] = [m for m in to_her if m.key.startswith("person:")]
    assert mail.text.startswith("Здравствуйте, Ирина Александровна!\n")
    assert "По данным таблицы «школа.xlsx» (МАОУ «СОШ № 5») на 20.11.2025" in mail.text
    assert "Просрочено (23):" in mail.text and "Скоро срок (1):" in mail.text
    assert "Ваша роль: заместитель директора." in mail.text
    assert "   Срок 29.08.2025, просрочено на 83 дня. Где: лист «Пары», строка 7." in mail.text
    assert "<h3>Просрочено (23)</h3>" in mail.html and "&lt;" not in mail.text


def test_the_coordinator_digest_has_everything_errors_and_people_without_email(
    report: RunReport,
) -> None:
    mails, _ = build_mails(report, "школа.xlsx", "koord@school5.example")
    [mail] = by_address(mails)["koord@school5.example"]
    assert mail.key == "coordinator:koord@school5.example"
    assert "ошибок в данных 7" in mail.subject
    assert "Ошибок в данных: 7, предупреждений: 5" in mail.text
    assert "• Павлова Марина Сергеевна (председатель комиссии" in mail.text
    assert "«директор заместитель директора»" in mail.text  # a role nobody holds (no comma)
    assert "Ответственный: педагоги-наставники: Семёнова Галина Петровна; Макарова" in mail.text
    assert mail.text.count("   Срок ") == len(report.outcome.attention)


def test_html_is_escaped_and_the_message_is_plain_plus_html() -> None:
    item = AttentionItem("Пары", "Пара <НП-1> & co", date(2025, 11, 1), DAY, 3)
    html = html_body(Letter("Здравствуйте!", [], [("Просрочено (1)", [item])], {}))
    assert "Пара &lt;НП-1&gt; &amp; co" in html
    mail = Mail("person:a@b.ru", "Иванова Мария Павловна", "a@b.ru", "Тема", "текст", html)
    message = build_message(mail, "robot@school5.example")
    assert [part.get_content_type() for part in message.get_payload()] == [  # type: ignore[union-attr]
        "text/plain",
        "text/html",
    ]
    assert where_text(item) == "лист «Пары», строка 3"
    assert when_text(item) == "срок 01.11.2025, просрочено на 19 дней"
    soon = AttentionItem("Пары", "x", date(2025, 11, 22), DAY)
    assert when_text(soon) == "срок 22.11.2025, осталось 2 дня"
    assert when_text(AttentionItem("Пары", "x", None, DAY)) == "срок не указан"
    assert greeting("Иванова Мария Павловна") == "Здравствуйте, Мария Павловна!"
    assert greeting("педагог-психолог") == "Здравствуйте!"


def test_a_workbook_without_a_school_name_says_so_in_the_digests() -> None:
    grids = demo_grids(DAY)
    grids[settings.TITLE] = [grids[settings.TITLE][0]]  # «Настройки» with the header only
    workbook = MemoryWorkbook.from_grids(grids)
    report = run_sync(workbook, DAY, lambda: datetime(2025, 11, 20, 2, 0), dry_run=True)
    mails, _ = build_mails(report, "школа.xlsx")
    assert mails and all(
        m.subject.endswith("— название школы не указано в «Настройках»") for m in mails
    )
    assert all("(название школы не указано в «Настройках») на 20.11.2025" in m.text for m in mails)
