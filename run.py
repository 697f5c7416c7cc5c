#!/usr/bin/env python3
"""Task runner: creates ./.venv on first use, installs nastavnik into it, runs a task.

    python3 run.py demo      build and sync the demo workbook (nastavnichestvo-demo.xlsx)
    python3 run.py test      ruff + mypy + the whole test suite (what CI runs)
    python3 run.py lint      ruff check and format check only
    python3 run.py bench     benchmarks (see benchmarks/)
    python3 run.py nastavnik ARGS...   any CLI command inside the venv

`demo` and `nastavnik` run in the folder you call them from, so relative paths mean what you
typed (python3 ~/nastavnik/run.py nastavnik validate мой.xlsx reads ./мой.xlsx). After the
first installation run.py prints the line that puts `nastavnik` itself on PATH.

Uses only the standard library, so it works with nothing but Python and the package registry.
"""

from __future__ import annotations

import hashlib
import os
import shlex
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


def activation_line() -> str:
    """The command that puts `nastavnik` on PATH in this terminal, for this OS and shell."""
    if os.name == "nt":
        return f'"{BIN / "activate.bat"}"   (PowerShell: & "{BIN / "Activate.ps1"}")'
    shell = Path(os.environ.get("SHELL", "sh")).name
    script = {"fish": "activate.fish", "csh": "activate.csh", "tcsh": "activate.csh"}.get(
        shell, "activate"
    )
    return f"source {shlex.quote(str(BIN / script))}"


def activation_hint() -> str:
    """What to type to run `nastavnik` directly (printed after installation and by `demo`)."""
    return (
        "Чтобы команда nastavnik работала в этом окне терминала, выполните:\n"
        f"    {activation_line()}\n"
        "(в каждом новом окне — снова) или вызывайте её через run.py из любой папки: "
        f"python3 {shlex.quote(str(ROOT / 'run.py'))} nastavnik КОМАНДА …"
    )


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
    print(activation_hint(), flush=True)


def run(*args: str, cwd: Path = ROOT) -> int:
    return subprocess.run(list(args), cwd=cwd, check=False).returncode


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task in {"help", "-h", "--help"}:
        print(__doc__)
        return 0
    ensure_venv()
    py = _python()
    if task == "demo":  # in the caller's folder, like every CLI command
        code = run(py, "-m", "nastavnik", "demo", *argv[1:], cwd=Path.cwd())
        print("\n" + activation_hint())
        return code
    if task == "lint":
        return run(py, "-m", "ruff", "check", ".") or run(
            py, "-m", "ruff", "format", "--check", "."
        )
    if task == "test":
        return (
            run(py, "-m", "ruff", "check", ".")
            or run(py, "-m", "ruff", "format", "--check", ".")
            or run(py, "-m", "mypy")
            or run(str(BIN / "lint-imports"))
            or run(py, "-m", "pytest", *argv[1:])
        )
    if task == "bench":
        return run(py, "benchmarks/run.py", *argv[1:])
    if task == "nastavnik":  # the caller's folder: relative paths mean what was typed
        return run(py, "-m", "nastavnik", *argv[1:], cwd=Path.cwd())
    print(f"Неизвестная задача: {task}\n{__doc__}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
