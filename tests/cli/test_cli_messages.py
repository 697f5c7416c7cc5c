"""Every CLI message is Russian and exact: help of every command, and misuse of each kind."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from nastavnik.cli.app import main_group
from tests.cli.support import Cli, copy_of

# Words a person types or recognises as names, allowed in Russian text beside the command
# and option names: programs and formats, setting values, the sheets' «Email» header.
NAMES = {
    "nastavnik", "Google", "Excel", "LibreOffice", "Word", "JSON", "SMTP", "cron", "systemd",
    "SIGTERM", "stderr", "info", "warning", "error", "e-mail", "Email", "none", "starttls", "ssl",
    "Python", "xlsx", "xlsm", "xls", "docx", "csv", "ods", "target", "log_file", "from",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(?:[./][A-Za-z0-9_\-]+)*")
FILE_OR_VARIABLE = re.compile(r"^(?:nastavnichestvo-[a-z-]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+|.*\.(?:xlsx|xls|docx|toml|json|html|txt|png|log|doc))$")  # fmt: skip
ROMAN = re.compile(r"^[IVX]+$")  # «II полугодие»
DOUBLED = re.compile(r"[.,;:!?]\s*[.,;:!?]|\.\.")


def command_words() -> set[str]:
    """Every command name and every option name (with and without dashes)."""
    words = set(main_group.commands) | {"help", "h"}
    for command in [main_group, *main_group.commands.values()]:
        for param in command.params:
            for opt in param.opts:
                words |= {opt, opt.lstrip("-")}
    return words


def stray_latin(text: str, typed: tuple[str, ...] = ()) -> list[str]:
    """Latin-letter words that are neither command/option names nor known names."""
    allowed = command_words() | NAMES | {word for arg in typed for word in LATIN_WORD.findall(arg)}
    return [
        word
        for word in LATIN_WORD.findall(text)
        if word not in allowed and not FILE_OR_VARIABLE.match(word) and not ROMAN.match(word)
    ]


def assert_clean(text: str, typed: tuple[str, ...] = ()) -> None:
    assert not stray_latin(text, typed), text
    assert not DOUBLED.search(text.replace("…", "")), text
    assert "Внутренняя ошибка" not in text and "Traceback" not in text, text


@pytest.mark.parametrize("name", [None, *sorted(main_group.commands)])
def test_every_help_is_russian_with_russian_headings(cli: Cli, name: str | None) -> None:
    run = cli(*([name] if name else []), "--help")
    assert run.code == 0
    usage = run.out.splitlines()[0]
    assert usage.startswith("Использование: nastavnik")
    assert "[ПАРАМЕТРЫ]" in usage and ("КОМАНДА" in usage) == (name is None)
    assert "Параметры:" in run.out
    assert_clean(run.out)


@pytest.mark.parametrize(
    "name", [n for n, c in main_group.commands.items() if "target" in {p.name for p in c.params}]
)
def test_optional_table_is_shown_with_its_description_and_default(cli: Cli, name: str) -> None:
    run = cli(name, "--help")
    assert f"nastavnik {name} [ПАРАМЕТРЫ] [ТАБЛИЦА]" in " ".join(run.out.split())
    text = " ".join(run.out.split())
    assert "[ТАБЛИЦА] Файл .xlsx или ссылка на Google Таблицу" in text
    assert "NASTAVNIK_TARGET" in text and "nastavnik.toml" in text
    assert "nastavnichestvo.xlsx в текущей папке" in text


def test_unknown_command_names_the_word_and_suggests_the_command(cli: Cli) -> None:
    run = cli("sinc")
    assert run.code == 2
    assert run.err.startswith(
        "Ошибка: Неизвестная команда «sinc». Возможно, вы имели в виду «sync»?"
    )


def test_unknown_command_without_a_close_one_has_a_single_full_stop(cli: Cli) -> None:
    run = cli("pytest")
    assert run.code == 2
    assert run.err == "Ошибка: Неизвестная команда «pytest». Справка: nastavnik --help\n"


def test_bad_option_value_names_the_option_with_its_dashes(cli: Cli) -> None:
    run = cli("sync", "--today", "31.02.2026")
    assert run.code == 2
    assert run.err.startswith("Ошибка: Неверное значение --today: Такой даты нет: «31.02.2026».")


@pytest.mark.parametrize("option", ["--verbose", "--credentials"])
def test_global_options_are_accepted_after_the_command(cli: Cli, option: str) -> None:
    args = [option] if option == "--verbose" else [option, "key.json"]
    run = cli("validate", "нет.xlsx", *args)
    assert run.code == 2 and "не найден" in run.err
    assert "Неизвестный параметр" not in run.err
    assert ("Traceback" in run.err) == (option == "--verbose")


def test_credentials_after_the_command_reach_the_google_backend(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "мой-ключ.json").write_text("{}", encoding="utf-8")
    run = cli("validate", "1" * 44, "--credentials", "мой-ключ.json")
    assert run.code == 2 and "мой-ключ.json" in run.err


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")


MISUSE = [
    ("sinc",),
    ("pytest",),
    ("sync", "--bogus"),
    ("sync", "--todya", "01.12.2025"),
    ("sync", "--today"),
    ("sync", "--today", "31.02.2026"),
    ("sync", "--dry-run=да"),
    ("validate", "a.xlsx", "b.xlsx"),
    ("validate", "нет.xlsx"),
    ("validate", "заметки.txt"),
    ("validate", "документ.xlsx"),
    ("init", "документ.xlsx"),
    ("report", "документ.xlsx"),
    ("sync", "документ.xlsx"),
    ("deadline",),
    ("deadline", "когда-нибудь потом"),
    ("deadline", "ежегодно, май", "--from", "40.01.2025"),
    ("report", "--year", "двадцать пятый"),
    ("report", "школа.xlsx", "--out", "нет-папки/отчёт.docx"),
    ("publish", "школа.xlsx", "--out", "нет-папки/сайт"),
    ("nightly", "--stderr-level", "громко"),
    ("--verbose",),
]


@pytest.mark.parametrize("args", MISUSE, ids=[" ".join(a) for a in MISUSE])
def test_misuse_is_a_russian_sentence_with_exit_2(
    cli: Cli, tmp_path: Path, demo_file: Path, args: tuple[str, ...]
) -> None:
    _docx(tmp_path / "документ.xlsx")
    copy_of(demo_file, tmp_path)
    run = cli(*args)
    assert run.code == 2, run
    assert run.err.startswith("Ошибка: "), run
    assert_clean(run.err.replace(str(tmp_path), "ПАПКА"), args)


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("--verbose",), "Не указана команда."),
        (("sync", "--dry-run=да"), "Параметр --dry-run пишется без значения."),
        (("sync", "--today"), "После --today укажите значение."),
        (("validate", "a.xlsx", "b.xlsx"), "Лишний аргумент «b.xlsx»."),
        (
            ("sync", "--todya", "1"),
            "Неизвестный параметр «--todya». Возможно, вы имели в виду «--today»?",
        ),
    ],
)
def test_usage_mistakes_get_exact_sentences(cli: Cli, args: tuple[str, ...], sentence: str) -> None:
    run = cli(*args)
    assert run.code == 2
    assert run.err == f"Ошибка: {sentence} Справка: nastavnik --help\n"


def test_no_command_shows_the_help(cli: Cli) -> None:
    run = cli()
    assert run.code == 0 and run.out.startswith("Использование: nastavnik")
