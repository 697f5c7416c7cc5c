"""Run the Workbook and engine contracts against every backend in `HARNESSES`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend_contract import WorkbookContract
from tests.backend_harnesses import HARNESSES, Harness
from tests.engine_contract import EngineContract


@pytest.fixture(params=sorted(HARNESSES))
def workbook_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    """One harness per backend (google, memory, xlsx, …), closed after the test."""
    harness = HARNESSES[request.param](tmp_path)
    try:
        yield harness
    finally:
        harness.close()


class TestWorkbookContract(WorkbookContract):
    """The Workbook protocol, collected once per backend."""


class TestEngineContract(EngineContract):
    """The local-sync behaviour through the engine, collected once per backend."""
