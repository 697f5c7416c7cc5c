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
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed-pyproject-sha256"
LAYOUT = ROOT / ".cache" / "layout"


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


def package_dirs() -> dict[str, str]:
    """pyproject's package-dir: import name → folder (e.g. nastavnik.sync → sync)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        return dict(tomllib.load(file)["tool"]["setuptools"]["package-dir"])


def stage_layout() -> None:
    """Lay the sources out as the wheel installs them, under .cache/layout/nastavnik.

    The folders of the design card (sync/, jobs/, …) are mapped into the `nastavnik` namespace by
    setuptools' package-dir. Python finds them through the editable install, but mypy and
    import-linter read the file system, so they are given this tree: real folders, and every .py
    file a link to the source (a copy where links are not allowed).
    """
    shutil.rmtree(LAYOUT, ignore_errors=True)
    for name, folder in sorted(package_dirs().items()):
        target = LAYOUT.joinpath(*name.split("."))
        for source in sorted((ROOT / folder).rglob("*.py")):
            link = target / source.relative_to(ROOT / folder)
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                try:
                    link.symlink_to(source)
                except OSError:
                    shutil.copy2(source, link)


def run_on_layout(*args: str, cwd: Path = ROOT) -> int:
    """Run a checker on the staged layout; its paths are printed back as source paths."""
    stage_layout()
    env = {**os.environ, "PYTHONPATH": str(LAYOUT), "MYPYPATH": str(LAYOUT)}
    done = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False)
    prefixes = sorted(package_dirs().items(), key=lambda item: -len(item[0]))
    pattern = re.compile(r"\.cache/layout/([A-Za-z0-9_/]+?\.py)")

    def source_path(match: re.Match[str]) -> str:
        dotted = match.group(1)[:-3].replace("/", ".")
        for name, folder in prefixes:
            if dotted == name or dotted.startswith(name + "."):
                rest = match.group(1)[len(name) + 1 :]
                return f"{folder}/{rest}" if rest else match.group(1)
        return match.group(0)

    sys.stdout.write(pattern.sub(source_path, done.stdout))
    sys.stderr.write(pattern.sub(source_path, done.stderr))
    return done.returncode


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
            or run_on_layout(py, "-m", "mypy")
            # import-linter puts its working directory first on sys.path: run it from the layout
            or run_on_layout(str(BIN / "lint-imports"), str(ROOT / "pyproject.toml"), cwd=LAYOUT)
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
