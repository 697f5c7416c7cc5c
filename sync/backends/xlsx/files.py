"""File-level safety for the .xlsx backend: format checks, lock files, fingerprints, atomic save
(symlinks followed, identity re-checked before the replace, temp files never left behind).

Everything here is about the file as bytes on disk; nothing looks inside the workbook.
Messages are Russian and always name the file, because staff read them.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import io
import os
import signal
import stat
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from nastavnik.sheets_schema.errors import ConcurrentEdit, WorkbookError, os_reason

SUFFIXES = (".xlsx", ".xlsm")  # .xlsm: macros are kept on save
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls 97-2003, and password-protected .xlsx


@dataclass(frozen=True)
class Fingerprint:
    """What the file was when read: a different fingerprint means someone else saved it."""

    mtime_ns: int
    size: int
    sha256: str
    inode: tuple[int, int] = (0, 0)  # (device, inode): a save-by-rename makes a new one

    def same_file(self, info: os.stat_result) -> bool:
        """True when `info` (a stat taken now) is still this file, as far as stat can tell."""
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) == (
            *self.inode,
            self.size,
            self.mtime_ns,
        )


# The file did not exist when it was read (a new workbook `init` will create).
MISSING: Fingerprint | None = None


def check_suffix(path: Path) -> None:
    """Refuse anything but a .xlsx/.xlsm path, with advice for the old .xls format."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise WorkbookError(
            f"Файл «{path}» в старом формате Excel 97–2003 (.xls).",
            hint="Откройте его в Excel и сохраните как .xlsx (Файл → Сохранить как → Книга Excel).",
        )
    if suffix not in SUFFIXES:
        raise WorkbookError(
            f"Файл «{path}» — не книга Excel .xlsx (расширение «{path.suffix or 'нет'}»).",
            hint="Укажите файл .xlsx или сохраните таблицу как .xlsx.",
        )


def lock_holder(path: Path) -> tuple[str, Path] | None:
    """The program that has the file open (Excel or LibreOffice) and its lock file, if any.

    The lock file sits next to the file, or next to the real file when `path` is a symlink.
    """
    names = dict.fromkeys((path, real_path(path)))
    locks = [
        lock
        for name in names
        for lock in (
            (name.with_name("~$" + name.name), "Excel"),
            (name.with_name(".~lock." + name.name + "#"), "LibreOffice"),
        )
    ]
    for lock, program in locks:
        if lock.exists():
            return program, lock
    return None


def open_note(path: Path) -> str:
    """What a read-only command says when the file is open elsewhere ("" when it is not)."""
    held = lock_holder(path)
    if held is None:
        return ""
    return (
        f"Файл «{path}» открыт в {held[0]}: прочитана сохранённая версия, несохранённые "
        "изменения в открытом окне не видны."
    )


def check_not_locked(path: Path) -> None:
    """Refuse to write while Excel or LibreOffice has the file open (its lock file is beside it)."""
    held = lock_holder(path)
    if held is not None:
        program, lock = held
        raise WorkbookError(
            f"Файл «{path}» открыт в {program} (есть файл блокировки «{lock.name}»). "
            "Закройте его и повторите.",
            hint=f"Если {program} уже закрыт, удалите файл блокировки «{lock}».",
        )


def check_signature(path: Path, data: bytes) -> None:
    """Refuse bytes that are not an .xlsx package, saying what the file is when we can tell.

    An encrypted (password-protected) workbook and an old .xls are OLE2 compound files; a
    Word, PowerPoint or OpenDocument file renamed to .xlsx is a zip without a workbook part;
    a truncated or damaged file is not a readable zip.
    """
    if data.startswith(_OLE_MAGIC):
        raise _ole_error(path, data)
    if not data.startswith(_ZIP_MAGIC):
        raise not_a_workbook(path, "это не книга Excel")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {name.lower() for name in package.namelist()}
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        raise not_a_workbook(path, "архив не читается: файл обрезан или испорчен") from error
    if _WORKBOOK_PART not in names:
        raise not_a_workbook(path, _foreign_kind(names, mimetype))


