"""The scheduler's timing, driven by an injected clock: no test sleeps for real."""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nastavnik.jobs.scheduler import SchoolScheduler, Task, Timetable
from nastavnik.jobs.school_time import school_clock
from nastavnik.jobs.signals import StopSignals
from nastavnik.sheets_schema.errors import WorkbookError
from tests.jobs.support import clean_env, demo_copy, start, wait_for_text

MOSCOW = ZoneInfo("Europe/Moscow")
TIMETABLE = Timetable(time(2, 0), 0, time(7, 0))  # nightly 02:00, reminders Monday 07:00


@dataclass
class FakeClock:
    """An aware UTC clock that only moves when told to."""

    now: datetime
    naps: list[float] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += timedelta(seconds=seconds)


def moscow(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A Moscow wall-clock moment as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=MOSCOW).astimezone(UTC)


@dataclass
class Harness:
    clock: FakeClock
    signals: StopSignals
    runs: list[tuple[str, datetime]] = field(default_factory=list)  # (task, UTC moment)
    zone: ZoneInfo = MOSCOW

    def task(self, label: str, outcome: int | Exception = 0) -> Task:
        def action() -> int:
            self.runs.append((label, self.clock()))
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        return Task(label, action)

    def wait_until(self, end: datetime) -> Callable[[float], None]:
        def wait(seconds: float) -> None:
            self.clock.sleep(seconds)
            if self.clock() >= end:
                self.signals.received = signal.SIGTERM

        return wait


def harness(start_at: datetime) -> Harness:
    return Harness(FakeClock(start_at), StopSignals())


def serve(h: Harness, nightly: Task, remind: Task, end: datetime) -> SchoolScheduler:
    scheduler = SchoolScheduler(TIMETABLE, nightly, remind, lambda: h.zone, h.clock)
    scheduler.serve(h.signals, h.wait_until(end))
    return scheduler


def test_nightly_runs_at_two_every_school_night_and_reminders_on_monday_at_seven() -> None:
    h = harness(moscow(2025, 11, 19, 10, 0))  # a Wednesday morning
    serve(h, h.task("ночь"), h.task("почта"), moscow(2025, 11, 25, 12, 0))
    nights = [when for label, when in h.runs if label == "ночь"]
    assert nights == [moscow(2025, 11, day, 2, 0) for day in range(20, 26)]
    assert nights[0] == datetime(2025, 11, 19, 23, 0, tzinfo=UTC)  # 02:00 Moscow is 23:00 UTC
    assert [when for label, when in h.runs if label == "почта"] == [moscow(2025, 11, 24, 7, 0)]
    assert max(h.clock.naps) <= 60.0  # wakes at least once a minute


def test_a_failed_or_crashing_run_is_logged_and_the_scheduler_carries_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    h = harness(moscow(2025, 11, 19, 23, 0))
    caplog.set_level(logging.INFO, logger="nastavnik")
    nightly = h.task("ночь", RuntimeError("ошибка в задаче"))
    serve(h, nightly, h.task("почта", 2), moscow(2025, 11, 24, 12, 0))
    assert len([label for label, _ in h.runs if label == "ночь"]) == 5
    assert [label for label, _ in h.runs].count("почта") == 1
    assert "ночь: внутренняя ошибка программы." in caplog.text
    assert "почта не выполнена; следующая попытка — по расписанию." in caplog.text


def test_the_next_run_times_are_logged_after_start_and_after_every_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    h = harness(moscow(2025, 11, 19, 10, 0))
    caplog.set_level(logging.INFO, logger="nastavnik")
    serve(h, h.task("ночь"), h.task("почта"), moscow(2025, 11, 20, 12, 0))
    lines = [r.getMessage() for r in caplog.records if "Следующие запуски" in r.getMessage()]
    assert lines[0] == (
        "Следующие запуски (время школы, Europe/Moscow): ночь — чт 20.11.2025 02:00; "
        "почта — пн 24.11.2025 07:00."
    )
    assert lines[1].endswith("ночь — пт 21.11.2025 02:00; почта — пн 24.11.2025 07:00.")
    assert "Планировщик остановлен по сигналу SIGTERM." in caplog.text


def test_a_stop_signal_before_anything_is_due_ends_the_loop_at_once() -> None:
    h = harness(moscow(2025, 11, 19, 10, 0))
    h.signals.received = signal.SIGTERM
    serve(h, h.task("ночь"), h.task("почта"), moscow(2030, 1, 1, 0, 0))
    assert h.runs == [] and h.clock.naps == []


def test_a_new_time_zone_in_the_settings_moves_the_runs() -> None:
    h = harness(moscow(2025, 11, 19, 23, 0))
    yekaterinburg = ZoneInfo("Asia/Yekaterinburg")

    def nightly() -> int:
        h.runs.append(("ночь", h.clock()))
        h.zone = yekaterinburg  # the coordinator changed «Часовой пояс» meanwhile
        return 0

    serve(h, Task("ночь", nightly), h.task("почта"), moscow(2025, 11, 21, 12, 0))
    assert [when for _, when in h.runs] == [
        moscow(2025, 11, 20, 2, 0),
        datetime(2025, 11, 21, 2, 0, tzinfo=yekaterinburg).astimezone(UTC),
    ]


def test_an_unreadable_workbook_keeps_the_default_zone(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> ZoneInfo:
        raise WorkbookError("Файл «x.xlsx» повреждён.")

    h = harness(moscow(2025, 11, 19, 10, 0))
    scheduler = SchoolScheduler(TIMETABLE, h.task("ночь"), h.task("почта"), broken, h.clock)
    assert scheduler.zone.key == "Europe/Moscow" and "Часовой пояс не прочитан" in caplog.text


def test_school_clock_is_the_wall_clock_in_the_schools_zone() -> None:
    clock = school_clock(MOSCOW, lambda: datetime(2025, 11, 19, 23, 30, tzinfo=UTC))
    assert clock() == datetime(2025, 11, 20, 2, 30)


def test_schedule_process_stops_gracefully_on_sigterm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "log" / "nastavnik.log"
    clean_env(monkeypatch, log_file)
    workbook = demo_copy(tmp_path)
    child = start("-m", "nastavnik", "schedule", str(workbook), cwd=tmp_path)
    wait_for_text(log_file, "Следующие запуски")
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=20)
    assert child.returncode == 0
    assert err.startswith("Внимание: Почтовый сервер не настроен")  # warnings on stderr
    assert "Планировщик остановлен по сигналу SIGTERM." in log_file.read_text(encoding="utf-8")
