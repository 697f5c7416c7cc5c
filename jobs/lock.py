"""One job run at a time per workbook: an exclusive `flock` on a lock file naming its holder.

Why `flock` and not only a PID file: the kernel drops the lock the moment its holder dies
(even on `kill -9`), so a killed run can never block the next one, and two runs that both
find a stale PID file cannot both take it over. The file still records the holder's PID,
host and start time: for the «already running» message, and so the next run can tell, by
checking whether that PID is still alive, that the previous run was killed rather than
finished, and say so. The file is never deleted (deleting a locked file would let two runs
lock two different files); releasing the lock empties it.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType, TracebackType

from nastavnik.sheets_schema.errors import ConfigError, os_reason


@dataclass(frozen=True)
class LockRecord:
    """Who holds (or held) the lock."""

    pid: int
    host: str
    started: str  # «20.11.2025 02:00:01», the holder's local time

    @classmethod
    def parse(cls, text: str) -> LockRecord | None:
        """The record in a lock file; None when the file is empty or unreadable."""
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["started"]))
        except (ValueError, KeyError, TypeError):
            return None

    def dumps(self) -> str:
        """The record as the lock file holds it."""
        return json.dumps({"pid": self.pid, "host": self.host, "started": self.started})

    def alive(self) -> bool:
        """True when this record's process still runs (on another host we cannot tell: True)."""
        if self.host != socket.gethostname():
            return True
        return pid_alive(self.pid)

    def describe(self) -> str:
        """«PID 1234, начат 20.11.2025 02:00:01»."""
        host = "" if self.host == socket.gethostname() else f" на {self.host}"
        return f"PID {self.pid}{host}, начат {self.started}"


def pid_alive(pid: int) -> bool:
    """True when a process with this PID exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


class RunLock:
    """A non-blocking exclusive lock on `path`; use `try_acquire`, then `with lock:`."""

    def __init__(self, path: Path, clock: Callable[[], datetime] = datetime.now) -> None:
        self.path = path
        self.holder: LockRecord | None = None  # the other run, when busy
        self.stale: LockRecord | None = None  # a killed run's record, when taken over
        self._clock = clock
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock; False (with `holder` set) when another run holds it."""
        fcntl = _fcntl()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise ConfigError(
                f"Не удалось создать файл блокировки «{self.path}»: {os_reason(error)}.",
                hint="Проверьте права на папку журнала (NASTAVNIK_LOG_FILE или --log).",
            ) from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.holder = LockRecord.parse(_read(fd))
            os.close(fd)
            return False
        previous = LockRecord.parse(_read(fd))
        self.stale = previous if previous and previous.pid != os.getpid() else None
        record = LockRecord(
            os.getpid(), socket.gethostname(), self._clock().strftime("%d.%m.%Y %H:%M:%S")
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, record.dumps().encode("utf-8"), 0)
        self._fd = fd
        return True

    def release(self) -> None:
        """Empty the file (a clean finish leaves no record) and drop the lock."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        fcntl = _fcntl()
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> RunLock:
        """The lock must already be held (`try_acquire` returned True)."""
        if self._fd is None:
            raise RuntimeError("RunLock used without a successful try_acquire()")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Release on every exit, normal or not."""
        self.release()


def _fcntl() -> ModuleType:
    """`fcntl`, imported on first use so that the other commands still work on Windows."""
    try:
        import fcntl
    except ImportError:
        raise ConfigError(
            "Ночной запуск и рассылка работают только на сервере Linux или macOS.",
            hint="На Windows запускайте «nastavnik sync» вручную или через Планировщик заданий.",
        ) from None
    return fcntl


def _read(fd: int) -> str:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0).decode("utf-8", errors="replace") if size else ""


def busy_message(holder: LockRecord | None) -> str:
    """The one line a second, overlapping run prints before it exits with code 0."""
    who = f" ({holder.describe()})" if holder else ""
    return (
        f"Другой запуск для этой таблицы ещё идёт{who} — этот запуск пропущен, ничего не изменено."
    )


def stale_message(stale: LockRecord) -> str:
    """What the log says when a killed run's lock is taken over."""
    if stale.host != socket.gethostname():
        why = "она записана на другом компьютере, а файл уже никем не заблокирован"
    elif stale.alive():
        why = "этот номер процесса теперь занят другой программой"
    else:
        why = "процесс завершился, не сняв блокировку (был прерван или убит)"
    return f"Блокировка прежнего запуска ({stale.describe()}) устарела: {why}. Блокировка снята."
