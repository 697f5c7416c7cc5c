"""Reading the .xlsx workbook, and memory across repeated plans — measured, never asserted.

    python benchmarks/read_xlsx.py [--size demo|large] [--repeat N] [--keep PATH]

Prepares the workbook once (the registries as staff typed them, `init`, one sync, so every
calc cell is filled: the shape of a nightly rerun), then, each in a fresh interpreter so the
peak resident set size is its own:

- ``nastavnik read``: `XlsxWorkbook.read` of every sheet (python-calamine + the XML scans);
- ``openpyxl read-only``: `openpyxl.load_workbook(read_only=True, data_only=True)` iterating
  every value of every sheet (what the reader used before);
- ``plan_sync ×3``: the snapshot read once, then `plan_sync` three times in one process; the
  traced memory still held after each run (tracemalloc, after a collection), so growth
  between runs is memory a long-running `schedule` process would keep.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from benchmarks.local_sync import SIZES, Size, measure_prepare
from benchmarks.measure import max_rss_kib
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.engine import ALL_TITLES, plan_sync, run_sync

MARK = "BENCH-RESULT "
KINDS = ("nastavnik read", "openpyxl read-only", "plan_sync x3")


def read_nastavnik(path: Path) -> str:
    """Every sheet through the backend; the number of cells read."""
    snapshot = XlsxWorkbook(path).read(ALL_TITLES)
    cells = sum(len(row) for table in snapshot.tables.values() for row in table.rows)
    return f"{cells:,} cells"


def read_openpyxl(path: Path) -> str:
    """Every value of every sheet through openpyxl's read-only mode."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                cells += sum(1 for value in row if value is not None)
    finally:
        book.close()
    return f"{cells:,} non-empty cells"


def plan_three_times(path: Path, size: Size) -> str:
    """Memory held after each of three `plan_sync` runs on one snapshot, MiB."""
    snapshot = XlsxWorkbook(path).read(ALL_TITLES)
    held: list[float] = []
    tracemalloc.start()
    try:
        for _ in range(3):
            result = plan_sync(snapshot, size.today)
            del result
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0] / 2**20)
    finally:
        tracemalloc.stop()
    growth = held[-1] - held[0]
    shown = ", ".join(f"{value:,.1f}" for value in held)
    return f"held after each run MiB: {shown}; growth run 1→3: {growth:+,.1f} MiB"


def worker(kind: str, path: Path, size: Size) -> dict[str, object]:
    """One measurement in this process."""
    base = max_rss_kib()
    start = time.perf_counter()
    if kind == "prepare":
        prepare(size, path)
        note = "prepared"
    elif kind == KINDS[0]:
        note = read_nastavnik(path)
    elif kind == KINDS[1]:
        note = read_openpyxl(path)
    else:
        note = plan_three_times(path, size)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "base_kib": base, "peak_kib": max_rss_kib(), "note": note}


def run_worker(kind: str, path: Path, size: Size) -> dict[str, object]:
    """`worker` in a fresh interpreter."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind]
    command += ["--path", str(path), "--size", size.name]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"worker {kind} failed:\n{done.stderr[-3000:]}")
    found: dict[str, object] = json.loads(lines[-1][len(MARK) :])
    return found


def prepare(size: Size, path: Path) -> None:
    """The registries, `init`, then one sync: the file a nightly rerun reads."""
    measure_prepare(size, path)
    run_sync(XlsxWorkbook(path), size.today, datetime.now)


def main(argv: list[str]) -> int:
    """Prepare, measure each kind `--repeat` times, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="prepare into (or reuse) this file")
    parser.add_argument("--worker", choices=(*KINDS, "prepare"), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    if args.worker:
        print(MARK + json.dumps(worker(args.worker, args.path, size)))
        return 0
    with tempfile.TemporaryDirectory(prefix="nastavnik-read-") as folder:
        path = args.keep or Path(folder) / "nastavnichestvo.xlsx"
        if not path.exists():  # in a worker: a child inherits its parent's peak RSS
            run_worker("prepare", path, size)
        print(f"{size.name}: {path.stat().st_size / 2**20:,.1f} MiB file\n")
        print("| what | seconds (best) | peak RSS MiB | notes |\n|---|---:|---:|---|")
        for kind in KINDS:
            runs = [run_worker(kind, path, size) for _ in range(1 if "x3" in kind else args.repeat)]
            best = min(float(str(run["seconds"])) for run in runs)
            peak = max(int(str(run["peak_kib"] or 0)) for run in runs) / 1024
            print(f"| {kind} | {best:.2f} | {peak:,.0f} | {runs[0]['note']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
