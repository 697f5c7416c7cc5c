"""Indicators for one academic year: the numbers behind «Сводка» and «Мониторинг».

The same function serves the current year (as of today) and past years, so the
dashboard and the monitoring table can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import mean
from typing import Protocol

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import assessment
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.answers import answer_key
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import MONTH_NAMES, day_in_academic_year, month_end, overlaps
from nastavnik.sync.compute.feedback import answered_units
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.compute.population import Population, Year, population

Number = int | float | None
PLURAL = {ch.ROLE_MENTOR: "наставники", ch.ROLE_MENTEE: "наставляемые"}


class RoadmapState(Protocol):
    """What the indicators need of a roadmap occurrence's state."""

    @property
    def academic_year(self) -> str: ...

    @property
    def state(self) -> str: ...


@dataclass(frozen=True)
class Indicator:
    """One number: its section, its label (Russian), its value (None = no data)."""

    section: str
    label: str
    value: Number


def percent(part: int, whole: int) -> float | None:
    """part/whole in %, one decimal; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


def average(values: list[int] | list[float]) -> float | None:
    """Mean to two decimals; None for no values."""
    return round(mean(values), 2) if values else None


def year_indicators(ctx: Context, year: Year) -> list[Indicator]:
    """All indicators of one academic year, in a fixed order, from the year's population."""
    people = population(ctx, year)
    return [
        *_participants(people),
        *_coverage(ctx, people),
        *_programmes(ctx, people),
        *_meetings(people),
        *_feedback(ctx, people),
        *_assessment(ctx, people),
        *_development(people),
    ]


def _participants(people: Population) -> Iterator[Indicator]:
    section = "Участники"
    worked = people.pairs
    groups = {fold(p.pair.group) for p in worked if p.pair.group}
    yield Indicator(section, "Педагогов работает", len(people.staff))
    yield Indicator(section, "Наставников", len(people.mentors))
    yield Indicator(section, "Наставляемых", len(people.mentees))
    yield Indicator(
        section, "Пар и групп", len([p for p in worked if not p.pair.group]) + len(groups)
    )
    yield Indicator(section, "из них групп", len(groups))
    for form in ch.FORMS:
        yield Indicator(
            section, f"Пар формы «{form}»", sum(1 for p in worked if p.pair.form == form)
        )


def _coverage(ctx: Context, people: Population) -> Iterator[Indicator]:
    section = "Охват"
    mentored = people.mentees
    involved = mentored | people.mentors
    need_with = sum(1 for t in people.need if fold(t.fio) in mentored)
    young_with = sum(1 for t in people.young if fold(t.fio) in mentored)
    staff_involved = sum(1 for t in people.staff if fold(t.fio) in involved)
    need, young, staff = len(people.need), len(people.young), len(people.staff)
    yield Indicator(section, "Нуждаются в наставнике", need)
    yield Indicator(section, "Нуждающихся, у кого есть наставник", need_with)
    yield Indicator(section, "Доля нуждающихся с наставником, %", percent(need_with, need))
    yield Indicator(section, "Молодых специалистов", young)
    yield Indicator(section, "Молодых специалистов, у кого есть наставник", young_with)
    yield Indicator(
        section, "Доля молодых специалистов с наставником, %", percent(young_with, young)
    )
    yield Indicator(section, "Вовлечено педагогов в наставничество", staff_involved)
    yield Indicator(section, "Доля вовлечённых педагогов, %", percent(staff_involved, staff))
    yield Indicator(section, "Целевая доля вовлечённых, %", ctx.settings.target_share)


def _programmes(ctx: Context, people: Population) -> Iterator[Indicator]:
    section = "Программы"
    year, running = people.year, people.programmes
    pair_mentee = {fold(p.code): fold(p.pair.mentee) for p in ctx.pairs}
    participants = {pair_mentee.get(fold(p.pair_code)) for p in running} - {None}
    yield Indicator(
        section, "Участников персонализированных программ (для статформ)", len(participants)
    )
    yield Indicator(section, "Программ разработано", sum(1 for p in running if p.start in year))
    yield Indicator(
        section,
        "Программ завершено",
        sum(1 for p in running if p.status == "завершена" and p.end in year),
    )
    without = [p for p in people.pairs if p.active and not ctx.programmes_by_pair.get(fold(p.code))]
    yield Indicator(section, "Действующих пар без программы", len(without))


def _meetings(people: Population) -> Iterator[Indicator]:
    section = "Встречи"
    held, worked = people.meetings, people.pairs
    visits = sum(1 for m in held if m.format in ch.LESSON_VISITS)
    yield Indicator(section, "Встреч за учебный год", len(held))
    yield Indicator(section, "из них взаимопосещений уроков", visits)
    yield Indicator(
        section, "Встреч на пару в среднем", round(len(held) / len(worked), 1) if worked else None
    )


