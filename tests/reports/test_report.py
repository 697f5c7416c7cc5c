"""The annual report of the demo school: every section, and every figure equal to the
same figure in «Сводка» and «Мониторинг» (read back from the workbook with openpyxl)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from docx import Document

from nastavnik.cli.app import main
from nastavnik.reports.model import AnnualData, parse_year
from nastavnik.reports.report import write_report
from nastavnik.reports.sections import NO_DATA_HEADING, SECTIONS
from nastavnik.reports.text import NO_DATA, parse_number
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.engine import run_init, run_validate
from tests.reports.support import (
    MAY,
    TODAY,
    clock,
    demo_copy,
    demo_workbook,
    demo_year,
    sheet_rows,
    value_tables,
    year_table,
)

NOW_SECTIONS = ("Общее", "Сейчас")  # «Сводка» rows about today, not the year


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports of the past year (2024/25) and the current one (2025/26)."""
    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for start in (2024, 2025):
        data = demo_year(start)
        paths[data.label] = folder / f"{start}.docx"
        write_report(data, paths[data.label])
    return paths


def same(text: str, value: object) -> bool:
    """The report's text of a number equals the sheet's value."""
    shown = parse_number(text) if text not in ("—", NO_DATA) else None
    if value is None or shown is None:
        return value is None and shown is None
    assert isinstance(value, int | float)
    return math.isclose(shown, float(value), abs_tol=1e-9)


def monitoring() -> dict[str, dict[str, object]]:
    """«Мониторинг» as stored: label → year → value."""
    rows = sheet_rows("Мониторинг")
    years = [str(y) for y in rows[0][2:]]
    return {str(r[1]): dict(zip(years, r[2:], strict=True)) for r in rows[1:]}


def test_report_opens_with_every_section_on_a4(reports: dict[str, Path]) -> None:
    document = Document(str(reports["2025/26"]))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings == list(SECTIONS)
    text = "\n".join(p.text for p in document.paragraphs)
    for needed in (
        "МАОУ «СОШ № 5»",
        "АНАЛИТИЧЕСКИЙ ОТЧЁТ",
        "за 2025/26 учебный год",
        "20 мая 2026 г.",
    ):
        assert needed in text
    assert "Заместитель директора" in text  # ready to sign
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert (round(width.mm), round(height.mm)) == (210, 297)
    assert document.styles["Normal"].font.size.pt >= 12
    assert len(document.inline_shapes) == 3  # coverage by year, meetings by month, feedback


def test_every_figure_of_the_current_year_equals_svodka(reports: dict[str, Path]) -> None:
    figures = value_tables(reports["2025/26"])
    checked = 0
    for section, label, value in sheet_rows("Сводка")[1:]:
        if section in NOW_SECTIONS:
            continue
        assert str(label) in figures, f"«{label}» is in «Сводка» but not in the report"
        assert same(figures[str(label)], value), (label, figures[str(label)], value)
        checked += 1
    assert checked >= 50


@pytest.mark.parametrize("year", ["2024/25", "2025/26"])
def test_every_figure_equals_monitoring(reports: dict[str, Path], year: str) -> None:
    sheet = monitoring()
    figures = value_tables(reports[year])
    for label, by_year in sheet.items():
        assert same(figures[label], by_year[year]), (year, label, figures[label], by_year[year])


def test_comparison_table_is_monitoring_up_to_the_year(reports: dict[str, Path]) -> None:
    sheet = monitoring()
    past = year_table(reports["2024/25"])
    assert past[0] == ["Показатель", "2024/25"]  # no columns after the report's year
    table = year_table(reports["2025/26"])
    assert table[0] == ["Показатель", "2024/25", "2025/26"]
    rows = {row[0]: row[1:] for row in table[1:]}
    for label, by_year in sheet.items():
        for year, text in zip(table[0][1:], rows[label], strict=True):
            assert same(text, by_year[year]), (label, year, text, by_year[year])


