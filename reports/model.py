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
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    meetings,
    practices,
    programmes,
    roadmap,
    training,
)
from nastavnik.sheets_schema.sheets.assessment import Assessment
from nastavnik.sheets_schema.sheets.competitions import Competition
from nastavnik.sheets_schema.sheets.feedback import Feedback
from nastavnik.sheets_schema.sheets.incentives import Incentive
from nastavnik.sheets_schema.sheets.meetings import Meeting
from nastavnik.sheets_schema.sheets.practices import Practice
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.sheets.roadmap import RoadmapItem
from nastavnik.sheets_schema.sheets.training import Training
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import MONTH_NAMES, academic_year, overlaps
from nastavnik.sync.compute.metrics import (
    PLURAL,
    Indicator,
    Number,
    Year,
    pairs_in_year,
    roadmap_indicators,
    year_indicators,
)
from nastavnik.sync.compute.roadmap import DONE_LATE, OVERDUE
from nastavnik.sync.compute.teachers import is_young, needs_mentor
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


def feedback_label(month: int, role: str) -> str:
    """The label of an average satisfaction indicator (as sync.compute.metrics names it)."""
    return f"Удовлетворённость участием: {PLURAL[role]}, {MONTH_NAMES[month - 1]} (из 10)"


def build_annual(outcome: Outcome, year_start: int) -> AnnualData:
    """The report's data for the academic year starting in September of `year_start`."""
    ctx, today = outcome.context, outcome.today
    year = Year.of(year_start, today)
    label = academic_year(year.start)
    started = year.start <= today
    indicators = [
        *(year_indicators(ctx, year) if started else []),
        *roadmap_indicators(outcome.occurrences, label),
        Indicator(QUALITY, "Ошибок", outcome.errors),
        Indicator(QUALITY, "Предупреждений", outcome.warnings),
    ]
    need, young = _without_mentor(ctx, year) if started else ((), ())
    return AnnualData(
        organisation=ctx.settings.organisation,
        label=label,
        year=year,
        today=today,
        has_data=started and _records_in_year(ctx, year) > 0,
        indicators=tuple(indicators),
        months=tuple(_months(ctx, year)) if started else (),
        with_results=_with_results(ctx, year),
        missed=tuple(_missed(outcome, label)),
        need_without_mentor=need,
        young_without_mentor=young,
        quality=tuple(_quality(outcome)),
        competition_levels=tuple(_competition_levels(ctx, year)),
        practices=tuple(_practices(ctx, year)),
        answers=_answers(ctx, year),
        waves=tuple(ctx.settings.feedback_months),
        monitoring=_monitoring(outcome, label),
    )


def _records_in_year(ctx: Context, year: Year) -> int:
    """Rows of the year on every sheet that records what happened (pairs and activity)."""
    sheet = ctx.registry.sheet
    return sum(
        (
            len(pairs_in_year(ctx, year)),
            sum(1 for _, m in sheet(meetings.SPEC).records(Meeting) if m.day in year),
            sum(1 for _, f in sheet(feedback.SPEC).records(Feedback) if f.day in year),
            sum(1 for _, a in sheet(assessment.SPEC).records(Assessment) if a.day in year),
            sum(
                1
                for _, p in sheet(programmes.SPEC).records(Programme)
                if overlaps(p.start, p.end, year.start, year.end)
            ),
            sum(1 for _, t in sheet(training.SPEC).records(Training) if t.finished in year),
            sum(1 for _, c in sheet(competitions.SPEC).records(Competition) if c.day in year),
            sum(1 for _, i in sheet(incentives.SPEC).records(Incentive) if i.month in year),
            sum(1 for _, p in sheet(practices.SPEC).records(Practice) if p.day in year),
        )
    )


def _without_mentor(ctx: Context, year: Year) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who needs a mentor / is a young specialist and had none this year (as «Охват» counts)."""
    staff = [t for _, t in ctx.teachers.values() if t.works is not False]
    mentored = {fold(p.pair.mentee) for p in pairs_in_year(ctx, year)}
    need = tuple(t.fio for t in staff if needs_mentor(t, ctx) and fold(t.fio) not in mentored)
    young = tuple(t.fio for t in staff if is_young(t, ctx) and fold(t.fio) not in mentored)
    return tuple(sorted(need)), tuple(sorted(young))


def _months(ctx: Context, year: Year) -> Iterator[MonthMeetings]:
    """Every month of the year up to its end (or today), with its meetings and lesson visits."""
    records = [m for _, m in ctx.registry.sheet(meetings.SPEC).records(Meeting) if m.day in year]
    month = year.start
    while month <= year.end:
        mine = [m for m in records if (m.day.year, m.day.month) == (month.year, month.month)]
        visits = sum(1 for m in mine if m.format in ch.LESSON_VISITS)
        yield MonthMeetings(month, len(mine), visits)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _with_results(ctx: Context, year: Year) -> int:
    return sum(
        1
        for _, p in ctx.registry.sheet(programmes.SPEC).records(Programme)
        if p.status == "завершена" and p.end in year and p.results
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


def _competition_levels(ctx: Context, year: Year) -> Iterator[tuple[str, int, int]]:
    entries = [
        c for _, c in ctx.registry.sheet(competitions.SPEC).records(Competition) if c.day in year
    ]
    for level in ch.LEVELS:
        mine = [c for c in entries if c.level == level]
        if mine:
            yield level, len(mine), sum(1 for c in mine if c.result in ch.PRIZE_RESULTS)


def _practices(ctx: Context, year: Year) -> Iterator[tuple[str, str, bool]]:
    for _, p in ctx.registry.sheet(practices.SPEC).records(Practice):
        if p.day in year:
            yield p.name, p.kind, bool(p.on_site or p.on_social)


def _answers(ctx: Context, year: Year) -> dict[str, int]:
    """How many answers each average is taken over (the public page hides those under 3)."""
    rows = [f for _, f in ctx.registry.sheet(feedback.SPEC).records(Feedback) if f.day in year]
    answers = {
        feedback_label(month, role): sum(
            1 for f in rows if f.respondent == role and f.day.month == month
        )
        for month in ctx.settings.feedback_months
        for role in ch.RESPONDENTS
    }
    result = ctx.result(assessment.TITLE)
    for label, header in ((COMPETENCE, "Динамика компетенций"), (BURNOUT, "Динамика выгорания")):
        answers[label] = sum(
            1
            for row, record in result.data.records(Assessment)
            if record.day in year
            and isinstance(result.values.get(row, {}).get(header), int | float)
        )
    return answers


def _monitoring(outcome: Outcome, label: str) -> tuple[tuple[Cell, ...], ...]:
    """«Мониторинг» as the sheet shows it, without the years after this one."""
    grid = monitoring_grid(outcome)
    keep = [n for n, head in enumerate(grid[0]) if n < 2 or str(head) <= label]
    if len(keep) == 2:  # a year before the roadmap period: show the period as it is
        keep = list(range(len(grid[0])))
    return tuple(tuple(row[n] for n in keep) for row in grid)
