"""Months, dates, their ranges and lists, with or without a year.

Examples: «сентябрь 2024», «май – сентябрь 2024», «ежегодно, декабрь, апрель»,
«до 15.10.25», «с 30 декабря 2025 по 9 января 2026», «ежегодно до 25 мая»,
«с 10 по 14 апреля». Grammar over tokens («…» are words, [] optional):

    text   := [yearly [sep]] item (sep item)* [[sep] yearly]
    item   := marker* [«с»] point [range [«конца»] point]
    range  := "-" | «по» | «до» (the last only after «с»)
    point  := DATE [year-word] | DAY [MONTH [YEAR]] | MONTH [YEAR]
    YEAR   := 4 digits | 2 digits (= 20YY), then an optional «г», «года», «гг» …
    sep    := "," | ";" | «и»

Every item has an explicit year (a one-off) or none (every academic year). A year
written only on the last item of a list, or only on the end of a range, applies
backwards: each earlier point takes the latest year that keeps the text in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .lexicon import Token, is_separator, month_of
from .messages import Refusal
from .model import (
    KIND_DATE,
    KIND_DATE_RANGE,
    KIND_MONTH_RANGE,
    KIND_MONTH_YEAR,
    KIND_YEARLY_DATE,
    KIND_YEARLY_MONTHS,
    ONCE,
    YEARLY,
    Annual,
    AnnualSpan,
    Fixed,
    FixedSpan,
    MonthDay,
    Reading,
)
from .phrases import check_year
from .years import last_day

_LEAP_YEAR = 2024  # a yearless 29 February is valid (clamped to the 28th in other years)
_YEAR_WORDS = ("г", "гг", "год", "года", "году")
_YEARLY_PHRASES = (
    ("1", "раз", "в", "год"),
    ("один", "раз", "в", "год"),
    ("раз", "в", "год"),
    ("каждый", "учебный", "год"),
    ("каждый", "уч", "год"),
    ("каждый", "год"),
    ("ежегодно",),
)
_MARKERS = (
    ("не", "позднее"),
    ("не", "позже"),
    ("вплоть", "до"),
    *((word,) for word in ("до", "к", "ко", "в", "во", "на", "по", "срок", "сроки")),
    *((word,) for word in ("течение", "конце", "конца", "конец", "период")),
)


@dataclass(frozen=True)
class _Point:
    month: int | None
    day: int | None = None
    year: int | None = None

    def as_start(self) -> tuple[int, int]:
        return (self.month or 0, self.day or 1)

    def as_end(self) -> tuple[int, int]:
        return (self.month or 0, self.day or 31)


@dataclass(frozen=True)
class _Span:
    start: _Point
    end: _Point


class _Cursor:
    """Reads tokens left to right."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> Token | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def advance(self) -> None:
        self._at += 1

    def take(self, *words: str) -> bool:
        """Consume the next token when it is one of `words`."""
        token = self.peek()
        if token is not None and token.text in words:
            self._at += 1
            return True
        return False

    def take_phrase(self, phrase: tuple[str, ...]) -> bool:
        """Consume the next tokens when they spell `phrase`."""
        ahead = self._tokens[self._at : self._at + len(phrase)]
        if tuple(token.text for token in ahead) == phrase:
            self._at += len(phrase)
            return True
        return False

    @property
    def at_end(self) -> bool:
        return self._at >= len(self._tokens)


def match_dates(tokens: tuple[Token, ...]) -> Reading | None:
    """The month/date family of the text, or None when it is not one."""
    body, yearly = _strip_yearly(tokens)
    items = _split(body)
    if not items:
        return None
    spans: list[_Span] = []
    for item in items:
        span = _item(item)
        if span is None:
            return None
        spans.append(span)
    return _reading(_fill_list_years(spans), yearly)


def _strip_yearly(tokens: tuple[Token, ...]) -> tuple[tuple[Token, ...], bool]:
    """Remove «ежегодно» (or «каждый год» …) at the start or the end."""
    words = tuple(token.text for token in tokens)
    for phrase in _YEARLY_PHRASES:
        size = len(phrase)
        if words[:size] == phrase:
            rest = tokens[size:]
            return (rest[1:] if rest and is_separator(rest[0]) else rest), True
        if words[-size:] == phrase:
            rest = tokens[:-size]
            return (rest[:-1] if rest and is_separator(rest[-1]) else rest), True
    return tokens, False


