"""Sending the reminder mails over SMTP: the only module that talks to a mail server.

One connection per run; a recipient the server refuses does not stop the others, while a
server that cannot be reached (or refuses the login) stops the run with `ConnectionFailed`
(exit code 2) and a Russian message naming the server and what to check.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

from nastavnik.sheets_schema.emails import valid_email
from nastavnik.sheets_schema.errors import ConnectionFailed

TIMEOUT = 20  # seconds for connecting and for each server reply


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server. The password is never shown in a repr or a log."""

    host: str
    port: int
    tls: str  # none | starttls | ssl
    user: str
    password: str = field(repr=False)
    sender: str

    @property
    def server(self) -> str:
        """«smtp.example.ru:587», for messages."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Mail:
    """One digest ready to send; `key` says what «the same digest» means for one day."""

    key: str
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str


def build_message(mail: Mail, sender: str) -> Message:
    """A multipart/alternative message: plain text first, then the simple HTML version.

    `to_address` and `sender` are addresses checked by `sheets_schema.emails` (the only way
    they are made), and no header takes a display name from a cell. Built with the classic
    API on purpose: `email.header.Header` keeps the spaces of a long
    Cyrillic subject inside its encoded words, while the newer EmailMessage folding of
    Python 3.11 drops the space at a fold («сводкакоординатора» in the reader's inbox).
    """
    message = MIMEMultipart("alternative")
    message["Subject"] = Header(mail.subject, "utf-8")  # type: ignore[assignment]  # compat32 takes it
    message["From"] = sender
    message["To"] = mail.to_address  # a checked address only: no display name from a cell
    message["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2].strip("> ") or "nastavnik.local"  # no slow getfqdn()
    message["Message-ID"] = make_msgid(domain=domain)
    message.attach(MIMEText(mail.text, "plain", "utf-8"))
    message.attach(MIMEText(mail.html, "html", "utf-8"))
    return message


def preview(mail: Mail) -> str:
    """How `remind --dry-run` shows a mail: headers, then the plain-text body."""
    return f"Кому: {mail.to_name} <{mail.to_address}>\nТема: {mail.subject}\n\n{mail.text}"


def send_all(
    settings: SmtpSettings,
    mails: Sequence[Mail],
    on_sent: Callable[[Mail], None],
    stop: Callable[[], bool] = lambda: False,
) -> list[tuple[Mail, str]]:
    """Send every mail over one connection; call `on_sent` after each accepted one.

    `stop()` is asked before each mail: when it says so, the rest are left for the next run.

    Returns the mails the server refused, each with the reason. Raises ConnectionFailed
    when the server cannot be reached, refuses the login or drops the connection.
    """
    refused: list[tuple[Mail, str]] = []
    if not mails:
        return refused
    try:
        smtp = _connect(settings)
        with smtp:
            for mail in mails:
                if stop():
                    break
                if valid_email(mail.to_address) != mail.to_address:  # a last guard
                    refused.append((mail, "адрес не прошёл проверку — письмо не отправлено"))
                    continue
                try:
                    message = build_message(mail, settings.sender)
                    # the envelope is named explicitly: never derived from the headers
                    smtp.send_message(message, settings.sender, [mail.to_address])
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                    refused.append((mail, _refusal(error)))
                except smtplib.SMTPNotSupportedError:  # a non-ASCII address, no SMTPUTF8
                    refused.append((mail, "сервер не принимает адреса с буквами не латиницей"))
                else:
                    on_sent(mail)
    except (OSError, smtplib.SMTPException) as error:
        raise _failure(settings, error) from error
    return refused


def check_connection(settings: SmtpSettings) -> None:
    """Connect, encrypt and log in as a send would, then leave; ConnectionFailed when not."""
    try:
        with _connect(settings) as smtp:
            smtp.noop()
    except (OSError, smtplib.SMTPException) as error:
        raise _failure(settings, error) from error


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """Connect, encrypt as configured and log in; the socket is closed on any failure."""
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.tls == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    try:
        if settings.tls == "starttls":
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def _refusal(error: smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {_text(text)}" for code, text in error.recipients.values()]
        return "сервер не принял адрес получателя: " + "; ".join(codes)
    return f"сервер не принял письмо: {error.smtp_code} {_text(error.smtp_error)}"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _failure(settings: SmtpSettings, error: BaseException) -> ConnectionFailed:
    """A Russian message for what went wrong with the server, and what to check."""
    server = settings.server
    check = "Проверьте NASTAVNIK_SMTP_HOST и NASTAVNIK_SMTP_PORT и доступ к сети."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return ConnectionFailed(
            f"Почтовый сервер {server} не принял имя пользователя или пароль.",
            hint="Проверьте NASTAVNIK_SMTP_USER и NASTAVNIK_SMTP_PASSWORD.",
        )
    if isinstance(error, smtplib.SMTPSenderRefused):
        return ConnectionFailed(
            f"Почтовый сервер {server} не принимает письма от «{settings.sender}».",
            hint="Проверьте NASTAVNIK_SMTP_FROM: обычно это адрес той же учётной записи.",
        )
    if isinstance(error, smtplib.SMTPNotSupportedError | ssl.SSLError):
        return ConnectionFailed(
            f"Не удалось установить шифрованное соединение с почтовым сервером {server} ({error}).",
            hint="Проверьте NASTAVNIK_SMTP_TLS (none, starttls или ssl) и порт.",
        )
    return ConnectionFailed(
        f"Почтовый сервер {server} недоступен: {_reason(error)}. Письма не отправлены.",
        hint=check,
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "соединение отклонено"
    if isinstance(error, TimeoutError):
        return f"нет ответа за {TIMEOUT} с"
    if isinstance(error, socket.gaierror):
        return "сервер с таким именем не найден"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "сервер разорвал соединение"
    return str(error) or type(error).__name__
