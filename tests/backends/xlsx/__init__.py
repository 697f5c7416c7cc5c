"""Tests of backends/xlsx."""