_WORKBOOK_PART = "xl/workbook.xml"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_FOREIGN = (
    ("word/document.xml", "это документ Word, а не таблица"),
    ("ppt/presentation.xml", "это презентация PowerPoint, а не таблица"),
    ("xl/workbook.bin", "это двоичная книга Excel .xlsb"),
)


def _ole_error(path: Path, data: bytes) -> WorkbookError:
    if _ENCRYPTED in data:
        return WorkbookError(
            f"Файл «{path}» защищён паролем: программа не может его прочитать.",
            hint="Откройте его в Excel или LibreOffice, снимите пароль на открытие "
            "(Файл → Сведения → Защитить книгу) и сохраните как .xlsx.",
        )
    return WorkbookError(
        f"Файл «{path}» в старом формате Microsoft Office 97–2003 (.xls или .doc).",
        hint="Откройте его в Excel и сохраните как .xlsx (Файл → Сохранить как → Книга Excel).",
    )


def _foreign_kind(names: set[str], mimetype: bytes) -> str:
    for part, kind in _FOREIGN:
        if part in names:
            return kind
    if b"opendocument.spreadsheet" in mimetype:
        return "это таблица OpenDocument .ods"
    if mimetype:
        return "это документ OpenDocument, а не таблица"
    return "в архиве нет книги Excel"


def not_a_workbook(path: Path, detail: str) -> WorkbookError:
    """The error for a file openpyxl cannot understand."""
    return WorkbookError(
        f"Файл «{path}» повреждён или не является книгой Excel .xlsx ({detail}).",
        hint="Откройте его в Excel и сохраните как .xlsx (Книга Excel).",
    )


def no_access(path: Path, error: OSError) -> WorkbookError:
    """The error for a file the operating system will not let us open or replace."""
    return WorkbookError(
        f"Нет доступа к файлу «{path}» ({os_reason(error)}).",
        hint="Проверьте права на файл и папку; возможно, файл открыт в другой программе.",
    )


def read_bytes(path: Path) -> tuple[bytes, Fingerprint] | None:
    """The file's bytes and fingerprint taken from the same open handle; None when missing."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
            info = os.fstat(handle.fileno())
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise WorkbookError(f"«{path}» — папка, а не файл книги.") from error
    except PermissionError as error:
        raise no_access(path, error) from error
    except OSError as error:
        raise WorkbookError(f"Не удалось прочитать файл «{path}»: {os_reason(error)}.") from error
    digest = hashlib.sha256(data).hexdigest()
    return data, Fingerprint(info.st_mtime_ns, info.st_size, digest, (info.st_dev, info.st_ino))


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now (None when it does not exist)."""
    found = read_bytes(path)
    return None if found is None else found[1]


def ensure_unchanged(path: Path, expected: Fingerprint | None) -> None:
    """Raise ConcurrentEdit when the file is not what it was when it was read."""
    if current_fingerprint(path) != expected:
        raise file_changed(path)


def file_changed(path: Path) -> ConcurrentEdit:
    """The error for a file someone else saved between our read and our write."""
    return ConcurrentEdit(
        f"Файл «{path}» изменился после чтения (его сохранили в другой программе).",
        hint="Запустите синхронизацию ещё раз: изменения сотрудников не тронуты.",
    )


class Saveable(Protocol):
    """What `atomic_save` writes: anything that can write itself to a binary handle."""

    def save(self, handle: IO[bytes], /) -> None:
        """Write the whole file to `handle`."""
        ...


