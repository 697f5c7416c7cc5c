"""The installed distribution: one import name, and every source module inside it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, timeout=300)
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    """The file names inside the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_plants_only_the_nastavnik_import_name(wheel_names: set[str]) -> None:
    top = {name.split("/")[0] for name in wheel_names if ".dist-info/" not in name}
    assert top == {"nastavnik"}


def test_every_source_module_of_the_mapped_folders_is_in_the_wheel(wheel_names: set[str]) -> None:
    with (REPO / "pyproject.toml").open("rb") as file:
        mapping: dict[str, str] = tomllib.load(file)["tool"]["setuptools"]["package-dir"]
    expected = {
        "/".join([*name.split("."), *source.relative_to(REPO / folder).parts])
        for name, folder in mapping.items()
        for source in (REPO / folder).rglob("*.py")
    }
    assert expected - wheel_names == set()
    assert "nastavnik/sync/backends/xlsx/writer/patch.py" in wheel_names
    assert "nastavnik/reports/model.py" in wheel_names


def test_the_console_script_points_into_the_package(wheel: Path, wheel_names: set[str]) -> None:
    (name,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(name).decode()
    assert "nastavnik = nastavnik.cli:main" in text
