"""The report's charts from `AnnualData`: the same numbers as its tables, drawn by reports.charts.

`min_group` hides a figure taken over fewer people than that (the public page passes 3).
"""

from __future__ import annotations

from nastavnik.reports import charts
from nastavnik.reports.model import AnnualData, feedback_label
from nastavnik.reports.text import short_month
from nastavnik.sheets_schema import choices as ch
from nastavnik.sync.compute.dates import MONTH_NAMES
from nastavnik.sync.snapshot import Cell

INVOLVED = "Доля вовлечённых педагогов, %"
NEED_COVERED = "Доля нуждающихся с наставником, %"
TARGET = "Целевая доля вовлечённых, %"
BASE = {INVOLVED: "Педагогов работает", NEED_COVERED: "Нуждаются в наставнике"}
PART = {
    INVOLVED: "Вовлечено педагогов в наставничество",
    NEED_COVERED: "Нуждающихся, у кого есть наставник",
}
SERIES = {INVOLVED: "вовлечено педагогов, %", NEED_COVERED: "нуждающихся с наставником, %"}
ROLE_NAMES = {ch.ROLE_MENTOR: "наставники", ch.ROLE_MENTEE: "наставляемые"}


def monitoring_row(data: AnnualData, label: str) -> list[Cell]:
    """The values of one «Мониторинг» row, one per year column (None when absent)."""
    for row in data.monitoring[1:]:
        if row[1] == label:
            return list(row[2:])
    return [None] * (len(data.monitoring[0]) - 2)


def _percent(value: Cell, base: Cell, part: Cell, min_group: int) -> float | None:
    """The share to draw; with `min_group`, not when its base, part or rest is under it."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if min_group:
        if not isinstance(base, int | float) or not isinstance(part, int | float):
            return None
        if base < min_group or 0 < part < min_group or 0 < base - part < min_group:
            return None
    return float(value)


def coverage_chart(data: AnnualData, min_group: int = 0) -> bytes | None:
    """Shares involved and of those in need with a mentor, by academic year, vs the target."""
    years = [str(y) for y in data.monitoring[0][2:]]
    series: dict[str, list[float | None]] = {}
    for label, name in SERIES.items():
        bases = monitoring_row(data, BASE[label])
        parts = monitoring_row(data, PART[label])
        values = monitoring_row(data, label)
        series[name] = [
            _percent(v, b, p, min_group) for v, b, p in zip(values, bases, parts, strict=True)
        ]
    target = data.value(TARGET)
    return charts.coverage_png(years, series, float(target) if target is not None else None)


def meetings_chart(data: AnnualData) -> bytes | None:
    """Meetings and lesson visits by month of the year."""
    return charts.meetings_png([(short_month(m.month), m.meetings, m.visits) for m in data.months])


def feedback_chart(data: AnnualData, min_group: int = 0) -> bytes | None:
    """Average satisfaction by wave and role; a group with fewer answers than `min_group` is left out."""
    waves = [MONTH_NAMES[month - 1] for month in data.waves]
    series: dict[str, list[float | None]] = {}
    for role in ch.RESPONDENTS:
        values: list[float | None] = []
        for month in data.waves:
            label = feedback_label(month, role)
            value = data.value(label)
            hidden = data.answers.get(label, 0) < min_group
            values.append(None if value is None or hidden else float(value))
        series[ROLE_NAMES[role]] = values
    return charts.feedback_png(waves, series)
