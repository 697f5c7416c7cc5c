"""Shared pytest set-up: the fake Google Sheets server fixture and assertion rewriting."""

import pytest

pytest_plugins = ["tests.fake_sheets.fixtures"]

# Shared contract modules hold assertions; let pytest rewrite them for readable failures.
pytest.register_assert_rewrite(
    "tests.backend_harnesses", "tests.backend_contract", "tests.engine_contract"
)

LARGE_ENV = "NASTAVNIK_LARGE_TESTS"  # set to 1 to run the tests marked `large` (minutes each)


def pytest_configure(config: pytest.Config) -> None:
    """Register the `large` marker."""
    config.addinivalue_line("markers", f"large: a test at full scale; runs when {LARGE_ENV}=1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the `large` tests unless asked for: the fake server needs minutes for them."""
    import os

    if os.environ.get(LARGE_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"full-scale test: set {LARGE_ENV}=1 to run it")
    for item in items:
        if "large" in item.keywords:
            item.add_marker(skip)
