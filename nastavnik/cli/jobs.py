"""The job commands: `nightly`, `schedule`, `remind`, `config` (registered on the main group).

Thin: parse options, resolve the configuration, set up logging and signal handling, call
jobs/*. Exit codes as everywhere: 0 done, 1 done with data errors, 2 could not run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from nastavnik.cli import config as cfg
from nastavnik.cli.clickru import HELP, russian_command
from nastavnik.cli.options import EXIT_USAGE, open_target, parse_today, target_argument
from nastavnik.jobs.logging_setup import STDERR_LEVELS, default_stderr_level, job_logging
from nastavnik.jobs.runner import JobRun
from nastavnik.jobs.signals import StopSignals
from nastavnik.jobs.state import job_paths
from nastavnik.sheets_schema.errors import ConfigError, NastavnikError
from nastavnik.sheets_schema.text import count

TODAY_HELP = "Дата, на которую считать сроки (по умолчанию — сегодня по времени школы)."
LEVELS_HELP = (
    "Что выводить в stderr: info (всё), warning (предупреждения и ошибки), error (только "
    "ошибки). По умолчанию: info в терминале, warning под cron и systemd."
)


def _today(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else parse_today(ctx, param, value)


def _level(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    if value.lower() not in STDERR_LEVELS:
        raise click.BadParameter(f"«{value}» — допустимо: {', '.join(STDERR_LEVELS)}.")
    return STDERR_LEVELS[value.lower()]


def today_option(func: Any) -> Any:
    """--today for the jobs (default: the school's today)."""
    return click.option("--today", callback=_today, metavar="ДАТА", help=TODAY_HELP)(func)


def log_options(func: Any) -> Any:
    """--log and --stderr-level."""
    func = click.option("--stderr-level", callback=_level, metavar="УРОВЕНЬ", help=LEVELS_HELP)(
        func
    )
    return click.option(
        "--log",
        "log_file",
        metavar="ФАЙЛ",
        help="Файл журнала работы (иначе NASTAVNIK_LOG_FILE, log_file в nastavnik.toml или "
        "~/.local/state/nastavnik/nastavnik.log). Рядом хранятся блокировка и отметки об "
        "отправленных письмах.",
    )(func)


def _job_run(target: str | None, log_file: Path, today: date | None) -> JobRun:
    workbook = open_target(target)
    return JobRun(workbook, job_paths(log_file, cfg.resolve_target(target).value), today)


def _run(log_file: Path, level: int | None, body: Callable[[StopSignals], int]) -> NoReturn:
    """Run a job body with logging and stop-signal handling; exit with its code."""
    root = click.get_current_context().find_root().obj or {}
    stderr_level = level if level is not None else default_stderr_level()
    logs = job_logging(log_file, stderr_level, tracebacks=bool(root.get("verbose")))
    with logs, StopSignals().installed() as signals:
        code = body(signals)
    sys.exit(code)


@russian_command(
    help="Ночной запуск для cron или systemd: полная синхронизация под блокировкой, строка "
    "в «Журнале синхронизации», запись в файл журнала. Без вывода, если запуск прошёл."
)
@target_argument
@today_option
@log_options
@click.help_option("-h", "--help", help=HELP)
def nightly(
    target: str | None, today: date | None, log_file: str | None, stderr_level: int | None
) -> None:
    """nastavnik nightly."""
    from nastavnik.jobs.nightly import run_nightly

    settings = cfg.job_settings(log_file)
    run = _job_run(target, settings.log_file, today)
    _run(settings.log_file, stderr_level, lambda signals: run_nightly(run, signals))


@russian_command(
    "schedule",
    help="Работать постоянно: ночная синхронизация каждый день и напоминания раз в неделю "
    "по расписанию (время школы). Останавливается по SIGTERM.",
)
@target_argument
@log_options
@click.help_option("-h", "--help", help=HELP)
def schedule_command(target: str | None, log_file: str | None, stderr_level: int | None) -> None:
    """nastavnik schedule."""
    from nastavnik.jobs.notify.remind import RemindOptions
    from nastavnik.jobs.scheduler import Timetable
    from nastavnik.jobs.service import run_schedule

    settings = cfg.job_settings(log_file)
    run = _job_run(target, settings.log_file, None)
    timetable = Timetable(settings.nightly_at, settings.remind_day, settings.remind_at)
    options = RemindOptions(settings.smtp, settings.coordinator_email)
    _run(
        settings.log_file,
        stderr_level,
        lambda signals: run_schedule(run, timetable, options, signals, annual=settings.annual),
    )


@russian_command(
    help="Синхронизировать и разослать напоминания: каждому ответственному — его просроченное "
    "и скорое, координатору — сводку. Одно и то же письмо — не чаще раза в день."
)
@target_argument
@today_option
@click.option(
    "--dry-run", is_flag=True, help="Показать письма, ничего не отправляя и не записывая."
)
@log_options
@click.help_option("-h", "--help", help=HELP)
def remind(
    target: str | None,
    today: date | None,
    dry_run: bool,
    log_file: str | None,
    stderr_level: int | None,
) -> None:
    """nastavnik remind."""
    from nastavnik.jobs.notify.remind import RemindOptions, run_remind

    settings = cfg.job_settings(log_file)
    run = _job_run(target, settings.log_file, today)
    options = RemindOptions(settings.smtp, settings.coordinator_email, dry_run)
    _run(
        settings.log_file,
        stderr_level,
        lambda signals: run_remind(run, options, signals, out=click.echo),
    )


@russian_command(
    "config",
    help="Показать действующие настройки и откуда взято каждое значение (пароли не выводятся).",
)
@target_argument
@click.option("--log", "log_file", metavar="ФАЙЛ", help="Файл журнала работы, как у nightly.")
@click.help_option("-h", "--help", help=HELP)
def config_command(target: str | None, log_file: str | None) -> None:
    """nastavnik config."""
    for line in _config_lines(target, log_file):
        click.echo(line)
    try:
        cfg.job_settings(log_file)
    except ConfigError as error:
        click.echo(f"Ошибка: {error}", err=True)
        sys.exit(EXIT_USAGE)


@russian_command(
    help="Проверить, всё ли готово к работе: Python и пакеты, таблица и её макет, название "
    "школы, ключ Google, почтовый сервер, папка журнала. Каждая строка — «в порядке» или что "
    "сделать. Ничего не меняет."
)
@target_argument
@click.help_option("-h", "--help", help=HELP)
def doctor(target: str | None) -> None:
    """nastavnik doctor."""
    from nastavnik.jobs.doctor import diagnose

    checks = diagnose(_doctor_setup(target))
    for check in checks:
        mark = "✓" if check.ok else "✗"
        click.echo(f"{mark} {check.title}: {check.detail}")
        if check.fix:
            click.echo(f"    Что сделать: {check.fix}")
    failed = sum(1 for check in checks if not check.ok)
    if not failed:
        click.echo("Всё в порядке.")
        return
    found = count(failed, "проблема", "проблемы", "проблем")
    click.echo(f"Найдено: {found}. Исправьте и запустите «nastavnik doctor» ещё раз.")
    sys.exit(EXIT_USAGE)


def _doctor_setup(target: str | None) -> Any:
    """What `doctor` checks, resolved as every other command resolves it."""
    from nastavnik.jobs.doctor import Setup

    root = click.get_current_context().find_root().obj or {}
    chosen = cfg.resolve_target(target)
    log_file = Path(cfg.resolve("log_file").value).expanduser()
    smtp, error = None, ""
    try:
        settings = cfg.job_settings()
        smtp, log_file = settings.smtp, settings.log_file
    except ConfigError as problem:
        error = str(problem)
    paths = job_paths(log_file, chosen.value)
    return Setup(
        chosen.value,
        chosen.source,
        root.get("credentials"),
        smtp,
        log_file,
        (paths.lock, paths.sent),
        error,
    )


NOTES = {
    "coordinator_email": "не задан — берётся Email «заместителя директора» с листа «Ответственные»",
    "smtp.host": "не задан — письма не отправляются",
    "smtp.port": "по режиму шифрования: none — 25, starttls — 587, ssl — 465",
    "smtp.user": "не задан — без входа на сервер",
    "smtp.from": "не задан — адрес пользователя SMTP",
}


def _config_lines(target: str | None, log_file: str | None) -> Iterator[str]:
    path = cfg.config_path()
    yield f"Файл настроек: {path} ({'найден' if path.exists() else 'нет'})"
    for option, setting in cfg.effective(given={"target": target, "log_file": log_file}):
        where = f"только {option.env}" if option.secret else f"{option.env} или {option.key}"
        shown = (
            setting.shown if setting.value or option.secret else NOTES.get(option.key, "не задано")
        )
        yield f"  {option.label}: {shown}  [{setting.source}; задаётся: {where}]"
    log_path = Path(cfg.resolve("log_file", log_file).value).expanduser()
    paths = job_paths(log_path, cfg.resolve_target(target).value)
    yield f"  Блокировка: {paths.lock}"
    yield f"  Отметки об отправленных письмах: {paths.sent}"
    yield f"  Часовой пояс школы: {_zone_text(target)}"


def _zone_text(target: str | None) -> str:
    from nastavnik.jobs.school_time import DEFAULT_TIMEZONE, school_timezone

    try:
        workbook = open_target(target)
        if not workbook.exists():
            return f"{DEFAULT_TIMEZONE} [по умолчанию: таблица не найдена]"
        return f"{school_timezone(workbook).key} [лист «Настройки» таблицы]"
    except NastavnikError as error:
        return f"{DEFAULT_TIMEZONE} [таблица не прочитана: {error.message}]"
