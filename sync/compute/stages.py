"""«Этапы программ»: the state of each stage, stats per programme, overdue stages to attend."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import programmes, stages
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.sheets.stages import Stage
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import MENTORS
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.states import deadline_state
from nastavnik.sync.names import not_found_fix

DONE, DUE_SOON, OVERDUE = ch.STATE_DONE, ch.STATE_DUE_SOON, ch.STATE_OVERDUE
CLOSED_PROGRAMMES = ("завершена", "прекращена")  # no reminders about their stages


@dataclass(frozen=True)
class StageStats:
    """Stages of one programme: how many, how many done, how many overdue."""

    total: int
    done: int
    overdue: int


def stage_state(stage: Stage, today: date, warn_days: int) -> str:
    """выполнено · просрочено (due passed) · скоро срок (due within warn_days) · в срок."""
    if stage.mark == ch.MARK_DONE:
        return DONE
    return deadline_state(stage.due, today, warn_days)


def programmes_by_code(ctx: Context) -> dict[str, Programme]:
    """Readable programmes by folded effective code."""
    data = ctx.registry.sheet(programmes.SPEC)
    return {fold(ctx.programme_codes[row]): p for row, p in data.records(Programme)}


def compute_stages(ctx: Context) -> dict[str, StageStats]:
    """Fill Состояние / Просрочено, дней of «Этапы программ»; stats per folded programme code."""
    result = ctx.result(stages.TITLE)
    known = programmes_by_code(ctx)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row, stage in result.data.records(Stage):
        state = stage_state(stage, ctx.today, ctx.settings.warn_days)
        result.set(row, "Состояние", state)
        late = (ctx.today - stage.due).days if state == OVERDUE else None
        result.set(row, "Просрочено, дней", late)
        if not _check_stage(ctx, result, row, stage):
            continue  # an error: the row is not counted
        counts[fold(stage.programme_code)].update(("всего", state))
        if state in (OVERDUE, DUE_SOON):
            _attend(ctx, row, stage, known.get(fold(stage.programme_code)))
    return {code: StageStats(c["всего"], c[DONE], c[OVERDUE]) for code, c in counts.items()}


def _check_stage(ctx: Context, result: SheetResult, row: int, stage: Stage) -> bool:
    """Apply the rules of one stage; False when it has an error."""
    ok = True
    if fold(stage.programme_code) not in ctx.known_programmes:
        fix = not_found_fix(
            "программу на лист «Программы»", stage.programme_code, ctx.programme_codes.values()
        )
        message = f"Программы с кодом «{stage.programme_code}» нет на листе «Программы»."
        result.error(row, "Код программы", message, fix)
        ok = False
    if stage.done_on is not None and stage.done_on > ctx.today:
        result.error(
            row,
            "Дата выполнения",
            f"Дата выполнения {format_date(stage.done_on)} ещё не наступила.",
            "Укажите дату, когда этап действительно выполнен; отметку ставьте после выполнения.",
        )
        ok = False
    if stage.mark == ch.MARK_DONE and stage.done_on is None:
        result.warn(
            row,
            "Дата выполнения",
            "Этап отмечен «выполнено», но дата выполнения не указана.",
            "Укажите дату выполнения этапа.",
        )
    elif stage.mark != ch.MARK_DONE and stage.done_on is not None:
        result.warn(
            row,
            "Отметка о выполнении",
            "Указана дата выполнения, но нет отметки «выполнено».",
            "Поставьте отметку «выполнено» или очистите дату выполнения.",
        )
    return ok


def _attend(ctx: Context, row: int, stage: Stage, programme: Programme | None) -> None:
    """An overdue or due-soon stage of an open programme goes on the attention list."""
    if programme is not None and programme.status in CLOSED_PROGRAMMES:
        return
    pair = ctx.pair_by_code.get(fold(programme.pair_code)) if programme else None
    who = f" (пара {pair.code}: {pair.pair.mentor} → {pair.pair.mentee})" if pair else ""
    what = f"Этап «{stage.activity}» программы {stage.programme_code}{who}"
    mentor = pair.pair.mentor if pair else ""
    ctx.attend(stages.TITLE, what, stage.due, row, role=MENTORS, person=mentor)
