"""Memory over time: the `schedule` process's nightly run, 50 times, through the fake Sheets server.

    python benchmarks/run.py memory [--syncs 50] [--size typical|large]

The fake server runs in its own process (as in `google_compare`) with the typical school,
prepared with ``nastavnik init``. One worker process then does what a long-running
``nastavnik schedule`` does every night — `run_nightly` (lock, the full sync as of that
day, a journal row) — for `--syncs` consecutive days, and reads its resident memory
(VmRSS) after each night. A leak shows as a slope: the report gives the RSS after the
first, the 10th and the last night, and the growth per night over the nights after the
10th (the first nights fill caches and the allocator's pools). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.google_compare import SIZES, TODAY, _workbook, fake_server, work
from nastavnik.jobs.nightly import run_nightly
from nastavnik.jobs.runner import JobRun
from nastavnik.jobs.signals import StopSignals
from nastavnik.jobs.state import JobPaths

WARM_UP = 10  # nights before the slope is measured


def rss_mib() -> float:
    """The process's resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def nights(url: str, book_id: str, count: int) -> list[float]:
    """Run `count` nightly syncs on consecutive days in this process; RSS after each."""
    workbook, _ = _workbook(url, book_id)
    signals = StopSignals()
    out: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = JobPaths(Path(tmp) / "log.txt", Path(tmp) / "lock", Path(tmp) / "sent.json")
        for night in range(count):
            run = JobRun(workbook, paths, today=TODAY + timedelta(days=night))
            run_nightly(run, signals)
            out.append(rss_mib())
    return out


def report(samples: Sequence[float]) -> list[str]:
    """The summary lines."""
    if not samples:
        return ["no nights run"]
    tail = samples[WARM_UP - 1 :] if len(samples) > WARM_UP else list(samples)
    slope = (tail[-1] - tail[0]) / max(len(tail) - 1, 1)
    tenth = samples[min(WARM_UP, len(samples)) - 1]
    return [
        "RSS after each night, MiB: " + " ".join(f"{v:.0f}" for v in samples),
        f"RSS: night 1 {samples[0]:.1f} MiB, night {min(WARM_UP, len(samples))} {tenth:.1f} MiB, "
        f"night {len(samples)} {samples[-1]:.1f} MiB, peak {max(samples):.1f} MiB",
        f"growth after night {WARM_UP}: {slope * 1024:.0f} KiB per night",
    ]


def main(argv: Sequence[str]) -> int:
    """Parse the options, run the nights, print the report; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--syncs", type=int, default=50)
    parser.add_argument("--size", choices=sorted(SIZES), default="typical")
    parser.add_argument("--worker", nargs=3)
    args = parser.parse_args(argv)
    if args.worker:
        url, book_id, count = args.worker
        print(json.dumps(nights(url, book_id, int(count))))
        return 0
    with fake_server(args.size) as info:
        work("init", info["url"], info["nastavnik"], "", 0)
        command = [sys.executable, __file__, "--worker", info["url"], info["nastavnik"]]
        done = subprocess.run(
            [*command, str(args.syncs)], check=True, capture_output=True, text=True
        )
        samples = json.loads(done.stdout.strip().splitlines()[-1])
    print("\n".join(report(samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
