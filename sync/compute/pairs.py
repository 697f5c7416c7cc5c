"""«Пары»: state, meetings, programme, and the rules of pairs (documents, overlaps, capacity)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema import palette as pal
from nastavnik.sheets_schema.sheets import pairs
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import COORDINATOR, MENTORS
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import (
    academic_year_start,
    day_in_academic_year,
    overlaps,
    whole_months,
)
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.refs import check_person

ORDER_FIX = (
    "Приказ издаётся с письменного согласия участников (п. 1 дорожной карты; ст. 351.8 ТК РФ)."
)


def programme_due(ctx: Context, start: date) -> date:
    """When a pair starting on `start` must have a programme: the setting, or 60 days after a late start."""
    deadline = day_in_academic_year(ctx.settings.programme_deadline, academic_year_start(start))
    return max(deadline, date.fromordinal(start.toordinal() + 60))


def last_meetings(ctx: Context, meeting_days: dict[str, list[date]]) -> dict[str, date]:
    """Latest meeting on or before today, per folded pair code."""
    return {
        code: max(past)
        for code, days in meeting_days.items()
        if (past := [d for d in days if d <= ctx.today])
    }


def compute_pairs(ctx: Context, meeting_days: dict[str, list[date]]) -> None:
    """Fill the calc columns of «Пары» and apply its rules."""
    result = ctx.result(pairs.TITLE)
    last = last_meetings(ctx, meeting_days)
    for info in ctx.pairs:
        key = fold(info.code)
        row, pair = info.row, info.pair
        result.set(row, "Длительность, мес.", whole_months(pair.start, pair.planned_end))
        result.set(row, "Встреч всего", sum(1 for d in meeting_days.get(key, []) if d <= ctx.today))
        result.set(row, "Последняя встреча", last.get(key))
        idle = _days_without_meetings(ctx, info, last.get(key))
        result.set(row, "Дней без встреч", idle)
        codes = [code for code, _ in ctx.programmes_by_pair.get(key, [])]
        result.set(row, "Программа", ", ".join(codes) or "нет")
        result.set(row, "Состояние", pair_state(ctx, info, idle, bool(codes)))
        _check_pair(ctx, result, info)
    _check_overlaps(ctx, result)
    _check_capacity(ctx, result)


def _days_without_meetings(ctx: Context, info: PairInfo, last: date | None) -> int | None:
    if not info.active:
        return None
    since = last or info.pair.start
    return max((ctx.today - since).days, 0)


def missing_documents(info: PairInfo) -> list[str]:
    """Documents an active pair must have (order, its date, both consents)."""
    pair = info.pair
    needed = {
        "Приказ №": pair.order_no,
        "Дата приказа": pair.order_date,
        "Согласие наставника (дата)": pair.mentor_consent,
        "Согласие наставляемого (дата)": pair.mentee_consent,
    }
    return [header for header, value in needed.items() if value is None]


def pair_state(ctx: Context, info: PairInfo, idle: int | None, has_programme: bool) -> str:
    """One word for the pair: the most urgent of its problems, or «ок».

    Missing documents are an error of the row, whose calc cells are then left blank, so
    they have no state word of their own."""
    pair = info.pair
    if pair.status in (ch.PAIR_DONE, ch.PAIR_STOPPED):
        return pal.PAIR_CLOSED
    if pair.status == ch.PAIR_PLANNED:
        return pal.PAIR_PLANNED
    if pair.planned_end < ctx.today:
        return pal.PAIR_EXPIRED
    if not has_programme and ctx.today > programme_due(ctx, pair.start):
        return pal.PAIR_NO_PROGRAMME
    if idle is not None and idle > ctx.settings.days_without_meetings:
        return f"{pal.PAIR_NO_MEETINGS}{idle} дн."
    return pal.PAIR_OK


def _check_pair(ctx: Context, result: SheetResult, info: PairInfo) -> None:
    row, pair = info.row, info.pair
    mentor_ok = check_person(ctx, result, row, "Наставник", pair.mentor)
    mentee_ok = check_person(ctx, result, row, "Наставляемый", pair.mentee)
    if fold(pair.mentor) == fold(pair.mentee):
        result.error(
            row,
            "Наставляемый",
            "Наставник и наставляемый — один человек.",
            "Укажите разных педагогов.",
        )
    if mentor_ok:
        _check_role(ctx, result, row, "Наставник", pair.mentor, ch.ROLE_MENTOR)
    if mentee_ok:
        _check_role(ctx, result, row, "Наставляемый", pair.mentee, ch.ROLE_MENTEE)
    if pair.start > pair.planned_end:
        result.error(
            row, "Дата окончания (план)", "Дата окончания раньше даты начала.", "Исправьте даты."
        )
    else:
        _check_length(ctx, result, row, pair.start, pair.planned_end)
    if info.active:
        _check_active(ctx, result, info)
    _check_consent_dates(result, info)


def _check_role(
    ctx: Context, result: SheetResult, row: int, header: str, name: str, role: str
) -> None:
    teacher = ctx.teacher(name)
    if teacher and teacher.role not in (role, ch.ROLE_BOTH):
        result.warn(
            row,
            header,
            f"У «{name}» на листе «Педагоги» роль «{teacher.role}», а не «{role}».",
            "Исправьте роль на листе «Педагоги» или проверьте пару.",
        )


def _check_length(ctx: Context, result: SheetResult, row: int, start: date, end: date) -> None:
    low, high = ctx.settings.pair_months
    months = whole_months(start, end)
    if not low <= months <= high:
        result.warn(
            row,
            "Дата окончания (план)",
            f"Срок наставничества {months} мес., обычно {low}–{high}.",
            "Проверьте даты или измените пределы в «Настройках».",
        )


def _check_active(ctx: Context, result: SheetResult, info: PairInfo) -> None:
    row = info.row
    for header in missing_documents(info):
        result.error(row, header, f"Пара действует, а «{header}» не заполнено.", ORDER_FIX)
    if not info.pair.agreement:
        result.warn(
            row,
            "Доп. соглашение к трудовому договору",
            "Нет доп. соглашения с наставником.",
            "Укажите № и дату дополнительного соглашения к трудовому договору.",
        )
    if info.pair.planned_end < ctx.today:
        result.warn(
            row,
            "Статус",
            "Плановый срок окончания прошёл, а пара «действует».",
            "Завершите пару (статус, дата завершения, итог) или продлите срок.",
        )


def _check_consent_dates(result: SheetResult, info: PairInfo) -> None:
    pair = info.pair
    if pair.order_date is None:
        return
    for header, consent in (
        ("Согласие наставника (дата)", pair.mentor_consent),
        ("Согласие наставляемого (дата)", pair.mentee_consent),
    ):
        if consent is not None and consent > pair.order_date:
            result.warn(
                info.row,
                header,
                "Согласие датировано позже приказа.",
                "Согласие должно быть получено до издания приказа: проверьте даты.",
            )


def _check_overlaps(ctx: Context, result: SheetResult) -> None:
    by_mentee: dict[str, list[PairInfo]] = defaultdict(list)
    for info in ctx.pairs:
        if info.active:
            by_mentee[fold(info.pair.mentee)].append(info)
    for infos in by_mentee.values():
        for a in infos:
            others = [
                b.code
                for b in infos
                if b is not a and overlaps(a.pair.start, a.end, b.pair.start, b.end)
            ]
            if others:
                result.warn(
                    a.row,
                    "Наставляемый",
                    f"Наставляемый в нескольких пересекающихся парах: {', '.join(others)}.",
                    "Проверьте даты пар или завершите лишнюю.",
                )


def _check_capacity(ctx: Context, result: SheetResult) -> None:
    capacity = ctx.settings.mentor_capacity
    by_mentor: dict[str, list[PairInfo]] = defaultdict(list)
    for info in ctx.pairs:
        if info.pair.start <= info.end and (
            info.pair.status != ch.PAIR_STOPPED or info.pair.actual_end
        ):
            by_mentor[fold(info.pair.mentor)].append(info)
    for infos in by_mentor.values():
        if len(infos) <= capacity:
            continue
        for info, peak_day in overloaded(infos, capacity):
            result.warn(
                info.row,
                "Наставник",
                f"У наставника больше {capacity} наставляемых одновременно ({peak_day:%d.%m.%Y}).",
                "Перераспределите наставляемых или измените предел в «Настройках».",
            )


def overloaded(infos: list[PairInfo], capacity: int) -> list[tuple[PairInfo, date]]:
    """Pairs that are part of an over-capacity day (sweep over start/end events), with that day."""
    events = sorted(
        [(i.pair.start, 0, n) for n, i in enumerate(infos)]
        + [(i.end, 1, n) for n, i in enumerate(infos)]
    )
    current: set[int] = set()
    flagged: dict[int, date] = {}
    for day, kind, n in events:
        if kind == 0:
            current.add(n)
            if len(current) > capacity:
                for m in current:
                    flagged.setdefault(m, day)
        else:
            current.discard(n)
    return [(infos[n], day) for n, day in sorted(flagged.items())]


def pair_attention(ctx: Context) -> None:
    """Attention items of active pairs: documents, programme, meetings, planned end passed."""
    source = pairs.TITLE
    threshold = ctx.settings.days_without_meetings
    result = ctx.result(pairs.TITLE)
    for info in ctx.pairs:
        if not info.active:
            continue
        pair, who = info.pair, f"{info.code} ({info.pair.mentor} → {info.pair.mentee})"
        missing = missing_documents(info) + ([] if pair.agreement else ["доп. соглашение"])
        if missing:
            what = f"Пара {who}: нет документов — {', '.join(missing)}"
            ctx.attend(source, what, pair.start, info.row, role=COORDINATOR)
        if not ctx.programmes_by_pair.get(fold(info.code)):
            due = programme_due(ctx, pair.start)
            if ctx.today > due - timedelta(days=ctx.settings.warn_days):
                ctx.attend(
                    source,
                    f"Пара {who}: нет программы наставничества",
                    due,
                    info.row,
                    role=MENTORS,
                    person=pair.mentor,
                )
        idle = result.values.get(info.row, {}).get("Дней без встреч")
        if isinstance(idle, int) and idle > threshold:
            due = ctx.today - timedelta(days=idle - threshold)
            ctx.attend(
                source,
                f"Пара {who}: нет встреч {idle} дн.",
                due,
                info.row,
                role=MENTORS,
                person=pair.mentor,
            )
        if pair.planned_end < ctx.today:
            ctx.attend(
                source,
                f"Пара {who}: плановый срок окончания прошёл, статус «действует»",
                pair.planned_end,
                info.row,
                role=COORDINATOR,
            )
