"""`nastavnik schedule` put together: the scheduler, the nightly and reminder runs, the signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from nastavnik.jobs.annual import AnnualJobs, after_nightly
from nastavnik.jobs.nightly import run_nightly
from nastavnik.jobs.notify.remind import RemindOptions, run_remind
from nastavnik.jobs.runner import EXIT_OK, JobRun
from nastavnik.jobs.scheduler import SchoolScheduler, Task, Timetable
from nastavnik.jobs.school_time import school_timezone
from nastavnik.jobs.signals import StopSignals

log = logging.getLogger("nastavnik.schedule")


def run_schedule(
    run: JobRun,
    timetable: Timetable,
    remind: RemindOptions,
    signals: StopSignals,
    wait: Callable[[float], object] | None = None,
    annual: AnnualJobs | None = None,
) -> int:
    """Serve until SIGTERM/SIGINT; the runs' own failures are logged, never fatal. Exit 0.

    `annual`: the optional report / public page after the nightly sync (None: none).
    """
    annual = annual or AnnualJobs()
    for line in annual.describe():
        log.info(line)
    if remind.smtp is None:
        log.warning(
            "Почтовый сервер не настроен (NASTAVNIK_SMTP_HOST): напоминания по расписанию "
            "отправляться не будут, ночная синхронизация — будет."
        )
    scheduler = SchoolScheduler(
        timetable,
        Task(
            "ночная синхронизация",
            lambda: after_nightly(run_nightly(run, signals), run, annual, signals),
        ),
        Task("напоминания", lambda: run_remind(run, remind, signals, out=log.info)),
        lambda: school_timezone(run.workbook),
        run.now,
    )
    scheduler.serve(signals, wait or signals.wake.wait)
    return EXIT_OK
