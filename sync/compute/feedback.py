"""«Обратная связь»: the wave of each row, every answer counted once, who has not answered yet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.sheets.feedback import Feedback
from nastavnik.sync.compute.answers import (
    ASKED_STATUSES,
    answer_key,
    form_answers,
    latest_only,
    person_of,
    typed_answer,
)
from nastavnik.sync.compute.attention import MENTORS
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import (
    academic_year_start,
    day_in_academic_year,
    month_end,
    month_label,
    overlaps,
)
from nastavnik.sync.compute.feedback_answer import FeedbackAnswer
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.compute.refs import check_pair

OUTSIDE_WAVE = "вне волны"


def wave_label(day: date, months: tuple[int, ...]) -> str:
    """«декабрь 2025» when the month is a feedback month, else «вне волны»."""
    return month_label(day) if day.month in months else OUTSIDE_WAVE


def compute_feedback(ctx: Context) -> None:
    """Fill Волна, check rows; gather typed and form answers (latest per respondent and wave)
    into `ctx.feedback_answers`; list who has not answered in this year's waves so far."""
    result = ctx.result(feedback.TITLE)
    months = ctx.settings.feedback_months
    typed: list[FeedbackAnswer] = []
    for row, answer in result.data.records(Feedback):
        result.set(row, "Волна", wave_label(answer.day, months))
        info = check_pair(ctx, result, row, "Код пары", answer.pair_code)
        if answer.day > ctx.today:
            result.warn(
                row,
                "Дата",
                f"Дата ответа {format_date(answer.day)} ещё не наступила.",
                "Проверьте дату: вносите ответ после опроса.",
            )
        if info is not None:
            typed.append(typed_answer(row, answer, info))
    everything = typed + form_answers(ctx, ctx.registry.responses)
    ctx.feedback_answers = latest_only(ctx, everything)
    _attend_missing(ctx)


def answered_units(
    answers: Iterable[FeedbackAnswer], year: int, month: int
) -> set[tuple[str, str]]:
    """(unit, role) of every answer of one wave month."""
    return {
        (unit, a.respondent)
        for a in answers
        if (a.day.year, a.day.month) == (year, month)
        for unit in a.units
    }


def _attend_missing(ctx: Context) -> None:
    """For each wave month of this academic year that has begun: who has not answered yet."""
    year_start = academic_year_start(ctx.today)
    for month in ctx.settings.feedback_months:
        first = day_in_academic_year((1, month), year_start)
        last = month_end(first)
        if first > ctx.today:
            continue
        answered = answered_units(ctx.feedback_answers, first.year, first.month)
        for info in asked_pairs(ctx, first, min(last, ctx.today)):
            missing = [r for r in ch.RESPONDENTS if (answer_key(info, r), r) not in answered]
            answered.update((answer_key(info, r), r) for r in missing)  # a group's mentor: once
            if missing:
                _attend(ctx, info, first, last, missing)


def asked_pairs(ctx: Context, first: date, last: date) -> list[PairInfo]:
    """Pairs asked in a wave: active or finished, working at some time from `first` to `last`."""
    return [
        info
        for info in ctx.pairs
        if info.pair.status in ASKED_STATUSES
        and overlaps(*pair_period(info, ctx.today), first, last)
    ]


def _attend(ctx: Context, info: PairInfo, first: date, last: date, missing: list[str]) -> None:
    pair = info.pair
    who = ", ".join(f"{person_of(info, role)} ({role})" for role in missing)
    wave = month_label(first)
    if last < ctx.today:
        what = f"Пара {info.code}: нет обратной связи за {wave}, не ответили: {who}"
    else:
        what = f"Пара {info.code}: опрос «{wave}» идёт, ещё не ответили: {who}"
        if ctx.settings.form_link:
            what += f". Форма: {ctx.settings.form_link}"
    others = tuple(person_of(info, r) for r in missing if r != ch.ROLE_MENTOR)
    ctx.attend(feedback.TITLE, what, last, None, role=MENTORS, person=pair.mentor, others=others)
