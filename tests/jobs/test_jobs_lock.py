"""The run lock: two real processes, a killed holder, the lock file's record."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nastavnik.jobs.lock import LockRecord, RunLock, busy_message, pid_alive, stale_message
from nastavnik.jobs.state import job_paths
from nastavnik.sheets_schema.errors import ConfigError
from tests.jobs.support import (
    TODAY,
    clean_env,
    cli,
    demo_copy,
    journal_rows,
    sha256,
    start,
    stop,
)

# A real second process that takes the lock the way a job does, then waits to be killed.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from nastavnik.jobs.lock import RunLock
    lock = RunLock(Path(sys.argv[1]))
    assert lock.try_acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "log" / "nastavnik.log"
    clean_env(monkeypatch, path)
    monkeypatch.chdir(tmp_path)
    return path


def _holder(lock: Path, cwd: Path) -> subprocess.Popen[str]:
    process = start("-c", HOLDER, str(lock), cwd=cwd)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_second_overlapping_run_exits_0_with_one_line_and_changes_nothing(
    tmp_path: Path, log_file: Path
) -> None:
    workbook = demo_copy(tmp_path)
    holder = _holder(job_paths(log_file, str(workbook)).lock, tmp_path)
    try:
        before = sha256(workbook)
        second = subprocess.run(
            [sys.executable, "-m", "nastavnik", "nightly", str(workbook), *TODAY],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        stop(holder)
    assert second.returncode == 0
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and "Другой запуск для этой таблицы ещё идёт" in lines[0]
    assert f"PID {holder.pid}" in lines[0] and "ничего не изменено" in lines[0]
    assert sha256(workbook) == before


def test_a_killed_runs_lock_is_taken_over_and_the_run_goes_ahead(
    tmp_path: Path, log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = demo_copy(tmp_path)
    lock = job_paths(log_file, str(workbook)).lock
    holder = _holder(lock, tmp_path)
    stop(holder)  # kill -9: it never released the lock
    record = LockRecord.parse(lock.read_text())
    assert record is not None and record.pid == holder.pid  # the record outlived its holder
    before = journal_rows(workbook)
    run = cli(capsys, "nightly", str(workbook), *TODAY)
    assert run.code == 1  # ran (the demo has data errors)
    assert journal_rows(workbook) == before + 1
    assert f"Блокировка прежнего запуска (PID {holder.pid}" in run.err
    assert "процесс завершился, не сняв блокировку" in run.err
    assert lock.read_text() == ""  # a clean finish leaves no record


def test_the_lock_is_exclusive_and_released_on_exit(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    first, second = RunLock(path), RunLock(path)
    assert first.try_acquire()
    with first:
        assert not second.try_acquire()  # a second open file description: refused
        assert second.holder is not None and second.holder.pid == os.getpid()
    assert second.try_acquire()
    second.release()


def test_a_record_of_a_dead_process_is_stale_and_says_so(tmp_path: Path) -> None:
    dead = LockRecord(_dead_pid(), socket.gethostname(), "20.11.2025 02:00:00")
    path = tmp_path / "x.lock"
    path.write_text(dead.dumps())
    lock = RunLock(path)
    assert lock.try_acquire()
    lock.release()
    assert lock.stale == dead and not dead.alive()
    assert "процесс завершился" in stale_message(dead)


def test_pid_liveness_and_messages() -> None:
    assert pid_alive(os.getpid())
    me = LockRecord(os.getpid(), socket.gethostname(), "20.11.2025 02:00:00")
    assert LockRecord.parse(me.dumps()) == me
    assert LockRecord.parse("") is None and LockRecord.parse("{broken") is None
    assert "PID" in busy_message(me) and "пропущен" in busy_message(None)
    elsewhere = LockRecord(1, "other-host", "20.11.2025 02:00:00")
    assert elsewhere.alive() and "на other-host" in elsewhere.describe()


def test_unwritable_lock_folder_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="блокировки"):
        RunLock(blocker / "sub" / "x.lock").try_acquire()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
