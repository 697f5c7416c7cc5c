"""Google path: nastavnik against a naive gspread script, through the fake Sheets server.

    python benchmarks/google_compare.py [--size typical|large] [--sample N]
    python benchmarks/run.py --size typical          (the same, via the dispatcher)

Sizes: ``typical`` ≈ 80 teachers, 40 pairs, 2,000 meetings and the full roadmap;
``large`` = 2,000 teachers, 1,000 pairs, 100,000 meetings (``demo.large``).

The fake server runs in its own process and holds two identical spreadsheets, typed as
staff would (dates as serial numbers), both prepared with ``nastavnik init`` (set-up, not
measured). Then, each in a fresh interpreter so its peak memory is its own:

- **nastavnik**: ``run_sync`` on the first spreadsheet (every computed cell is new), then a
  rerun with nothing new;
- **naive**: on the second spreadsheet, ``worksheet(title).get_all_records()`` per sheet and
  ``update_cell`` per cell nastavnik changed (the same cells, computed beforehand). Above
  ``--sample`` cells (default 400) only that many ``update_cell`` calls run and the time is
  extrapolated linearly — 300,000 single-cell requests would take days at Google's quota.

Requests are counted on the client (a response hook), time is wall-clock including the
fake server's work, memory is the worker's whole peak RSS.
The last line is ``nastavnik: R requests, T s, M MiB; naive: R requests, T s, M MiB``.
Nothing is asserted; the exit code is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import gspread
import requests

from nastavnik.demo.grid import Grid
from nastavnik.demo.large import LARGE_TODAY, large_grids
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.backends.google.http import RateLimiter, SheetsApi
from nastavnik.sync.backends.google.model import to_serial
from nastavnik.sync.engine import ALL_TITLES, plan_sync, run_init, run_sync
from nastavnik.sync.snapshot import Cell

SIZES: dict[str, Callable[[], dict[str, Grid]]] = {
    "typical": lambda: large_grids(80, 40, 2000),
    "large": large_grids,
}
TODAY = LARGE_TODAY
SPARE_ROWS = 100  # empty rows below the data, as a real sheet has
BOOK_TITLE = "Наставничество (бенчмарк)"


class Measured(TypedDict):
    """What a worker reports."""

    requests: int
    reads: int
    writes: int
    seconds: float
    mib: float
    cells: int
    note: str
    largest: int  # bytes of the largest request body


# --- the server process ------------------------------------------------------------------


def serve(size: str) -> None:
    """Start the fake, seed two spreadsheets, print their ids; stop when stdin closes."""
    from tests.fake_sheets import start_fake_server

    server = start_fake_server(seed=0)
    grids = SIZES[size]()
    books = {side: _seed(server, grids) for side in ("nastavnik", "naive")}
    print(json.dumps({"url": server.base_url, **books}), flush=True)
    sys.stdin.read()
    server.stop()


def _seed(server: Any, grids: dict[str, Grid]) -> str:
    rows = {title: [[_typed(v) for v in line] for line in grid] for title, grid in grids.items()}
    book_id: str = server.controller.create_spreadsheet(
        BOOK_TITLE, rows, locale="ru_RU", time_zone="Europe/Moscow", input_option="RAW"
    )
    with server.store.lock:
        for sheet in server.controller.spreadsheet(book_id).sheets:
            sheet.grid["rowCount"] = max(1000, len(sheet.rows) + SPARE_ROWS)
    return book_id


def _typed(value: Cell) -> Any:
    """A cell as staff's typing leaves it: dates are serial numbers, blanks empty."""
    if isinstance(value, date):
        return to_serial(value)
    return "" if value is None else value


# --- workers -----------------------------------------------------------------------------


