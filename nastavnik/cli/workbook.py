"""The workbook commands: `init`, `validate`, `sync`, `demo`, `deadline`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from nastavnik.cli import console
from nastavnik.cli.clickru import HELP, DescribedArgument, russian_command
from nastavnik.cli.options import (
    EXIT_DATA,
    EXIT_OK,
    echo_report,
    now,
    open_target,
    require_existing,
    target_argument,
    today_option,
)
from nastavnik.sheets_schema.readers import ReadError, read_date
from nastavnik.sheets_schema.text import count
from nastavnik.sync.backends import ensure_writable
from nastavnik.sync.engine import run_init, run_sync, run_validate
from nastavnik.sync.seeds import SeedOptions


def _school_name(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    name = " ".join(value.split())
    if not name:
        raise click.BadParameter("пустое название; укажите его в кавычках.")
    return name


@russian_command(
    help="Создать таблицу или дополнить существующую: листы, столбцы, списки, оформление."
)
@target_argument
@click.option(
    "--school",
    metavar="НАЗВАНИЕ",
    callback=_school_name,
    help="Название образовательной организации для листа «Настройки», "
    'например "МБОУ «Гимназия № 2»".',
)
@click.help_option("-h", "--help", help=HELP)
def init(target: str | None, school: str | None) -> None:
    """nastavnik init."""
    workbook = open_target(target)
    ensure_writable(workbook)
    changes = run_init(workbook, SeedOptions(today=now().date(), school=school))
    if changes.is_empty:
        click.echo(f"Таблица «{workbook.name}» уже в порядке: ничего не изменено.")
        return
    added = f", новых листов: {len(changes.new_sheets)}" if changes.new_sheets else ""
    click.echo(f"Таблица «{workbook.name}» подготовлена{added}.")
    laid_out = [f.sheet for f in changes.sheet_formats if f.sheet not in changes.new_sheets]
    if laid_out:
        names = ", ".join(f"«{title}»" for title in laid_out[:5])
        more = f" и ещё {len(laid_out) - 5}" if len(laid_out) > 5 else ""
        click.echo(f"Оформление восстановлено или обновлено на листах: {names}{more}.")


@russian_command(help="Проверить таблицу и показать все замечания; ничего не записывает.")
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


@russian_command(
    help="Полная синхронизация: проверка, расчёт столбцов, сводки, список просроченного."
)
@target_argument
@today_option
@click.option("--dry-run", is_flag=True, help="Показать, что изменится, ничего не записывая.")
@click.help_option("-h", "--help", help=HELP)
def sync(target: str | None, today: date, dry_run: bool) -> None:
    """nastavnik sync."""
    workbook = open_target(target)
    require_existing(workbook, writes=not dry_run)
    report = run_sync(workbook, today, now, dry_run=dry_run)
    echo_report(report, problems=False)
    if dry_run:
        click.echo("Пробный запуск — ничего не записано. Изменилось бы:")
        for line in console.change_lines(report.changes):
            click.echo(line)
    elif report.written:
        cells = report.changes.cells_changed
        click.echo(
            f"Записано: {count(cells, 'ячейка', 'ячейки', 'ячеек')}. Замечания — на листе «Ошибки»."
        )
    else:
        click.echo("Изменений нет: таблица уже в актуальном состоянии.")
    sys.exit(EXIT_DATA if report.has_errors else EXIT_OK)


@russian_command(help="Создать демонстрационную таблицу с примерами данных и синхронизировать её.")
@click.argument(
    "path",
    cls=DescribedArgument,
    required=False,
    metavar="ПУТЬ",
    default="nastavnichestvo-demo.xlsx",
    help="Куда сохранить таблицу (по умолчанию nastavnichestvo-demo.xlsx в текущей папке).",
)
@today_option
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
@click.help_option("-h", "--help", help=HELP)
def demo(path: str, today: date, force: bool) -> None:
    """nastavnik demo."""
    from nastavnik.demo.build import build_demo, demo_guide

    report = build_demo(Path(path), today, now, force=force)
    echo_report(report, problems=False)
    for line in demo_guide(Path(path)):
        click.echo(line)


@russian_command(help="Показать, как программа понимает текст срока из «Дорожной карты».")
@click.argument(
    "text",
    cls=DescribedArgument,
    metavar="ТЕКСТ",
    help='Текст из столбца «Сроки», в кавычках, например "ежегодно, декабрь".',
)
@click.option("--from", "start", metavar="ДАТА", help="Начало периода (по умолчанию 01.09.2024).")
@click.option("--to", "end", metavar="ДАТА", help="Конец периода (по умолчанию 31.08.2027).")
@click.option("--json", "as_json", is_flag=True, help="Вывести в формате JSON.")
@click.help_option("-h", "--help", help=HELP)
def deadline(text: str, start: str | None, end: str | None, as_json: bool) -> None:
    """nastavnik deadline."""
    from nastavnik.cli import deadline_view
    from nastavnik.sheets_schema.deadlines import Period, expand, parse_deadline

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
