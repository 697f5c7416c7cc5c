"""The one exception hierarchy of nastavnik.

Every error meant for a person carries a Russian message and maps to a CLI exit
code. Validation problems in cells are *not* exceptions: they are `Problem`
records (see sync/problems.py). Exceptions are for things that stop a command.
"""

from __future__ import annotations

import errno


class NastavnikError(Exception):
    """Base of every error nastavnik raises on purpose. `str()` is Russian, for staff."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigError(NastavnikError):
    """Bad configuration: target, settings file, credentials."""


class WorkbookError(NastavnikError):
    """The workbook cannot be read or written (missing, locked, not a workbook)."""


class ConnectionFailed(NastavnikError):
    """Network or API failure that survived the retry budget."""


class ConcurrentEdit(NastavnikError):
    """Staff changed the rows we were about to write, and retries ran out."""

    requests = 0  # API requests the abandoned attempt sent, reads included (set by the backend)


class DeadlineError(NastavnikError):
    """A roadmap «Сроки» text the deadline parser cannot understand."""


class UnsafeWrite(NastavnikError):
    """A programming error caught by a safety guard (e.g. a write to a staff cell).

    This is a bug, never a user mistake; it still stops the run before anything is written.
    """


# What the operating system said, in Russian (its own strerror text is English).
_OS_REASONS = {
    errno.EACCES: "нет прав",
    errno.EPERM: "операция запрещена",
    errno.ENOENT: "файл или папка не найдены",
    errno.EIO: "ошибка чтения или записи диска",
    errno.EBUSY: "файл занят другой программой",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ETIMEDOUT: "сетевой диск не отвечает",
    errno.ENOSPC: "на диске не хватает места",
    errno.EROFS: "диск только для чтения",
}


def os_reason(error: OSError) -> str:
    """The operating system's refusal as a short Russian phrase."""
    if error.errno in _OS_REASONS:
        return _OS_REASONS[error.errno]
    return f"системная ошибка № {error.errno}" if error.errno else "системная ошибка"
