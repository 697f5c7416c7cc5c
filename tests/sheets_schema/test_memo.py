"""The reader cache keeps data, never live exceptions that would pin a parse's rows."""

from __future__ import annotations

import contextlib
import gc
import weakref

import pytest

from nastavnik.sheets_schema.columns import Col, ValueType, memo_entries
from nastavnik.sheets_schema.readers import ReadError


class _Rows:
    """Stands for the rows a parse holds in its frames."""


def _read_inside_a_frame(col: Col, value: object) -> weakref.ref[_Rows]:
    rows = _Rows()
    with contextlib.suppress(ReadError):
        col.read(value)
    return weakref.ref(rows)


def test_a_cached_failure_does_not_keep_the_failing_frame_alive() -> None:
    col = Col("Дата встречи", ValueType.DATE, required=True)
    first = _read_inside_a_frame(col, "тридцать второе")
    second = _read_inside_a_frame(col, "тридцать второе")  # answered from the cache
    gc.collect()
    assert first() is None
    assert second() is None


def test_the_cache_holds_no_exception_or_traceback() -> None:
    col = Col("Дата встречи", ValueType.DATE, required=True)
    for value in ("32.13.2026", None, "вчера"):
        with pytest.raises(ReadError):
            col.read(value)
    assert memo_entries()
    for entry in memo_entries():
        assert not isinstance(entry, BaseException)
        items = entry if isinstance(entry, tuple) else ()
        assert not any(isinstance(item, BaseException) for item in items)


def test_a_cached_failure_says_the_same_each_time() -> None:
    col = Col("Дата встречи", ValueType.DATE, required=True)
    messages = []
    for _ in range(2):
        with pytest.raises(ReadError) as caught:
            col.read(None)
        messages.append((caught.value.message, caught.value.fix))
    assert messages[0] == messages[1]
    assert messages[0] == ("Обязательное поле не заполнено.", "Заполните «Дата встречи».")
