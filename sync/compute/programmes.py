"""«Программы»: participants from the pair, progress from the stages, dates and status rules."""

from __future__ import annotations

from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import programmes
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import whole_months
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.refs import check_pair
from nastavnik.sync.compute.stages import StageStats

APPROVED_STATUSES = ("утверждена", "реализуется", "завершена")
RUNNING = "реализуется"
NO_STAGES = StageStats(0, 0, 0)


def progress_percent(stats: StageStats) -> int | None:
    """done / all in whole percent, halves rounded up; None when there are no stages."""
    if stats.total == 0:
        return None
    return (stats.done * 200 + stats.total) // (2 * stats.total)


def compute_programmes(ctx: Context, stages: dict[str, StageStats]) -> None:
    """Fill the calc columns of «Программы» and apply its rules."""
    result = ctx.result(programmes.TITLE)
    for row, programme in result.data.records(Programme):
        info = check_pair(ctx, result, row, "Код пары", programme.pair_code)
        if info is not None:
            result.set(row, "Наставник", info.pair.mentor)
            result.set(row, "Наставляемый", info.pair.mentee)
        stats = stages.get(fold(ctx.programme_codes[row]), NO_STAGES)
        result.set(row, "Этапов всего", stats.total)
        result.set(row, "Этапов выполнено", stats.done)
        result.set(row, "Прогресс, %", progress_percent(stats))
        result.set(row, "Просроченных этапов", stats.overdue)
        _check_dates(ctx, result, row, programme)
        _check_status(result, row, programme, stats)


def _check_dates(ctx: Context, result: SheetResult, row: int, programme: Programme) -> None:
    if programme.start > programme.end:
        result.error(
            row,
            "Дата окончания",
            f"Дата окончания {format_date(programme.end)} раньше даты начала "
            f"{format_date(programme.start)}.",
            "Исправьте даты программы.",
        )
        return
    low, high = ctx.settings.pair_months
    months = whole_months(programme.start, programme.end)
    if not low <= months <= high:
        result.warn(
            row,
            "Дата окончания",
            f"Программа рассчитана на {months} мес., обычно {low}–{high}.",
            "Проверьте даты программы или измените пределы срока наставничества в «Настройках».",
        )


def _check_status(result: SheetResult, row: int, programme: Programme, stats: StageStats) -> None:
    if programme.status in APPROVED_STATUSES and programme.approved is None:
        result.warn(
            row,
            "Дата утверждения",
            f"Программа в статусе «{programme.status}», но дата утверждения не указана.",
            "Укажите дату утверждения программы.",
        )
    if programme.status == RUNNING and stats.total == 0:
        result.warn(
            row,
            "Этапов всего",
            "Программа реализуется, но у неё нет ни одного этапа.",
            "Внесите этапы программы на лист «Этапы программ» с этим кодом программы.",
        )
