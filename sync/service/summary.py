"""«Сводка»: the dashboard for the current academic year, as of the sync date."""

from __future__ import annotations

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.service import SUMMARY
from nastavnik.sheets_schema.sheets import pairs
from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.answers import person_of
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import academic_year, academic_year_start, month_label
from nastavnik.sync.compute.feedback import asked_pairs
from nastavnik.sync.compute.metrics import Indicator, roadmap_indicators, year_indicators
from nastavnik.sync.compute.population import Year, population
from nastavnik.sync.names import name_key
from nastavnik.sync.snapshot import Cell


def summary_indicators(outcome: Outcome) -> list[Indicator]:
    """Indicators of the current academic year plus «now» figures and data quality."""
    ctx, today = outcome.context, outcome.today
    year = Year.of(academic_year_start(today), today)
    now = "Сейчас"
    this_month = (today.year, today.month)
    active = [p for p in ctx.pairs if p.active]
    month_meetings = sum(
        1 for m in population(ctx, year).meetings if (m.day.year, m.day.month) == this_month
    )  # the year's meetings (one definition, as «Встреч за учебный год»), this month
    pair_cells = outcome.cells.get(pairs.TITLE, {})
    threshold = ctx.settings.days_without_meetings
    idle = sum(
        1 for p in active if _int(pair_cells.get(p.row, {}).get("Дней без встреч")) > threshold
    )
    return [
        Indicator(
            "Общее", f"Учебный год {academic_year(today)}, по состоянию на {today:%d.%m.%Y}", None
        ),
        Indicator(now, "Действующих пар", len(active)),
        Indicator(now, "Встреч в этом месяце", month_meetings),
        Indicator(now, f"Пар без встреч дольше {ctx.settings.days_without_meetings} дн.", idle),
        Indicator(now, "Пунктов в «Просрочено»", len(outcome.attention)),
        *_survey_now(outcome, year),
        *year_indicators(ctx, year),
        *roadmap_indicators(outcome.occurrences, academic_year(today)),
        Indicator("Качество данных", "Ошибок", outcome.errors),
        Indicator("Качество данных", "Предупреждений", outcome.warnings),
    ]


def wave_progress(ctx: Context, year: Year) -> tuple[str, int, int] | None:
    """During a wave month: («декабрь 2026», people who answered so far, people asked); else None.

    Asked: both sides of each pair working this month so far, each person once per role;
    answered: the year's answers (`population`, typed and form alike) dated this month.
    """
    today = ctx.today
    if today.month not in ctx.settings.feedback_months:
        return None
    first = today.replace(day=1)
    pairs = asked_pairs(ctx, first, today)
    asked = {(name_key(person_of(i, r)), r) for i in pairs for r in ch.RESPONDENTS}
    answered = {
        (name_key(a.person), a.respondent)
        for a in population(ctx, year).feedback
        if (a.day.year, a.day.month) == (today.year, today.month)
    }
    return month_label(first), len(answered & asked), len(asked)


def _survey_now(outcome: Outcome, year: Year) -> list[Indicator]:
    """In a wave month: how many of those asked have answered so far (typed and form answers)."""
    progress = wave_progress(outcome.context, year)
    if progress is None:
        return []
    wave, answered, asked = progress
    return [
        Indicator("Сейчас", f"Опрос «{wave}»: ответили", answered),
        Indicator("Сейчас", f"Опрос «{wave}»: ещё не ответили", asked - answered),
    ]


def _int(value: Cell) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def summary_grid(outcome: Outcome) -> list[list[Cell]]:
    """Header plus Раздел · Показатель · Значение rows."""
    grid: list[list[Cell]] = [[c.header for c in SUMMARY.columns]]
    grid.extend([i.section, i.label, i.value] for i in summary_indicators(outcome))
    return grid
