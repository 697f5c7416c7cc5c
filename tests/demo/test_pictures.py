"""What staff see on paper: the synced demo and a fresh `init` workbook printed by LibreOffice.

Each workbook is converted to PDF with ``soffice --headless``; every printed page carries the
sheet's title in its page header, so the pages of each sheet are found from the page text
(pdftotext). «Сводка» must print one page wide and «Педагоги» fit its width too, with the
header row repeated on every page. One PNG per service sheet (pdftoppm) goes to the test
report folder ($NASTAVNIK_TEST_REPORT, else test-report/ in the repository) for a person to
look at. Skipped, with the reason, without LibreOffice Calc or poppler-utils.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from nastavnik.demo.build import build_demo
from nastavnik.sheets_schema import SERVICE_SHEETS
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.engine import run_init
from tests.engine_helpers import clock
from tests.paths import REPO

TODAY = date(2025, 10, 15)
TOOLS = ("soffice", "pdftotext", "pdftoppm")
needs_office = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason="нет LibreOffice Calc или poppler-utils: установите пакеты Debian libreoffice-calc "
    "и poppler-utils (.ci/run ставит их, если есть apt)",
)


def report_folder() -> Path:
    """Where the pictures go for a person to look at."""
    folder = Path(os.environ.get("NASTAVNIK_TEST_REPORT", REPO / "test-report")) / "pictures"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def to_pdf(workbook: Path, profile: Path) -> Path:
    """Print the workbook to PDF as LibreOffice does (its own profile: no shared state)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workbook.parent),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return workbook.with_suffix(".pdf")


def pages_by_sheet(pdf: Path) -> dict[str, list[str]]:
    """Sheet title (the first line of the page header) → the text of each of its pages."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    pages: dict[str, list[str]] = defaultdict(list)
    for page in text.split("\f"):
        lines = [line.split() for line in page.splitlines() if line.strip()]
        if lines:
            title = " ".join(word for word in lines[0][:-1])  # the date ends the header line
            pages[title].append(page)
    return pages


def first_page_numbers(pdf: Path) -> dict[str, int]:
    """Sheet title → the 1-based number of its first printed page."""
    numbers: dict[str, int] = {}
    position = 0
    for title, pages in pages_by_sheet(pdf).items():
        numbers[title] = position + 1
        position += len(pages)
    return numbers


def render_service_sheets(pdf: Path, name: str) -> list[Path]:
    """One PNG of the first page of each service sheet, into the report folder."""
    out = []
    firsts = first_page_numbers(pdf)
    for spec in SERVICE_SHEETS:
        page = firsts.get(spec.title)
        if page is None:
            continue
        target = report_folder() / f"{name}-{spec.title}"
        pages = ("-f", str(page), "-l", str(page))
        command = ["pdftoppm", "-png", "-r", "70", "-singlefile", *pages, str(pdf), str(target)]
        subprocess.run(command, check=True, timeout=60)
        out.append(target.with_suffix(".png"))
    return out


def assert_one_page_wide(pages: list[str], headers: tuple[str, ...]) -> None:
    """Every page shows the first and the last column's header: printed one page wide,
    with the header row repeated."""
    assert pages
    for page in pages:
        for header in headers:
            assert header in page


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("print")
    demo = folder / "демо.xlsx"
    build_demo(demo, TODAY, clock)
    fresh = folder / "новая.xlsx"
    run_init(XlsxWorkbook(fresh))
    profile = folder / "profile"
    return {"demo": to_pdf(demo, profile), "init": to_pdf(fresh, profile)}


@needs_office
def test_the_demo_prints_summary_on_one_page_and_teachers_one_page_wide(
    printed: dict[str, Path],
) -> None:
    pages = pages_by_sheet(printed["demo"])
    assert list(pages)[:3] == ["Сводка", "Просрочено", "Ошибки"]  # service sheets first
    assert len(pages["Сводка"]) == 1
    assert_one_page_wide(pages["Сводка"], ("Раздел", "Показатель", "Значение"))
    assert 1 <= len(pages["Педагоги"]) <= 3  # 38 teachers, landscape, fit to width
    assert_one_page_wide(pages["Педагоги"], ("ФИО", "Проверка"))
    total = sum(len(p) for p in pages.values())
    assert total < 40  # it was 125 pages before the print setup


@needs_office
def test_a_fresh_init_workbook_prints_each_sheet_on_one_page(printed: dict[str, Path]) -> None:
    pages = pages_by_sheet(printed["init"])
    assert list(pages)[:3] == ["Сводка", "Просрочено", "Ошибки"]
    assert len(pages["Сводка"]) == 1 and len(pages["Педагоги"]) == 1
    assert_one_page_wide(pages["Педагоги"], ("ФИО", "Проверка"))


@needs_office
def test_service_sheets_are_rendered_for_the_report(printed: dict[str, Path]) -> None:
    pictures = render_service_sheets(printed["demo"], "демо") + render_service_sheets(
        printed["init"], "init"
    )
    assert len(pictures) >= 6
    for picture in pictures:
        assert picture.read_bytes().startswith(b"\x89PNG")
        assert picture.stat().st_size > 5_000  # a page with a table, not a blank
