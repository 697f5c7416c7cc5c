"""The reminder digests (pure): one mail per person with something due, one for the coordinator.

Plain text and a simple HTML twin, in Russian: what is due, where it is in the workbook
(sheet and row), the due date and how long it is overdue. No I/O and no clock: the date is
the report's `today`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html import escape

from nastavnik.jobs.notify.mailer import Mail
from nastavnik.jobs.notify.recipients import Addressees, Recipient, addressees
from nastavnik.sheets_schema.text import count
from nastavnik.sync.compute.attention import OVERDUE, AttentionItem
from nastavnik.sync.engine import RunReport
from nastavnik.sync.service.attention_sheet import responsible_text

PERSONAL, COORDINATOR = "person", "coordinator"
FOOTER = (
    "Письмо отправлено автоматически программой nastavnik; отвечать на него не нужно. "
    "Отметьте выполненное в таблице — после следующей синхронизации пункт исчезнет из списка."
)
NO_SCHOOL = "название школы не указано в «Настройках»"  # until staff fill it in


@dataclass(frozen=True)
class Letter:
    """A digest before it becomes a Mail: paragraphs and titled sections of items."""

    greeting: str
    intro: list[str]
    sections: list[tuple[str, list[AttentionItem]]]
    roles: dict[AttentionItem, str]  # item → who is responsible («роль: ФИО»), or your role


def days(n: int) -> str:
    """«3 дня»."""
    return count(n, "день", "дня", "дней")


def split_levels(items: Iterable[AttentionItem]) -> list[tuple[str, list[AttentionItem]]]:
    """«Просрочено (N)» and «Скоро срок (N)» sections, most urgent first; empty ones left out."""
    ordered = sorted(items, key=AttentionItem.sort_key)
    overdue = [item for item in ordered if item.level == OVERDUE]
    soon = [item for item in ordered if item.level != OVERDUE]
    sections = [(f"Просрочено ({len(overdue)})", overdue), (f"Скоро срок ({len(soon)})", soon)]
    return [(title, chosen) for title, chosen in sections if chosen]


def when_text(item: AttentionItem) -> str:
    """«срок 08.11.2025, просрочено на 12 дней» / «срок 30.11.2025, осталось 10 дней»."""
    if item.due is None:
        return "срок не указан"
    due = f"срок {item.due:%d.%m.%Y}"
    if item.overdue_days:
        return f"{due}, просрочено на {days(item.overdue_days)}"
    left = (item.due - item.today).days
    return f"{due}, сегодня" if left <= 0 else f"{due}, осталось {days(left)}"


def where_text(item: AttentionItem) -> str:
    """«лист «Пары», строка 15»."""
    row = f", строка {item.row}" if item.row else ""
    return f"лист «{item.source}»{row}"


def greeting(name: str) -> str:
    """«Здравствуйте, Ирина Александровна!» from a full ФИО; a plain hello otherwise."""
    parts = name.split()
    return f"Здравствуйте, {' '.join(parts[1:3])}!" if len(parts) >= 3 else "Здравствуйте!"


def text_body(letter: Letter) -> str:
    """The plain-text version."""
    lines = [letter.greeting, "", *letter.intro]
    for title, items in letter.sections:
        lines += ["", f"{title}:"]
        for number, item in enumerate(items, start=1):
            lines.append(f"{number}. {item.what}")
            when = when_text(item)
            lines.append(f"   {when[:1].upper()}{when[1:]}. Где: {where_text(item)}.")
            if role := letter.roles.get(item):
                lines.append(f"   {role}.")
    return "\n".join([*lines, "", FOOTER, ""])


def html_body(letter: Letter) -> str:
    """The simple HTML version: paragraphs and one table per section."""
    cell = 'style="border:1px solid #999;padding:4px 6px;vertical-align:top"'
    parts = [f"<p>{escape(letter.greeting)}</p>"]
    parts += [f"<p>{escape(line)}</p>" for line in letter.intro if line]
    for title, items in letter.sections:
        parts.append(f"<h3>{escape(title)}</h3>")
        parts.append('<table style="border-collapse:collapse">')
        parts.append(f"<tr><th {cell}>Что</th><th {cell}>Срок</th><th {cell}>Где</th></tr>")
        for item in items:
            role = letter.roles.get(item)
            what = escape(item.what) + (f"<br><small>{escape(role)}</small>" if role else "")
            parts.append(
                f"<tr><td {cell}>{what}</td><td {cell}>{escape(when_text(item))}</td>"
                f"<td {cell}>{escape(where_text(item))}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f'<p style="color:#666;font-size:small">{escape(FOOTER)}</p>')
    return '<html><body style="font-family:sans-serif">' + "\n".join(parts) + "</body></html>\n"


def counts(items: Iterable[AttentionItem]) -> tuple[int, int]:
    """(overdue, due soon)."""
    listed = list(items)
    overdue = sum(1 for item in listed if item.level == OVERDUE)
    return overdue, len(listed) - overdue


def personal_mail(person: Recipient, organisation: str, workbook: str, today: date) -> Mail:
    """The digest of one person: their items only."""
    overdue, soon = counts(person.items)
    intro = [
        f"По данным таблицы «{workbook}» ({organisation}) на {today:%d.%m.%Y} за вами числятся "
        "пункты, которые требуют внимания."
    ]
    roles = {item: f"Ваша роль: {', '.join(r)}" for item, r in person.items.items() if r}
    letter = Letter(greeting(person.name), intro, split_levels(person.items), roles)
    subject = f"Наставничество: просрочено {overdue}, скоро срок {soon} — {organisation}"
    return Mail(
        f"{PERSONAL}:{person.email.lower()}",
        person.name,
        person.email,
        subject,
        text_body(letter),
        html_body(letter),
    )


def coordinator_intro(report: RunReport, found: Addressees) -> Iterator[str]:
    """The coordinator's overview: numbers, data errors, people the reminders did not reach."""
    outcome = report.outcome
    overdue, soon = counts(outcome.attention)
    reached = sum(1 for person in found.people if person.email)
    yield f"Просрочено: {overdue}, скоро срок: {soon}. Личные напоминания отправляются {reached} адресатам."
    yield (
        f"Ошибок в данных: {outcome.errors}, предупреждений: {outcome.warnings} — подробности "
        "на листе «Ошибки»."
    )
    if found.without_email:
        yield "Нет адреса электронной почты — напоминания не отправлены (заполните Email):"
        for person in found.without_email:
            roles = f" ({', '.join(person.roles)})" if person.roles else ""
            yield f"• {person.name}{roles}: {count(len(person.items), 'пункт', 'пункта', 'пунктов')}"
    if found.unassigned:
        yield (
            "Роли без ответственного (заполните лист «Ответственные» или исправьте роль в «Дорожной карте»): "
            + "; ".join(f"«{role}»" for role in found.unassigned)
        )


