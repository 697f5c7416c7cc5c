"""`nastavnik form` on real .xlsx files: the ФИО list, JSON, titles that round-trip, exit codes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from nastavnik.sheets_schema.sheets import pairs as pairs_sheet
from nastavnik.sheets_schema.sheets import settings as settings_sheet
from nastavnik.sheets_schema.sheets import teachers as teachers_sheet
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.snapshot import Cell
from tests.backend_harnesses import Grids, create_google_book, google_workbook, make_book
from tests.cli.support import TODAY, Cli
from tests.factories import grid, pair, people, setting, teacher, young_teacher
from tests.fake_sheets.server import FakeServer
from tests.reports.survey_support import (
    ALTERNATIVE_FIELDS,
    FINISHED,
    FORM_FIELDS,
    NEXT_YEAR,
    fields_under,
    json_titles,
    text_titles,
)

SIDOROVA, BELOV = "Сидорова Анна Ивановна", "Белов Борис Романович"
NAMES = [
    "Ёлкина Алёна Олеговна",
    "Иванова Мария Петровна",
    "Петров Пётр Сергеевич",
    "Сидорова Анна Ивановна",
]


def school_grids(*, with_pairs: bool = True) -> Grids:
    """«Педагоги», «Пары» (one active, one planned, one finished pair) and «Настройки»."""
    people_rows = [
        *people(),  # Иванова Мария Петровна, Петров Пётр Сергеевич
        teacher(fio=SIDOROVA),
        young_teacher(fio="Ёлкина Алёна Олеговна"),
        teacher(fio="Орлова Ольга Игоревна"),
        young_teacher(fio=BELOV),
    ]
    pair_rows = [
        pair(),  # Иванова → Петров, «действует»
        pair(code="НП-002", mentor=SIDOROVA, mentee="елкина алена олеговна", **NEXT_YEAR),
        pair(code="НП-003", mentor="Орлова Ольга Игоревна", mentee=BELOV, **FINISHED),
    ]
    return {
        teachers_sheet.TITLE: grid(teachers_sheet.SPEC, people_rows),
        pairs_sheet.TITLE: grid(pairs_sheet.SPEC, pair_rows if with_pairs else []),
        settings_sheet.TITLE: grid(
            settings_sheet.SPEC, [setting("Месяцы сбора обратной связи", "декабрь, апрель")]
        ),
    }


def school_book(path: Path, *, with_pairs: bool = True) -> Path:
    """The school's registry as a real .xlsx file."""
    return make_book(path, school_grids(with_pairs=with_pairs))


def test_json_lists_the_people_of_live_pairs_and_is_valid_utf8_json(
    cli: Cli, tmp_path: Path
) -> None:
    path = school_book(tmp_path / "школа.xlsx")
    before = path.read_bytes()
    run = cli("form", "школа.xlsx", "--json", *TODAY)
    assert run.code == 0, run.err
    assert path.read_bytes() == before  # writes nothing
    data = json.loads(run.out)
    assert data["names"] == NAMES
    assert data["as_of"] == "2025-11-20"
    assert data["waves"]["months"] == [12, 4]
    assert "Ёлкина" in run.out  # letters as they are, not \u escapes


def test_text_lists_the_names_and_every_printed_title_is_a_recognised_header(
    cli: Cli, tmp_path: Path
) -> None:
    school_book(tmp_path / "школа.xlsx")
    text = cli("form", "школа.xlsx", *TODAY)
    as_json = cli("form", "школа.xlsx", "--json", *TODAY)
    assert (text.code, as_json.code) == (0, 0)
    lines = text.out.splitlines()
    start = lines.index("Список ФИО (4):")
    assert lines[start + 1 : start + 5] == NAMES
    titles, alternative = json_titles(as_json.out)
    assert text_titles(lines) == titles + alternative
    assert list(fields_under(titles).values()) == FORM_FIELDS
    assert list(fields_under(alternative).values()) == ALTERNATIVE_FIELDS
    assert list(fields_under(text_titles(lines)[:7]).values()) == FORM_FIELDS
    assert "Скачать ответы" in text.out  # a local file: answers are pasted, not linked


