"""`nastavnik form`: the feedback survey the school should create (reports/survey_form.py).

Thin: read and check the workbook as of --today (nothing is written), build the form's
description and print it as text or JSON. Exit codes: 0 printed, 2 could not read. Errors
in the data do not stop it (`validate` lists them); the names come from the readable pairs.
"""

from __future__ import annotations

from datetime import date

import click

from nastavnik.cli.clickru import HELP, russian_command
from nastavnik.cli.config import resolve_target
from nastavnik.cli.options import now, open_target, parse_today, require_existing, target_argument
from nastavnik.reports.survey_form import build_form, form_json, form_text
from nastavnik.sync.backends import is_google_target
from nastavnik.sync.engine import run_validate


@russian_command(
    help="Показать опрос обратной связи, который нужно создать в Google Формах или Яндекс "
    "Формах: вопросы (дословно), их тип и шкалу, список ФИО для выбора, как связать форму "
    "с таблицей. Ничего не записывает."
)
@target_argument
@click.option(
    "--today",
    callback=parse_today,
    metavar="ДАТА",
    help="На какую дату брать действующие и планируемые пары для списка ФИО "
    "(по умолчанию — сегодня), например 01.12.2025.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Вывести то же в формате JSON (для программ и скриптов).",
)
@click.help_option("-h", "--help", help=HELP)
def form(target: str | None, today: date, as_json: bool) -> None:
    """nastavnik form."""
    workbook = open_target(target)
    require_existing(workbook, notes_to_stderr=as_json)
    report = run_validate(workbook, today, now)
    google = is_google_target(resolve_target(target).value)
    survey_form = build_form(report.outcome, today, google=google)
    if as_json:
        click.echo(form_json(survey_form))
        return
    for line in form_text(survey_form):
        click.echo(line)
