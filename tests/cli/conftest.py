"""Fixtures of the CLI tests: an in-process runner in a clean folder, the demo workbook."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.support import Cli, Run, build_demo_file, run_cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """`nastavnik …` run in `tmp_path`, with no settings from the developer's environment."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("NASTAVNIK_", "GOOGLE_APPLICATION_CREDENTIALS")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def run(*args: str) -> Run:
        return run_cli(capsys, *args)

    return run


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_file(tmp_path_factory.mktemp("demo"))
