"""click in Russian: help headings, usage prefix and usage errors staff can read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

HELP = "Показать эту справку и выйти."


class RussianFormatter(click.HelpFormatter):
    """Help text with a Russian usage prefix."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """«Использование: nastavnik …»."""
        super().write_usage(prog, args, prefix or "Использование: ")


class RussianContext(click.Context):
    """A context whose help uses the Russian formatter."""

    formatter_class = RussianFormatter


class RussianCommand(click.Command):
    """A command with Russian help headings."""

    context_class = RussianContext

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """«Параметры» instead of «Options»."""
        rows = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Параметры"):
                formatter.write_dl(rows)


class RussianGroup(click.Group):
    """A group with Russian help headings; its commands are Russian too."""

    context_class = RussianContext
    command_class = RussianCommand

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Options, then «Команды»."""
        RussianCommand.format_options(self, ctx, formatter)  # type: ignore[arg-type]
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """«Команды» with one-line help each."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=70)))
        if rows:
            with formatter.section("Команды"):
                formatter.write_dl(rows)


def usage_message(error: click.UsageError) -> str:
    """A Russian sentence for click's usage errors."""
    if isinstance(error, click.NoSuchOption):
        return f"Неизвестный параметр {error.option_name}."
    if isinstance(error, click.MissingParameter):
        name = error.param.human_readable_name if error.param else ""
        return f"Не указан обязательный параметр {name}."
    if isinstance(error, click.BadParameter):
        name = error.param.human_readable_name if error.param else ""
        return f"Неверное значение {name}: {error.message}"
    text = error.format_message()
    if "No such command" in text:
        return f"Неизвестная команда {text.split()[-1]}."
    if "unexpected extra argument" in text or "Got unexpected extra" in text:
        return "Лишние аргументы в команде."
    return "Команда записана неверно."


def option_kwargs(**kwargs: Any) -> dict[str, Any]:
    """Defaults for options: never show English «[default: …]»."""
    return {"show_default": False, **kwargs}


def russian_command(
    name: str | None = None, **kwargs: Any
) -> Callable[[Callable[..., Any]], click.Command]:
    """`click.command` with Russian help, for the command modules (registered by app.py)."""
    return click.command(name, cls=RussianCommand, **kwargs)
