"""`nastavnik remind`: sync, then e-mail each responsible person their digest, and the coordinator theirs.

The sync comes first so the mails say exactly what «Просрочено» says, and its result is
logged before any mail is tried: an unreachable mail server (exit 2) never hides it. A
digest goes to an address at most once a day (the «sent today» record next to the log);
`--dry-run` writes nothing and sends nothing, it prints the mails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nastavnik.jobs.notify.digest import build_mails
from nastavnik.jobs.notify.mailer import Mail, SmtpSettings, preview, send_all
from nastavnik.jobs.notify.recipients import Addressees
from nastavnik.jobs.runner import (
    EXIT_OK,
    EXIT_TROUBLE,
    JobRun,
    data_errors_code,
    guarded,
    locked,
    sync_now,
)
from nastavnik.jobs.signals import StopSignals
from nastavnik.jobs.state import SentToday
from nastavnik.sheets_schema.errors import ConfigError

LABEL = "Напоминания"
SEPARATOR = "─" * 60
log = logging.getLogger("nastavnik.remind")


@dataclass(frozen=True)
class RemindOptions:
    """How to send: the SMTP server (None when not configured), the coordinator, dry run."""

    smtp: SmtpSettings | None
    coordinator_email: str = ""
    dry_run: bool = False


def display_name(name: str) -> str:
    """The workbook as staff know it: a file's name without its folders."""
    return Path(name).name if name.lower().endswith((".xlsx", ".xlsm")) else name


def run_remind(
    run: JobRun, options: RemindOptions, signals: StopSignals, out: Callable[[str], None]
) -> int:
    """One reminder run; never raises. `out` prints the mails of a dry run."""

    def remind() -> int:
        if options.smtp is None and not options.dry_run:
            raise ConfigError(
                "Почтовый сервер не настроен: письма отправить некуда.",
                hint="Задайте NASTAVNIK_SMTP_HOST (и остальные NASTAVNIK_SMTP_…) или [smtp] в "
                "nastavnik.toml; посмотреть письма без отправки: nastavnik remind --dry-run.",
            )
        log.info("%s: начало.", LABEL)
        report = sync_now(run, signals, command="remind", dry_run=options.dry_run)
        signals.finishing()  # from here a stop signal ends the run between two mails
        name = display_name(run.workbook.name)
        mails, found = build_mails(report, name, options.coordinator_email)
        _log_plan(mails, found)
        sent = SentToday.load(run.paths.sent, report.outcome.today)
        if options.smtp is None or options.dry_run:
            _print(mails, sent, out)
            return data_errors_code(report)
        code = _send(options.smtp, mails, sent, run, signals)
        return code or data_errors_code(report)

    return guarded(LABEL, remind if options.dry_run else lambda: locked(remind, run), signals)


def _log_plan(mails: Sequence[Mail], found: Addressees) -> None:
    log.info("%s: писем к отправке — %d.", LABEL, len(mails))
    for person in found.without_email:
        log.info("Нет адреса электронной почты: %s — напоминание не отправлено.", person.name)
    if found.unassigned:
        log.info("Роли без ответственного: %s.", "; ".join(found.unassigned))
    if not found.coordinator_email and found.people:
        log.warning(
            "Адрес координатора не задан — сводка координатору не отправлена. Задайте "
            "NASTAVNIK_COORDINATOR_EMAIL (или coordinator_email в nastavnik.toml) или Email "
            "«заместителя директора» на листе «Ответственные»."
        )


def _print(mails: Sequence[Mail], sent: SentToday, out: Callable[[str], None]) -> None:
    if not mails:
        out("Писем нет: ни у кого нет просроченных пунктов и пунктов со скорым сроком.")
    for mail in mails:
        out(SEPARATOR)
        if sent.has(mail.key):
            out("(уже отправлено сегодня — повторно не уйдёт)")
        out(preview(mail))
    out(SEPARATOR)
    out(f"Пробный запуск: показано писем — {len(mails)}; ничего не отправлено и не записано.")


def _send(
    smtp: SmtpSettings, mails: Sequence[Mail], sent: SentToday, run: JobRun, signals: StopSignals
) -> int:
    if sent.damaged:
        log.warning("Файл отправленных напоминаний «%s» повреждён и начат заново.", sent.path)
    pending = [mail for mail in mails if not sent.has(mail.key)]
    for mail in mails:
        if sent.has(mail.key):
            log.info("Уже отправлено сегодня, повторно не отправляется: %s.", _who(mail))

    def accepted(mail: Mail) -> None:
        sent.mark(mail.key, run.now())
        log.info("Отправлено: %s — «%s».", _who(mail), mail.subject)

    refused = send_all(smtp, pending, accepted, stop=signals.stop_requested)
    for mail, reason in refused:
        log.error("Не отправлено: %s — %s.", _who(mail), reason)
    if signals.stop_requested():
        log.warning(
            "Отправка остановлена по сигналу; оставшиеся письма уйдут при следующем запуске."
        )
    return EXIT_TROUBLE if refused else EXIT_OK


def _who(mail: Mail) -> str:
    return f"{mail.to_name} <{mail.to_address}>"
