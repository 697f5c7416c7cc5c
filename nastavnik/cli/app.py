"""The `nastavnik` command: the group, its global options and the entry point.

Parses options and calls the engine; no logic lives in the CLI. Exit codes: 0 ok, 1 data errors
found, 2 usage / config / I/O error. Commands live one family per module (workbook.py, jobs.py,
reports.py) and are registered here, so no command module imports this one.
"""

from __future__ import annotations

import sys
import traceback

import click

from nastavnik.cli import form, jobs, reports, workbook
from nastavnik.cli.clickru import CREDENTIALS_HELP, HELP, VERBOSE_HELP, RussianGroup, usage_message
from nastavnik.cli.options import EXIT_OK, EXIT_USAGE
from nastavnik.sheets_schema.errors import NastavnikError


@click.group(
    cls=RussianGroup,
    help="nastavnik — реестры системы наставничества педагогов: проверка, расчёт, сводки.",
)
@click.option("--verbose", is_flag=True, help=VERBOSE_HELP)
@click.option("--credentials", metavar="ФАЙЛ", help=CREDENTIALS_HELP)
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def main_group(ctx: click.Context, verbose: bool, credentials: str | None) -> None:
    """Root group."""
    ctx.obj = {"verbose": verbose, "credentials": credentials}


COMMANDS = (
    workbook.init,
    workbook.validate,
    workbook.sync,
    workbook.demo,
    workbook.deadline,
    jobs.nightly,
    jobs.schedule_command,
    jobs.remind,
    jobs.config_command,
    jobs.doctor,
    reports.report,
    reports.publish,
    form.form,
)
for _command in COMMANDS:
    main_group.add_command(_command)


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
        click.echo(f"Ошибка: {usage_message(error)}", err=True)
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
