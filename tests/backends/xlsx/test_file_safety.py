"""File safety of the .xlsx backend: atomic replace, concurrent saves, symlinks, signals,
leftover temp files, a read-only place and a full disk — on real files."""

from __future__ import annotations

import errno
import fcntl
import gc
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nastavnik.cli.app import main
from nastavnik.sheets_schema.errors import ConcurrentEdit, WorkbookError
from nastavnik.sync.backends.xlsx import files
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.writer import patch
from nastavnik.sync.changeset import CellWrite, ChangeSet
from tests.backend_harnesses import make_book
from tests.paths import REPO

SHEET = "Пары"
WRITE_X = ChangeSet(writes=(CellWrite(SHEET, 2, 2, "x"),))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "книги"
    folder.mkdir()
    return make_book(
        folder / "наставничество.xlsx",
        {
            "Педагоги": [["ФИО", "Дата"], ["Иванова Анна", date(2020, 9, 1)]],
            SHEET: [["Код пары", "Наставник", "Статус"], ["НП-001", "Иванова Анна"]],
        },
    )


def apply(path: Path, changes: ChangeSet = WRITE_X) -> None:
    workbook = XlsxWorkbook(path)
    workbook.apply(changes, workbook.read([SHEET]))


def value(path: Path, ref: str) -> Any:
    return openpyxl.load_workbook(path)[SHEET][ref].value


def staff_save_by_rename(path: Path, ref: str, text: str) -> None:
    """What Excel and LibreOffice do: write a new file, rename it over the old one."""
    book = openpyxl.load_workbook(path)
    book[SHEET][ref] = text
    new = path.with_name("staff-save.tmp")
    book.save(new)
    os.replace(new, path)


class _DiskFull:
    """A temp-file handle on a disk that fills up after `room` bytes."""

    def __init__(self, handle: Any, room: int) -> None:
        self._handle, self._room = handle, room

    def write(self, data: bytes) -> int:
        if self._room < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _DiskFull:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Errors Python would print as "Exception ignored in …" (e.g. from ZipFile.__del__)."""
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    yield seen


class TestFailures:
    def test_a_full_disk_leaves_the_file_and_nothing_else(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, unraisable: list[Any]
    ) -> None:
        before = path.read_bytes()
        real = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _DiskFull(real(fd, mode), 700))
        with pytest.raises(WorkbookError, match="на диске не хватает места") as error:
            apply(path)
        assert str(path) in str(error.value)
        assert path.read_bytes() == before
        assert [p.name for p in path.parent.iterdir()] == [path.name]
        gc.collect()
        assert unraisable == []

    @pytest.mark.parametrize(
        ("code", "message"),
        [(errno.EROFS, "только для чтения"), (errno.EACCES, "Нет доступа к файлу")],
        ids=["read-only-filesystem", "read-only-folder"],
    )
    def test_a_read_only_place(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
    ) -> None:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            kind = PermissionError if code == errno.EACCES else OSError
            raise kind(code, os.strerror(code))

        before = path.read_bytes()
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
        with pytest.raises(WorkbookError, match=message):
            apply(path)
        assert path.read_bytes() == before

    def test_the_cli_says_so_with_exit_2_and_no_traceback(
        self, path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        def read_only(*args: Any, **kwargs: Any) -> Any:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(tempfile, "mkstemp", read_only)
        with pytest.raises(SystemExit) as exit_:
            main(["init", str(path)])
        captured = capsys.readouterr()
        assert exit_.value.code == 2
        assert "только для чтения" in captured.err + captured.out
        assert "Traceback" not in captured.err and "Внутренняя ошибка" not in captured.err

    def test_a_failed_replace(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def denied(source: Any, target: Any) -> None:
            raise PermissionError(13, "Permission denied")

        before = path.read_bytes()
        monkeypatch.setattr(os, "replace", denied)
        with pytest.raises(WorkbookError, match="Нет доступа к файлу"):
            apply(path)
        assert path.read_bytes() == before
        assert [p.name for p in path.parent.iterdir()] == [path.name]


class TestConcurrentSaves:
    def test_a_staff_save_during_the_write_wins(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real_save = patch._Patch.save

        def save_while_staff_saves(self: Any, handle: Any) -> None:
            real_save(self, handle)
            monkeypatch.undo()
            staff_save_by_rename(path, "B2", "Сидорова")

        workbook = XlsxWorkbook(path)
        snapshot = workbook.read([SHEET])
        monkeypatch.setattr(patch._Patch, "save", save_while_staff_saves)
        with pytest.raises(ConcurrentEdit, match="изменился"):
            workbook.apply(WRITE_X, snapshot)
        assert (value(path, "B2"), value(path, "C2")) == ("Сидорова", None)
        assert [p.name for p in path.parent.iterdir()] == [path.name]

    def test_a_rename_right_before_the_replace_is_caught(
        self, path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The content check passed; then staff's save lands (same bytes, even the same
        size and mtime): the identity check right before the rename still sees it."""
        real = files.current_fingerprint
        original = path.read_bytes()
        stamp = path.stat().st_mtime_ns

        def then_staff_renames(target: Path) -> Any:
            found = real(target)
            if target != path:  # our temp file
                return found
            monkeypatch.setattr(files, "current_fingerprint", real)
            staff = target.with_name("staff.tmp")
            staff.write_bytes(original)
            os.utime(staff, ns=(stamp, stamp))
            os.replace(staff, target)
            return found

        workbook = XlsxWorkbook(path)
        snapshot = workbook.read([SHEET])
        monkeypatch.setattr(files, "current_fingerprint", then_staff_renames)
        with pytest.raises(ConcurrentEdit):
            workbook.apply(WRITE_X, snapshot)
        assert path.read_bytes() == original
        assert [p.name for p in path.parent.iterdir()] == [path.name]
        apply(path)  # the next cycle (the engine redoes it) writes over staff's file
        assert value(path, "C2") == "x"


