"""The console: Russian output, exit codes 0/1/2, no traceback without --verbose."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from nastavnik.cli.app import main_group
from nastavnik.sheets_schema.reference import BEGIN, END, reference
from tests.cli.support import CYRILLIC, TODAY, Cli, copy_of
from tests.paths import REPO


def test_every_command_has_russian_help(cli: Cli) -> None:
    for name in [None, *main_group.commands]:
        run = cli(*([name] if name else []), "--help")
        assert run.code == 0
        assert "Использование:" in run.out and "Параметры" in run.out
        assert "Usage" not in run.out and "Show this message" not in run.out
        if name:
            assert CYRILLIC.search(main_group.commands[name].help or "")


def test_unknown_option_is_a_russian_usage_error_with_exit_2(cli: Cli) -> None:
    run = cli("sync", "--bogus")
    assert run.code == 2
    assert "Неизвестный параметр" in run.err and "Traceback" not in run.err


def test_bad_today_is_a_usage_error(cli: Cli) -> None:
    run = cli("validate", "x.xlsx", "--today", "31.02.2025")
    assert run.code == 2 and "Такой даты нет" in run.err


def test_missing_file_is_exit_2_with_a_russian_message(cli: Cli) -> None:
    run = cli("sync", "нет-такого.xlsx")
    assert run.code == 2
    assert "не найден" in run.err and "Traceback" not in run.err


def test_not_a_workbook_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "broken.xlsx").write_text("not a zip")
    run = cli("validate", "broken.xlsx")
    assert run.code == 2 and CYRILLIC.search(run.err) and "Traceback" not in run.err


def test_verbose_shows_the_traceback(cli: Cli) -> None:
    run = cli("--verbose", "sync", "нет-такого.xlsx")
    assert run.code == 2 and "Traceback" in run.err


def test_init_then_validate_an_empty_workbook_is_clean(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "new.xlsx").code == 0
    names = openpyxl.load_workbook(tmp_path / "new.xlsx").sheetnames
    assert "Педагоги" in names and "Дорожная карта" in names
    second = cli("init", "new.xlsx")
    assert second.code == 0 and "ничего не изменено" in second.out
    run = cli("validate", "new.xlsx", *TODAY)
    assert run.code == 0, run.out


def test_init_says_which_sheets_it_repaired(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "new.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "new.xlsx")
    book["Пары"].freeze_panes = None  # a LibreOffice round trip loses the freeze
    book.save(tmp_path / "new.xlsx")
    run = cli("init", "new.xlsx")
    assert run.code == 0
    assert "Оформление восстановлено или обновлено на листах: «Пары»." in run.out
    assert openpyxl.load_workbook(tmp_path / "new.xlsx")["Пары"].freeze_panes == "A2"


def test_target_comes_from_the_environment_then_the_config_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nastavnik.toml").write_text('target = "из-конфига.xlsx"\n', encoding="utf-8")
    assert cli("init").code == 0
    assert (tmp_path / "из-конфига.xlsx").exists()
    monkeypatch.setenv("NASTAVNIK_TARGET", str(tmp_path / "из-окружения.xlsx"))
    assert cli("init").code == 0
    assert (tmp_path / "из-окружения.xlsx").exists()


def test_default_target_is_nastavnichestvo_xlsx(cli: Cli, tmp_path: Path) -> None:
    assert cli("init").code == 0
    assert (tmp_path / "nastavnichestvo.xlsx").exists()


def test_validate_lists_problems_by_sheet_with_cells_and_exits_1(
    cli: Cli, demo_file: Path, tmp_path: Path
) -> None:
    target = copy_of(demo_file, tmp_path)
    before = target.read_bytes()
    run = cli("validate", str(target), *TODAY)
    assert run.code == 1
    assert "Лист «Встречи»" in run.out
    assert re.search(r"\b[A-Z]{1,2}\d+ ", run.out)
    assert "Как исправить" in run.out
    assert target.read_bytes() == before


def test_sync_dry_run_writes_nothing(cli: Cli, demo_file: Path, tmp_path: Path) -> None:
    target = copy_of(demo_file, tmp_path)
    before = target.read_bytes()
    run = cli("sync", str(target), "--dry-run", "--today", "21.11.2025")
    assert "Пробный запуск" in run.out
    assert target.read_bytes() == before


def test_second_sync_of_the_demo_changes_nothing(cli: Cli, demo_file: Path, tmp_path: Path) -> None:
    target = copy_of(demo_file, tmp_path)
    before = target.read_bytes()
    run = cli("sync", str(target), *TODAY)
    assert run.code == 1  # the demo carries deliberate data errors
    assert "Изменений нет" in run.out
    assert target.read_bytes() == before


def test_demo_tells_which_sheets_to_open(cli: Cli, tmp_path: Path) -> None:
    run = cli("demo", "d.xlsx", *TODAY)
    assert "«Сводка»" in run.out and "«Просрочено»" in run.out and "«Ошибки»" in run.out
    book = openpyxl.load_workbook(tmp_path / "d.xlsx")
    assert book["Ошибки"].max_row > 3 and book["Просрочено"].max_row > 2


def test_demo_refuses_to_overwrite_another_file_without_force(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "мой.xlsx").write_bytes(b"precious")
    run = cli("demo", "мой.xlsx")
    assert run.code == 2 and (tmp_path / "мой.xlsx").read_bytes() == b"precious"


def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nastavnik", "validate", str(tmp_path / "нет.xlsx")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "не найден" in done.stderr


def test_readme_registry_reference_is_generated_from_the_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(BEGIN, 1)[1].split(END, 1)[0]
    assert block.strip() == reference().strip(), (
        "run: python -m nastavnik.sheets_schema.reference --write"
    )


def test_deadline_prints_the_family_and_occurrences(cli: Cli) -> None:
    run = cli("deadline", "ежегодно, декабрь, апрель")
    assert run.code == 0
    assert "ежегодно" in run.out and "31.12.2024" in run.out and "30.04.2027" in run.out


def test_deadline_json_has_the_documented_shape(cli: Cli) -> None:
    import json

    run = cli("deadline", "в течение года", "--from", "01.09.2025", "--to", "31.08.2026", "--json")
    data = json.loads(run.out)
    assert data["text"] == "в течение года" and data["kind"]
    assert data["occurrences"] == [
        {"start": "2025-09-01", "due": "2026-05-31", "academic_year": "2025/26"}
    ]


def test_deadline_that_cannot_be_understood_exits_2_with_examples(cli: Cli) -> None:
    run = cli("deadline", "когда-нибудь потом")
    assert run.code == 2
    assert "«когда-нибудь потом»" in run.err and "в течение года" in run.err
