"""Speed and memory of the local (.xlsx) sync — measured and reported, never asserted.

    python benchmarks/local_sync.py [--size demo|large|both] [--repeat N] [--in-process]
                                    [--no-tracemalloc] [--profile]

Two sizes: ``demo`` (``demo.data.demo_grids``: ≈ 40 teachers, 300 meetings) and
``large`` (``demo.data.large_grids``: 2,000 teachers, 1,000 pairs, 100,000 meetings).

Every measurement runs in a fresh interpreter (this script with ``--worker``), so the peak
resident set size (``ru_maxrss``) belongs to that measurement alone; the increase is the peak
minus the RSS right after the imports. Stages:

- pure (an in-memory Snapshot built with ``make_table``, no file): ``input`` (generate the
  grids, build the Snapshot), ``parse``, ``compute``, ``analyse`` (parse + compute, the
  compute core), ``plan_sync`` (analyse + layout, calc-cell and service-sheet planning) and
  ``plan`` (plan_sync − analyse, derived); optionally the tracemalloc peak of each stage;
- file (a real .xlsx in a temporary directory): ``prepare`` (write the registries as staff
  typed them, then ``run_init``; set-up, measured once), ``first sync`` (``run_sync`` on a
  fresh copy of the prepared file: every calc cell written) and ``second sync`` (the same
  ``today`` again: nothing to write).

Prints a Markdown table and a summary line against the targets (benchmarks/local_report.py:
rerun ≤ 0.5 × an openpyxl read-only pass over every value of the same file, first sync ≤ 5 s,
peak RSS ≤ 300 MiB, compute core < 2 s). Exit code 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict

import openpyxl

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.local_report import BASELINE, FIRST, PREPARE, SECOND, Row, mib, render, summary
from benchmarks.measure import TimedWorkbook, max_rss_kib, snapshot_of, timed
from nastavnik.demo.build import grid_changes
from nastavnik.demo.data import demo_grids, large_grids
from nastavnik.demo.grid import Grid
from nastavnik.demo.large import LARGE_TODAY
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.compute import compute
from nastavnik.sync.engine import RunReport, analyse, plan_sync, run_init, run_sync
from nastavnik.sync.parse import parse
from nastavnik.sync.snapshot import Snapshot

TODAY = LARGE_TODAY  # an autumn day, as demo_grids expects; the same for both sizes
MARK = "BENCH-RESULT "  # prefixes the worker's JSON line on stdout
PURE = ("input", "parse", "compute", "analyse", "plan_sync")
TRACED = ("parse", "compute", "analyse", "plan_sync")
PLAN_ONLY = "plan (plan_sync − analyse)"
STAGES = (*PURE, PLAN_ONLY, PREPARE, FIRST, SECOND, BASELINE)
SIZE_NAMES = ("demo", "large")
DEFAULT_REPEAT = {"demo": 3, "large": 1}


@dataclass(frozen=True)
class Size:
    """A named workload: the registry grids as staff typed them, and the day to sync on."""

    name: str
    grids: Callable[[], dict[str, Grid]]
    today: date = TODAY


SIZES = {
    "demo": Size("demo", lambda: demo_grids(TODAY)),
    "large": Size("large", large_grids),
}


class Measured(TypedDict):
    """What one worker reports (JSON between processes)."""

    seconds: list[float]
    base_kib: int | None  # ru_maxrss right after the imports
    peak_kib: int | None  # ru_maxrss at the end
    traced: dict[str, int]  # stage → tracemalloc peak, bytes
    note: str


Runner = Callable[[str, Size, int, Path | None], Measured]


def pure_action(stage: str, snapshot: Snapshot, today: date) -> Callable[[], object]:
    """The call one pure stage times (compute gets a registry parsed beforehand)."""
    if stage == "parse":
        return lambda: parse(snapshot)
    if stage == "compute":
        registry = parse(snapshot)
        return lambda: compute(registry, today)
    if stage == "analyse":
        return lambda: analyse(snapshot, today)
    return lambda: plan_sync(snapshot, today)


def pure_note(stage: str, snapshot: Snapshot, result: object) -> str:
    """A short fact about the stage's output."""
    if stage == "input":
        rows = sum(len(table.rows) for table in snapshot.tables.values())
        return f"{rows:,} data rows on {len(snapshot.tables)} sheets"
    if stage == "plan_sync" and isinstance(result, tuple):
        return f"{len(result[2].writes):,} cell writes planned"
    return ""


