"""SIGTERM and SIGINT for the jobs: a stop never leaves the workbook half-written.

A job run has phases. While it reads, checks and plans (nothing written yet) a signal
abandons the run at once: the handler raises `StopRequested`, the run unwinds and says
«таблица не изменена». Once the backend has started writing, the signal is only noted:
the write (with its journal row) completes, and the job stops right after, saying so.
Between runs (the scheduler waiting) a signal just wakes the scheduler up to stop.

The .xlsx backend also saves atomically (temp file + fsync + os.replace), so even a
`kill -9` leaves the old file or the new one, never a mix; the deferral makes an ordinary
stop cleaner still: the sheets and the journal row always land together.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from types import FrameType

from nastavnik.sync.backends.base import ApplyResult, Workbook
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import Snapshot

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Phase(Enum):
    """Where a job is, as far as a stop signal is concerned."""

    IDLE = "idle"  # between runs: wake up and stop
    RUN = "run"  # reading and planning: abandon now
    WRITE = "write"  # the backend is writing: let it finish
    FINISHING = "finishing"  # the workbook part is over: finish the run, then stop


class StopRequested(KeyboardInterrupt):
    """A stop signal arrived before the write started; unwinds the run like Ctrl+C.

    A KeyboardInterrupt (not an Exception) on purpose, as Python's own SIGINT is: no
    `except Exception` on the way can swallow it, and if it ever escaped, the CLI would
    report «Прервано» with exit code 2.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum


def signal_name(signum: int) -> str:
    """«SIGTERM»."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"сигнал {signum}"


class StopSignals:
    """The stop-signal handler of one job process and the phase it is in."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.during_write = False  # the signal came while the workbook was being written
        self.wake = threading.Event()  # set by a signal: the scheduler stops waiting
        self.phase = Phase.IDLE

    def stop_requested(self) -> bool:
        """True once SIGTERM or SIGINT has arrived."""
        return self.received is not None

    @property
    def name(self) -> str:
        """The received signal's name («SIGTERM»), or «» when none arrived."""
        return signal_name(self.received) if self.received is not None else ""

    @contextmanager
    def installed(self) -> Iterator[StopSignals]:
        """Handle SIGTERM and SIGINT inside the block; restore the old handlers after."""
        previous = {number: signal.signal(number, self._handle) for number in SIGNALS}
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    @contextmanager
    def running(self) -> Iterator[None]:
        """One job run: a signal now abandons it (unless its write has begun)."""
        if self.received is not None:
            raise StopRequested(self.received)
        self.phase = Phase.RUN
        try:
            yield
        finally:
            self.phase = Phase.IDLE

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The write: refused if a signal came first, otherwise never interrupted."""
        if self.received is not None:
            raise StopRequested(self.received)  # abandon cleanly, before any byte is written
        self.phase = Phase.WRITE
        try:
            yield
        except BaseException:
            self.phase = Phase.RUN  # the write failed: nothing of it landed (atomic save)
            raise
        self.phase = Phase.FINISHING

    def finishing(self) -> None:
        """The workbook part of the run is over (e.g. before mailing): a signal now only stops
        what comes next, it never interrupts a step half-way."""
        if self.phase is Phase.RUN:
            self.phase = Phase.FINISHING

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.received = signum
        self.wake.set()
        if self.phase is Phase.RUN:
            raise StopRequested(signum)
        if self.phase is Phase.WRITE:
            self.during_write = True


class GuardedWorkbook:
    """A workbook whose `apply` runs inside `StopSignals.writing` (deferring stop signals)."""

    def __init__(self, inner: Workbook, signals: StopSignals) -> None:
        self._inner = inner
        self._signals = signals

    @property
    def name(self) -> str:
        """The wrapped workbook's name."""
        return self._inner.name

    @property
    def write_requests(self) -> int:
        """The wrapped workbook's write cost."""
        return self._inner.write_requests

    def exists(self) -> bool:
        """Whether the wrapped workbook exists."""
        return self._inner.exists()

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Read (interruptible: nothing is written)."""
        return self._inner.read(titles)

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Write, unless a stop came first; a stop during the write waits for it to finish."""
        with self._signals.writing():
            return self._inner.apply(changes, snapshot)