def _feedback(ctx: Context, people: Population) -> Iterator[Indicator]:
    section = "Обратная связь"
    answers, year = people.feedback, people.year
    months = ctx.settings.feedback_months
    for month in months:
        for role in ch.RESPONDENTS:
            scores = [
                a.satisfaction for a in answers if a.respondent == role and a.day.month == month
            ]
            label = f"Удовлетворённость участием: {PLURAL[role]}, {MONTH_NAMES[month - 1]} (из 10)"
            yield Indicator(section, label, average(scores))
    expected = answered = 0
    for month in sorted({a.day.month for a in answers if a.day.month in months}):
        first = day_in_academic_year((1, month), year.start.year)
        units = expected_units(ctx, people.pairs, first)
        expected += len(units)
        answered += len(units & answered_units(answers, first.year, month))
    yield Indicator(section, "Доля ответивших на опросы, %", percent(answered, expected))


def expected_units(ctx: Context, worked: Sequence[PairInfo], first: date) -> set[tuple[str, str]]:
    """(unit, role) expected to answer in a wave month: both sides of each pair working in it
    (a group's mentor once for the group)."""
    return {
        (answer_key(p, role), role)
        for p in worked
        if overlaps(*pair_period(p, ctx.today), first, month_end(first))
        for role in ch.RESPONDENTS
    }


def _assessment(ctx: Context, people: Population) -> Iterator[Indicator]:
    section = "Оценка"
    values = ctx.result(assessment.TITLE).values
    competence: list[float] = []
    burnout: list[float] = []
    for row, _ in people.assessments:
        cells = values.get(row, {})
        if isinstance(c := cells.get("Динамика компетенций"), int | float):
            competence.append(c)
        if isinstance(b := cells.get("Динамика выгорания"), int | float):
            burnout.append(b)
    yield Indicator(
        section, "Изменение компетенций (итоговая − входная), в среднем", average(competence)
    )
    yield Indicator(
        section, "Изменение выгорания (итоговая − входная), в среднем", average(burnout)
    )


def _development(people: Population) -> Iterator[Indicator]:
    trained = [t for t in people.training if fold(t.fio) in people.mentors]
    yield Indicator(
        "Повышение квалификации", "Наставников прошли обучение", len({fold(t.fio) for t in trained})
    )
    yield Indicator(
        "Повышение квалификации", "Часов обучения наставников", sum(t.hours or 0 for t in trained)
    )
    entries = people.competitions
    yield Indicator("Конкурсы", "Участий в конкурсах", len(entries))
    yield Indicator(
        "Конкурсы", "Призовых мест", sum(1 for c in entries if c.result in ch.PRIZE_RESULTS)
    )
    paid = [i.amount or 0 for i in people.incentives]
    yield Indicator("Стимулирование", "Выплачено наставникам, руб.", sum(paid))
    added = people.practices
    yield Indicator("Лучшие практики", "Добавлено материалов и практик", len(added))
    yield Indicator(
        "Лучшие практики", "из них опубликовано", sum(1 for p in added if p.on_site or p.on_social)
    )


ROADMAP_STATES = (
    (ch.STATE_DONE, "выполнено в срок"),
    (ch.STATE_DONE_LATE, "выполнено с опозданием"),
    (ch.STATE_ON_TIME, "в срок (ещё не наступил)"),
    (ch.STATE_DUE_SOON, "скоро срок"),
    (ch.STATE_OVERDUE, "просрочено"),
)
PASSED = (ch.STATE_DONE, ch.STATE_DONE_LATE, ch.STATE_OVERDUE)  # the due date has come


def roadmap_indicators(states: Sequence[RoadmapState], year_label: str) -> Iterator[Indicator]:
    """Roadmap occurrences due in one academic year, by state, and the share done on time."""
    section = "Дорожная карта"
    mine = [  # deadlines before «Начало учёта» were never tracked: not counted at all
        s.state
        for s in states
        if s.academic_year == year_label and s.state != ch.STATE_BEFORE_START
    ]
    yield Indicator(section, "Сроков дорожной карты в учебном году", len(mine))
    for state, label in ROADMAP_STATES:
        yield Indicator(section, f"Сроков: {label}", mine.count(state))
    passed = sum(1 for s in mine if s in PASSED)
    yield Indicator(
        section, "Выполнено в срок из наступивших, %", percent(mine.count(ch.STATE_DONE), passed)
    )
