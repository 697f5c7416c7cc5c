"""Benchmarks: requests, time and memory (see benchmarks/README.md)."""
