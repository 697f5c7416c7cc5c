"""«Дорожная карта» and «План-график»: deadlines → occurrences → states, overdue flags.

Each roadmap item's «Сроки» is parsed (sheets_schema.deadlines) and expanded into dated
occurrences of the roadmap period. «План-график» gets a row for every new occurrence
(never deleting one); a row that no longer follows from the roadmap becomes
«не актуально» and keeps its staff marks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.deadlines import (
    DeadlineError,
    Occurrence,
    Period,
    expand,
    parse_deadline,
)
from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sheets_schema.palette import ROADMAP_NO_DUE
from nastavnik.sheets_schema.readers import read_text
from nastavnik.sheets_schema.sheets import plan_graph, roadmap
from nastavnik.sheets_schema.sheets.plan_graph import PlanRow
from nastavnik.sheets_schema.sheets.roadmap import RoadmapItem
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.states import deadline_state
from nastavnik.sync.snapshot import Cell

DONE, DONE_LATE, ON_TIME = ch.STATE_DONE, ch.STATE_DONE_LATE, ch.STATE_ON_TIME
DUE_SOON, OVERDUE = ch.STATE_DUE_SOON, ch.STATE_OVERDUE
CANCELLED, STALE, BEFORE_START = ch.STATE_CANCELLED, ch.STATE_STALE, ch.STATE_BEFORE_START
SEVERITY = {OVERDUE: 4, DUE_SOON: 3, ON_TIME: 2, DONE_LATE: 1, DONE: 0}
FOLLOWED = ("Мероприятие", "Ответственные", "Начало", "Срок")


@dataclass(frozen=True)
class Planned:
    """One occurrence the roadmap asks for, with its item."""

    code: str
    item: RoadmapItem
    occurrence: Occurrence


@dataclass(frozen=True)
class OccurrenceState:
    """The state of one occurrence as of today (for summaries and monitoring)."""

    code: str
    academic_year: str
    due: date
    state: str


def occurrence_code(number: int, occurrence: Occurrence) -> str:
    """«04-2025-09»: the item number (two digits) and the occurrence's own code."""
    return f"{number:02d}-{occurrence.code}"


def roadmap_period(ctx: Context) -> Period:
    """The roadmap period from the settings (the default one if the settings contradict)."""
    s = ctx.settings
    try:
        return Period(s.period_start, s.period_end, s.during_year_due)
    except ConfigError:
        return Period()


def occurrence_state(
    due: date, mark: str | None, done_on: date | None, today: date, settings: Settings
) -> str:
    """State of an occurrence that follows from the roadmap (see roadmap.md). An unmarked
    occurrence due before «Начало учёта» is «до начала учёта»: the registry was not kept yet."""
    if mark == CANCELLED:
        return CANCELLED
    if mark == ch.MARK_DONE:
        return DONE_LATE if done_on is not None and done_on > due else DONE
    if settings.registry_start is not None and due < settings.registry_start:
        return BEFORE_START
    return deadline_state(due, today, settings.warn_days)


def compute_roadmap(ctx: Context) -> list[OccurrenceState]:
    """Fill «Дорожная карта» and «План-график»; returns the state of every live occurrence."""
    planned = _plan_items(ctx)
    return _plan_graph(ctx, planned)


def _plan_items(ctx: Context) -> dict[str, Planned]:
    result = ctx.result(roadmap.TITLE)
    period = roadmap_period(ctx)
    numbers = Counter(item.number for _, item in result.data.records(RoadmapItem))
    planned: dict[str, Planned] = {}
    for row, item in result.data.records(RoadmapItem):
        if numbers[item.number] > 1:
            result.error(
                row, "№ п/п", f"Номер {item.number} повторяется.", "У каждого пункта свой номер."
            )
            continue
        try:
            schedule = parse_deadline(item.deadline)
        except DeadlineError as error:
            result.error(row, "Сроки", error.message, error.hint)
            continue
        result.set(row, "Периодичность", schedule.periodicity)
        for occurrence in expand(schedule, period):
            code = occurrence_code(item.number, occurrence)
            planned[fold(code)] = Planned(code, item, occurrence)
    return planned


def _plan_graph(ctx: Context, planned: dict[str, Planned]) -> list[OccurrenceState]:
    result = ctx.result(plan_graph.TITLE)
    seen: Counter[str] = Counter()
    states: list[OccurrenceState] = []
    for row, mark in result.data.records(PlanRow):
        key = fold(mark.code or "")
        seen[key] += 1
        if seen[key] > 1 and key:
            result.warn(
                row,
                "Код",
                f"Срок «{mark.code}» уже есть выше.",
                "Удалите лишнюю строку или отметку в ней.",
            )
        found = planned.get(key)
        if found is None:
            _mark_stale(result, row)
            continue
        states.append(_fill_row(ctx, result, row, found, mark))
    appended = [p for key, p in planned.items() if key not in seen]
    first_new = (result.data.table.last_row if result.data.table else 1) + 1
    for offset, item in enumerate(
        sorted(appended, key=lambda p: (p.occurrence.due, p.item.number))
    ):
        states.append(_new_row(ctx, first_new + offset, item))
    _fill_items(ctx, planned, states)
    return states


