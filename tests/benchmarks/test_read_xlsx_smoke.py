"""Smoke test of the .xlsx read benchmark: every measurement runs and says what it read.

Nothing here checks a timing or a memory figure: the benchmark measures, it does not assert.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import read_xlsx
from benchmarks.local_sync import SIZES


def test_every_measurement_reports_on_the_demo(tmp_path: Path) -> None:
    size = SIZES["demo"]
    path = tmp_path / "demo.xlsx"
    read_xlsx.prepare(size, path)
    notes = {kind: read_xlsx.worker(kind, path, size)["note"] for kind in read_xlsx.KINDS}
    assert str(notes["nastavnik read"]).endswith(" cells")
    assert str(notes["openpyxl read-only"]).endswith(" non-empty cells")
    assert "growth run 1→3" in str(notes["plan_sync x3"])
