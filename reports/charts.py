"""Charts of the annual report and the public page: matplotlib (Agg, no display) → PNG bytes.

Only the object-oriented API is used (`Figure`, no pyplot): no global state, no GUI backend,
safe in the long-running `schedule` process. DejaVu Sans ships with matplotlib and has
Cyrillic letters, so the charts look the same on every machine. A chart with nothing to show
is not drawn (None).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nastavnik.reports.text import number

FONT = "DejaVu Sans"
COLOURS = ("#1f5fa8", "#e07b1a", "#4a9a4a", "#8c5fb0")
TARGET_COLOUR = "#c0392b"
CM = 1 / 2.54
DPI = 150

Series = Mapping[str, Sequence[float | None]]


def _figure(width_cm: float = 16.0, height_cm: float = 8.0) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    return figure, axes


def _png(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _has_values(series: Series) -> bool:
    return any(v is not None for values in series.values() for v in values)


def _grouped_bars(axes: Axes, categories: Sequence[str], series: Series) -> None:
    """Bars side by side for each category, one colour per series, values on top."""
    width = 0.8 / max(len(series), 1)
    for n, (name, values) in enumerate(series.items()):
        xs = [i + (n - (len(series) - 1) / 2) * width for i in range(len(categories))]
        shown = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        bars = axes.bar(
            [x for x, _ in shown],
            [v for _, v in shown],
            width,
            label=name,
            color=COLOURS[n % len(COLOURS)],
        )
        axes.bar_label(bars, labels=[number(v) for _, v in shown], fontsize=7, padding=2)
    axes.set_xticks(range(len(categories)), list(categories))


def coverage_png(years: Sequence[str], series: Series, target: float | None) -> bytes | None:
    """Coverage shares (%) by academic year, with the target share as a dashed line."""
    if not years or not _has_values(series):
        return None
    figure, axes = _figure()
    _grouped_bars(axes, years, series)
    if target is not None:
        axes.axhline(
            target,
            color=TARGET_COLOUR,
            linestyle="--",
            linewidth=1.2,
            label=f"цель {number(target)} %",
        )
    axes.set_ylim(0, 118)
    axes.set_yticks(range(0, 101, 20))
    axes.set_ylabel("%", fontsize=8)
    axes.set_title("Охват наставничеством по учебным годам", fontsize=10)
    axes.legend(fontsize=7, loc="upper center", ncol=3, frameon=False)
    return _png(figure)


def meetings_png(months: Sequence[tuple[str, int, int]]) -> bytes | None:
    """Meetings per month (label, meetings, of which lesson visits), stacked."""
    if not any(total for _, total, _ in months):
        return None
    figure, axes = _figure()
    labels = [label for label, _, _ in months]
    visits = [v for _, _, v in months]
    others = [total - v for _, total, v in months]
    axes.bar(labels, others, color=COLOURS[0], label="встречи и консультации")
    axes.bar(labels, visits, bottom=others, color=COLOURS[1], label="взаимопосещения уроков")
    for x, (_, total, _) in enumerate(months):
        if total:
            axes.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=7)
    axes.set_ylabel("встреч", fontsize=8)
    axes.set_title("Встречи наставников и наставляемых по месяцам", fontsize=10)
    axes.legend(fontsize=7, frameon=False)
    return _png(figure)


def feedback_png(waves: Sequence[str], series: Series) -> bytes | None:
    """Average satisfaction (of 10) by survey wave, one bar per respondent role."""
    if not waves or not _has_values(series):
        return None
    figure, axes = _figure()
    _grouped_bars(axes, waves, series)
    axes.set_ylim(0, 12)
    axes.set_yticks(range(0, 11, 2))
    axes.set_ylabel("балл из 10", fontsize=8)
    axes.set_title("Удовлетворённость участием по волнам опроса", fontsize=10)
    axes.legend(fontsize=7, loc="upper center", ncol=2, frameon=False)
    return _png(figure)
