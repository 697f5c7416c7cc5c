"""Smoke tests of the local .xlsx benchmark: it runs and reports every stage.

Nothing here checks a timing or a memory figure: the benchmark measures, it does not assert.
"""

from __future__ import annotations

import pytest

from benchmarks import local_report, local_sync, survey
from benchmarks import run as bench_run


def test_demo_benchmark_reports_every_stage(capsys: pytest.CaptureFixture[str]) -> None:
    """`run.py bench` → local_sync on the demo size, in-process: a table row for every stage."""
    code = bench_run.main(["--size", "demo", "--repeat", "1", "--in-process", "--no-tracemalloc"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("| size | stage | seconds (best of N) | N | peak RSS MiB |")
    for stage in local_sync.STAGES:
        assert f"| demo | {stage} |" in out
    second = next(
        line for line in out.splitlines() if line.startswith(f"| demo | {local_report.SECOND} |")
    )
    assert "| 0 cells written;" in second
    assert out.rstrip().splitlines()[-1].startswith("Summary (demo):")


def test_worker_process_reports_time_and_memory() -> None:
    """One stage in a fresh interpreter comes back with its times and RSS figures."""
    measured = local_sync.run_worker("parse", local_sync.SIZES["demo"], 2, None)
    assert len(measured["seconds"]) == 2
    assert measured["peak_kib"] is None or measured["peak_kib"] >= (measured["base_kib"] or 0)


def test_tracemalloc_peaks_cover_the_pure_stages() -> None:
    """The tracemalloc pass reports a peak for each pure stage."""
    peaks = local_sync.measure_traced(local_sync.SIZES["demo"])
    assert set(peaks) == set(local_sync.TRACED)
    assert all(peak >= 0 for peak in peaks.values())


def test_survey_benchmark_reports_analyse_and_read_side_by_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`benchmarks/survey.py` on a small school: both analyse rows and both read rows."""
    assert survey.main(["--answers", "40", "--repeat", "1", "--scale", "small"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| small school, 40 form answers (")
    for row in ("analyse without", "analyse with it", "nastavnik (calamine", "openpyxl read-only"):
        assert row in out
