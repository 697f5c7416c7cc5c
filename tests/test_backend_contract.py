"""Run the Workbook contract against every backend in `HARNESSES`."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.backend_contract")

from tests.backend_contract import HARNESSES, Harness, WorkbookContract  # noqa: E402


@pytest.fixture(params=sorted(HARNESSES))
def workbook_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Harness:
    """One harness per backend (memory, xlsx, …)."""
    return HARNESSES[request.param](tmp_path)


class TestWorkbookContract(WorkbookContract):
    """The contract, collected once per backend."""
