"""Where settings come from: the command line, the environment, nastavnik.toml, the default.

Every value is a `Setting` that remembers its source (shown by `nastavnik config`). The
order is always: command line, then the environment variable, then `nastavnik.toml` in the
current directory, then the default. Secrets (the SMTP password) come from the environment
only; they are never read from the file, never printed and never logged.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from nastavnik.sheets_schema.emails import read_email
from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sheets_schema.readers import ReadError

if TYPE_CHECKING:
    from nastavnik.jobs.annual import AnnualJobs
    from nastavnik.jobs.notify.mailer import SmtpSettings

DEFAULT_TARGET = "nastavnichestvo.xlsx"
CONFIG_FILE = "nastavnik.toml"
ENV_TARGET = "NASTAVNIK_TARGET"
FROM_COMMAND_LINE = "командная строка"
FROM_DEFAULT = "по умолчанию"


@dataclass(frozen=True)
class Setting:
    """A configuration value and where it came from (for messages and `nastavnik config`)."""

    value: str
    source: str
    secret: bool = False

    def __repr__(self) -> str:
        """Never show a secret, even in a traceback or a debug log."""
        return f"Setting({self.shown!r}, {self.source!r})"

    @property
    def shown(self) -> str:
        """The value as it may be printed: secrets only as «задан» / «не задан»."""
        if self.secret:
            return "задан" if self.value else "не задан"
        return self.value or "не задано"


@dataclass(frozen=True)
class Option:
    """One configurable value: its TOML key (dotted for tables), variable and Russian label."""

    key: str
    env: str
    label: str
    default: str = ""
    secret: bool = False  # environment only


def default_log_file() -> str:
    """$XDG_STATE_HOME/nastavnik/nastavnik.log (~/.local/state/… when the variable is unset)."""
    base = os.environ.get("XDG_STATE_HOME", "").strip() or str(Path.home() / ".local" / "state")
    return str(Path(base) / "nastavnik" / "nastavnik.log")


OPTIONS: tuple[Option, ...] = (
    Option("target", ENV_TARGET, "Таблица", DEFAULT_TARGET),
    Option("log_file", "NASTAVNIK_LOG_FILE", "Файл журнала работы"),
    Option("coordinator_email", "NASTAVNIK_COORDINATOR_EMAIL", "Адрес координатора"),
    Option("schedule.nightly_at", "NASTAVNIK_NIGHTLY_AT", "Ночная синхронизация, время", "02:00"),
    Option("schedule.remind_day", "NASTAVNIK_REMIND_DAY", "Напоминания, день", "понедельник"),
    Option("schedule.remind_at", "NASTAVNIK_REMIND_AT", "Напоминания, время", "07:00"),
    Option("schedule.report_dir", "NASTAVNIK_REPORT_DIR", "Папка годового отчёта"),
    Option("schedule.report_on", "NASTAVNIK_REPORT_ON", "День годового отчёта", "31.05"),
    Option("schedule.publish_dir", "NASTAVNIK_PUBLISH_DIR", "Папка страницы для сайта"),
    Option("smtp.host", "NASTAVNIK_SMTP_HOST", "Почтовый сервер (SMTP)"),
    Option("smtp.port", "NASTAVNIK_SMTP_PORT", "Порт SMTP"),
    Option("smtp.tls", "NASTAVNIK_SMTP_TLS", "Шифрование SMTP (none | starttls | ssl)", "starttls"),
    Option("smtp.user", "NASTAVNIK_SMTP_USER", "Пользователь SMTP"),
    Option("smtp.password", "NASTAVNIK_SMTP_PASSWORD", "Пароль SMTP", secret=True),
    Option("smtp.from", "NASTAVNIK_SMTP_FROM", "Адрес отправителя"),
)
OPTION = {option.key: option for option in OPTIONS}
TLS_MODES = ("none", "starttls", "ssl")
TLS_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
WEEKDAYS: tuple[tuple[str, ...], ...] = (
    ("понедельник", "пн", "monday", "mon"),
    ("вторник", "вт", "tuesday", "tue"),
    ("среда", "ср", "wednesday", "wed"),
    ("четверг", "чт", "thursday", "thu"),
    ("пятница", "пт", "friday", "fri"),
    ("суббота", "сб", "saturday", "sat"),
    ("воскресенье", "вс", "sunday", "sun"),
)


def config_path(directory: Path | None = None) -> Path:
    """nastavnik.toml in `directory` (the current directory by default)."""
    return (directory or Path.cwd()) / CONFIG_FILE


def load_toml(directory: Path) -> dict[str, object]:
    """nastavnik.toml in `directory`, or {} when absent; a broken file is a ConfigError."""
    path = config_path(directory)
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise ConfigError(
            f"Не удалось прочитать {path}: {error}", hint="Проверьте синтаксис TOML."
        ) from None


def _from_toml(config: dict[str, object], key: str) -> str | None:
    """A dotted key («smtp.host») from the parsed file, as text; None when absent."""
    value: object = config
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ConfigError(
            f"В {CONFIG_FILE} значение «{key}» должно быть строкой или числом.",
            hint=f'Например: {key.rpartition(".")[2]} = "…".',
        )
    text = str(value).strip()
    return text or None


def resolve(
    key: str,
    given: str | None = None,
    directory: Path | None = None,
    *,
    toml: dict[str, object] | None = None,
) -> Setting:
    """One option's effective value: command line, environment, nastavnik.toml, default."""
    option = OPTION[key]
    if given:
        return Setting(given, FROM_COMMAND_LINE, option.secret)
    if env := os.environ.get(option.env, "").strip():
        return Setting(env, f"переменная окружения {option.env}", option.secret)
    if not option.secret:
        config = load_toml(directory or Path.cwd()) if toml is None else toml
        if (found := _from_toml(config, key)) is not None:
            return Setting(found, CONFIG_FILE)
    default = default_log_file() if key == "log_file" else option.default
    return Setting(default, FROM_DEFAULT, option.secret)


