"""Who and what counts in one academic year: the one definition every per-year figure uses.

`population(ctx, year)` is the only place that decides which teachers, pairs, programmes,
meetings and activity rows belong to a year. «Сводка», «Мониторинг», the annual report and
the public page all take their per-year numbers from it, so none of them can count today's
staff list into a past year.

- Staff: worked at the school at any time in the year («Дата приёма в школу» to «Дата
  увольнения»; a blank hiring date means from before the roadmap period, a blank leaving
  date means still working; «Работает = нет» without a date counts as gone).
- Young specialist and need for a mentor: as of the year's start (стаж at 1 September,
  age in that calendar year); someone hired during the year is new in it.
- Pairs, programmes, meetings and activity rows: those active or dated in the year; a
  meeting counts when its pair code names a readable pair.
- Feedback: the answers dated in the year, typed or sent by the survey form, one per
  respondent per wave (sync/compute/answers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    incentives,
    meetings,
    practices,
    programmes,
    training,
)
from nastavnik.sheets_schema.sheets.assessment import Assessment
from nastavnik.sheets_schema.sheets.competitions import Competition
from nastavnik.sheets_schema.sheets.incentives import Incentive
from nastavnik.sheets_schema.sheets.meetings import Meeting
from nastavnik.sheets_schema.sheets.practices import Practice
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sheets_schema.sheets.teachers import Teacher
from nastavnik.sheets_schema.sheets.training import Training
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import overlaps, whole_years
from nastavnik.sync.compute.feedback_answer import FeedbackAnswer
from nastavnik.sync.compute.meetings import pair_period


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


def employed(teacher: Teacher, start: date, end: date) -> bool:
    """True when the teacher worked at the school on some day from start to end."""
    if teacher.works is False and teacher.left is None:
        return False
    return overlaps(teacher.hired or date.min, teacher.left or date.max, start, end)


def is_young(teacher: Teacher, settings: Settings, on: date) -> bool:
    """Педстаж on `on` below the setting and (no year of birth or age in on's year within it)."""
    experience = whole_years(teacher.career_start, on)
    age_ok = teacher.birth_year is None or on.year - teacher.birth_year <= settings.young_age
    return experience < settings.young_experience and age_ok


def needs_mentor(teacher: Teacher, settings: Settings, on: date, until: date | None = None) -> bool:
    """Young, or new (< 1 year at `on`), or retrained (< 2 years, by `until`), or has a ground."""
    last = until or on
    hired, retrained = teacher.hired, teacher.retrained
    new = hired is not None and hired <= last and whole_years(hired, on) < 1
    recent = retrained is not None and retrained <= last and whole_years(retrained, on) < 2
    return is_young(teacher, settings, on) or new or recent or teacher.grounds is not None


@dataclass(frozen=True)
class Population:
    """Everything that counts in one academic year."""

    year: Year
    staff: tuple[Teacher, ...]  # worked at the school at some time in the year
    young: tuple[Teacher, ...]  # staff who were young specialists at the year's start
    need: tuple[Teacher, ...]  # staff who needed a mentor at the year's start
    pairs: tuple[PairInfo, ...]  # pairs that worked in the year (not merely planned)
    mentors: frozenset[str]  # folded ФИО of the mentors of those pairs
    mentees: frozenset[str]  # folded ФИО of their mentees
    programmes: tuple[Programme, ...]  # programmes running at some time in the year
    meetings: tuple[Meeting, ...]  # meetings of readable pairs dated in the year
    feedback: tuple[FeedbackAnswer, ...]  # answers dated in the year, one per respondent and wave
    assessments: tuple[tuple[int, Assessment], ...]  # (row, record): calc values by row
    training: tuple[Training, ...]  # courses finished in the year
    competitions: tuple[Competition, ...]
    incentives: tuple[Incentive, ...]
    practices: tuple[Practice, ...]

    def rows(self) -> int:
        """Rows of the year on every sheet that records what happened (pairs and activity)."""
        lists = (
            self.pairs, self.meetings, self.feedback, self.assessments, self.programmes,
            self.training, self.competitions, self.incentives, self.practices,
        )  # fmt: skip
        return sum(len(items) for items in lists)


def pairs_in_year(ctx: Context, year: Year) -> list[PairInfo]:
    """Pairs that worked at some point of the year (not merely planned)."""
    return [
        p for p in ctx.pairs
        if p.pair.status != ch.PAIR_PLANNED
        and overlaps(*pair_period(p, ctx.today), year.start, year.end)
    ]  # fmt: skip


def population(ctx: Context, year: Year) -> Population:
    """Who and what counts in `year` (the one definition; see the module docstring)."""
    key = (year.start, year.end)
    found = ctx.populations.get(key)
    if not isinstance(found, Population):
        found = ctx.populations[key] = _population(ctx, year)
    return found


def _population(ctx: Context, year: Year) -> Population:
    staff = tuple(t for _, t in ctx.teachers.values() if employed(t, year.start, year.end))
    worked = pairs_in_year(ctx, year)
    settings, sheet = ctx.settings, ctx.registry.sheet
    return Population(
        year=year,
        staff=staff,
        young=tuple(t for t in staff if is_young(t, settings, year.start)),
        need=tuple(t for t in staff if needs_mentor(t, settings, year.start, year.end)),
        pairs=tuple(worked),
        mentors=frozenset(fold(p.pair.mentor) for p in worked),
        mentees=frozenset(fold(p.pair.mentee) for p in worked),
        programmes=tuple(
            p
            for _, p in sheet(programmes.SPEC).records(Programme)
            if overlaps(p.start, p.end, year.start, year.end)
        ),
        meetings=tuple(
            m
            for _, m in sheet(meetings.SPEC).records(Meeting)
            if m.day in year and fold(m.pair_code) in ctx.pair_by_code
        ),
        feedback=tuple(a for a in ctx.feedback_answers if a.day in year),
        assessments=tuple(
            (row, a) for row, a in sheet(assessment.SPEC).records(Assessment) if a.day in year
        ),
        training=tuple(t for _, t in sheet(training.SPEC).records(Training) if t.finished in year),
        competitions=tuple(
            c for _, c in sheet(competitions.SPEC).records(Competition) if c.day in year
        ),
        incentives=tuple(
            i for _, i in sheet(incentives.SPEC).records(Incentive) if i.month in year
        ),
        practices=tuple(p for _, p in sheet(practices.SPEC).records(Practice) if p.day in year),
    )
