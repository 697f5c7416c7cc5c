"""The `nastavnik` command: parses options, builds the backend, calls the engine, prints Russian.

No logic lives here. Exit codes: 0 ok, 1 data errors found, 2 usage / config / I/O error.
"""

from __future__ import annotations

import sys
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from nastavnik import console
from nastavnik.clickru import HELP, RussianGroup, usage_message
from nastavnik.config import resolve_target
from sheets_schema.readers import ReadError, read_date
from sync.backends import open_workbook
from sync.backends.base import Workbook
from sync.engine import RunReport, run_init, run_sync, run_validate
from sync.errors import NastavnikError, WorkbookError

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


@click.group(
    cls=RussianGroup,
    help="nastavnik — реестры системы наставничества педагогов: проверка, расчёт, сводки.",
)
@click.option("--verbose", is_flag=True, help="Показывать технические подробности ошибок.")
@click.option(
    "--credentials",
    metavar="ФАЙЛ",
    help="Ключ сервисного аккаунта Google (иначе GOOGLE_APPLICATION_CREDENTIALS или ./credentials.json).",
)
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def main_group(ctx: click.Context, verbose: bool, credentials: str | None) -> None:
    """Root group."""
    ctx.obj = {"verbose": verbose, "credentials": credentials}


@main_group.command(
    help="Создать таблицу или дополнить существующую: листы, столбцы, списки, оформление."
)
@target_argument
@click.help_option("-h", "--help", help=HELP)
def init(target: str | None) -> None:
    """nastavnik init."""
    workbook = open_target(target)
    changes = run_init(workbook)
    if changes.is_empty:
        click.echo(f"Таблица «{workbook.name}» уже в порядке: ничего не изменено.")
        return
    added = f", новых листов: {len(changes.new_sheets)}" if changes.new_sheets else ""
    click.echo(f"Таблица «{workbook.name}» подготовлена{added}.")


@main_group.command(help="Проверить таблицу и показать все замечания; ничего не записывает.")
@target_argument
@today_option
@click.help_option("-h", "--help", help=HELP)
def validate(target: str | None, today: date) -> None:
    """nastavnik validate."""
    workbook = open_target(target)
    require_existing(workbook)
    report = run_validate(workbook, today, now)
    echo_report(report, problems=True)
    sys.exit(EXIT_DATA if report.has_errors else EXIT_OK)


@main_group.command(
    help="Полная синхронизация: проверка, расчёт столбцов, сводки, список просроченного."
)
@target_argument
@today_option
@click.option("--dry-run", is_flag=True, help="Показать, что изменится, ничего не записывая.")
@click.help_option("-h", "--help", help=HELP)
def sync(target: str | None, today: date, dry_run: bool) -> None:
    """nastavnik sync."""
    workbook = open_target(target)
    require_existing(workbook)
    report = run_sync(workbook, today, now, dry_run=dry_run)
    echo_report(report, problems=False)
    if dry_run:
        click.echo("Пробный запуск — ничего не записано. Изменилось бы:")
        for line in console.change_lines(report.changes):
            click.echo(line)
    elif report.written:
        cells = report.changes.cells_changed
        click.echo(
            f"Записано: {console.count(cells, 'ячейка', 'ячейки', 'ячеек')}. Замечания — на листе «Ошибки»."
        )
    else:
        click.echo("Изменений нет: таблица уже в актуальном состоянии.")
    sys.exit(EXIT_DATA if report.has_errors else EXIT_OK)


@main_group.command(
    help="Создать демонстрационную таблицу с примерами данных и синхронизировать её."
)
@click.argument("path", required=False, metavar="ПУТЬ", default="nastavnichestvo-demo.xlsx")
@today_option
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@click.help_option("-h", "--help", help=HELP)
def demo(path: str, today: date, force: bool) -> None:
    """nastavnik demo."""
    from jobs.demo import build_demo, demo_guide

    report = build_demo(Path(path), today, now, force=force)
    echo_report(report, problems=False)
    for line in demo_guide(Path(path)):
        click.echo(line)


@main_group.command(help="Показать, как программа понимает текст срока из «Дорожной карты».")
@click.argument("text", metavar="ТЕКСТ")
@click.option("--from", "start", metavar="ДАТА", help="Начало периода (по умолчанию 01.09.2024).")
@click.option("--to", "end", metavar="ДАТА", help="Конец периода (по умолчанию 31.08.2027).")
@click.option("--json", "as_json", is_flag=True, help="Вывести в формате JSON.")
@click.help_option("-h", "--help", help=HELP)
def deadline(text: str, start: str | None, end: str | None, as_json: bool) -> None:
    """nastavnik deadline."""
    from nastavnik import deadline_view
    from sheets_schema.deadlines import Period, expand, parse_deadline

    default = Period()
    period = Period(
        _date_option(start, "--from") or default.start, _date_option(end, "--to") or default.end
    )
    schedule = parse_deadline(text)
    occurrences = expand(schedule, period)
    if as_json:
        click.echo(deadline_view.as_json(schedule, occurrences))
        return
    for line in deadline_view.as_text(schedule, occurrences):
        click.echo(line)


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return read_date(value)
    except ReadError as error:
        raise click.BadParameter(f"{error.message} {error.fix}", param_hint=name) from None


def main(argv: list[str] | None = None) -> None:
    """Console entry point: Russian messages, exit codes 0/1/2, traceback only with --verbose."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args
    try:
        main_group.main(args=args, prog_name="nastavnik", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else "")
        sys.exit(EXIT_OK)
    except click.UsageError as error:
        click.echo(f"Ошибка: {usage_message(error)} Справка: nastavnik --help", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("Прервано.", err=True)
        sys.exit(EXIT_USAGE)
    except NastavnikError as error:
        if verbose:
            traceback.print_exc()
        click.echo(f"Ошибка: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("Прервано пользователем.", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as error:  # a bug: say so plainly, never dress it up as a user mistake
        if verbose:
            traceback.print_exc()
        click.echo(
            f"Внутренняя ошибка программы ({type(error).__name__}). "
            "Запустите команду с --verbose и передайте вывод разработчикам.",
            err=True,
        )
        sys.exit(EXIT_USAGE)


from nastavnik import (  # noqa: E402
    cli_jobs,  # noqa: F401  (registers the job commands)
    cli_reports,  # noqa: F401  (registers the report commands)
)