def measure_pure(stage: str, size: Size, repeat: int) -> tuple[list[float], str]:
    """Time one pure stage on the size's Snapshot (the input stage times building it)."""
    if stage == "input":
        times, built = timed(1, lambda: snapshot_of(size.grids()))
        assert isinstance(built, Snapshot)
        return times, pure_note(stage, built, None)
    snapshot = snapshot_of(size.grids())
    times, result = timed(repeat, pure_action(stage, snapshot, size.today))
    return times, pure_note(stage, snapshot, result)


def measure_traced(size: Size) -> dict[str, int]:
    """tracemalloc peak of each pure stage, bytes above what was allocated before it."""
    snapshot = snapshot_of(size.grids())
    peaks: dict[str, int] = {}
    tracemalloc.start()
    try:
        for stage in TRACED:
            action = pure_action(stage, snapshot, size.today)
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            action()
            peaks[stage] = tracemalloc.get_traced_memory()[1] - before
            del action
    finally:
        tracemalloc.stop()
    return peaks


def measure_prepare(size: Size, path: Path) -> tuple[list[float], str]:
    """Write the registries into a new .xlsx at `path`, then `init` it (set-up, timed once)."""
    changes = grid_changes(size.grids())
    start = time.perf_counter()
    workbook = XlsxWorkbook(path)
    workbook.apply(changes, workbook.read(()))
    run_init(workbook)
    seconds = time.perf_counter() - start
    return [seconds], f"{changes.cells_changed:,} typed cells; {path.stat().st_size:,} bytes"


def measure_sync(size: Size, path: Path) -> tuple[list[float], str]:
    """One `run_sync` of the file at `path`, with read/plan/write times in the note."""
    workbook = TimedWorkbook(path)
    gc.collect()
    start = time.perf_counter()
    report: RunReport = run_sync(workbook, size.today, datetime.now)
    seconds = time.perf_counter() - start
    plan = seconds - workbook.read_seconds - workbook.apply_seconds
    planned = workbook.rss_after_plan  # None when nothing was written: the run ended there
    return [seconds], (
        f"{report.changes.cells_changed:,} cells written; read {workbook.read_seconds:.2f} s, "
        f"plan {plan:.2f} s, write {workbook.apply_seconds:.2f} s; peak RSS MiB after read "
        f"{mib(workbook.rss_after_read)}, after plan {mib(planned or max_rss_kib())}"
    )


def measure_baseline(size: Size, path: Path) -> tuple[list[float], str]:
    """`openpyxl.load_workbook(read_only=True)` iterating every value of the file: the
    yardstick a rerun is compared with (the cheapest full read of the same workbook)."""
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    count = 0
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                count += len(row)
    finally:
        book.close()
    return [time.perf_counter() - start], f"{count:,} values"


def worker(kind: str, size: Size, repeat: int, path: Path | None) -> Measured:
    """Run one measurement in this process and report it."""
    base = max_rss_kib()
    traced: dict[str, int] = {}
    seconds: list[float] = []
    note = ""
    if kind in PURE:
        seconds, note = measure_pure(kind, size, repeat)
    elif kind == "tracemalloc":
        traced = measure_traced(size)
    elif kind in {"prepare", "sync", "openpyxl"} and path is not None:
        measures = {"prepare": measure_prepare, "sync": measure_sync, "openpyxl": measure_baseline}
        seconds, note = measures[kind](size, path)
    else:
        raise ValueError(f"unknown worker {kind!r} (or no --path)")
    return Measured(
        seconds=seconds, base_kib=base, peak_kib=max_rss_kib(), traced=traced, note=note
    )


def run_worker(kind: str, size: Size, repeat: int, path: Path | None) -> Measured:
    """Run one measurement in a fresh interpreter (so its peak RSS is its own)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind]
    command += ["--size", size.name, "--repeat", str(repeat)]
    if path is not None:
        command += ["--path", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"worker {kind} ({size.name}) failed:\n{done.stderr[-3000:]}")
    found: Measured = json.loads(lines[-1][len(MARK) :])
    return found


def to_row(size: Size, stage: str, runs: Sequence[Measured]) -> Row:
    """Merge the runs of one stage: every time, the highest peak, the fastest run's note."""
    seconds = [s for run in runs for s in run.get("seconds", [])]
    peaks = [run["peak_kib"] for run in runs if run["peak_kib"] is not None]
    increases = [
        run["peak_kib"] - run["base_kib"]
        for run in runs
        if run["peak_kib"] is not None and run["base_kib"] is not None
    ]
    fastest = min(runs, key=lambda run: min(run["seconds"], default=0.0))
    return Row(
        size.name,
        stage,
        seconds,
        max(peaks, default=None),
        max(increases, default=None),
        note=fastest["note"],
    )


