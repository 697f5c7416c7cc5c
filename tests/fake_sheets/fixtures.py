"""pytest wiring for the fake Sheets server.

Enable in a conftest with ``pytest_plugins = ["tests.fake_sheets.fixtures"]``,
then take the ``fake_sheets`` fixture::

    def test_sync(fake_sheets: FakeServer) -> None:
        sheet_id = fake_sheets.controller.create_spreadsheet("Реестр", {"Журнал": [["ФИО"]]})
        client = fake_sheets.client()          # gspread.Client talking to the fake
        ...
        assert fake_sheets.controller.writes == 1
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_sheets.server import FakeServer, start_fake_server


@pytest.fixture
def fake_sheets() -> Iterator[FakeServer]:
    """A fresh fake Sheets/Drive server per test (stopped afterwards)."""
    server = start_fake_server(seed=0)
    try:
        yield server
    finally:
        server.stop()