class Counter:
    """Counts the HTTP answers a session receives, by method."""

    def __init__(self, session: requests.Session) -> None:
        self.reads = self.writes = self.largest = 0
        session.hooks["response"].append(self._count)

    def _count(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        body = response.request.body
        self.largest = max(self.largest, len(body) if isinstance(body, bytes | str) else 0)
        if response.request.method == "GET":
            self.reads += 1
        else:
            self.writes += 1


def _workbook(url: str, book_id: str) -> tuple[GoogleWorkbook, Counter]:
    from tests.fake_sheets import make_session

    session = make_session(url)
    counter = Counter(session)
    api = SheetsApi(book_id, session.credentials, session=session, limiter=RateLimiter(10**9))
    return GoogleWorkbook(api), counter


def work(kind: str, url: str, book_id: str, extra: str, sample: int) -> Measured:
    """One measurement (or set-up step) in this process."""
    if kind == "init":
        run_init(_workbook(url, book_id)[0])
        return _measured(0, 0, 0.0, 0, "set-up")
    if kind == "plan":
        return _plan(url, book_id, Path(extra))
    if kind == "nastavnik":
        return _nastavnik(url, book_id, rerun=extra == "rerun")
    return _naive(url, book_id, Path(extra), sample)


def _measured(
    reads: int, writes: int, seconds: float, cells: int, note: str, largest: int = 0
) -> Measured:
    return Measured(
        largest=largest,
        requests=reads + writes,
        reads=reads,
        writes=writes,
        seconds=seconds,
        mib=0.0,
        cells=cells,
        note=note,
    )


def _nastavnik(url: str, book_id: str, *, rerun: bool) -> Measured:
    workbook, counter = _workbook(url, book_id)
    started = time.perf_counter()
    report = run_sync(workbook, TODAY, _clock)
    seconds = time.perf_counter() - started
    note = "rerun, nothing new" if rerun else "first sync after init"
    cells = report.changes.cells_changed if report.written else 0
    return _measured(counter.reads, counter.writes, seconds, cells, note, counter.largest)


def _clock() -> Any:
    from datetime import datetime

    return datetime(2025, 10, 15, 9, 0)


def _plan(url: str, book_id: str, out: Path) -> Measured:
    """The cells a sync would change (what the naive script writes), saved as JSON."""
    workbook, _ = _workbook(url, book_id)
    snapshot = workbook.read(ALL_TITLES)
    _, _, builder = plan_sync(snapshot, TODAY)
    cells = [[w.sheet, w.row, w.column + 1, _shown(w.value)] for w in builder.writes]
    out.write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
    return _measured(0, 0, 0.0, len(cells), "set-up")


def _shown(value: Cell) -> Any:
    """A value as a person would type it into update_cell."""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if value is None:
        return ""
    return value if isinstance(value, int | float | str) else str(value)


def _naive(url: str, book_id: str, cells_file: Path, sample: int) -> Measured:
    """get_all_records per sheet, then update_cell per changed cell (sampled above `sample`)."""
    from tests.fake_sheets import make_client

    client = make_client(url)
    counter = Counter(client.http_client.session)
    cells = json.loads(cells_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    spreadsheet = client.open_by_key(book_id)
    sheets = {}
    for title in ALL_TITLES:
        try:
            sheets[title] = spreadsheet.worksheet(title)
        except gspread.WorksheetNotFound:
            continue
        _records(sheets[title])
    read_seconds = time.perf_counter() - started
    done = 0
    for title, row, column, value in cells[:sample]:
        sheets[title].update_cell(row, column, value)
        done += 1
    write_seconds = time.perf_counter() - started - read_seconds
    total = len(cells)
    estimated = read_seconds + (write_seconds / done * total if done else 0.0)
    note = f"{done} of {total} update_cell calls run, time extrapolated" if done < total else ""
    reads, writes = counter.reads, counter.writes + (total - done)
    return _measured(reads, writes, estimated, total, note, counter.largest)


def _records(worksheet: Any) -> None:
    with contextlib.suppress(gspread.GSpreadException):  # duplicate blank headers: refused
        worksheet.get_all_records()


# --- orchestration -----------------------------------------------------------------------


def _run_worker(args: Sequence[str]) -> Measured:
    command = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    measured: Measured = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


@contextlib.contextmanager
def fake_server(size: str) -> Iterator[dict[str, str]]:
    """The fake server in its own process: its url and the two spreadsheet ids."""
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", size],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        yield dict(json.loads(server.stdout.readline()))
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=60)


def compare(size: str, sample: int) -> list[tuple[str, Measured]]:
    """Run the whole comparison for one size; rows of the table."""
    with fake_server(size) as info, tempfile.TemporaryDirectory() as tmp:
        url = info["url"]
        cells = str(Path(tmp) / "cells.json")
        for side in ("nastavnik", "naive"):
            _run_worker(["init", size, url, info[side], "", str(sample)])
        _run_worker(["plan", size, url, info["naive"], cells, str(sample)])
        first = _run_worker(["nastavnik", size, url, info["nastavnik"], "", str(sample)])
        rerun = _run_worker(["nastavnik", size, url, info["nastavnik"], "rerun", "0"])
        naive = _run_worker(["naive", size, url, info["naive"], cells, str(sample)])
    return [("nastavnik", first), ("nastavnik", rerun), ("naive", naive)]


def report(size: str, rows: list[tuple[str, Measured]]) -> list[str]:
    """The Markdown table and the summary lines."""
    lines = [
        "| size | who | requests | reads | writes | seconds | peak MiB | largest body, B "
        "| cells written | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for who, m in rows:
        lines.append(
            f"| {size} | {who} | {m['requests']} | {m['reads']} | {m['writes']} "
            f"| {m['seconds']:.2f} | {m['mib']:.1f} | {m['largest']} | {m['cells']} | {m['note']} |"
        )
    (_, ours), (_, naive) = rows[0], rows[2]
    ratio = naive["requests"] / max(ours["requests"], 1)
    lines.append(f"Requests: naive / nastavnik = {ratio:.0f}× (target ≥ 20× on typical).")
    lines.append(f"largest request body: {ours['largest']} bytes")
    lines.append(
        f"nastavnik: {ours['requests']} requests, {ours['seconds']:.2f} s, {ours['mib']:.0f} MiB; "
        f"naive: {naive['requests']} requests, {naive['seconds']:.2f} s, {naive['mib']:.0f} MiB"
    )
    return lines


def _worker_main(args: Sequence[str]) -> None:
    kind, _size, url, book_id, extra, sample = args
    measured = work(kind, url, book_id, extra, int(sample))
    measured["mib"] = _rss_mib()  # the worker's whole peak RSS (imports included)
    print(json.dumps(measured, ensure_ascii=False))


def _rss_mib() -> float:
    if sys.platform == "win32":
        return 0.0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: Sequence[str]) -> int:
    """Parse the options, run the comparison, print the table; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="typical")
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--serve", choices=sorted(SIZES))
    parser.add_argument("--worker", nargs=6)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve)
    elif args.worker:
        _worker_main(args.worker)
    else:
        print("\n".join(report(args.size, compare(args.size, args.sample))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