def test_a_google_spreadsheet_gets_the_same_list_and_the_link_to_sheets_how_to(
    cli: Cli, fake_sheets: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    book_id = create_google_book(fake_sheets, school_grids())

    def through_the_fake(target: str, *, credentials: str | None = None) -> Workbook:
        assert book_id in target
        return google_workbook(fake_sheets, book_id)

    monkeypatch.setattr("nastavnik.cli.options.open_workbook", through_the_fake)
    target = f"https://docs.google.com/spreadsheets/d/{book_id}/edit"
    as_json = cli("form", target, "--json", *TODAY)
    assert as_json.code == 0, as_json.err
    assert json.loads(as_json.out)["names"] == NAMES
    text = cli("form", target, *TODAY)
    assert text.code == 0
    assert "«Связать с Таблицами» → «Выбрать существующую таблицу» → эта таблица" in text.out
    assert fake_sheets.controller.writes == 0


def test_a_response_sheet_headed_by_the_printed_titles_is_counted_by_the_next_check(
    cli: Cli, tmp_path: Path
) -> None:
    """The whole loop: titles from `form --json` → a Google-style response sheet → `validate`."""
    school_book(tmp_path / "form.xlsx")
    titles, _ = json_titles(cli("form", "form.xlsx", "--json", *TODAY).out)
    grids: dict[str, Sequence[Sequence[Cell]]] = dict(school_grids())
    grids[settings_sheet.TITLE] = grid(
        settings_sheet.SPEC, [setting("Лист ответов опроса", "Ответы на форму (1)")]
    )
    answers: list[list[Cell]] = [
        # Иванова (mentor of НП-001) and Петров (its mentee), each as Google Forms writes a row.
        [datetime(2025, 12, 5, 10, 15), "Иванова Мария Петровна", "", 9, 8, 7, "Встречи", ""],
        [datetime(2025, 12, 8, 16, 40), "Петров Пётр Сергеевич", "", 10, 9, 8, "", "Чаще"],
    ]
    header: list[Cell] = ["Отметка времени", *[t + " *" for t in titles]]
    grids["Ответы на форму (1)"] = [header, *answers]
    make_book(tmp_path / "школа.xlsx", grids)
    run = cli("validate", "школа.xlsx", "--today", "20.12.2025")
    assert "Ответы формы (лист «Ответы на форму (1)»): строк — 2, учтено ответов — 2." in run.out
    assert "Ответы на форму (1)» —" not in run.out  # no problem listed on the response sheet


def test_without_an_argument_it_reads_the_default_workbook(cli: Cli, tmp_path: Path) -> None:
    school_book(tmp_path / "nastavnichestvo.xlsx")
    run = cli("form", "--json", *TODAY)
    assert run.code == 0, run.err
    assert json.loads(run.out)["names"] == NAMES


def test_a_workbook_without_pairs_prints_an_empty_list_and_says_to_fill_pairs(
    cli: Cli, tmp_path: Path
) -> None:
    school_book(tmp_path / "школа.xlsx", with_pairs=False)
    run = cli("form", "школа.xlsx", *TODAY)
    assert run.code == 0, run.err
    assert "Список ФИО (0):" in run.out
    assert "Сначала заполните лист «Пары»" in run.out
    assert json.loads(cli("form", "школа.xlsx", "--json", *TODAY).out)["names"] == []


def test_today_decides_which_planned_pairs_are_listed(cli: Cli, tmp_path: Path) -> None:
    school_book(tmp_path / "школа.xlsx")
    # 20.12.2026: the planned pair's term (to 18.12.2026) is over; the active one still works.
    later = cli("form", "школа.xlsx", "--json", "--today", "20.12.2026")
    assert json.loads(later.out)["names"] == ["Иванова Мария Петровна", "Петров Пётр Сергеевич"]
    wrong = cli("form", "школа.xlsx", "--today", "31.02.2026")
    assert wrong.code == 2 and "Такой даты нет" in wrong.err


def test_a_missing_file_is_exit_2_with_a_russian_message(cli: Cli) -> None:
    run = cli("form", "нет-такой.xlsx", *TODAY)
    assert run.code == 2
    assert "Файл «нет-такой.xlsx» не найден" in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_a_target_that_is_not_a_workbook_is_exit_2(cli: Cli) -> None:
    run = cli("form", "таблица.csv")
    assert run.code == 2
    assert "не файл .xlsx и не ссылка на Google Таблицу" in run.err


def test_json_stays_clean_when_the_file_is_open_in_libreoffice(cli: Cli, tmp_path: Path) -> None:
    school_book(tmp_path / "школа.xlsx")
    (tmp_path / ".~lock.школа.xlsx#").write_text("Иванова,host,user,20.11.2025 09:00;")
    run = cli("form", "школа.xlsx", "--json", *TODAY)
    assert run.code == 0
    assert json.loads(run.out)["names"] == NAMES
    assert run.err.strip() != ""  # the note went to stderr


def test_help_is_russian(cli: Cli) -> None:
    run = cli("form", "--help")
    assert run.code == 0
    assert "ТАБЛИЦА" in run.out and "--json" in run.out
    assert "Google Формах или Яндекс Формах" in " ".join(run.out.split())