def resolve_target(given: str | None, directory: Path | None = None) -> Setting:
    """The workbook to use: argument, then NASTAVNIK_TARGET, then nastavnik.toml, then the default."""
    return resolve("target", given, directory)


def effective(
    directory: Path | None = None, given: dict[str, str | None] | None = None
) -> list[tuple[Option, Setting]]:
    """Every option with its effective value and source (for `nastavnik config`)."""
    config = load_toml(directory or Path.cwd())
    given = given or {}
    return [(o, resolve(o.key, given.get(o.key), toml=config)) for o in OPTIONS]


@dataclass(frozen=True)
class JobSettings:
    """What the nightly job, the scheduler and the reminders need, parsed and checked."""

    log_file: Path
    nightly_at: time
    remind_day: int  # 0 = Monday
    remind_at: time
    coordinator_email: str
    smtp: SmtpSettings | None  # None when no SMTP host is configured
    annual: AnnualJobs | None = None  # the optional report / public page jobs (off by default)


def job_settings(log_file: str | None = None, directory: Path | None = None) -> JobSettings:
    """Resolve and check the job settings; a bad value is a ConfigError naming its source."""
    config = load_toml(directory or Path.cwd())
    refuse_secrets_in_file(config)

    def get(key: str, given: str | None = None) -> Setting:
        return resolve(key, given, toml=config)

    return JobSettings(
        log_file=Path(get("log_file", log_file).value).expanduser(),
        nightly_at=parse_clock(get("schedule.nightly_at"), OPTION["schedule.nightly_at"]),
        remind_day=parse_weekday(get("schedule.remind_day")),
        remind_at=parse_clock(get("schedule.remind_at"), OPTION["schedule.remind_at"]),
        coordinator_email=checked_address(get("coordinator_email"), "coordinator_email"),
        smtp=smtp_settings(get),
        annual=annual_jobs(get),
    )


def refuse_secrets_in_file(config: dict[str, object]) -> None:
    """A password in nastavnik.toml is refused: the file is easily copied or committed."""
    for option in OPTIONS:
        if option.secret and _from_toml(config, option.key) is not None:
            raise ConfigError(
                f"{option.label} записан в {CONFIG_FILE}: там его хранить нельзя.",
                hint=f"Удалите его из файла и задайте переменную окружения {option.env}.",
            )