def _mark_stale(result: SheetResult, row: int) -> None:
    parsed = next(p for p in result.data.rows if p.row == row)
    for header in FOLLOWED:
        result.set(row, header, result.data.raw_value(parsed, header))
    result.set(row, "Состояние", STALE)


def _follow(item: Planned) -> dict[str, Cell]:
    return {
        "Мероприятие": item.item.activity,
        "Ответственные": item.item.responsible,
        "Начало": item.occurrence.start,
        "Срок": item.occurrence.due,
    }


def _fill_row(
    ctx: Context, result: SheetResult, row: int, item: Planned, mark: PlanRow
) -> OccurrenceState:
    for header, value in _follow(item).items():
        result.set(row, header, value)
    if mark.mark == ch.MARK_DONE and mark.done_on is None:
        result.warn(
            row,
            "Дата выполнения",
            "Отмечено «выполнено», но нет даты выполнения.",
            "Укажите дату выполнения.",
        )
    if mark.done_on is not None and mark.done_on > ctx.today:
        result.error(row, "Дата выполнения", "Дата выполнения в будущем.", "Проверьте дату.")
    due = item.occurrence.due
    state = occurrence_state(due, mark.mark, mark.done_on, ctx.today, ctx.settings)
    result.set(row, "Состояние", state)
    result.set(row, "Просрочено, дней", (ctx.today - due).days if state == OVERDUE else None)
    _attend(ctx, item, state, row)
    return OccurrenceState(item.code, item.occurrence.academic_year, due, state)


def _new_row(ctx: Context, row: int, item: Planned) -> OccurrenceState:
    due = item.occurrence.due
    state = occurrence_state(due, None, None, ctx.today, ctx.settings)
    values: dict[str, Cell] = {
        "Код": item.code,
        "№ п/п": item.item.number,
        "Учебный год": item.occurrence.academic_year,
        **_follow(item),
        "Состояние": state,
        "Просрочено, дней": (ctx.today - due).days if state == OVERDUE else None,
    }
    ctx.new_rows.setdefault(plan_graph.TITLE, []).append(values)
    _attend(ctx, item, state, row)
    return OccurrenceState(item.code, item.occurrence.academic_year, due, state)


def _attend(ctx: Context, item: Planned, state: str, row: int) -> None:
    if state in (OVERDUE, DUE_SOON):
        what = f"п. {item.item.number}: {_short(item.item.activity)}"
        role = item.item.responsible or ""  # blank: an error at its cell; the item still counts
        ctx.attend(plan_graph.TITLE, what, item.occurrence.due, row, role=role)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill_items(ctx: Context, planned: dict[str, Planned], states: list[OccurrenceState]) -> None:
    """Ближайший срок, Состояние and Просрочено, дней of each roadmap row."""
    result = ctx.result(roadmap.TITLE)
    by_number: dict[int, list[tuple[Planned, OccurrenceState]]] = {}
    state_of = {fold(s.code): s for s in states}
    for key, planned_item in planned.items():
        state = state_of.get(key)
        if state is not None:
            by_number.setdefault(planned_item.item.number, []).append((planned_item, state))
    for row, item in result.data.records(RoadmapItem):
        if read_text(result.values.get(row, {}).get("Периодичность")) is None:
            continue
        _fill_item(ctx, result, row, by_number.get(item.number, []))


def _fill_item(
    ctx: Context, result: SheetResult, row: int, items: list[tuple[Planned, OccurrenceState]]
) -> None:
    open_dues = [p.occurrence.due for p, s in items if s.state in (OVERDUE, DUE_SOON, ON_TIME)]
    result.set(row, "Ближайший срок", min(open_dues, default=None))
    horizon = [
        s
        for _, s in items
        if s.state in SEVERITY and (s.due - ctx.today).days <= ctx.settings.warn_days
    ]
    if not items:
        result.set(row, "Состояние", ROADMAP_NO_DUE)
        return
    worst = max(horizon, key=lambda s: SEVERITY[s.state], default=None)
    if all(s.state == BEFORE_START for _, s in items):
        result.set(row, "Состояние", BEFORE_START)  # every deadline came before the registry
    else:
        result.set(row, "Состояние", worst.state if worst else ON_TIME)
    overdue = [(ctx.today - s.due).days for _, s in items if s.state == OVERDUE]
    result.set(row, "Просрочено, дней", max(overdue, default=None))
