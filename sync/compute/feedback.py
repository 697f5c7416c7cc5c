"""«Обратная связь»: the wave of each answer, and pairs that have not answered after a wave."""

from __future__ import annotations

from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.sheets.feedback import Feedback
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import MENTORS
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import (
    academic_year_start,
    day_in_academic_year,
    month_end,
    month_label,
    overlaps,
)
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.compute.refs import check_pair

OUTSIDE_WAVE = "вне волны"
ASKED_STATUSES = (ch.PAIR_ACTIVE, ch.PAIR_DONE)

Answer = tuple[str, str, int, int]  # who answered (see `answer_key`), respondent, year, month


def wave_label(day: date, months: tuple[int, ...]) -> str:
    """«декабрь 2025» when the month is a feedback month, else «вне волны»."""
    return month_label(day) if day.month in months else OUTSIDE_WAVE


def answer_key(info: PairInfo, respondent: str) -> str:
    """Whose answer it is: the pair, or for a group's mentor the whole group.

    A mentor of a group answers once for the group, whichever of its pair codes is written.
    """
    if respondent == ch.ROLE_MENTOR and info.pair.group:
        return f"группа {fold(info.pair.group)} {fold(info.pair.mentor)}"
    return f"пара {fold(info.code)}"


def compute_feedback(ctx: Context) -> None:
    """Fill Волна of «Обратная связь», check rows, list pairs missing from past waves."""
    result = ctx.result(feedback.TITLE)
    months = ctx.settings.feedback_months
    answered: set[Answer] = set()
    seen: dict[Answer, int] = {}  # (pair code, respondent, year, month) → first row
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
        if info is None or answer.day.month not in months:
            continue
        same = (fold(info.code), answer.respondent, *_ym(answer.day))
        if same in seen:
            _warn_repeat(result, row, seen[same], info, answer)
        seen.setdefault(same, row)
        answered.add((answer_key(info, answer.respondent), answer.respondent, *_ym(answer.day)))
    _attend_missing(ctx, answered)


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def _warn_repeat(
    result: SheetResult, row: int, first: int, info: PairInfo, answer: Feedback
) -> None:
    result.warn(
        row,
        "Респондент",
        f"Ответ респондента «{answer.respondent}» пары {info.code} за {month_label(answer.day)} "
        f"уже есть в строке {first}.",
        "Удалите повтор или исправьте код пары, респондента или дату.",
    )


def _attend_missing(ctx: Context, answered: set[Answer]) -> None:
    """For each wave month of this academic year that is over: pairs without both answers."""
    year_start = academic_year_start(ctx.today)
    for month in ctx.settings.feedback_months:
        first = day_in_academic_year((1, month), year_start)
        last = month_end(first)
        if last >= ctx.today:
            continue
        for info in ctx.pairs:
            if info.pair.status not in ASKED_STATUSES:
                continue
            start, end = pair_period(info, ctx.today)
            if not overlaps(start, end, first, last):
                continue
            missing = [
                r for r in ch.RESPONDENTS if (answer_key(info, r), r, *_ym(first)) not in answered
            ]
            if missing:
                _attend(ctx, info, first, last, missing)


def _attend(ctx: Context, info: PairInfo, first: date, last: date, missing: list[str]) -> None:
    pair = info.pair
    what = (
        f"Пара {info.code} ({pair.mentor} → {pair.mentee}): нет обратной связи "
        f"за {month_label(first)}, не ответил: {', '.join(missing)}"
    )
    ctx.attend(feedback.TITLE, what, last, None, role=MENTORS, person=pair.mentor)
