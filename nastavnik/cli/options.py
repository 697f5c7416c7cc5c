"""What the commands share: exit codes, the shell's clock, --today, ТАБЛИЦА, opening the target."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from nastavnik.cli import console
from nastavnik.cli.clickru import DescribedArgument
from nastavnik.cli.config import resolve_target
from nastavnik.sheets_schema.errors import ConfigError, WorkbookError
from nastavnik.sheets_schema.readers import ReadError, read_date
from nastavnik.sync.backends import ensure_writable, open_note, open_workbook
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.engine import RunReport

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
TODAY_HELP = "Дата, на которую считать сроки (по умолчанию — сегодня), например 01.12.2025."


def now() -> datetime:
    """The shell's clock, aware (the journal shows it in the school's zone); the core never reads it."""
    return datetime.now().astimezone()


def parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    """--today: any accepted date form; default today."""
    if value is None:
        return now().date()
    try:
        day = read_date(value)
    except ReadError as error:
        raise click.BadParameter(f"{error.message} {error.fix}") from None
    if day is None:
        raise click.BadParameter("пустая дата")
    return day


def today_option(func: Any) -> Any:
    """The shared --today option."""
    return click.option("--today", callback=parse_today, metavar="ДАТА", help=TODAY_HELP)(func)


TARGET_HELP = (
    "Файл .xlsx или ссылка на Google Таблицу. По умолчанию — из переменной окружения "
    "NASTAVNIK_TARGET, иначе target в nastavnik.toml текущей папки, иначе nastavnichestvo.xlsx "
    "в текущей папке."
)


def target_argument(func: Any) -> Any:
    """The optional ТАБЛИЦА argument, described in help with where its default comes from."""
    return click.argument(
        "target", cls=DescribedArgument, required=False, metavar="ТАБЛИЦА", help=TARGET_HELP
    )(func)


def open_target(target: str | None) -> Workbook:
    """The workbook for TARGET (or the configured / default one)."""
    ctx = click.get_current_context(silent=True)
    credentials = ctx.find_root().obj.get("credentials") if ctx and ctx.find_root().obj else None
    return open_workbook(resolve_target(target).value, credentials=credentials)


def require_existing(
    workbook: Workbook, *, writes: bool = False, notes_to_stderr: bool = False
) -> None:
    """Refuse a workbook that is not there; say when a read-only command reads an open file.

    A writing command (`writes`) refuses a file open in Excel or LibreOffice before any work.
    `notes_to_stderr` keeps that note out of a command's data output (--json).
    """
    if not workbook.exists():
        where = Path.cwd()
        raise WorkbookError(
            f"Файл «{workbook.name}» не найден (текущая папка: {where}).",
            hint="Перейдите в папку с таблицей, укажите полный путь к ней или создайте новую "
            "командой «nastavnik init».",
        )
    if writes:
        ensure_writable(workbook)
    elif note := open_note(workbook):
        click.echo(note, err=notes_to_stderr)


def check_out_folder(path: Path, option: str = "--out") -> Path:
    """Refuse an output path whose folder does not exist (a typo must not create folders)."""
    folder = path.expanduser().parent
    if folder.is_dir():
        return path.expanduser()
    what = "не папка, а файл" if folder.exists() else "не существует"
    raise ConfigError(
        f"Папка «{folder}» из {option} {what}.",
        hint=f"Создайте папку или укажите в {option} путь к существующей папке.",
    )


def echo_report(report: RunReport, *, problems: bool) -> None:
    """Print the headline and (optionally) every problem."""
    for line in console.summary_lines(report):
        click.echo(line)
    if problems:
        for line in console.problem_lines(report.outcome.problems):
            click.echo(line)
