"""`nastavnik schedule`: one long-running process that runs the jobs at the school's times.

Built on `schedule`: the nightly sync every day at `nightly_at`, the reminders every week on
`remind_day` at `remind_at`, both in the school's time zone (from «Настройки»). After each
run the next run times are logged; a failed run is logged and the process carries on; a
stop signal ends the wait at once (or, during a run, lets its write finish first).

`schedule` reads the machine's clock itself (`datetime.datetime.now()`) and supports time
zones only through pytz. So every call into it runs with that clock swapped for ours — the
school's wall-clock time, derived from an injectable aware clock — for the duration of the
call (`_school_time`). Tests drive the whole loop with a fake clock and a fake wait.
"""

from __future__ import annotations

import datetime as dt
import logging
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import schedule

from nastavnik.jobs.runner import EXIT_TROUBLE
from nastavnik.jobs.school_time import DEFAULT_TIMEZONE, Clock, school_clock, utc_now
from nastavnik.jobs.signals import StopSignals
from nastavnik.sheets_schema.errors import NastavnikError

DAY_METHODS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
MAX_NAP = 60.0  # seconds: wake at least this often (clock changes, suspend)
log = logging.getLogger("nastavnik.schedule")


@dataclass(frozen=True)
class Timetable:
    """When the jobs run, in the school's wall-clock time."""

    nightly_at: dt.time
    remind_day: int  # 0 = Monday
    remind_at: dt.time


@dataclass(frozen=True)
class Task:
    """A job the scheduler runs: a label for the log and the run itself (returns an exit code)."""

    label: str
    action: Callable[[], int]


def _clock_module(clock: Clock) -> types.SimpleNamespace:
    """A stand-in for the `datetime` module whose `datetime.now()` is `clock()`."""

    class SchoolDatetime(dt.datetime):
        """`datetime` whose `now()` is the injected school clock."""

        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> SchoolDatetime:
            """The school's wall-clock time (`tz` is ignored: the clock already is local)."""
            value = clock()
            return cls.combine(value.date(), value.time())

    return types.SimpleNamespace(
        datetime=SchoolDatetime, date=dt.date, time=dt.time, timedelta=dt.timedelta
    )


class SchoolScheduler:
    """The nightly and reminder tasks on a `schedule.Scheduler`, timed in the school's zone."""

    def __init__(
        self,
        timetable: Timetable,
        nightly: Task,
        remind: Task,
        zone_of: Callable[[], ZoneInfo],
        now: Clock = utc_now,
    ) -> None:
        self.timetable = timetable
        self._tasks = (nightly, remind)
        self._zone_of = zone_of
        self._now = now
        self._scheduler = schedule.Scheduler()
        self._labels: list[tuple[schedule.Job, str]] = []
        self.zone = ZoneInfo(DEFAULT_TIMEZONE)
        self.zone = self._read_zone()
        self._plan()

    @property
    def clock(self) -> Clock:
        """The school's wall clock (naive)."""
        return school_clock(self.zone, self._now)

    @contextmanager
    def _school_time(self) -> Iterator[None]:
        namespace = vars(schedule)  # `schedule` looks its `datetime` module up here at each call
        saved = namespace["datetime"]
        namespace["datetime"] = _clock_module(self.clock)
        try:
            yield
        finally:
            namespace["datetime"] = saved

    def _plan(self) -> None:
        nightly, remind = self._tasks
        table = self.timetable
        with self._school_time():
            self._scheduler.clear()
            daily = self._scheduler.every().day.at(f"{table.nightly_at:%H:%M}")
            weekly = getattr(self._scheduler.every(), DAY_METHODS[table.remind_day])
            weekly = weekly.at(f"{table.remind_at:%H:%M}")
            self._labels = [
                (daily.do(self._run, nightly), nightly.label),
                (weekly.do(self._run, remind), remind.label),
            ]

    def next_runs(self) -> list[tuple[str, dt.datetime]]:
        """Each task's next run, school time, soonest first."""
        runs = [(label, job.next_run) for job, label in self._labels if job.next_run]
        return sorted(runs, key=lambda run: run[1])

    def seconds_to_next(self) -> float:
        """Seconds until the next run is due (0 when one is due now)."""
        with self._school_time():
            idle = self._scheduler.idle_seconds
        return max(idle or 0.0, 0.0)

    def run_pending(self) -> bool:
        """Run every task that is due; True when any ran."""
        before = [job.last_run for job, _ in self._labels]
        with self._school_time():
            self._scheduler.run_pending()
        return before != [job.last_run for job, _ in self._labels]

    def _run(self, task: Task) -> None:
        log.info("Запуск по расписанию: %s.", task.label)
        try:
            code = task.action()
        except Exception:  # a bug in a task: logged with its traceback; the scheduler lives on
            log.error("%s: внутренняя ошибка программы.", task.label, exc_info=True)
            code = EXIT_TROUBLE
        if code == EXIT_TROUBLE:
            log.warning("%s не выполнена; следующая попытка — по расписанию.", task.label)

    def _read_zone(self) -> ZoneInfo:
        try:
            return self._zone_of()
        except NastavnikError as error:  # the workbook is unreadable right now: keep the zone
            log.warning("Часовой пояс не прочитан (%s); используется %s.", error, self.zone.key)
            return self.zone

    def check_zone(self) -> None:
        """Re-read the school's time zone; when «Настройки» changed it, re-plan the tasks."""
        zone = self._read_zone()
        if zone.key != self.zone.key:
            log.info("Часовой пояс школы изменён: %s → %s.", self.zone.key, zone.key)
            self.zone = zone
            self._plan()

    def log_next(self) -> None:
        """One log line with the next run of each task."""
        runs = "; ".join(
            f"{label} — {DAY_SHORT[when.weekday()]} {when:%d.%m.%Y %H:%M}"
            for label, when in self.next_runs()
        )
        log.info("Следующие запуски (время школы, %s): %s.", self.zone.key, runs)

    def serve(self, signals: StopSignals, wait: Callable[[float], object]) -> None:
        """Run tasks when due until a stop signal; `wait(seconds)` sleeps (or is woken early)."""
        log.info("Планировщик запущен.")
        self.log_next()
        while not signals.stop_requested():
            if self.run_pending():
                self.check_zone()
                self.log_next()
            if signals.stop_requested():
                break
            wait(min(self.seconds_to_next(), MAX_NAP))
        log.info("Планировщик остановлен по сигналу %s.", signals.name)
