"""The table and the summary line of benchmarks/local_sync.py (rows, targets, verdicts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

PREPARE = "prepare (write .xlsx + init)"
FIRST = "first sync (run_sync)"
SECOND = "second sync (no changes)"
BASELINE = "openpyxl read-only, every value"
CORE_TARGET_S = 2.0  # parse + compute of 100,000 meetings, one core
FIRST_TARGET_S = 5.0  # a first sync of the large workbook
RATIO_TARGET = 0.5  # rerun / the openpyxl read-only pass over the same file
MEMORY_TARGET_MIB = 300.0  # peak resident memory of any stage of a sync


@dataclass
class Row:
    """One line of the table."""

    size: str
    stage: str
    seconds: list[float] = field(default_factory=list)
    peak_kib: int | None = None
    increase_kib: int | None = None
    traced: int | None = None
    note: str = ""
    derived: bool = False  # computed from other rows, not run

    @property
    def best(self) -> float | None:
        """The fastest run, or None when the stage was not timed."""
        return min(self.seconds) if self.seconds else None


def mib(kib: int | None) -> str:
    """KiB as MiB for the table."""
    return "—" if kib is None else f"{kib / 1024:,.1f}"


def render(rows: Sequence[Row]) -> str:
    """The Markdown table."""
    lines = [
        "| size | stage | seconds (best of N) | N | peak RSS MiB | RSS increase MiB "
        "| tracemalloc peak MiB | notes |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        best = "—" if row.best is None else f"{row.best:.3f}"
        traced = "—" if row.traced is None else f"{row.traced / 2**20:,.1f}"
        runs = "derived" if row.derived else str(len(row.seconds) or "—")
        lines.append(
            f"| {row.size} | {row.stage} | {best} | {runs} "
            f"| {mib(row.peak_kib)} | {mib(row.increase_kib)} | {traced} | {row.note} |"
        )
    return "\n".join(lines)


def summary(rows: Sequence[Row]) -> str:
    """The verdicts on the targets, judged on the largest size measured (set-up excluded)."""
    size = "large" if any(row.size == "large" for row in rows) else rows[0].size
    mine = {row.stage: row for row in rows if row.size == size and row.stage != PREPARE}
    core = mine["analyse"].best or 0.0
    first, rerun = mine[FIRST].best or 0.0, mine[SECOND].best or 0.0
    baseline = mine[BASELINE].best or 0.0
    ratio = rerun / baseline if baseline else float("nan")
    peak = max(mine.values(), key=lambda row: row.peak_kib or 0)
    peak_mib = (peak.peak_kib or 0) / 1024

    def verdict(met: bool) -> str:
        return ("met" if met else "MISSED") if size == "large" else "judged on large only"

    return (
        f"Summary ({size}): rerun {rerun:.2f} s / openpyxl read-only pass {baseline:.2f} s = "
        f"ratio {ratio:.2f} (target ≤ {RATIO_TARGET}: {verdict(ratio <= RATIO_TARGET)}); "
        f"first sync {first:.2f} s (target ≤ {FIRST_TARGET_S:.0f} s: "
        f"{verdict(first <= FIRST_TARGET_S)}); highest peak RSS {peak_mib:,.0f} MiB in "
        f"«{peak.stage}» (target ≤ {MEMORY_TARGET_MIB:.0f} MiB: "
        f"{verdict(peak_mib <= MEMORY_TARGET_MIB)}); compute core {core:.2f} s (parse "
        f"{mine['parse'].best or 0.0:.2f} s, compute {mine['compute'].best or 0.0:.2f} s; "
        f"target < {CORE_TARGET_S:.0f} s: {verdict(core < CORE_TARGET_S)})."
    )
