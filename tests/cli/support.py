"""What the CLI tests share (no tests here): running the CLI in-process, the demo workbook."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from nastavnik.cli.app import main
from tests.jobs.support import Run
from tests.jobs.support import cli as run_cli

__all__ = ["CYRILLIC", "TODAY", "Cli", "Run", "build_demo_file", "copy_of", "run_cli"]

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
TODAY = ["--today", "20.11.2025"]


Cli = Callable[..., Run]


def build_demo_file(directory: Path) -> Path:
    """The demo workbook as `nastavnik demo` builds it."""
    path = directory / "demo.xlsx"
    with contextlib.suppress(SystemExit):
        main(["demo", str(path), *TODAY])
    return path


def copy_of(demo_file: Path, tmp_path: Path, name: str = "школа.xlsx") -> Path:
    target = tmp_path / name
    shutil.copy(demo_file, target)
    return target
