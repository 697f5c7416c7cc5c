"""Column metadata: the one declaration each sheet's layout and validation come from.

A row model's field is declared as ``Annotated[<type>, Col(...)]``. `Col` is both the
column's metadata (header, kind, note, width, dropdown) and its pydantic validator:
it converts the raw cell value leniently with a reader from `readers.py` and reports
problems in Russian through `CellError`, so pydantic's English text never reaches staff.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from nastavnik.sheets_schema import readers
from nastavnik.sheets_schema.palette import Vocabulary


class Kind(StrEnum):
    """Who owns a column."""

    INPUT = "in"  # staff type here; never written by the service
    KEY = "key"  # filled once by the service when blank, then left alone
    CALC = "calc"  # owned by the service, rewritten on every sync


LONG_TEXT_WIDTH = 30  # characters: text columns this wide hold sentences, wrapped


class ValueType(StrEnum):
    """How a cell is read and shown."""

    TEXT = "текст"
    INT = "целое число"
    NUMBER = "число"
    DATE = "дата"
    MONTH = "месяц"
    BOOL = "да/нет"
    CHOICE = "значение из списка"
    FIO = "ФИО"
    EMAIL = "e-mail"
    SCORE = "оценка 1–10"


@dataclass(frozen=True)
class Ref:
    """A dropdown fed from another sheet's column (e.g. ФИО from «Педагоги»)."""

    sheet: str
    header: str


@dataclass(frozen=True)
class Col:
    """One column of a sheet. Used as pydantic ``Annotated`` metadata on input/key fields."""

    header: str
    type: ValueType = ValueType.TEXT
    kind: Kind = Kind.INPUT
    required: bool = False
    choices: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)
    ref: Ref | None = None
    note: str = ""
    width: int = 18
    states: Vocabulary | None = None  # the words written here, coloured by conditional formats

    @property
    def wraps(self) -> bool:
        """Long text (a wide text column): shown wrapped, so nothing is cut off."""
        return self.type is ValueType.TEXT and self.width >= LONG_TEXT_WIDTH

    @property
    def is_auto(self) -> bool:
        """True for columns the service fills (key and calc)."""
        return self.kind is not Kind.INPUT

    def read(self, value: object) -> Any:
        """Convert a raw cell value; raise `ReadError` with a Russian message when it is bad.

        Readers are pure, so results are memoised per column and value: a sheet of 100,000
        meetings holds a few hundred distinct dates and pair codes.
        """
        key = (id(self), type(value), value)
        try:
            outcome = _MEMO.get(key)
        except TypeError:  # an unhashable value: read it directly
            return self._read(value)
        if outcome is None:
            outcome = _memoise(key, self._read, value)
        if isinstance(outcome, Failed):
            raise readers.ReadError(outcome.message, outcome.fix)  # a fresh one: no old traceback
        return outcome[0]

    def _read(self, value: object) -> Any:
        result = _READERS[self.type](value, self)
        if result is None and self.required and self.kind is Kind.INPUT:
            raise readers.ReadError(
                "Обязательное поле не заполнено.", f"Заполните «{self.header}»."
            )
        return result

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self._validate, handler(source))

    def _validate(self, value: object) -> Any:
        try:
            return self.read(value)
        except readers.ReadError as error:
            raise CellError(error.message, error.fix) from None


@dataclass(frozen=True, slots=True)
class Failed:
    """A remembered read failure: the text only, never the exception.

    A raised exception carries its traceback, whose frames hold the whole parse (every row
    of every sheet); caching one would pin that memory for the life of the process.
    """

    message: str
    fix: str


MEMO_LIMIT = 200_000
_MEMO: dict[tuple[int, type, object], tuple[Any] | Failed] = {}


def _memoise(
    key: tuple[int, type, object], read: Callable[[object], Any], value: object
) -> tuple[Any] | Failed:
    """Read once and remember the result (or the error's text) for this column and value."""
    outcome: tuple[Any] | Failed
    try:
        outcome = (read(value),)
    except readers.ReadError as error:
        outcome = Failed(error.message, error.fix)
    if len(_MEMO) >= MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = outcome
    return outcome


def memo_entries() -> tuple[object, ...]:
    """What the reader cache holds now (for tests of what it may keep alive)."""
    return tuple(_MEMO.values())


def CellError(message: str, fix: str) -> PydanticCustomError:
    """A validation error whose text is ours (Russian); pydantic carries it to the parser."""
    return PydanticCustomError("nastavnik", "{message}", {"message": message, "fix": fix})


def _read_choice(value: object, col: Col) -> str | None:
    return readers.read_choice(value, col.choices, col.synonyms)


_READERS: dict[ValueType, Callable[[object, Col], Any]] = {
    ValueType.TEXT: lambda v, c: readers.read_text(v),
    ValueType.INT: lambda v, c: readers.read_int(v),
    ValueType.NUMBER: lambda v, c: readers.read_number(v),
    ValueType.DATE: lambda v, c: readers.read_date(v),
    ValueType.MONTH: lambda v, c: readers.read_month(v),
    ValueType.BOOL: lambda v, c: readers.read_bool(v),
    ValueType.CHOICE: _read_choice,
    ValueType.FIO: lambda v, c: readers.read_fio(v),
    ValueType.EMAIL: lambda v, c: readers.read_text(v),
    ValueType.SCORE: lambda v, c: readers.read_score(v),
}


def calc(
    header: str,
    type: ValueType = ValueType.TEXT,
    note: str = "",
    width: int = 16,
    states: Vocabulary | None = None,
) -> Col:
    """Declare a computed column (service-owned, rewritten on every sync)."""
    return Col(header, type, Kind.CALC, note=note, width=width, states=states)


CHECK = calc("Проверка", note="Проблемы строки одной строкой; пусто — всё в порядке.", width=40)
