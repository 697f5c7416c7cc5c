"""The report and the public page as optional jobs of `nastavnik schedule` (off by default)."""

from __future__ import annotations

import logging
import signal
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nastavnik.cli import config as cfg
from nastavnik.jobs.annual import AnnualJobs, after_nightly, report_name
from nastavnik.jobs.notify.remind import RemindOptions
from nastavnik.jobs.runner import JobRun
from nastavnik.jobs.scheduler import Timetable
from nastavnik.jobs.service import run_schedule
from nastavnik.jobs.signals import StopSignals
from nastavnik.jobs.state import job_paths
from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from tests.reports.support import demo_copy, value_tables

MOSCOW = ZoneInfo("Europe/Moscow")
REPORT_DAY = date(2026, 5, 31)


def job_run(folder: Path, today: date | None = None, now: datetime | None = None) -> JobRun:
    path = demo_copy(folder)
    moment = now or datetime(2026, 5, 31, 3, 0, tzinfo=MOSCOW)
    paths = job_paths(folder / "log" / "nastavnik.log", str(path))
    return JobRun(XlsxWorkbook(path), paths, today, lambda: moment.astimezone(UTC))


def test_the_report_is_made_on_its_day_and_the_page_every_night(tmp_path: Path) -> None:
    jobs = AnnualJobs(tmp_path / "отчёты", (31, 5), tmp_path / "сайт")
    code = after_nightly(1, job_run(tmp_path, REPORT_DAY), jobs, StopSignals())
    assert code == 1  # the nightly run's own code is kept
    report = tmp_path / "отчёты" / report_name("2025/26")
    assert report.name == "nastavnichestvo-otchet-2025-26.docx"
    assert "Наставников" in value_tables(report)
    assert (tmp_path / "сайт" / "index.html").exists()


def test_on_other_days_only_the_page_is_refreshed(tmp_path: Path) -> None:
    jobs = AnnualJobs(tmp_path / "отчёты", (31, 5), tmp_path / "сайт")
    after_nightly(0, job_run(tmp_path, date(2026, 5, 30)), jobs, StopSignals())
    assert not (tmp_path / "отчёты").exists()
    assert (tmp_path / "сайт" / "index.html").exists()


def test_off_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NASTAVNIK_REPORT_DIR", "NASTAVNIK_REPORT_ON", "NASTAVNIK_PUBLISH_DIR"):
        monkeypatch.delenv(name, raising=False)
    jobs = cfg.annual_jobs()
    assert jobs == AnnualJobs()
    assert jobs.describe() == []
    assert after_nightly(0, job_run(tmp_path, REPORT_DAY), jobs, StopSignals()) == 0
    # nothing written, not even a lock
    assert [p.name for p in tmp_path.iterdir()] == ["школа.xlsx"]


def test_a_failing_job_is_logged_and_never_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    run = job_run(tmp_path, REPORT_DAY)
    run.workbook.path.unlink()  # type: ignore[attr-defined]
    jobs = AnnualJobs(None, (31, 5), tmp_path / "сайт")
    with caplog.at_level(logging.ERROR):
        assert after_nightly(0, run, jobs, StopSignals()) == 0
    assert "Страница для сайта" in caplog.text and "не найден" in caplog.text


def test_configured_from_the_environment_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NASTAVNIK_REPORT_ON", raising=False)
    monkeypatch.delenv("NASTAVNIK_PUBLISH_DIR", raising=False)
    monkeypatch.setenv("NASTAVNIK_REPORT_DIR", str(tmp_path / "отчёты"))
    (tmp_path / "nastavnik.toml").write_text(
        '[schedule]\nreport_on = "25.06"\npublish_dir = "сайт"\n', encoding="utf-8"
    )
    jobs = cfg.job_settings(str(tmp_path / "n.log")).annual
    assert jobs == AnnualJobs(tmp_path / "отчёты", (25, 6), Path("сайт"))
    assert len(jobs.describe()) == 2


@pytest.mark.parametrize("value", ["31.02", "май", "31/05", "0.5"])
def test_a_bad_report_day_is_a_config_error(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NASTAVNIK_REPORT_ON", value)
    with pytest.raises(ConfigError, match="День годового отчёта"):
        cfg.annual_jobs()


def test_schedule_makes_the_report_after_the_nightly_sync_on_31_may(tmp_path: Path) -> None:
    moment = [datetime(2026, 5, 31, 1, 59, tzinfo=MOSCOW).astimezone(UTC)]
    run = job_run(tmp_path)
    run = JobRun(run.workbook, run.paths, None, lambda: moment[0])
    signals = StopSignals()

    def wait(seconds: float) -> None:
        moment[0] += timedelta(seconds=max(seconds, 1.0))
        if moment[0] > datetime(2026, 5, 31, 2, 5, tzinfo=MOSCOW):
            signals.received = signal.SIGTERM

    jobs = AnnualJobs(tmp_path / "отчёты", (31, 5), None)
    timetable = Timetable(datetime(2000, 1, 1, 2, 0).time(), 0, datetime(2000, 1, 1, 7, 0).time())
    assert run_schedule(run, timetable, RemindOptions(None), signals, wait, jobs) == 0
    assert (tmp_path / "отчёты" / report_name("2025/26")).exists()
