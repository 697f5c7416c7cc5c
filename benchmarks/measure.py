"""Measuring helpers shared by the benchmarks: peak RSS, best-of-N timing, a timed workbook."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence

from nastavnik.demo.grid import Grid
from nastavnik.sync.backends.base import ApplyResult
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import Snapshot, make_table


def max_rss_kib() -> int | None:
    """Peak resident set size of this process so far, KiB (None where unsupported)."""
    if sys.platform == "win32":
        return None
    import resource

    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value // 1024 if sys.platform == "darwin" else value  # macOS reports bytes


def snapshot_of(grids: dict[str, Grid]) -> Snapshot:
    """An in-memory Snapshot of the grids, as a backend's read would give."""
    return Snapshot({title: make_table(title, grid) for title, grid in grids.items()})


def timed(repeat: int, action: Callable[[], object]) -> tuple[list[float], object]:
    """Run `action` `repeat` times after a collection each; the times and the last result."""
    times: list[float] = []
    result: object = None
    for _ in range(max(repeat, 1)):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return times, result


class TimedWorkbook(XlsxWorkbook):
    """An XlsxWorkbook that adds up the time spent reading and applying, and notes the
    process's peak RSS when the read ends and when the write starts (= after planning)."""

    read_seconds = 0.0
    apply_seconds = 0.0
    rss_after_read: int | None = None
    rss_after_plan: int | None = None

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Read, timed."""
        start = time.perf_counter()
        try:
            return super().read(titles)
        finally:
            self.read_seconds += time.perf_counter() - start
            self.rss_after_read = max_rss_kib()

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Apply, timed."""
        self.rss_after_plan = max_rss_kib()
        start = time.perf_counter()
        try:
            return super().apply(changes, snapshot)
        finally:
            self.apply_seconds += time.perf_counter() - start
