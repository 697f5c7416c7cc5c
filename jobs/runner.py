"""What every unattended run shares: the lock, the school's date, the guarded sync, the log.

A run never raises to its caller: each failure becomes one logged Russian line and an exit
code (0 done, 1 done with data errors, 2 could not run), so the scheduler can log it and go
on, and cron sees the code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from nastavnik.jobs.lock import RunLock, busy_message, stale_message
from nastavnik.jobs.school_time import Clock, school_clock, school_timezone, utc_now
from nastavnik.jobs.signals import GuardedWorkbook, StopRequested, StopSignals
from nastavnik.jobs.state import JobPaths
from nastavnik.sheets_schema.errors import NastavnikError, WorkbookError
from nastavnik.sync.backends.base import Workbook
from nastavnik.sync.engine import RunReport, run_sync

EXIT_OK, EXIT_DATA, EXIT_TROUBLE = 0, 1, 2
log = logging.getLogger("nastavnik.run")


@dataclass(frozen=True)
class JobRun:
    """What a job run needs from the shell: the workbook, its files and the clock."""

    workbook: Workbook
    paths: JobPaths
    today: date | None = None  # None: today at the school
    now: Clock = utc_now  # aware clock; the school's wall clock is derived from it


def locked(action: Callable[[], int], run: JobRun) -> int:
    """Run `action` holding the workbook's lock; a second, overlapping run exits 0 at once."""
    lock = RunLock(run.paths.lock)
    if not lock.try_acquire():
        log.warning(busy_message(lock.holder))
        return EXIT_OK
    with lock:
        if lock.stale:
            log.warning(stale_message(lock.stale))
        return action()


def guarded(label: str, action: Callable[[], int], signals: StopSignals) -> int:
    """Run `action` as one job run: a stop signal, a known error or a bug is logged, never raised."""
    try:
        with signals.running():
            code = action()
    except StopRequested as stop:
        log.warning(
            "%s: получен сигнал %s до начала записи — запуск прерван, таблица не изменена.",
            label,
            stop,
        )
        return EXIT_TROUBLE
    except NastavnikError as error:
        log.error("%s: %s", label, error)
        return error.exit_code
    except (
        Exception
    ):  # a bug: logged with its traceback, reported as one, and the scheduler lives on
        log.error(
            "%s: внутренняя ошибка программы. Подробности — в файле журнала; передайте их "
            "разработчикам.",
            label,
            exc_info=True,
        )
        return EXIT_TROUBLE
    if signals.stop_requested():
        how = (
            "во время записи — запись завершена полностью"
            if signals.during_write
            else "после синхронизации"
        )
        log.warning("%s: получен сигнал %s %s, работа остановлена.", label, signals.name, how)
    return code


def sync_now(
    run: JobRun,
    signals: StopSignals,
    *,
    command: str,
    dry_run: bool = False,
    always_journal: bool = False,
) -> RunReport:
    """The full sync as of the school's today, its writes guarded against stop signals."""
    workbook = run.workbook
    if not workbook.exists():
        raise WorkbookError(
            f"Файл «{workbook.name}» не найден.",
            hint="Проверьте путь (аргумент, NASTAVNIK_TARGET или nastavnik.toml) или создайте "
            "таблицу командой «nastavnik init».",
        )
    zone = school_timezone(workbook)
    clock = school_clock(zone, run.now)
    today = run.today or clock().date()
    log.info("Таблица «%s», дата %s (%s).", workbook.name, f"{today:%d.%m.%Y}", zone.key)
    report = run_sync(
        GuardedWorkbook(workbook, signals),
        today,
        clock,
        command=command,
        dry_run=dry_run,
        always_journal=always_journal,
    )
    log.info(summary(report))
    return report


def summary(report: RunReport) -> str:
    """One log line with the numbers of a sync."""
    outcome = report.outcome
    overdue = sum(1 for item in outcome.attention if item.overdue_days > 0)
    written = (
        f"записано ячеек: {report.changes.cells_changed}"
        if report.written
        else "ничего не записано"
    )
    return (
        f"Синхронизация ({report.command}): прочитано строк: {report.registry.rows_read}; "
        f"ошибок: {outcome.errors}; предупреждений: {outcome.warnings}; "
        f"просрочено: {overdue}; скоро срок: {len(outcome.attention) - overdue}; "
        f"{written}; {report.seconds:.1f} с."
    )


def data_errors_code(report: RunReport) -> int:
    """1 when the data has error-level problems (logged for the record), else 0."""
    if not report.has_errors:
        return EXIT_OK
    log.info(
        "В данных есть ошибки (%d) — они перечислены на листе «Ошибки».", report.outcome.errors
    )
    return EXIT_DATA
