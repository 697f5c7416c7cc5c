"""The annual report's data (pure): every figure of one academic year, from an Outcome.

The figures are the very `Indicator`s behind «Сводка» and «Мониторинг» (sync.compute.metrics):
nothing here recomputes a number the sheets show. What the sheets do not show — meetings by
month, the names of teachers still without a mentor, the missed roadmap deadlines, problems by
sheet — is derived from the same records with the same filters, and the tests check that it
adds up to the sheets' totals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import assessment, roadmap
from nastavnik.sheets_schema.sheets.roadmap import RoadmapItem
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import MONTH_NAMES, academic_year, academic_year_start
from nastavnik.sync.compute.metrics import (
    PLURAL,
    Indicator,
    Number,
    roadmap_indicators,
    year_indicators,
)
from nastavnik.sync.compute.population import Population, Year, population
from nastavnik.sync.compute.roadmap import DONE_LATE, OVERDUE
from nastavnik.sync.service.monitoring import monitoring_grid
from nastavnik.sync.snapshot import Cell

QUALITY = "Качество данных"
COMPETENCE = "Изменение компетенций (итоговая − входная), в среднем"
BURNOUT = "Изменение выгорания (итоговая − входная), в среднем"
YEAR_FORMS = re.compile(r"\s*(\d{4})\s*(?:[/\-–]\s*(\d{2}|\d{4}))?\s*(?:уч\.?\s*г(?:од)?\.?)?\s*")


@dataclass(frozen=True)
class MonthMeetings:
    """Meetings of one calendar month of the year, and how many of them were lesson visits."""

    month: date  # the first day of the month
    meetings: int
    visits: int

    @property
    def label(self) -> str:
        """«сентябрь 2025»."""
        return f"{MONTH_NAMES[self.month.month - 1]} {self.month.year}"


@dataclass(frozen=True)
class MissedDeadline:
    """A roadmap deadline of the year that was missed (overdue) or met late."""

    number: int
    activity: str
    responsible: str
    due: date
    state: str
    overdue_days: int | None


@dataclass(frozen=True)
class SheetQuality:
    """Problems of one sheet: errors and warnings."""

    sheet: str
    errors: int
    warnings: int


@dataclass(frozen=True)
class AnnualData:
    """Everything the annual report and the public page show about one academic year."""

    organisation: str
    label: str  # «2025/26»
    year: Year
    today: date
    has_data: bool
    indicators: tuple[Indicator, ...]  # as in «Сводка»: year, roadmap, data quality
    months: tuple[MonthMeetings, ...]
    with_results: int  # programmes completed in the year with «Результаты» filled in
    missed: tuple[MissedDeadline, ...]
    need_without_mentor: tuple[str, ...]  # ФИО: internal report only
    young_without_mentor: tuple[str, ...]  # ФИО: internal report only
    quality: tuple[SheetQuality, ...]
    competition_levels: tuple[tuple[str, int, int], ...]  # level, entries, prize places
    practices: tuple[tuple[str, str, bool], ...]  # title, kind, published
    answers: dict[str, int]  # label of an average → how many answers it is taken over
    waves: tuple[int, ...]  # months of the feedback waves (12, 4 by default)
    monitoring: tuple[tuple[Cell, ...], ...]  # «Мониторинг»: header + rows, years up to this one

    @property
    def started(self) -> bool:
        """False for a year that has not begun yet."""
        return self.year.start <= self.today

    @property
    def current(self) -> bool:
        """True when today falls in this academic year (figures are as of today)."""
        return self.year.start <= self.today <= date(self.year.start.year + 1, 8, 31)

    def value(self, label: str) -> Number:
        """The value of the indicator with this label (None when absent or no data)."""
        return next((i.value for i in self.indicators if i.label == label), None)

    def count(self, label: str) -> int:
        """An indicator as a whole number (0 when it has no value)."""
        value = self.value(label)
        return int(value) if isinstance(value, int | float) else 0

    def section(self, name: str) -> list[Indicator]:
        """Indicators of one section, in order."""
        return [i for i in self.indicators if i.section == name]


def parse_year(text: str) -> int:
    """«2025/26», «2025/2026», «2025-26», «2025» → 2025; ValueError with a Russian message."""
    found = YEAR_FORMS.fullmatch(text)
    if found:
        start, tail = int(found.group(1)), found.group(2)
        if tail is None or int(tail) in (start + 1, (start + 1) % 100):
            return start
    raise ValueError(f"«{text}» — не учебный год. Укажите его так: 2025/26.")


def default_report_year(today: date) -> tuple[int, str]:
    """The year `report` makes when none is given, and why (Russian, for the console).

    From 1 May to 31 August the current academic year is being closed; otherwise the current
    one is unfinished, so the report is for the previous, finished year.
    """
    current = academic_year_start(today)
    label = academic_year(date(current, 9, 1))
    if 5 <= today.month <= 8:
        return current, f"с 1 мая по 31 августа отчёт — за текущий учебный год {label}"
    previous = academic_year(date(current - 1, 9, 1))
    return current - 1, (
        f"текущий учебный год {label} ещё не закончен; отчёт за текущий год — с 1 мая, "
        f"а сейчас — за прошлый, {previous}"
    )


def feedback_label(month: int, role: str) -> str:
    """The label of an average satisfaction indicator (as sync.compute.metrics names it)."""
    return f"Удовлетворённость участием: {PLURAL[role]}, {MONTH_NAMES[month - 1]} (из 10)"


def build_annual(outcome: Outcome, year_start: int) -> AnnualData:
    """The report's data for the academic year starting in September of `year_start`."""
    ctx, today = outcome.context, outcome.today
    year = Year.of(year_start, today)
    label = academic_year(year.start)
    started = year.start <= today
    people = population(ctx, year)
    indicators = [
        *(year_indicators(ctx, year) if started else []),
        *roadmap_indicators(outcome.occurrences, label),
        Indicator(QUALITY, "Ошибок", outcome.errors),
        Indicator(QUALITY, "Предупреждений", outcome.warnings),
    ]
    need, young = _without_mentor(people) if started else ((), ())
    return AnnualData(
        organisation=ctx.settings.organisation,
        label=label,
        year=year,
        today=today,
        has_data=started and people.rows() > 0,
        indicators=tuple(indicators),
        months=tuple(_months(people)) if started else (),
        with_results=_with_results(people),
        missed=tuple(_missed(outcome, label)),
        need_without_mentor=need,
        young_without_mentor=young,
        quality=tuple(_quality(outcome)),
        competition_levels=tuple(_competition_levels(people)),
        practices=tuple(_practices(people)),
        answers=_answers(ctx, people),
        waves=tuple(ctx.settings.feedback_months),
        monitoring=_monitoring(outcome, label),
    )


