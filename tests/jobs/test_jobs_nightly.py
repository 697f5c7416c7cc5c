"""`nastavnik nightly`: journal row every night, log file, exit codes, SIGTERM mid-run."""

from __future__ import annotations

import signal
import subprocess
import textwrap
from pathlib import Path

import openpyxl
import pytest

from tests.jobs.support import (
    TODAY,
    clean_env,
    cli,
    demo_copy,
    journal_rows,
    sha256,
    start,
    wait_for,
)

# A child process running `nastavnik nightly` with the backend slowed down at one point, so
# the test can send SIGTERM exactly while the run reads (phase "read") or writes ("write").
SLOW_NIGHTLY = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from nastavnik.sync.backends.xlsx import backend as xlsx
    mark, phase = Path(sys.argv[1]), sys.argv[2]
    real_read, real_apply = xlsx.XlsxWorkbook.read, xlsx.XlsxWorkbook.apply
    def read(self, titles):
        if phase == "read" and len(titles) > 1:
            mark.write_text("reading")
            time.sleep(15)
        return real_read(self, titles)
    def apply(self, changes, snapshot):
        if phase == "write":
            mark.write_text("writing")
            time.sleep(0.5)
        return real_apply(self, changes, snapshot)
    xlsx.XlsxWorkbook.read, xlsx.XlsxWorkbook.apply = read, apply
    from nastavnik.cli.app import main
    main(sys.argv[3:])
    """
)


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "log" / "nastavnik.log"
    clean_env(monkeypatch, path)
    monkeypatch.chdir(tmp_path)
    return path


def test_every_nightly_run_appends_one_journal_row_and_logs_a_summary(
    tmp_path: Path, log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = demo_copy(tmp_path)
    before = journal_rows(workbook)
    first = cli(capsys, "nightly", str(workbook), *TODAY)
    second = cli(capsys, "nightly", str(workbook), *TODAY)
    assert journal_rows(workbook) == before + 2  # even when nothing else changed
    assert first.code == second.code == 1  # the demo has deliberate data errors
    assert first.err == second.err == ""  # under cron: silent unless there is real trouble
    log = log_file.read_text(encoding="utf-8")
    assert log.count("Синхронизация (nightly): прочитано строк") == 2
    assert "ошибок: 7" in log and "строка добавлена в «Журнал синхронизации»" in log


def test_missing_workbook_is_exit_2_with_a_russian_line_on_stderr_and_in_the_log(
    tmp_path: Path, log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "nightly", str(tmp_path / "нет.xlsx"))
    assert run.code == 2
    assert run.err.startswith("Ошибка: Ночная синхронизация: Файл") and "не найден" in run.err
    assert "не найден" in log_file.read_text(encoding="utf-8")


def test_bad_stderr_level_is_a_usage_error(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "nightly", "x.xlsx", "--stderr-level", "громко")
    assert run.code == 2 and "допустимо: info, warning, error" in run.err


def _slow_nightly(tmp_path: Path, phase: str) -> tuple[Path, Path, int, str]:
    """Start a slowed nightly, SIGTERM it at `phase`; (workbook, mark, exit code, stderr)."""
    workbook = demo_copy(tmp_path)
    mark = tmp_path / f"{phase}.mark"
    args = ("nightly", str(workbook), *TODAY, "--stderr-level", "info")
    child = start("-c", SLOW_NIGHTLY, str(mark), phase, *args, cwd=tmp_path)
    wait_for(mark)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    return workbook, mark, child.returncode, err


def test_sigterm_before_the_write_abandons_the_run_and_leaves_the_file_untouched(
    tmp_path: Path, log_file: Path
) -> None:
    original = sha256(demo_copy(tmp_path, "original.xlsx"))
    workbook, _, code, err = _slow_nightly(tmp_path, "read")
    assert code == 2
    assert "получен сигнал SIGTERM до начала записи" in err and "таблица не изменена" in err
    assert sha256(workbook) == original
    assert "таблица не изменена" in log_file.read_text(encoding="utf-8")
    openpyxl.load_workbook(workbook).close()


def test_sigterm_during_the_write_lets_it_finish_with_its_journal_row(
    tmp_path: Path, log_file: Path
) -> None:
    before = journal_rows(demo_copy(tmp_path, "original.xlsx"))
    workbook, _, code, err = _slow_nightly(tmp_path, "write")
    assert code == 1  # the run completed (the demo has data errors)
    assert "Синхронизация (nightly): прочитано строк" in err  # --stderr-level info: everything
    assert "получен сигнал SIGTERM во время записи — запись завершена полностью" in err
    assert journal_rows(workbook) == before + 1  # the new content, complete
    assert not list(tmp_path.glob(".*.tmp"))  # no temp file left behind
    openpyxl.load_workbook(workbook).close()


def test_sigterm_at_an_unplanned_moment_leaves_a_valid_workbook_old_or_new(
    tmp_path: Path, log_file: Path
) -> None:
    workbook = demo_copy(tmp_path)
    before = journal_rows(workbook)
    child = start("-m", "nastavnik", "nightly", str(workbook), *TODAY, cwd=tmp_path)
    wait_for(log_file)  # the job has started (its handlers are installed right after)
    try:
        child.wait(timeout=0.4)
    except subprocess.TimeoutExpired:  # still running: stop it now
        child.send_signal(signal.SIGTERM)
    child.communicate(timeout=30)
    assert child.returncode in (0, 1, 2, -signal.SIGTERM)
    assert journal_rows(workbook) in (before, before + 1)  # openpyxl opens it: old or new
    assert not list(tmp_path.glob(".*.tmp"))
