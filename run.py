#!/usr/bin/env python3
"""Task runner: creates ./.venv on first use, installs nastavnik into it, runs a task.

    python3 run.py demo      build and sync the demo workbook (nastavnichestvo-demo.xlsx)
    python3 run.py test      ruff + mypy + the whole test suite (what CI runs)
    python3 run.py lint      ruff check and format check only
    python3 run.py bench     benchmarks (see benchmarks/)
    python3 run.py nastavnik ARGS...   any CLI command inside the venv

Uses only the standard library, so it works with nothing but Python and the package registry.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed-pyproject-sha256"


def _python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def ensure_venv() -> None:
    """Create the venv and (re)install the package when pyproject.toml changed."""
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print("Создаю виртуальное окружение .venv …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    print("Устанавливаю nastavnik и зависимости …", flush=True)
    pip = [_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(digest)


def run(*args: str) -> int:
    return subprocess.run(list(args), cwd=ROOT, check=False).returncode


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task in {"help", "-h", "--help"}:
        print(__doc__)
        return 0
    ensure_venv()
    py = _python()
    if task == "demo":
        return run(py, "-m", "nastavnik", "demo", *argv[1:])
    if task == "lint":
        return run(py, "-m", "ruff", "check", ".") or run(
            py, "-m", "ruff", "format", "--check", "."
        )
    if task == "test":
        return (
            run(py, "-m", "ruff", "check", ".")
            or run(py, "-m", "ruff", "format", "--check", ".")
            or run(py, "-m", "mypy")
            or run(py, "-m", "pytest", *argv[1:])
        )
    if task == "bench":
        return run(py, "benchmarks/run.py", *argv[1:])
    if task == "nastavnik":
        return run(py, "-m", "nastavnik", *argv[1:])
    print(f"Неизвестная задача: {task}\n{__doc__}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
