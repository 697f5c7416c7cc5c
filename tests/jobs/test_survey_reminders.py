"""Survey reminders: once a wave month starts, who has not answered yet hears of it.

The school: mentor Иванова Мария Петровна with two pairs, НП-001 (Петров Пётр Сергеевич) and
НП-002 (Сидорова Анна Ивановна). On 10.12.2025 the form has answers from the mentor and from
Петров; Сидорова has not answered.
"""

from __future__ import annotations

from datetime import date, datetime

from nastavnik.jobs.notify.digest import build_mails
from nastavnik.sheets_schema.sheets import pairs, responsibles, settings, teachers
from nastavnik.sync.backends.memory import MemoryWorkbook
from nastavnik.sync.engine import RunReport, run_sync
from nastavnik.sync.service.attention_sheet import responsible_text, role_holders
from nastavnik.sync.service.summary import summary_indicators
from nastavnik.sync.snapshot import Cell
from tests.factories import MENTEE, MENTOR, grid, pair, responsible, setting, teacher, young_teacher

SECOND = "Сидорова Анна Ивановна"
DAY = date(2025, 12, 10)
FORM = "Ответы на форму (1)"
HEADER: list[Cell] = [
    "Отметка времени",
    "Ваши фамилия, имя и отчество",
    "Удовлетворённость участием",
]


def run(answers: list[list[Cell]], link: str | None = None, day: date = DAY) -> RunReport:
    grids = {
        teachers.TITLE: grid(
            teachers.SPEC,
            [
                teacher(email="ivanova@school.example"),
                young_teacher(email="petrov@school.example"),
                young_teacher(fio=SECOND, email="sidorova@school.example"),
            ],
        ),
        pairs.TITLE: grid(pairs.SPEC, [pair(), pair(code="НП-002", mentee=SECOND)]),
        responsibles.TITLE: grid(responsibles.SPEC, [responsible(email="koord@school.example")]),
        settings.TITLE: grid(
            settings.SPEC,
            [setting("Лист ответов опроса", FORM), setting("Ссылка на форму опроса", link)],
        ),
        FORM: [HEADER, *answers],
    }
    workbook = MemoryWorkbook.from_grids(grids)
    return run_sync(workbook, day, lambda: datetime(2025, 12, 10, 2, 0), dry_run=True)


def test_who_has_not_answered_is_reminded_and_the_mentor_and_coordinator_see_it() -> None:
    report = run(
        [[datetime(2025, 12, 3, 9, 0), MENTOR, 9], [datetime(2025, 12, 4, 9, 0), MENTEE, 8]]
    )
    mails, _ = build_mails(report, "школа.xlsx")
    to = {m.to_address: m for m in mails if m.key.startswith("person:")}
    line = "Пара НП-002: опрос «декабрь 2025» идёт, ещё не ответили: Сидорова Анна Ивановна (наставляемый)"
    assert line in to["sidorova@school.example"].text  # she is reminded herself
    assert line in to["ivanova@school.example"].text  # and her mentor's digest lists it
    assert "petrov@school.example" not in to  # he has answered: nothing of his is due
    [coordinator] = [m for m in mails if m.key.startswith("coordinator:")]
    assert line in coordinator.text
    assert "НП-001" not in " ".join(i.what for i in report.outcome.attention if "опрос" in i.what)


def test_once_everyone_answered_nobody_is_reminded() -> None:
    report = run(
        [
            [datetime(2025, 12, 3, 9, 0), MENTOR, 9],
            [datetime(2025, 12, 4, 9, 0), MENTEE, 8],
            [datetime(2025, 12, 9, 20, 0), SECOND, 7],
        ]
    )
    assert [i for i in report.outcome.attention if "опрос" in i.what] == []


def test_the_attention_sheet_names_the_mentor_and_the_mentee_who_has_not_answered() -> None:
    report = run([[datetime(2025, 12, 3, 9, 0), MENTOR, 9]])
    holders = role_holders(report.registry.sheet(responsibles.SPEC))
    texts = {i.what.split(":")[0]: responsible_text(i, holders) for i in report.outcome.attention}
    assert texts["Пара НП-001"] == f"педагоги-наставники; {MENTOR}; {MENTEE}"
    assert texts["Пара НП-002"] == f"педагоги-наставники; {MENTOR}; {SECOND}"


def test_the_reminder_carries_the_form_link_from_the_settings() -> None:
    report = run([[datetime(2025, 12, 3, 9, 0), MENTOR, 9]], link="forms.gle/AbC123")
    mails, _ = build_mails(report, "школа.xlsx")
    [to_her] = [m for m in mails if m.to_address == "sidorova@school.example"]
    assert (
        "ещё не ответили: Сидорова Анна Ивановна (наставляемый). Форма: https://forms.gle/AbC123"
        in to_her.text
    )
    assert "Форма: https://forms.gle/AbC123" in to_her.html


def test_a_link_that_is_not_a_web_address_is_an_error_at_its_cell_and_never_mailed() -> None:
    report = run([[datetime(2025, 12, 3, 9, 0), MENTOR, 9]], link='javascript:alert("x")')
    [problem] = [p for p in report.outcome.problems if p.sheet == settings.TITLE and p.row == 3]
    assert (problem.cell, problem.is_error) == ("B3", True)
    mails, _ = build_mails(report, "школа.xlsx")
    assert not any("javascript" in m.text or "javascript" in m.html for m in mails)


def test_during_the_wave_the_summary_counts_people_who_answered_and_who_have_not() -> None:
    report = run(
        [[datetime(2025, 12, 3, 9, 0), MENTOR, 9], [datetime(2025, 12, 4, 9, 0), MENTEE, 8]]
    )
    shown = {i.label: i.value for i in summary_indicators(report.outcome)}
    # asked: the mentor (once, for both pairs), Петров, Сидорова; answered: the mentor, Петров
    assert shown["Опрос «декабрь 2025»: ответили"] == 2
    assert shown["Опрос «декабрь 2025»: ещё не ответили"] == 1


def test_outside_a_wave_month_the_summary_has_no_survey_line() -> None:
    report = run([], day=date(2026, 1, 20))
    assert not [i for i in summary_indicators(report.outcome) if i.label.startswith("Опрос")]