def test_details_add_up_to_the_sheet_totals() -> None:
    for start in (2024, 2025):
        data = demo_year(start)
        assert sum(m.meetings for m in data.months) == data.value("Встреч за учебный год")
        assert sum(m.visits for m in data.months) == data.value("из них взаимопосещений уроков")
        need, have = (
            data.count("Нуждаются в наставнике"),
            data.count("Нуждающихся, у кого есть наставник"),
        )
        assert len(data.need_without_mentor) == need - have
        young = data.count("Молодых специалистов") - data.count(
            "Молодых специалистов, у кого есть наставник"
        )
        assert len(data.young_without_mentor) == young
        missed = [m for m in data.missed if m.state == "просрочено"]
        assert len(missed) == data.value("Сроков: просрочено")
        assert len(data.missed) - len(missed) == data.value("Сроков: выполнено с опозданием")
        assert sum(q.errors for q in data.quality) == data.value("Ошибок")


def test_internal_report_names_who_still_needs_a_mentor(reports: dict[str, Path]) -> None:
    data = demo_year(2025)
    assert data.need_without_mentor  # the demo has teachers without a mentor
    text = "\n".join(p.text for p in Document(str(reports["2025/26"])).paragraphs)
    for name in data.need_without_mentor:
        assert name in text
    assert f"Нуждаются в наставнике, но не имеют его: {len(data.need_without_mentor)}" in text


def test_missed_deadlines_are_listed_with_their_activity(reports: dict[str, Path]) -> None:
    data = demo_year(2025)
    assert data.missed
    cells = {
        c.text for t in Document(str(reports["2025/26"])).tables for r in t.rows for c in r.cells
    }
    for missed in data.missed:
        assert missed.activity in cells


def _short_report(data: AnnualData, path: Path) -> str:
    write_report(data, path)
    document = Document(str(path))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings == [NO_DATA_HEADING]
    assert not document.tables and not document.inline_shapes
    return "\n".join(p.text for p in document.paragraphs)


def test_a_year_without_data_gives_a_short_report_that_says_so(tmp_path: Path) -> None:
    before = demo_year(2023)  # before the roadmap period: nothing was recorded
    assert not before.has_data
    assert "нет записей за 2023/24 учебный год" in _short_report(before, tmp_path / "a.docx")
    future = demo_year(2026)
    assert not future.has_data
    assert "ещё не начался" in _short_report(future, tmp_path / "b.docx")


def test_an_empty_workbook_gives_the_short_report(tmp_path: Path) -> None:
    from nastavnik.reports.model import build_annual

    workbook = XlsxWorkbook(tmp_path / "пусто.xlsx")
    run_init(workbook)
    outcome = run_validate(workbook, MAY, clock).outcome
    text = _short_report(build_annual(outcome, 2025), tmp_path / "c.docx")
    assert "нет записей за 2025/26 учебный год" in text


def test_report_command_writes_the_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "отчёт.docx"
    with _no_exit():
        main(["report", str(demo_copy(tmp_path)), "--year", "2025/26", "--out", str(out), *TODAY])
    printed = capsys.readouterr().out
    assert "Отчёт за 2025/26 учебный год сохранён" in printed
    assert "ошиб" in printed  # the demo has errors: the user is told before signing
    assert set(value_tables(out)) >= {"Наставников", "Ошибок"}


def test_report_command_default_name_and_bad_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with _no_exit():
        main(["report", str(demo_copy(tmp_path)), "--year", "2024/2025", *TODAY])
    assert (tmp_path / "nastavnichestvo-otchet-2024-25.docx").exists()
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(demo_workbook()), "--year", "2025/27", *TODAY])
    assert exit_.value.code == 2
    assert "не учебный год" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2025/26", 2025),
        ("2025/2026", 2025),
        ("2025-26", 2025),
        ("2025", 2025),
        (" 2024/25 уч. г.", 2024),
    ],
)
def test_parse_year(text: str, start: int) -> None:
    assert parse_year(text) == start


@pytest.mark.parametrize("text", ["2025/27", "25/26", "двадцать пятый", ""])
def test_parse_year_refuses_what_is_not_a_year(text: str) -> None:
    with pytest.raises(ValueError, match="не учебный год"):
        parse_year(text)


class _no_exit:
    """A CLI run that ends with exit code 0 (or returns without exiting)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: object, _tb: object) -> bool:
        if isinstance(error, SystemExit):
            assert error.code in (0, None), error.code
            return True
        return False
