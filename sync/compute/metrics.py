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
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    meetings,
    practices,
    programmes,
    training,
)
from nastavnik.sheets_schema.sheets.assessment import Assessment
from nastavnik.sheets_schema.sheets.competitions import Competition
from nastavnik.sheets_schema.sheets.feedback import Feedback
from nastavnik.sheets_schema.sheets.incentives import Incentive
from nastavnik.sheets_schema.sheets.meetings import Meeting
from nastavnik.sheets_schema.sheets.practices import Practice
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.sheets.training import Training
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import MONTH_NAMES, day_in_academic_year, month_end, overlaps
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.compute.teachers import is_young, needs_mentor

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


@dataclass(frozen=True)
class Year:
    """An academic year, cut at `as_of` when it is the current one."""

    start: date
    end: date

    @classmethod
    def of(cls, year_start: int, as_of: date) -> Year:
        """The academic year starting in September of `year_start`, up to `as_of`."""
        return cls(date(year_start, 9, 1), min(date(year_start + 1, 8, 31), as_of))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def percent(part: int, whole: int) -> float | None:
    """part/whole in %, one decimal; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


def average(values: list[int] | list[float]) -> float | None:
    """Mean to two decimals; None for no values."""
    return round(mean(values), 2) if values else None


def pairs_in_year(ctx: Context, year: Year) -> list[PairInfo]:
    """Pairs that worked at some point of the year (not merely planned)."""
    return [
        p for p in ctx.pairs
        if p.pair.status != ch.PAIR_PLANNED
        and overlaps(*pair_period(p, ctx.today), year.start, year.end)
    ]  # fmt: skip


def year_indicators(ctx: Context, year: Year) -> list[Indicator]:
    """All indicators of one academic year, in a fixed order."""
    worked = pairs_in_year(ctx, year)
    return [
        *_participants(ctx, worked),
        *_coverage(ctx, worked),
        *_programmes(ctx, year, worked),
        *_meetings(ctx, year, worked),
        *_feedback(ctx, year, worked),
        *_assessment(ctx, year),
        *_development(ctx, year, worked),
    ]


def _participants(ctx: Context, worked: list[PairInfo]) -> Iterator[Indicator]:
    section = "Участники"
    staff = [t for _, t in ctx.teachers.values() if t.works is not False]
    groups = {fold(p.pair.group) for p in worked if p.pair.group}
    yield Indicator(section, "Педагогов работает", len(staff))
    yield Indicator(section, "Наставников", len({fold(p.pair.mentor) for p in worked}))
    yield Indicator(section, "Наставляемых", len({fold(p.pair.mentee) for p in worked}))
    yield Indicator(
        section, "Пар и групп", len([p for p in worked if not p.pair.group]) + len(groups)
    )
    yield Indicator(section, "из них групп", len(groups))
    for form in ch.FORMS:
        yield Indicator(
            section, f"Пар формы «{form}»", sum(1 for p in worked if p.pair.form == form)
        )


def _coverage(ctx: Context, worked: list[PairInfo]) -> Iterator[Indicator]:
    section = "Охват"
    staff = [t for _, t in ctx.teachers.values() if t.works is not False]
    mentored = {fold(p.pair.mentee) for p in worked}
    involved = mentored | {fold(p.pair.mentor) for p in worked}
    need = [t for t in staff if needs_mentor(t, ctx)]
    young = [t for t in staff if is_young(t, ctx)]
    need_with = sum(1 for t in need if fold(t.fio) in mentored)
    young_with = sum(1 for t in young if fold(t.fio) in mentored)
    staff_involved = sum(1 for t in staff if fold(t.fio) in involved)
    yield Indicator(section, "Нуждаются в наставнике", len(need))
    yield Indicator(section, "Нуждающихся, у кого есть наставник", need_with)
    yield Indicator(section, "Доля нуждающихся с наставником, %", percent(need_with, len(need)))
    yield Indicator(section, "Молодых специалистов", len(young))
    yield Indicator(section, "Молодых специалистов, у кого есть наставник", young_with)
    yield Indicator(
        section, "Доля молодых специалистов с наставником, %", percent(young_with, len(young))
    )
    yield Indicator(section, "Вовлечено педагогов в наставничество", staff_involved)
    yield Indicator(section, "Доля вовлечённых педагогов, %", percent(staff_involved, len(staff)))
    yield Indicator(section, "Целевая доля вовлечённых, %", ctx.settings.target_share)


def _programmes(ctx: Context, year: Year, worked: list[PairInfo]) -> Iterator[Indicator]:
    section = "Программы"
    records = [p for _, p in ctx.registry.sheet(programmes.SPEC).records(Programme)]
    running = [p for p in records if overlaps(p.start, p.end, year.start, year.end)]
    pair_mentee = {fold(p.code): fold(p.pair.mentee) for p in ctx.pairs}
    participants = {pair_mentee.get(fold(p.pair_code)) for p in running} - {None}
    yield Indicator(
        section, "Участников персонализированных программ (для статформ)", len(participants)
    )
    yield Indicator(section, "Программ разработано", sum(1 for p in records if p.start in year))
    yield Indicator(
        section,
        "Программ завершено",
        sum(1 for p in records if p.status == "завершена" and p.end in year),
    )
    without = [p for p in worked if p.active and not ctx.programmes_by_pair.get(fold(p.code))]
    yield Indicator(section, "Действующих пар без программы", len(without))


def _meetings(ctx: Context, year: Year, worked: list[PairInfo]) -> Iterator[Indicator]:
    section = "Встречи"
    days = [
        (m.day, m.format)
        for _, m in ctx.registry.sheet(meetings.SPEC).records(Meeting)
        if m.day in year
    ]
    visits = sum(1 for _, f in days if f in ch.LESSON_VISITS)
    yield Indicator(section, "Встреч за учебный год", len(days))
    yield Indicator(section, "из них взаимопосещений уроков", visits)
    yield Indicator(
        section, "Встреч на пару в среднем", round(len(days) / len(worked), 1) if worked else None
    )


def _feedback(ctx: Context, year: Year, worked: list[PairInfo]) -> Iterator[Indicator]:
    section = "Обратная связь"
    rows = [f for _, f in ctx.registry.sheet(feedback.SPEC).records(Feedback) if f.day in year]
    months = ctx.settings.feedback_months
    for month in months:
        for role in ch.RESPONDENTS:
            scores = [f.satisfaction for f in rows if f.respondent == role and f.day.month == month]
            label = f"Удовлетворённость участием: {PLURAL[role]}, {MONTH_NAMES[month - 1]} (из 10)"
            yield Indicator(section, label, average(scores))
    waves_held = {f.day.month for f in rows if f.day.month in months}
    working = {m: _pairs_in_month(ctx, worked, year, m) for m in waves_held}
    expected = 2 * sum(len(codes) for codes in working.values())
    answered = len(
        {
            (fold(f.pair_code), f.respondent, f.day.month)
            for f in rows
            if fold(f.pair_code) in working.get(f.day.month, set())
        }
    )
    yield Indicator(section, "Доля ответивших на опросы, %", percent(answered, expected))


def _pairs_in_month(ctx: Context, worked: list[PairInfo], year: Year, month: int) -> set[str]:
    """Folded codes of the pairs that worked during that month of the year (expected to answer)."""
    first = day_in_academic_year((1, month), year.start.year)
    return {
        fold(p.code)
        for p in worked
        if overlaps(*pair_period(p, ctx.today), first, month_end(first))
    }


def _assessment(ctx: Context, year: Year) -> Iterator[Indicator]:
    section = "Оценка"
    result = ctx.result(assessment.TITLE)
    competence: list[float] = []
    burnout: list[float] = []
    for row, record in result.data.records(Assessment):
        if record.day in year:
            values = result.values.get(row, {})
            if isinstance(c := values.get("Динамика компетенций"), int | float):
                competence.append(c)
            if isinstance(b := values.get("Динамика выгорания"), int | float):
                burnout.append(b)
    yield Indicator(
        section, "Изменение компетенций (итоговая − входная), в среднем", average(competence)
    )
    yield Indicator(
        section, "Изменение выгорания (итоговая − входная), в среднем", average(burnout)
    )


def _development(ctx: Context, year: Year, worked: list[PairInfo]) -> Iterator[Indicator]:
    mentors = {fold(p.pair.mentor) for p in worked}
    courses = [
        t for _, t in ctx.registry.sheet(training.SPEC).records(Training) if t.finished in year
    ]
    trained = [t for t in courses if fold(t.fio) in mentors]
    yield Indicator(
        "Повышение квалификации", "Наставников прошли обучение", len({fold(t.fio) for t in trained})
    )
    yield Indicator(
        "Повышение квалификации", "Часов обучения наставников", sum(t.hours or 0 for t in trained)
    )
    entries = [
        c for _, c in ctx.registry.sheet(competitions.SPEC).records(Competition) if c.day in year
    ]
    yield Indicator("Конкурсы", "Участий в конкурсах", len(entries))
    yield Indicator(
        "Конкурсы", "Призовых мест", sum(1 for c in entries if c.result in ch.PRIZE_RESULTS)
    )
    paid = [
        i.amount or 0
        for _, i in ctx.registry.sheet(incentives.SPEC).records(Incentive)
        if i.month in year
    ]
    yield Indicator("Стимулирование", "Выплачено наставникам, руб.", sum(paid))
    added = [p for _, p in ctx.registry.sheet(practices.SPEC).records(Practice) if p.day in year]
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
