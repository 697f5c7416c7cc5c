"""Shared pytest set-up: the fake Google Sheets server fixture and assertion rewriting."""

import pytest

pytest_plugins = ["tests.fake_sheets.fixtures"]

# Shared contract modules hold assertions; let pytest rewrite them for readable failures.
pytest.register_assert_rewrite(
    "tests.backend_harnesses", "tests.backend_contract", "tests.engine_contract"
)
