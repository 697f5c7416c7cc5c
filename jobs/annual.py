"""The annual report and the public page as optional jobs of `nastavnik schedule` (off by default).

After each nightly sync: on the configured day (31.05 by default) the annual report of the
current academic year is saved into `report_dir`; when `publish_dir` is set, the public page
there is refreshed every night. Both read the workbook (the sync has just written it); the
report then records its figures on «Отчёты». All under the same lock; a failure is logged
and never stops the scheduler or the nightly run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from nastavnik.jobs.runner import EXIT_OK, JobRun, guarded, locked
from nastavnik.jobs.school_time import school_clock, school_timezone
from nastavnik.jobs.signals import StopSignals
from nastavnik.reports.model import AnnualData, build_annual
from nastavnik.sheets_schema.errors import NastavnikError, WorkbookError
from nastavnik.sheets_schema.sheets.settings import require_organisation
from nastavnik.sync.compute.dates import academic_year_start
from nastavnik.sync.engine import RunReport, record_report, run_validate

log = logging.getLogger("nastavnik.reports")
REPORT_LABEL, PUBLISH_LABEL = "Годовой отчёт", "Страница для сайта"


@dataclass(frozen=True)
class AnnualJobs:
    """Which optional jobs run and where they write (None: the job is off)."""

    report_dir: Path | None = None
    report_on: tuple[int, int] = (31, 5)  # day, month
    publish_dir: Path | None = None

    def describe(self) -> list[str]:
        """One log line per job that is on."""
        lines = []
        if self.report_dir is not None:
            day, month = self.report_on
            lines.append(
                f"{REPORT_LABEL}: каждый год {day:02d}.{month:02d} в папку {self.report_dir}."
            )
        if self.publish_dir is not None:
            lines.append(
                f"{PUBLISH_LABEL}: после каждой ночной синхронизации в папку {self.publish_dir}."
            )
        return lines


def report_name(label: str) -> str:
    """«nastavnichestvo-otchet-2025-26.docx» for «2025/26»."""
    return f"nastavnichestvo-otchet-{label.replace('/', '-')}.docx"


def school_today(run: JobRun) -> date:
    """The school's today (or the date the run was given)."""
    return run.today or school_clock(school_timezone(run.workbook), run.now)().date()


def _validate(run: JobRun, today: date) -> RunReport:
    workbook = run.workbook
    if not workbook.exists():
        raise WorkbookError(f"Файл «{workbook.name}» не найден.")
    clock = school_clock(school_timezone(workbook), run.now)
    report = run_validate(workbook, today, clock)
    require_organisation(report.registry.settings)  # a report names its school
    return report


def current_year(run: JobRun, today: date) -> AnnualData:
    """The current academic year's data as of `today` (the workbook is only read)."""
    return build_annual(_validate(run, today).outcome, academic_year_start(today))


def due_today(jobs: AnnualJobs, today: date) -> bool:
    """True on the report's day (day and month)."""
    return (today.day, today.month) == jobs.report_on


def _report(run: JobRun, jobs: AnnualJobs) -> int:
    from nastavnik.reports.report import write_report

    today = school_today(run)
    if jobs.report_dir is None or not due_today(jobs, today):
        return EXIT_OK
    report = _validate(run, today)
    data = build_annual(report.outcome, academic_year_start(today))
    path = jobs.report_dir / report_name(data.label)
    write_report(data, path)
    log.info("%s за %s учебный год сохранён: %s.", REPORT_LABEL, data.label, path)
    try:
        record_report(run.workbook, report, academic_year_start(today))
    except NastavnikError as error:
        log.warning("Показатели за %s НЕ записаны на лист «Отчёты»: %s", data.label, error)
    return EXIT_OK


def _publish(run: JobRun, directory: Path) -> int:
    from nastavnik.reports.publish import write_public

    data = current_year(run, school_today(run))
    write_public(data, directory)
    log.info("%s обновлена: %s.", PUBLISH_LABEL, directory / "index.html")
    return EXIT_OK


def after_nightly(code: int, run: JobRun, jobs: AnnualJobs, signals: StopSignals) -> int:
    """Run the optional jobs that are due; the nightly run's exit code is returned unchanged."""
    if jobs.report_dir is not None:
        guarded(REPORT_LABEL, partial(locked, partial(_report, run, jobs), run), signals)
    if jobs.publish_dir is not None and not signals.stop_requested():
        action = partial(_publish, run, jobs.publish_dir)
        guarded(PUBLISH_LABEL, partial(locked, action, run), signals)
    return code
