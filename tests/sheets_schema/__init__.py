"""Tests of sheets_schema."""
