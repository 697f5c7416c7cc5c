"""The report commands: `report` (the annual analytical report) and `publish` (the public page).

Thin: read the workbook, build the year's data (reports.model) and hand it to the writers
(reports.docx, reports.publish); `report` then records its figures on «Отчёты». Exit codes: 0 done, 2 could not
run. Errors in the data do not stop the report: it has a section about them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from nastavnik.cli.clickru import HELP, russian_command
from nastavnik.cli.options import (
    check_out_folder,
    now,
    open_target,
    require_existing,
    target_argument,
    today_option,
)
from nastavnik.reports.model import AnnualData, build_annual, default_report_year, parse_year
from nastavnik.sheets_schema.errors import NastavnikError
from nastavnik.sheets_schema.sheets.settings import require_organisation
from nastavnik.sheets_schema.text import count
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.compute.dates import academic_year_start
from nastavnik.sync.engine import RunReport, record_report, run_validate

YEAR_HELP = "Учебный год, например 2025/26 (по умолчанию — текущий)."
REPORT_YEAR_HELP = (
    "Учебный год, например 2025/26 (по умолчанию с 1 мая по 31 августа — текущий, "
    "в остальное время — прошлый)."
)
DEFAULT_SITE = "nastavnichestvo-sait"


def _year(_ctx: click.Context, _param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_year(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def year_option(func: Any) -> Any:
    """--year 2025/26."""
    return click.option("--year", callback=_year, metavar="ГОД", help=YEAR_HELP)(func)


def report_year_option(func: Any) -> Any:
    """--year 2025/26 of `report` (its default depends on the date)."""
    return click.option("--year", callback=_year, metavar="ГОД", help=REPORT_YEAR_HELP)(func)


def read_workbook(target: str | None, today: date) -> tuple[Workbook, RunReport]:
    """Open the workbook and read and check it as of `today` (nothing is written)."""
    workbook = open_target(target)
    require_existing(workbook)
    report = run_validate(workbook, today, now)
    require_organisation(report.registry.settings)  # a report names its school
    return workbook, report


def annual_data(target: str | None, year: int | None, today: date) -> AnnualData:
    """Read and check the workbook as of `today`; the figures of the chosen academic year."""
    _, report = read_workbook(target, today)
    return build_annual(report.outcome, year if year is not None else academic_year_start(today))


def _record(workbook: Workbook, report: RunReport, year: int, label: str) -> None:
    """Keep the submitted figures on «Отчёты»; the report stands even when this fails."""
    try:
        recorded = record_report(workbook, report, year)
    except NastavnikError as error:
        click.echo(f"Показатели за {label} НЕ записаны на лист «Отчёты»: {error}", err=True)
        click.echo("Отчёт сохранён; запустите «nastavnik report» ещё раз, когда файл будет закрыт.")
        return
    if recorded:
        click.echo(f"Показатели за {label} записаны на лист «Отчёты» — для сверки в будущем.")
    else:
        click.echo(f"Показатели за {label} уже записаны на листе «Отчёты» с теми же значениями.")


def _data_note(data: AnnualData) -> None:
    if not data.has_data:
        click.echo(
            f"Данных за {data.label} учебный год в таблице нет — документ короткий и говорит об этом."
        )
    errors = data.count("Ошибок")
    if errors:
        found = count(errors, "ошибка", "ошибки", "ошибок")
        click.echo(
            f"В таблице {found} в данных (лист «Ошибки»); исправьте их до подписания отчёта."
        )


@russian_command(
    help="Годовой аналитический отчёт о наставничестве (.docx, А4): участники и охват, пары, "
    "программы, встречи, обратная связь, оценка, обучение, конкурсы, практики, дорожная "
    "карта, качество данных, сравнение с прошлыми годами и рекомендации. Сданные показатели "
    "записываются на лист «Отчёты»; остальная таблица не меняется."
)
@target_argument
@report_year_option
@click.option(
    "--out",
    metavar="ФАЙЛ",
    help="Куда сохранить отчёт (по умолчанию nastavnichestvo-otchet-ГОД.docx в текущей папке).",
)
@today_option
@click.help_option("-h", "--help", help=HELP)
def report(target: str | None, year: int | None, out: str | None, today: date) -> None:
    """nastavnik report."""
    from nastavnik.jobs.annual import report_name
    from nastavnik.reports.report import write_report

    if out:
        check_out_folder(Path(out))
    if year is None:
        year, why = default_report_year(today)
        click.echo(f"Год не указан: {why}. Другой год — параметр --year, например --year 2025/26.")
    workbook, run = read_workbook(target, today)
    data = build_annual(run.outcome, year)
    path = Path(out).expanduser() if out else Path(report_name(data.label))
    if path.suffix.lower() != ".docx":
        path = path.with_name(path.name + ".docx")
    write_report(data, path)
    click.echo(f"Отчёт за {data.label} учебный год сохранён: {path.resolve()}")
    if data.started:
        _record(workbook, run, year, data.label)
    _data_note(data)


@russian_command(
    help="Обезличенная сводка для сайта и соцсетей: страница index.html с диаграммами и текст "
    "post.txt. Только общие цифры: без ФИО, адресов и групп меньше 3 человек."
)
@target_argument
@year_option
@click.option(
    "--out",
    metavar="ПАПКА",
    default=DEFAULT_SITE,
    help=f"Папка для страницы (по умолчанию {DEFAULT_SITE}); другие файлы в ней не трогаются.",
)
@today_option
@click.help_option("-h", "--help", help=HELP)
def publish(target: str | None, year: int | None, out: str, today: date) -> None:
    """nastavnik publish."""
    from nastavnik.reports.publish import PAGE, write_public

    folder = check_out_folder(Path(out))
    data = annual_data(target, year, today)
    written = write_public(data, folder)
    click.echo(f"Страница за {data.label} учебный год: {(folder / PAGE).resolve()}")
    click.echo(f"Файлы: {', '.join(p.name for p in written)}.")
    if not data.has_data:
        click.echo(f"Данных за {data.label} учебный год в таблице нет — страница говорит об этом.")
