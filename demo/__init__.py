"""Demo and synthetic data: the demo school `nastavnik demo` writes, and the large school of the
benchmarks. build.py writes and syncs the demo workbook; data.py assembles the sheets."""
