"""The public summary: aggregates only — no ФИО, no e-mail, no group under 3 people alone."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from nastavnik.cli.app import main
from nastavnik.reports.model import COMPETENCE, feedback_label
from nastavnik.reports.public import FEW, HIDDEN, public_sections, public_text
from nastavnik.reports.publish import CHARTS, PAGE, POST, write_public
from tests.reports.support import TODAY, demo_workbook, demo_year, teachers, with_values

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo school's public page for 2025/26, written by the command staff run."""
    out = tmp_path_factory.mktemp("site") / "сайт"
    try:
        main(["publish", str(demo_workbook()), "--out", str(out), *TODAY])
    except SystemExit as exit_:
        assert exit_.code in (0, None)
    return out


def test_publish_writes_the_page_its_charts_and_the_post(site: Path) -> None:
    names = {p.name for p in site.iterdir()}
    assert names == {PAGE, POST, *CHARTS}
    for chart in CHARTS:
        assert (site / chart).read_bytes().startswith(PNG_MAGIC)
        assert f'src="{chart}"' in (site / PAGE).read_text(encoding="utf-8")
    page = (site / PAGE).read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "2025/26 учебный год" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_no_name_or_email_from_pedagogi_anywhere_in_the_output(site: Path) -> None:
    people = teachers()
    assert len(people) > 30
    files = list(site.rglob("*"))
    assert files
    for path in files:
        raw = path.read_bytes()
        text = raw.decode("utf-8") if not raw.startswith(PNG_MAGIC) else ""
        words = set(re.findall(r"[А-Яа-яЁё]+", text))
        for fio, email in people:
            assert fio.encode() not in raw, (path.name, fio)
            surname = fio.split()[0]
            assert surname not in words, (path.name, surname)
            if email:
                assert email.encode() not in raw, (path.name, email)
        assert not EMAIL.search(text), (path.name, EMAIL.search(text))


def test_no_per_person_figure_and_small_groups_are_not_numbers(site: Path) -> None:
    data = demo_year(2025)
    sections = dict(public_sections(data))
    forms = {f.label: f.text for f in sections["Пары и группы по формам наставничества"]}
    # the demo has 3 traditional and 3 group pairs; the forms with 1 pair each (reverse,
    # partner, and НП-006's — still active after its planned end) are merged, never shown alone
    assert forms == {"традиционная (один на один)": "3", "групповая": "3", "другие формы": "3"}
    assert public_text(data, "Наставников прошли повышение квалификации") == FEW  # 1 mentor
    assert public_text(data, "Часов обучения наставников") == HIDDEN  # his hours: hidden
    page = (site / PAGE).read_text(encoding="utf-8")
    assert FEW in page and HIDDEN in page


def test_small_counts_and_averages_over_few_answers_are_hidden() -> None:
    data = with_values(
        demo_year(2025),
        {"Наставников": 2, "Наставляемых": 1, "Молодых специалистов": 2},
    )
    assert public_text(data, "Наставников") == FEW
    assert public_text(data, "Наставляемых") == FEW
    assert public_text(data, "Молодых специалистов с наставником, %") == HIDDEN
    label = feedback_label(12, "наставник")
    few_answers = replace(data, answers={**data.answers, label: 2, COMPETENCE: 2})
    assert (
        public_text(few_answers, "Удовлетворённость участием: наставники, декабрь (из 10)")
        == HIDDEN
    )
    enough = replace(data, answers={**data.answers, label: 3})
    assert public_text(enough, "Удовлетворённость участием: наставники, декабрь (из 10)") == "8,56"
    with_change = with_values(few_answers, {COMPETENCE: 1.5})
    assert (
        public_text(with_change, "Изменение профессиональных компетенций за год (баллов из 10)")
        == HIDDEN
    )
    zero = with_values(data, {"Наставников": 0})
    assert public_text(zero, "Наставников") == "0"


def test_public_figures_are_the_report_figures(site: Path) -> None:
    data = demo_year(2025)
    # 178 meeting rows in 2025/26; one has the code «НП-0l2» (Latin l): no readable pair
    assert public_text(data, "Встреч наставников и наставляемых") == "177"
    # 15 involved of 39 who worked in 2025/26 (38 still working + Гусева, who left 31.10.2025)
    assert public_text(data, "Педагогов, вовлечённых в наставничество, %") == "38,5"
    post = (site / POST).read_text(encoding="utf-8")
    mentors, mentees = public_text(data, "Наставников"), public_text(data, "Наставляемых")
    share = public_text(data, "Педагогов, вовлечённых в наставничество, %")
    assert f"Наставников — {mentors}, наставляемых — {mentees}" in post and f"{share} %" in post


def test_a_year_without_data_gives_a_page_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "coverage.png").write_bytes(PNG_MAGIC)  # left from an earlier run
    (tmp_path / "logo.png").write_bytes(PNG_MAGIC)  # the school's own file
    written = write_public(demo_year(2026), tmp_path)
    assert {p.name for p in written} == {PAGE, POST}
    assert not (tmp_path / "coverage.png").exists()
    assert (tmp_path / "logo.png").exists()
    assert "данных пока нет" in (tmp_path / PAGE).read_text(encoding="utf-8")
    assert "Данных за этот учебный год пока нет" in (tmp_path / POST).read_text(encoding="utf-8")
