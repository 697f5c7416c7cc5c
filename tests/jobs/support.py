"""Shared helpers of the job tests (no tests here): the demo workbook, CLI runs, subprocesses."""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from nastavnik.cli.app import main
from nastavnik.demo.build import build_demo
from nastavnik.sheets_schema.service import JOURNAL

DEMO_DAY = date(2025, 11, 20)
TODAY = ["--today", "20.11.2025"]
JOB_ENV = ("NASTAVNIK_", "XDG_STATE_HOME")


@dataclass
class Run:
    """What a CLI run produced."""

    code: int
    out: str
    err: str


@functools.cache
def demo_master() -> Path:
    """The demo workbook, built once per test session; tests copy it."""
    directory = Path(tempfile.mkdtemp(prefix="nastavnik-jobs-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "demo.xlsx"
    build_demo(path, DEMO_DAY, lambda: datetime(2025, 11, 20, 9, 0))
    return path


def demo_copy(directory: Path, name: str = "школа.xlsx") -> Path:
    """A fresh copy of the demo workbook in `directory`."""
    target = directory / name
    shutil.copy(demo_master(), target)
    return target


def clean_env(monkeypatch: pytest.MonkeyPatch, log_file: Path) -> None:
    """No job settings from the developer's environment; the log in the test's folder."""
    for name in list(os.environ):
        if name.startswith(JOB_ENV):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NASTAVNIK_LOG_FILE", str(log_file))


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run the CLI in this process and capture its exit code and output."""
    code = 0
    try:
        main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def subprocess_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The current environment (already cleaned by `clean_env`) plus `extra`."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", **(extra or {})}


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """`python -c …` or `python -m nastavnik …` in a real child process."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, seconds: float = 20.0) -> None:
    """Poll until `path` exists (a child process's «I am here» mark)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} did not appear")
        time.sleep(0.02)


def wait_for_text(path: Path, text: str, seconds: float = 20.0) -> None:
    """Poll until the file at `path` contains `text` (e.g. a line of a child's log)."""
    deadline = time.monotonic() + seconds
    while not path.exists() or text not in path.read_text(encoding="utf-8"):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} did not appear in {path}")
        time.sleep(0.02)


def journal_rows(path: Path) -> int:
    """Rows of «Журнал синхронизации» (header included), read with openpyxl."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book[JOURNAL.title].max_row or 0
    finally:
        book.close()


def sha256(path: Path) -> str:
    """The file's digest: «not changed at all» means the same bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stop(process: subprocess.Popen[str]) -> None:
    """Kill a helper process if it still runs, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.communicate(timeout=10)