def atomic_save(workbook: Saveable, path: Path, expected: Fingerprint | None) -> Fingerprint:
    """Save to a temp file beside the real file, fsync, then replace it in one step.

    A symlink is followed: the file it points to is replaced, the link stays. Right before
    the replace the target is checked against `expected`: first its whole content (hash),
    then — immediately before the rename, so the window does not grow with the file — its
    identity (device, inode, size, mtime); a staff save that landed meanwhile raises
    ConcurrentEdit (the engine redoes the cycle). The temp file is removed on any failure,
    SIGTERM and SIGINT included; leftovers of a killed run are removed by the next one.
    """
    target = real_path(path)
    directory = target.parent
    if not directory.is_dir():
        raise WorkbookError(f"Папка «{directory}» для файла «{path}» не существует.")
    remove_leftovers(target)
    with _temp_file(target, path) as (handle, temp):
        workbook.save(handle)
        handle.flush()
        os.fsync(handle.fileno())
        _copy_mode(target, temp)
        saved = current_fingerprint(temp)  # ours, whoever saves right after the rename
        if expected is None:
            if target.exists():
                raise file_changed(path)
        else:
            _check_identity(target, path, expected)
        os.replace(temp, target)
    _fsync_directory(directory)
    if saved is None:
        raise WorkbookError(f"Временный файл для «{path}» пропал до замены.")
    return saved


def real_path(path: Path) -> Path:
    """The file a path names, symlinks followed (the path itself when it is not a link)."""
    return path.resolve() if path.is_symlink() else path


def _check_identity(target: Path, path: Path, expected: Fingerprint) -> None:
    """The file is still `expected`: content first (slow), then identity (instant)."""
    if current_fingerprint(target) != expected:
        raise file_changed(path)
    try:
        info = os.stat(target)
    except FileNotFoundError as error:
        raise file_changed(path) from error
    if not expected.same_file(info):
        raise file_changed(path)


@contextlib.contextmanager
def _temp_file(target: Path, path: Path) -> Iterator[tuple[IO[bytes], Path]]:
    """A locked temp file beside `target`, removed unless it was renamed over `target`."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise save_error(path, error) from error
    temp = Path(name)
    try:
        with _signals_raise(), os.fdopen(fd, "wb") as handle:
            _hold(handle.fileno())  # "in use" for remove_leftovers
            yield handle, temp
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise save_error(path, error) from error
        raise


def save_error(path: Path, error: OSError) -> WorkbookError:
    """The Russian message for a save the operating system refused."""
    folder = real_path(path).parent
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return WorkbookError(
            f"Не удалось сохранить файл «{path}»: на диске не хватает места. Файл не изменён.",
            hint=f"Освободите место на диске с папкой «{folder}» и повторите.",
        )
    if error.errno == errno.EROFS:
        return WorkbookError(
            f"Не удалось сохранить файл «{path}»: диск или папка «{folder}» только для чтения.",
            hint="Скопируйте книгу туда, где её можно изменять, или снимите защиту от записи.",
        )
    if isinstance(error, PermissionError):
        return no_access(path, error)
    return WorkbookError(f"Не удалось сохранить файл «{path}»: {os_reason(error)}.")


def remove_leftovers(target: Path) -> None:
    """Remove temp files of runs that were killed mid-save (a live run keeps its locked)."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            fd = os.open(leftover, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _stale(fd, leftover):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        finally:
            os.close(fd)


if sys.platform == "win32":  # no advisory locks: a leftover is stale after an hour

    def _hold(fd: int) -> None:
        """Nothing to lock."""

    def _stale(fd: int, path: Path) -> bool:
        return time.time() - os.fstat(fd).st_mtime > 3600

else:
    import fcntl

    def _hold(fd: int) -> None:
        """Lock the temp file while this run writes it."""
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _stale(fd: int, path: Path) -> bool:
        """True when no live run holds the file's lock."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # another run is writing it right now
        return True


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While the temp file exists, SIGTERM raises SystemExit (so cleanup runs) as SIGINT
    raises KeyboardInterrupt; only in the main thread, where handlers can be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _copy_mode(original: Path, temp: Path) -> None:
    """Give the new file the original's permissions (mkstemp creates it private)."""
    try:
        mode = stat.S_IMODE(original.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); a no-op where directories cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
