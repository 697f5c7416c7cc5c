"""Fixtures of the .xlsx backend tests (the surgical writer's, from stream_support)."""

from tests.backends.xlsx.stream_support import book  # noqa: F401  (a fixture, found by name)