def _without_mentor(people: Population) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who needs a mentor / is a young specialist and had none this year (as «Охват» counts)."""
    need = tuple(t.fio for t in people.need if fold(t.fio) not in people.mentees)
    young = tuple(t.fio for t in people.young if fold(t.fio) not in people.mentees)
    return tuple(sorted(need)), tuple(sorted(young))


def _months(people: Population) -> Iterator[MonthMeetings]:
    """Every month of the year up to its end (or today), with its meetings and lesson visits."""
    year = people.year
    month = year.start
    while month <= year.end:
        mine = [
            m for m in people.meetings if (m.day.year, m.day.month) == (month.year, month.month)
        ]
        visits = sum(1 for m in mine if m.format in ch.LESSON_VISITS)
        yield MonthMeetings(month, len(mine), visits)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _with_results(people: Population) -> int:
    return sum(
        1
        for p in people.programmes
        if p.status == "завершена" and p.end in people.year and p.results
    )


def _missed(outcome: Outcome, label: str) -> Iterator[MissedDeadline]:
    """Overdue and late occurrences of the year, earliest deadline first."""
    items = {
        item.number: item
        for _, item in outcome.context.registry.sheet(roadmap.SPEC).records(RoadmapItem)
    }
    states = [s for s in outcome.occurrences if s.academic_year == label]
    for state in sorted(states, key=lambda s: (s.due, s.code)):
        if state.state not in (OVERDUE, DONE_LATE):
            continue
        number = int(state.code.split("-", 1)[0])
        item = items.get(number)
        overdue = (outcome.today - state.due).days if state.state == OVERDUE else None
        yield MissedDeadline(
            number,
            item.activity if item else state.code,
            item.responsible if item else "",
            state.due,
            state.state,
            overdue,
        )


def _quality(outcome: Outcome) -> Iterator[SheetQuality]:
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for problem in outcome.problems:
        (errors if problem.is_error else warnings)[problem.sheet] += 1
    for sheet in dict.fromkeys(p.sheet for p in outcome.problems):
        yield SheetQuality(sheet, errors[sheet], warnings[sheet])


def _competition_levels(people: Population) -> Iterator[tuple[str, int, int]]:
    for level in ch.LEVELS:
        mine = [c for c in people.competitions if c.level == level]
        if mine:
            yield level, len(mine), sum(1 for c in mine if c.result in ch.PRIZE_RESULTS)


def _practices(people: Population) -> Iterator[tuple[str, str, bool]]:
    for p in people.practices:
        yield p.name, p.kind, bool(p.on_site or p.on_social)


def _answers(ctx: Context, people: Population) -> dict[str, int]:
    """How many answers each average is taken over (the public page hides those under 3)."""
    rows = people.feedback
    answers = {
        feedback_label(month, role): sum(
            1 for f in rows if f.respondent == role and f.day.month == month
        )
        for month in ctx.settings.feedback_months
        for role in ch.RESPONDENTS
    }
    values = ctx.result(assessment.TITLE).values
    for label, header in ((COMPETENCE, "Динамика компетенций"), (BURNOUT, "Динамика выгорания")):
        answers[label] = sum(
            1
            for row, _ in people.assessments
            if isinstance(values.get(row, {}).get(header), int | float)
        )
    return answers


def _monitoring(outcome: Outcome, label: str) -> tuple[tuple[Cell, ...], ...]:
    """«Мониторинг» as the sheet shows it, without the years after this one."""
    grid = monitoring_grid(outcome)
    keep = [n for n, head in enumerate(grid[0]) if n < 2 or str(head) <= label]
    if len(keep) == 2:  # a year before the roadmap period: show the period as it is
        keep = list(range(len(grid[0])))
    return tuple(tuple(row[n] for n in keep) for row in grid)
