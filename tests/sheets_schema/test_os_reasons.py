"""The operating system's refusals reach staff in Russian, never as its English strerror."""

from __future__ import annotations

import errno

from nastavnik.sheets_schema.errors import os_reason


def test_common_refusals_are_named_in_russian() -> None:
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "нет прав"
    assert (
        os_reason(OSError(errno.ENOSPC, "No space left on device")) == "на диске не хватает места"
    )
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "ошибка чтения или записи диска"


def test_an_unusual_refusal_keeps_its_number_and_no_english() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        f"системная ошибка № {errno.EXDEV}"
    )
    assert os_reason(OSError("something odd")) == "системная ошибка"