def pure_rows(size: Size, repeat: int, runner: Runner, trace: bool) -> list[Row]:
    """The in-memory stages, each in its own worker, plus the derived «plan» row."""
    rows = {stage: to_row(size, stage, [runner(stage, size, repeat, None)]) for stage in PURE}
    if trace:
        peaks = runner("tracemalloc", size, 1, None)["traced"]
        for stage, peak in peaks.items():
            rows[stage].traced = peak
    whole, core = rows["plan_sync"].best, rows["analyse"].best
    plan = Row(size.name, PLAN_ONLY, note="layout, calc cells, service sheets", derived=True)
    if whole is not None and core is not None:
        plan.seconds = [max(whole - core, 0.0)]
    return [*rows.values(), plan]


def file_rows(size: Size, repeat: int, runner: Runner) -> list[Row]:
    """Prepare a real .xlsx once, then time first syncs (fresh copies) and second syncs."""
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as folder:
        prepared = Path(folder) / "prepared.xlsx"
        work = Path(folder) / "nastavnichestvo.xlsx"
        setup = runner("prepare", size, 1, prepared)
        first: list[Measured] = []
        for _ in range(repeat):
            shutil.copyfile(prepared, work)
            first.append(runner("sync", size, 1, work))
        second = [runner("sync", size, 1, work) for _ in range(repeat)]
        baseline = [runner("openpyxl", size, 1, work) for _ in range(repeat)]
    return [
        to_row(size, PREPARE, [setup]),
        to_row(size, FIRST, first),
        to_row(size, SECOND, second),
        to_row(size, BASELINE, baseline),
    ]


def in_process(kind: str, size: Size, repeat: int, path: Path | None) -> Measured:
    """Run a measurement here (fast, for tests; RSS figures are then not isolated)."""
    return worker(kind, size, repeat, path)


def profile(size: Size, top: int = 25) -> None:
    """cProfile plan_sync and a first run_sync in this process; print the top functions."""
    snapshot = snapshot_of(size.grids())
    with tempfile.TemporaryDirectory(prefix="nastavnik-profile-") as folder:
        path = Path(folder) / "nastavnichestvo.xlsx"
        measure_prepare(size, path)
        for title, action in (
            ("plan_sync", lambda: plan_sync(snapshot, size.today)),
            ("first run_sync", lambda: run_sync(XlsxWorkbook(path), size.today, datetime.now)),
        ):
            profiler = cProfile.Profile()
            profiler.runcall(action)
            print(f"\n### cProfile: {size.name}, {title} (top {top} by cumulative time)\n")
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(top)


def positive(text: str) -> int:
    """An argparse type: a whole number ≥ 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="local_sync", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=(*SIZE_NAMES, "both"), default="both")
    parser.add_argument("--repeat", type=positive, default=None, help="runs (3 demo, 1 large)")
    parser.add_argument("--in-process", action="store_true", help="no worker processes (tests)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip tracemalloc peaks")
    parser.add_argument("--profile", action="store_true", help="print cProfile tops instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the chosen sizes and print the table and the summary line."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    names = SIZE_NAMES if args.size == "both" else (args.size,)
    if args.worker:
        measured = worker(args.worker, SIZES[names[0]], args.repeat or 1, args.path)
        print(MARK + json.dumps(measured), flush=True)
        return 0
    if args.profile:
        for name in names:
            profile(SIZES[name])
        return 0
    runner: Runner = in_process if args.in_process else run_worker
    rows: list[Row] = []
    for name in names:
        repeat = args.repeat or DEFAULT_REPEAT[name]
        print(f"Measuring {name} (best of {repeat}) …", file=sys.stderr, flush=True)
        rows += pure_rows(SIZES[name], repeat, runner, not args.no_tracemalloc)
        rows += file_rows(SIZES[name], repeat, runner)
    print(render(rows))
    print()
    if args.in_process:
        print("(--in-process: one process for everything, so the RSS columns are cumulative.)")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
