"""`report` records its figures on «Отчёты» (the real .xlsx), refuses politely while the file is
open, and picks the year itself when none is given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from nastavnik.cli.app import main
from nastavnik.reports.model import AnnualData, default_report_year
from tests.reports.support import demo_copy


def run_report(*args: str) -> None:
    try:
        main(["report", *args])
    except SystemExit as exit_:
        assert exit_.code in (0, None)


def recorded(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book["Отчёты"].iter_rows(values_only=True)]
    finally:
        book.close()


def test_report_records_the_figures_in_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = demo_copy(tmp_path)
    run_report(
        str(book), "--year", "2025/26", "--out", str(tmp_path / "o.docx"), "--today", "20.05.2026"
    )
    printed = capsys.readouterr().out
    assert "записаны на лист «Отчёты»" in printed
    rows = recorded(book)
    assert rows[0] == ("Учебный год", "Дата отчёта", "Показатель", "Значение")
    assert {r[0] for r in rows[1:]} == {"2025/26"}
    staff = [r for r in rows[1:] if r[2] == "Педагогов работает"]
    assert len(staff) == 1 and staff[0][3] == 39  # 38 working + Гусева, who left 31.10.2025
    run_report(
        str(book), "--year", "2025/26", "--out", str(tmp_path / "o.docx"), "--today", "20.05.2026"
    )
    assert "уже записаны" in capsys.readouterr().out
    assert len(recorded(book)) == len(rows)


def test_an_open_file_still_gives_the_report_and_says_why_nothing_was_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nastavnik.reports import report

    book = demo_copy(tmp_path)
    lock = book.with_name(".~lock." + book.name + "#")
    write = report.write_report

    def opened_meanwhile(data: AnnualData, path: Path) -> None:
        write(data, path)
        lock.write_text("x", encoding="utf-8")  # LibreOffice opened the file after the read

    monkeypatch.setattr(report, "write_report", opened_meanwhile)
    before = book.read_bytes()
    out = tmp_path / "o.docx"
    run_report(str(book), "--year", "2025/26", "--out", str(out), "--today", "20.05.2026")
    captured = capsys.readouterr()
    assert out.exists()
    assert "НЕ записаны на лист «Отчёты»" in captured.err and "LibreOffice" in captured.err
    assert "Traceback" not in captured.err
    assert book.read_bytes() == before


def test_report_without_a_year_says_which_year_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = demo_copy(tmp_path)
    run_report(str(book), "--out", str(tmp_path / "o.docx"), "--today", "20.11.2026")
    printed = capsys.readouterr().out
    assert "текущий учебный год 2026/27 ещё не закончен" in printed
    assert "Отчёт за 2025/26 учебный год сохранён" in printed


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 11, 20), 2025),  # November: 2026/27 is unfinished → 2025/26
        (date(2027, 4, 30), 2025),
        (date(2027, 5, 1), 2026),  # from 1 May: the current year
        (date(2027, 8, 31), 2026),
        (date(2027, 9, 1), 2026),  # a new year has begun: the one just finished
    ],
)
def test_default_report_year(today: date, start: int) -> None:
    assert default_report_year(today)[0] == start
