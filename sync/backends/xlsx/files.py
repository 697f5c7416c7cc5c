"""File-level safety for the .xlsx backend: format checks, lock files, fingerprints, atomic save.

Everything here is about the file as bytes on disk; nothing looks inside the workbook.
Messages are Russian and always name the file, because staff read them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nastavnik.sheets_schema.errors import ConcurrentEdit, WorkbookError

SUFFIXES = (".xlsx", ".xlsm")  # .xlsm: macros are kept on save
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls 97-2003, and password-protected .xlsx


@dataclass(frozen=True)
class Fingerprint:
    """What the file was when read: a different fingerprint means someone else saved it."""

    mtime_ns: int
    size: int
    sha256: str


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
    """The program that has the file open (Excel or LibreOffice) and its lock file, if any."""
    locks = (
        (path.with_name("~$" + path.name), "Excel"),
        (path.with_name(".~lock." + path.name + "#"), "LibreOffice"),
    )
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
        f"Нет доступа к файлу «{path}» ({error.strerror or error}).",
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
        raise WorkbookError(f"Не удалось прочитать файл «{path}»: {error}.") from error
    return data, Fingerprint(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


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


def atomic_save(workbook: Any, path: Path, expected: Fingerprint | None) -> Fingerprint:
    """Save to a temp file beside `path`, fsync, then replace `path` in one step.

    Right before the replace the target is checked again against `expected`, so a staff
    save that landed while we were writing is not overwritten. On any failure the temp
    file is removed and the original is left exactly as it was.
    """
    directory = path.parent
    if not directory.is_dir():
        raise WorkbookError(f"Папка «{directory}» для файла «{path}» не существует.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except PermissionError as error:
        raise no_access(path, error) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, temp)
        ensure_unchanged(path, expected)
        os.replace(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, PermissionError):
            raise no_access(path, error) from error
        if isinstance(error, OSError):
            raise WorkbookError(f"Не удалось сохранить файл «{path}»: {error}.") from error
        raise
    _fsync_directory(directory)
    saved = current_fingerprint(path)
    if saved is None:
        raise WorkbookError(f"Файл «{path}» пропал сразу после сохранения.")
    return saved


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
