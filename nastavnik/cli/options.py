"""What the commands share: exit codes, the shell's clock, --today, ТАБЛИЦА, opening the target."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from nastavnik.cli import console
from nastavnik.cli.config import resolve_target
from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sheets_schema.readers import ReadError, read_date
from nastavnik.sync.backends import open_workbook
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.engine import RunReport

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
TODAY_HELP = "Дата, на которую считать сроки (по умолчанию — сегодня), например 01.12.2025."


def now() -> datetime:
    """The shell's clock (the core never reads it)."""
    return datetime.now()


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


def target_argument(func: Any) -> Any:
    """The optional TARGET argument."""
    return click.argument("target", required=False, metavar="ТАБЛИЦА")(func)


def open_target(target: str | None) -> Workbook:
    """The workbook for TARGET (or the configured / default one)."""
    ctx = click.get_current_context(silent=True)
    credentials = ctx.find_root().obj.get("credentials") if ctx and ctx.find_root().obj else None
    return open_workbook(resolve_target(target).value, credentials=credentials)


def require_existing(workbook: Workbook) -> None:
    """Refuse to validate or sync a workbook that is not there."""
    if not workbook.exists():
        raise WorkbookError(
            f"Файл «{workbook.name}» не найден.",
            hint="Создайте его командой «nastavnik init» или укажите путь к своей таблице.",
        )


def echo_report(report: RunReport, *, problems: bool) -> None:
    """Print the headline and (optionally) every problem."""
    for line in console.summary_lines(report):
        click.echo(line)
    if problems:
        for line in console.problem_lines(report.outcome.problems):
            click.echo(line)
