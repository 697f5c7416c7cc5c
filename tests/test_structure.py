"""House rules a linter does not check: short modules, short production functions."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import REPO

PRODUCTION = ("nastavnik", "sheets_schema", "sync", "jobs", "reports", "demo")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def python_files(*folders: str) -> list[Path]:
    """Every .py file below the given top-level folders of the repository."""
    return sorted(path for folder in folders for path in (REPO / folder).rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    files = python_files(*PRODUCTION, "tests", "benchmarks")
    assert len(files) > 200
    long = {
        str(path.relative_to(REPO)): lines
        for path in files
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_production_function_is_over_50_lines() -> None:
    long: dict[str, int] = {}
    for path in python_files(*PRODUCTION):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(REPO)}:{node.name}"] = length
    assert long == {}