def test_the_engine_redoes_the_cycle_after_a_race(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staff save lands right before our replace: `sync` reads again, plans again and
    writes on top of staff's save, which is kept."""
    real = files.current_fingerprint
    races: list[Path] = []

    def race_once(target: Path) -> Any:
        found = real(target)
        if not races and target == path:
            races.append(target)
            staff_save_by_rename(target, "B2", "Сидорова")
        return found

    monkeypatch.setattr(files, "current_fingerprint", race_once)
    with pytest.raises(SystemExit):
        main(["sync", str(path), "--today", "20.11.2025"])
    capsys.readouterr()
    assert races == [path]
    book = openpyxl.load_workbook(path)
    assert book[SHEET]["B2"].value == "Сидорова"
    assert "Журнал синхронизации" in book.sheetnames  # our write landed on the second cycle
    assert [p.name for p in path.parent.iterdir()] == [path.name]


class TestTheFile:
    def test_a_symlink_is_followed_and_stays(self, path: Path, tmp_path: Path) -> None:
        link = tmp_path / "ссылка.xlsx"
        link.symlink_to(path)
        apply(link)
        assert link.is_symlink() and link.resolve() == path.resolve()
        assert value(path, "C2") == "x"
        apply(link, ChangeSet(writes=(CellWrite(SHEET, 2, 3, "y"),)))
        assert (value(link, "C2"), value(link, "D2")) == ("x", "y")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["книги", "ссылка.xlsx"]
        lock = path.with_name(f".~lock.{path.name}#")  # LibreOffice opened the real file
        lock.write_text("owner")
        with pytest.raises(WorkbookError, match="открыт в LibreOffice"):
            XlsxWorkbook(link).read([SHEET])

    def test_leftovers_of_a_killed_run_are_removed_a_live_one_is_not(self, path: Path) -> None:
        stale = path.with_name(f".{path.name}.k1ll3d.tmp")
        stale.write_bytes(b"PK half a file with teachers' names")
        live = path.with_name(f".{path.name}.l1ve.tmp")
        live.write_bytes(b"PK being written")
        with live.open("rb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            apply(path)
            assert not stale.exists() and live.exists()
            assert value(path, "C2") == "x"
            stale.write_bytes(b"PK left by a run killed after ours")
            XlsxWorkbook(path).read([SHEET])  # a run with nothing to write cleans up too
            assert not stale.exists() and live.exists()

    @pytest.mark.parametrize(
        ("stop", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, -signal.SIGINT)]
    )
    def test_a_stop_signal_mid_save_removes_the_temp_file(
        self, path: Path, stop: int, code: int
    ) -> None:
        before = path.read_bytes()
        script = f"""
import sys, time
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.backends.xlsx.writer import patch
from nastavnik.sync.changeset import CellWrite, ChangeSet
real = patch._Patch.save
def slow(self, handle):
    real(self, handle)
    print("saving", flush=True)
    time.sleep(60)
patch._Patch.save = slow
workbook = XlsxWorkbook(sys.argv[1])
workbook.apply(ChangeSet(writes=(CellWrite({SHEET!r}, 2, 2, "x"),)), workbook.read([]))
"""
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"saving"
        assert len(list(path.parent.iterdir())) == 2  # the temp file is there
        process.send_signal(stop)
        assert process.wait(timeout=30) == code  # SIGINT: KeyboardInterrupt, then the signal
        assert [p.name for p in path.parent.iterdir()] == [path.name]
        assert path.read_bytes() == before