def coordinator_mail(
    report: RunReport, found: Addressees, organisation: str, workbook: str
) -> Mail | None:
    """Everything, for the coordinator; None without an address or with nothing to report."""
    outcome = report.outcome
    if not found.coordinator_email or not (outcome.attention or outcome.errors):
        return None
    head = f"Сводка по таблице «{workbook}» ({organisation}) на {outcome.today:%d.%m.%Y}."
    roles = {
        item: f"Ответственный: {responsible_text(item, found.holders) or 'не указан'}"
        for item in outcome.attention
    }
    letter = Letter(
        "Здравствуйте!",
        [head, *coordinator_intro(report, found)],
        split_levels(outcome.attention),
        roles,
    )
    overdue, soon = counts(outcome.attention)
    subject = (
        f"Наставничество, сводка координатора: просрочено {overdue}, скоро срок {soon}, "
        f"ошибок в данных {outcome.errors} — {organisation}"
    )
    address = found.coordinator_email
    return Mail(
        f"{COORDINATOR}:{address.lower()}",
        "Координатор наставничества",
        address,
        subject,
        text_body(letter),
        html_body(letter),
    )


def build_mails(
    report: RunReport, workbook: str, coordinator_email: str = ""
) -> tuple[list[Mail], Addressees]:
    """Every digest of a run: personal ones (people with an address), then the coordinator's."""
    found = addressees(report, coordinator_email)
    organisation = report.registry.settings.organisation or NO_SCHOOL
    today = report.outcome.today
    mails = [
        personal_mail(person, organisation, workbook, today)
        for person in found.people
        if person.email
    ]
    if coordinator := coordinator_mail(report, found, organisation, workbook):
        mails.append(coordinator)
    return mails, found
