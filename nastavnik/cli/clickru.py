"""click in Russian: help headings, usage line, usage errors staff can read, global options."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click

HELP = "Показать эту справку и выйти."
VERBOSE_HELP = "Показывать технические подробности ошибок."
CREDENTIALS_HELP = (
    "Ключ сервисного аккаунта Google (иначе GOOGLE_APPLICATION_CREDENTIALS или ./credentials.json)."
)
OPTIONS_METAVAR = "[ПАРАМЕТРЫ]"
HELP_HINT = "Справка: nastavnik --help"


_KEEP_HYPHEN = "\u2011"  # a non-breaking hyphen while wrapping: file names stay on one line


class RussianFormatter(click.HelpFormatter):
    """Help text with a Russian usage prefix; lines never break inside a hyphenated name."""

    def write_text(self, text: str) -> None:
        """A paragraph, wrapped at spaces only."""
        self._unbroken(super().write_text, text.replace("-", _KEEP_HYPHEN))

    def write_dl(self, rows: Iterable[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        """Definition rows, wrapped at spaces only."""
        kept = [
            (term.replace("-", _KEEP_HYPHEN), text.replace("-", _KEEP_HYPHEN))
            for term, text in rows
        ]
        self._unbroken(lambda _: super(RussianFormatter, self).write_dl(kept, *args, **kwargs), "")

    def _unbroken(self, write: Callable[[str], None], text: str) -> None:
        start = len(self.buffer)
        write(text)
        self.buffer[start:] = [part.replace(_KEEP_HYPHEN, "-") for part in self.buffer[start:]]

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """«Использование: nastavnik …»."""
        super().write_usage(prog, args, prefix or "Использование: ")


class RussianContext(click.Context):
    """A context whose help uses the Russian formatter."""

    formatter_class = RussianFormatter


class DescribedArgument(click.Argument):
    """A positional argument with a help line; an optional one is shown in brackets."""

    def __init__(self, *args: Any, help: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = help

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        """«[ТАБЛИЦА]» when optional."""
        name = self.make_metavar(ctx)
        return [name if self.required else f"[{name}]"]

    def get_help_record(self, ctx: click.Context) -> tuple[str, str]:
        """The argument's line under «Параметры»."""
        return self.get_usage_pieces(ctx)[0], self.help or ""


class RussianCommand(click.Command):
    """A command with Russian help headings and usage line."""

    context_class = RussianContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Arguments are listed with the options, under «Параметры»."""

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "КОМАНДА [АРГУМЕНТЫ]…")
        super().__init__(*args, **kwargs)

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
                rows.append((name, command.get_short_help_str(limit=70).replace("...", "…")))
        if rows:
            with formatter.section("Команды"):
                formatter.write_dl(rows)


def sentence(text: str) -> str:
    """`text` ending in exactly one closing punctuation mark."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _maybe(word: str, possibilities: Iterable[str]) -> str:
    """« Возможно, вы имели в виду «sync»?» for the closest known word, else ""."""
    close = difflib.get_close_matches(word, sorted(possibilities), n=1, cutoff=0.6)
    return f" Возможно, вы имели в виду «{close[0]}»?" if close else ""


def option_name(error: click.BadParameter) -> str:
    """The option as typed on the command line («--today»), or the argument's name."""
    hint = error.param_hint
    if hint:
        return hint if isinstance(hint, str) else " / ".join(hint)
    param = error.param
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name if param else ""


def usage_message(error: click.UsageError) -> str:
    """A Russian message for click's usage errors, ending with where to find help."""
    return f"{_usage_sentence(error)} {HELP_HINT}"


def _usage_sentence(error: click.UsageError) -> str:
    if isinstance(error, click.exceptions.NoSuchCommand):
        word = error.command_name
        return f"Неизвестная команда «{word}».{_maybe(word, error.possibilities or ())}"
    if isinstance(error, click.NoSuchOption):
        word = error.option_name
        known: Sequence[str] = error.possibilities or (
            _long_options(error.ctx) if error.ctx else []
        )
        return f"Неизвестный параметр «{word}».{_maybe(word, known)}"
    if isinstance(error, click.MissingParameter):
        name = error.param.make_metavar(error.ctx) if error.param and error.ctx else ""
        return f"Не указан обязательный параметр {name}."
    if isinstance(error, click.BadParameter):
        return f"Неверное значение {option_name(error)}: {sentence(error.message)}"
    if isinstance(error, click.BadOptionUsage):
        if "requires" in error.message:
            return f"После {error.option_name} укажите значение."
        if "does not take a value" in error.message:
            return f"Параметр {error.option_name} пишется без значения."
        return f"Параметр {error.option_name} записан неверно."
    if "Missing command" in error.message:
        return "Не указана команда."
    if "unexpected extra argument" in error.message:
        extra = error.message.rpartition("(")[2].rstrip(")")
        return f"Лишний аргумент «{extra}»."
    return "Команда записана неверно."


def _long_options(ctx: click.Context) -> list[str]:
    return [opt for p in ctx.command.get_params(ctx) for opt in p.opts if opt.startswith("--")]


def option_kwargs(**kwargs: Any) -> dict[str, Any]:
    """Defaults for options: never show English «[default: …]»."""
    return {"show_default": False, **kwargs}


def _set_root(key: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback storing a global option given after the subcommand on the root context."""

    def store(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        root = ctx.find_root()
        if root is not ctx and value:
            root.obj = {**(root.obj or {}), key: value}

    return store


def global_options() -> list[click.Option]:
    """--verbose and --credentials: accepted after the command as well as before it."""
    return [
        click.Option(
            ["--verbose"],
            is_flag=True,
            help=VERBOSE_HELP,
            expose_value=False,
            callback=_set_root("verbose"),
        ),
        click.Option(
            ["--credentials"],
            metavar="ФАЙЛ",
            help=CREDENTIALS_HELP,
            expose_value=False,
            callback=_set_root("credentials"),
        ),
    ]


def russian_command(
    name: str | None = None, **kwargs: Any
) -> Callable[[Callable[..., Any]], click.Command]:
    """`click.command` with Russian help and the global options, for the command modules."""

    def decorate(func: Callable[..., Any]) -> click.Command:
        command = click.command(name, cls=RussianCommand, **kwargs)(func)
        help_last = command.params.pop() if command.params[-1].name == "help" else None
        command.params.extend(global_options())
        if help_last is not None:
            command.params.append(help_last)
        return command

    return decorate
