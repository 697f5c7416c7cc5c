"""Fixtures of the .xlsx backend tests (the streaming writer's, from stream_support)."""

from tests.backends.xlsx.stream_support import (  # noqa: F401  (fixtures, found by name)
    book,
    no_declines,
    openpyxl_writes,
    stream_only,
)
