"""`nastavnik nightly`: the unattended run cron or a systemd timer starts every night.

Lock (a second, overlapping run exits 0 and does nothing) → the full sync as of the
school's today → a new row in «Журнал синхронизации» every night, even when nothing else
changed → one summary line in the log → exit 0 (done), 1 (done, data errors), 2 (trouble).
"""

from __future__ import annotations

import logging

from nastavnik.jobs.runner import JobRun, data_errors_code, guarded, locked, sync_now
from nastavnik.jobs.signals import StopSignals

LABEL = "Ночная синхронизация"
log = logging.getLogger("nastavnik.nightly")


def run_nightly(run: JobRun, signals: StopSignals) -> int:
    """One nightly run; never raises (every failure is logged and becomes exit code 2)."""

    def sync() -> int:
        log.info("%s: начало.", LABEL)
        report = sync_now(run, signals, command="nightly", always_journal=True)
        code = data_errors_code(report)
        log.info("%s: готово, строка добавлена в «Журнал синхронизации».", LABEL)
        return code

    return guarded(LABEL, lambda: locked(sync, run), signals)