def _bad(setting: Setting, label: str, what: str, example: str) -> ConfigError:
    return ConfigError(
        f"{label}: «{setting.value}» ({setting.source}) — {what}.", hint=f"Например: {example}."
    )


def parse_clock(setting: Setting, option: Option) -> time:
    """«02:00» → 02:00; anything else is a ConfigError."""
    try:
        hours, minutes = (int(part) for part in setting.value.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise _bad(setting, option.label, "не время суток", "02:00") from None


def parse_weekday(setting: Setting) -> int:
    """«понедельник», «пн», «monday» → 0."""
    word = setting.value.strip().lower().rstrip(".")
    for index, names in enumerate(WEEKDAYS):
        if word in names:
            return index
    label = OPTION["schedule.remind_day"].label
    raise _bad(setting, label, "не день недели", "понедельник")


def smtp_settings(get: Callable[[str], Setting]) -> SmtpSettings | None:
    """The SMTP connection settings, or None when no host is configured."""
    from nastavnik.jobs.notify.mailer import SmtpSettings

    host = get("smtp.host").value
    if not host:
        return None
    tls_setting = get("smtp.tls")
    tls = tls_setting.value.strip().lower()
    if tls not in TLS_MODES:
        raise _bad(tls_setting, OPTION["smtp.tls"].label, "неизвестный режим", "starttls")
    port_setting = get("smtp.port")
    port = TLS_PORTS[tls]
    if port_setting.value:
        if not port_setting.value.isdigit() or not 0 < int(port_setting.value) < 65536:
            raise _bad(port_setting, OPTION["smtp.port"].label, "не номер порта", "587")
        port = int(port_setting.value)
    user, password = get("smtp.user"), get("smtp.password")
    for setting, key in ((user, "smtp.user"), (password, "smtp.password")):
        if not setting.value.isascii():
            raise ConfigError(
                f"{OPTION[key].label} содержит русские или другие не латинские буквы: почтовые "
                "серверы принимают при входе только латиницу, цифры и знаки.",
                hint=f"Проверьте раскладку клавиатуры в {OPTION[key].env}; если пароль "
                "действительно такой, смените его у почтового сервиса на латинский.",
            )
    sender_setting = get("smtp.from")
    sender = sender_setting.value or (user.value if "@" in user.value else "")
    if not sender:
        raise ConfigError(
            "Не задан адрес отправителя писем.",
            hint="Задайте NASTAVNIK_SMTP_FROM (или from в разделе [smtp] файла nastavnik.toml).",
        )
    checked = checked_address(Setting(sender, sender_setting.source), "smtp.from")
    return SmtpSettings(host, port, tls, user.value, password.value, checked)


def checked_address(setting: Setting, key: str) -> str:
    """An address setting, normalised; a ConfigError naming the setting when it is not one."""
    if not setting.value:
        return ""
    try:
        return read_email(setting.value)
    except ReadError as error:
        raise ConfigError(
            f"{OPTION[key].label} ({setting.source}): {error.message}", hint=error.fix
        ) from None


def annual_jobs(get: Callable[[str], Setting] | None = None) -> AnnualJobs:
    """The optional scheduled report and public page: on only when their folder is set."""
    from nastavnik.jobs.annual import AnnualJobs

    if get is None:
        get = partial(resolve, toml=load_toml(Path.cwd()))
    report_dir, publish_dir = get("schedule.report_dir").value, get("schedule.publish_dir").value
    on = get("schedule.report_on")
    try:
        day, month = (int(part) for part in on.value.strip().split("."))
        date(2024, month, day)  # a leap year: 29.02 is a valid choice
    except ValueError:
        raise _bad(on, OPTION["schedule.report_on"].label, "не день и месяц", "31.05") from None
    return AnnualJobs(
        Path(report_dir).expanduser() if report_dir else None,
        (day, month),
        Path(publish_dir).expanduser() if publish_dir else None,
    )
