"""«Встречи»: who met (from the pair) and whether the date fits the pair's period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import meetings
from nastavnik.sheets_schema.sheets.meetings import Meeting
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.refs import check_pair


def pair_period(info: PairInfo, today: date) -> tuple[date, date]:
    """The days a pair works: start to the actual (or planned) end; an active pair runs to today.

    A pair still «действует» after its planned end is still working (pairs.py warns about the
    expired term), so its period reaches today rather than stopping at the planned end.
    """
    end = info.end
    if info.pair.status == ch.PAIR_ACTIVE:
        end = max(end, today)
    return info.pair.start, end


def compute_meetings(ctx: Context) -> dict[str, list[date]]:
    """Fill Наставник / Наставляемый of «Встречи», check dates; meeting days per folded pair code."""
    result = ctx.result(meetings.TITLE)
    days: dict[str, list[date]] = defaultdict(list)
    for row, meeting in result.data.records(Meeting):
        info = check_pair(ctx, result, row, "Код пары", meeting.pair_code)
        if info is None:
            continue
        result.set(row, "Наставник", info.pair.mentor)
        result.set(row, "Наставляемый", info.pair.mentee)
        days[fold(info.code)].append(meeting.day)
        _check_day(ctx, result, row, meeting.day, info)
    return dict(days)


def _check_day(ctx: Context, result: SheetResult, row: int, day: date, info: PairInfo) -> None:
    if day > ctx.today:
        result.warn(
            row,
            "Дата",
            f"Дата встречи {format_date(day)} ещё не наступила — встреча запланирована?",
            "Вносите встречу после того, как она прошла; если дата набрана с ошибкой, исправьте её.",
        )
        return
    start, end = pair_period(info, ctx.today)
    if start > end:  # the pair's own dates are wrong; that error is reported on «Пары»
        return
    if not start <= day <= end:
        result.warn(
            row,
            "Дата",
            f"Встреча {format_date(day)} вне срока пары {info.code} "
            f"({format_date(start)} – {format_date(end)}).",
            "Проверьте дату встречи и код пары или исправьте даты пары на листе «Пары».",
        )