def _split(tokens: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    """Items between separators; a comma before a four-digit year («май, 2025») is not one."""
    items: list[tuple[Token, ...]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.text == "," and _is_full_year(following):
            continue
        if is_separator(token):
            items.append(tuple(current))
            current = []
        else:
            current.append(token)
    items.append(tuple(current))
    return [item for item in items if item]


def _is_full_year(token: Token | None) -> bool:
    return token is not None and token.kind == "num" and len(token.text) == 4


def _item(tokens: tuple[Token, ...]) -> _Span | None:
    cursor = _Cursor(tokens)
    while any(cursor.take_phrase(marker) for marker in _MARKERS):
        pass
    ranged = cursor.take("с", "со")
    start = _point(cursor)
    if start is None:
        return None
    end: _Point | None = start
    if cursor.take("-", "по") or (ranged and cursor.take("до")):
        cursor.take("конца", "конец")
        end = _point(cursor)
    if end is None or not cursor.at_end:
        return None
    return _resolve(start, end)


def _point(cursor: _Cursor) -> _Point | None:
    token = cursor.peek()
    if token is None:
        return None
    if token.kind in ("date", "iso"):
        cursor.advance()
        point = _written_date(token)
        if point is not None:
            _skip_year_words(cursor)
        return point
    day = None
    if token.kind == "num":
        day = int(token.text) if len(token.text) <= 2 else 0
        if not 1 <= day <= 31:
            return None
        cursor.advance()
    month_token = cursor.peek()
    month = month_of(month_token) if month_token is not None else None
    if month is None:
        return _Point(None, day) if day is not None else None
    cursor.advance()
    return _Point(month, day, _year(cursor))


def _written_date(token: Token) -> _Point | None:
    """15.10, 15.10.25, 15.10.2025 or 2025-10-15."""
    if token.kind == "iso":
        year_text, month_text, day_text = token.text.split("-")
        rest = [year_text]
    else:
        day_text, month_text, *rest = token.text.split(".")
    if len(day_text) > 2 or len(month_text) > 2 or any(len(y) not in (2, 4) for y in rest):
        return None
    year = None
    if rest:
        year = 2000 + int(rest[0]) if len(rest[0]) == 2 else check_year(int(rest[0]))
    day, month = int(day_text), int(month_text)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise Refusal(f"даты {token.text} не существует")
    return _Point(month, day, year)


def _year(cursor: _Cursor) -> int | None:
    token = cursor.peek()
    if token is None or token.kind != "num" or len(token.text) not in (2, 4):
        return None
    cursor.advance()
    _skip_year_words(cursor)
    number = int(token.text)
    return 2000 + number if len(token.text) == 2 else check_year(number)


def _skip_year_words(cursor: _Cursor) -> None:
    cursor.take(*_YEAR_WORDS)


def _resolve(start: _Point, end: _Point) -> _Span | None:
    """Complete the start from the end (month, year) and check the range makes sense."""
    if end.month is None:
        return None
    if start.month is None:
        if end.day is None:
            return None  # «с 1 по октябрь»
        start = replace(start, month=end.month)
    start, end = _fill_range_years(start, end)
    _check_order(start, end)
    return _Span(start, end)


def _fill_range_years(start: _Point, end: _Point) -> tuple[_Point, _Point]:
    """A year on one end only applies to the other, keeping start before end."""
    if start.year is None and end.year is not None:
        year = end.year if start.as_start() <= end.as_end() else end.year - 1
        start = replace(start, year=year)
    elif end.year is None and start.year is not None:
        year = start.year if start.as_start() <= end.as_end() else start.year + 1
        end = replace(end, year=year)
    return start, end


def _check_order(start: _Point, end: _Point) -> None:
    if start.year is None or end.year is None:
        _real_date(start, _LEAP_YEAR, is_start=True)
        _real_date(end, _LEAP_YEAR, is_start=False)
        if start.month == end.month and start.as_start() > end.as_end():
            raise Refusal("начало периода позже его конца")
        return
    if _real_date(start, start.year, True) > _real_date(end, end.year, False):
        raise Refusal("начало периода позже его конца")


def _real_date(point: _Point, year: int, is_start: bool) -> date:
    month = point.month or 1
    day = point.day or (1 if is_start else last_day(year, month))
    if day > last_day(year, month):
        shown = f"{day:02d}.{month:02d}" + (f".{year}" if point.year is not None else "")
        raise Refusal(f"даты {shown} не существует")
    return date(year, month, day)


def _fill_list_years(spans: list[_Span]) -> list[_Span]:
    """«сентябрь, декабрь 2025»: earlier yearless items take the year of a later one."""
    filled: list[_Span] = []
    later: _Point | None = None  # the start of the nearest later item with a year
    for span in reversed(spans):
        placed = span
        if span.end.year is None and later is not None and later.year is not None:
            year = later.year if span.end.as_end() <= later.as_start() else later.year - 1
            start, end = _fill_range_years(span.start, replace(span.end, year=year))
            _check_order(start, end)
            placed = _Span(start, end)
        if placed.end.year is not None:
            later = placed.start
        filled.append(placed)
    return filled[::-1]


def _reading(spans: list[_Span], yearly: bool) -> Reading:
    dated = [span for span in spans if span.end.year is not None]
    if not dated:
        annual = tuple(_annual_span(span) for span in spans)
        has_days = any(span.start.day or span.end.day for span in spans)
        return Reading(KIND_YEARLY_DATE if has_days else KIND_YEARLY_MONTHS, YEARLY, Annual(annual))
    if len(dated) != len(spans):
        raise Refusal("год указан не у всех сроков: укажите его у последнего или у каждого")
    if yearly:
        raise Refusal("«ежегодно» и конкретный год вместе: уберите год или слово «ежегодно»")
    return Reading(_fixed_kind(spans), ONCE, Fixed(tuple(_fixed_span(span) for span in spans)))


def _fixed_kind(spans: list[_Span]) -> str:
    single = all(span.start == span.end for span in spans)
    if any(span.start.day or span.end.day for span in spans):
        return KIND_DATE if single else KIND_DATE_RANGE
    return KIND_MONTH_YEAR if single else KIND_MONTH_RANGE


def _annual_span(span: _Span) -> AnnualSpan:
    start = MonthDay(span.start.month or 1, span.start.day)
    end = MonthDay(span.end.month or 1, span.end.day)
    return AnnualSpan(start, end, "day" if span.end.day else "month")


def _fixed_span(span: _Span) -> FixedSpan:
    start = _real_date(span.start, span.start.year or 0, is_start=True)
    due = _real_date(span.end, span.end.year or 0, is_start=False)
    return FixedSpan(start, due, "day" if span.end.day else "month")
