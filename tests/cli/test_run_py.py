"""run.py, the README's entry point, keeps the caller's folder: relative paths mean what was typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.paths import REPO


def run_py(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "run.py"), *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_run_py_from_another_folder_keeps_relative_paths(tmp_path: Path) -> None:
    school = tmp_path / "школа"
    school.mkdir()
    created = run_py("nastavnik", "init", "наша.xlsx", cwd=school)
    assert created.returncode == 0, created.stderr
    assert (school / "наша.xlsx").is_file()
    assert not (REPO / "наша.xlsx").exists()
    checked = run_py("nastavnik", "validate", "наша.xlsx", "--today", "01.12.2025", cwd=school)
    assert checked.returncode == 0, checked.stderr
    assert "Найдено: 0 ошибок" in checked.stdout


def test_a_missing_file_names_the_folder_it_was_looked_for_in(tmp_path: Path) -> None:
    done = run_py("nastavnik", "validate", "nastavnichestvo.xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert f"«nastavnichestvo.xlsx» не найден (текущая папка: {tmp_path})" in done.stderr
