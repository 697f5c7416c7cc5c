"""Tests of backends/google."""
