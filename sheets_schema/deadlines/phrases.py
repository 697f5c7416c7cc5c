"""Families recognised as whole phrases: «в течение года», «ежегодно», monthly, school
quarters and half-years, a named academic or calendar year, and texts without a deadline.

Each pattern is matched against the canonical text (tokens joined by single spaces)
with `fullmatch`; the patterns are word alternatives without nested ambiguity, and
the text is at most MAX_TEXT_LENGTH long, so matching stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .messages import Refusal
from .model import (
    CONTINUOUS,
    HALF_YEARLY,
    KIND_ACADEMIC_YEAR,
    KIND_CALENDAR_YEAR,
    KIND_DURING_YEAR,
    KIND_HALF_YEAR,
    KIND_HALF_YEARS,
    KIND_MONTHLY,
    KIND_NO_DEADLINE,
    KIND_QUARTER,
    KIND_QUARTERS,
    KIND_YEARLY,
    MONTHLY,
    NO_DEADLINE,
    ONCE,
    QUARTERLY,
    YEARLY,
    AcademicYear,
    Annual,
    AnnualSpan,
    Continuous,
    Fixed,
    FixedSpan,
    MonthDay,
    NoDeadline,
    Reading,
)

MIN_YEAR, MAX_YEAR = 2000, 2099

_ACADEMIC = r"(?:учебный |уч |учеб )?"
_DURING = (
    r"(?:в течение|на протяжении) (?:всего )?(?:учебного |уч |учеб )?(?:года|периода)"
    r"|весь (?:учебный |уч )?год|круглый год|постоянно|систематически|ежедневно|еженедельно"
    r"|каждый день|каждую неделю|(?:1 |один )?раз в неделю"
)
_YEARLY = rf"ежегодно|каждый {_ACADEMIC}год|(?:1 |один )?раз в {_ACADEMIC}год"
_MONTHLY = r"ежемесячно|каждый месяц|(?:1 |один )?раз в месяц"
_DAY_OF_MONTH = r"(?:(?:до|к|не позднее|не позже|по) )?(?P<day>[0-9]{1,2}) (?:числа|число|числу)"
_QUARTERLY = (
    r"ежеквартально|поквартально|по четвертям|по кварталам|(?:1 |один )?раз в (?:четверть|квартал)"
    r"|каждую четверть|каждый квартал|(?:по итогам|в конце|по окончании) (?:каждой )?четверти"
)
_HALF_YEARLY = (
    rf"по полугодиям|(?:2|два) раза в {_ACADEMIC}год|(?:1 |один )?раз в полугодие"
    r"|каждое полугодие|(?:по итогам|в конце|по окончании) (?:каждого )?полугодия"
)
_NO_DEADLINE = (
    r"по мере (?:необходимости|надобности|поступления(?: запросов| документов)?)"
    r"|по необходимости|при необходимости|по (?:запросу|запросам|требованию|согласованию)"
    r"|по (?:отдельному |утвержденному )?(?:графику|плану)|без срока|бессрочно"
)
_NAMED_PREFIX = r"(?:(?:в|во|за|к|по итогам|в конце|до конца|к концу|по окончании) )?"
_YEAR_PREFIX = r"(?:(?:в течение|в|на|за|до конца) )?"


def _ordinal_words() -> dict[str, int]:
    """I, II, 1, 2, первая / первое / первой … четвертую → 1…4."""
    words = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
    adjective = ("ая", "ой", "ую", "ое", "ого", "ом")
    forms = (
        ("перв", adjective),
        ("втор", adjective),
        ("трет", ("ья", "ьей", "ью", "ье", "ьего", "ьем")),
    )
    for number, (stem, endings) in enumerate((*forms, ("четверт", adjective)), start=1):
        words.update(dict.fromkeys((stem + ending for ending in endings), number))
    return words


_ORDINALS = _ordinal_words()
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))


def _sequence(atom: str) -> str:
    """One or more atoms, optionally joined by «и» / «или»."""
    return rf"(?:{atom})(?: (?:и |или )?(?:{atom}))*"


def _named(nouns: str) -> str:
    return rf"{_NAMED_PREFIX}(?P<ords>{_sequence(_ORDINAL)}) (?:{nouns})"


_QUARTER_SPANS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}
_HALF_SPANS = {1: (9, 12), 2: (1, 5)}
_SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5)


def _month_spans(spans: dict[int, tuple[int, int]], chosen: set[int]) -> Annual:
    return Annual(
        tuple(
            AnnualSpan(MonthDay(first), MonthDay(last), "month")
            for number, (first, last) in spans.items()
            if number in chosen
        )
    )


def _during(_: re.Match[str]) -> Reading:
    return Reading(KIND_DURING_YEAR, CONTINUOUS, Continuous())


def _yearly(_: re.Match[str]) -> Reading:
    return Reading(KIND_YEARLY, YEARLY, Continuous())


def _no_deadline(_: re.Match[str]) -> Reading:
    return Reading(KIND_NO_DEADLINE, NO_DEADLINE, NoDeadline())


def _monthly(match: re.Match[str]) -> Reading:
    day = int(match["day"]) if match["day"] else None
    if day is not None and not 1 <= day <= 31:
        raise Refusal(f"в месяце нет {day}-го числа")
    spans = tuple(
        AnnualSpan(MonthDay(month), MonthDay(month, day), "month") for month in _SCHOOL_MONTHS
    )
    return Reading(KIND_MONTHLY, MONTHLY, Annual(spans))


def _quarterly(_: re.Match[str]) -> Reading:
    return Reading(KIND_QUARTERS, QUARTERLY, _month_spans(_QUARTER_SPANS, {1, 2, 3, 4}))


def _half_yearly(_: re.Match[str]) -> Reading:
    return Reading(KIND_HALF_YEARS, HALF_YEARLY, _month_spans(_HALF_SPANS, {1, 2}))


def _chosen(match: re.Match[str]) -> set[int]:
    return {_ORDINALS[word] for word in match["ords"].split() if word in _ORDINALS}


def _named_quarters(match: re.Match[str]) -> Reading:
    chosen = _chosen(match)
    if chosen == set(_QUARTER_SPANS):
        return _quarterly(match)
    return Reading(KIND_QUARTER, YEARLY, _month_spans(_QUARTER_SPANS, chosen))


def _named_halves(match: re.Match[str]) -> Reading:
    chosen = _chosen(match)
    if not chosen <= set(_HALF_SPANS):
        raise Refusal("в учебном году только I и II полугодие")
    if chosen == set(_HALF_SPANS):
        return _half_yearly(match)
    return Reading(KIND_HALF_YEAR, YEARLY, _month_spans(_HALF_SPANS, chosen))


def check_year(year: int) -> int:
    """The year itself when plausible for a school plan (2000–2099); otherwise a Refusal."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Refusal(f"год {year} вне допустимых {MIN_YEAR}–{MAX_YEAR}")
    return year


def _academic_year(match: re.Match[str]) -> Reading:
    first = check_year(int(match["y1"]))
    second = match["y2"]
    expected = first + 1 if len(second) == 4 else (first + 1) % 100
    if int(second) != expected:
        raise Refusal(
            "учебный год состоит из двух соседних лет, например «2025-2026 уч. год»; "
            "для повторяющихся мероприятий напишите «ежегодно, …» или «в течение года»"
        )
    return Reading(KIND_ACADEMIC_YEAR, ONCE, AcademicYear(first))


def _calendar_year(match: re.Match[str]) -> Reading:
    year = check_year(int(match["y"]))
    span = FixedSpan(date(year, 1, 1), date(year, 12, 31), "year")
    return Reading(KIND_CALENDAR_YEAR, ONCE, Fixed((span,)))


_Builder = Callable[[re.Match[str]], Reading]
_PHRASES: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple(
    (re.compile(pattern), builder)
    for pattern, builder in (
        (_sequence(_NO_DEADLINE), _no_deadline),
        (rf"(?:(?:{_YEARLY}) )?{_sequence(_DURING)}(?: (?:{_YEARLY}))?", _during),
        (_YEARLY, _yearly),
        (rf"(?:{_MONTHLY})(?: {_DAY_OF_MONTH})?", _monthly),
        (rf"(?:(?:{_MONTHLY}) )?{_DAY_OF_MONTH} (?:каждого месяца|ежемесячно)", _monthly),
        (_QUARTERLY, _quarterly),
        (_named("четверть|четверти|четвертям|четвертях"), _named_quarters),
        (_HALF_YEARLY, _half_yearly),
        (_named("полугодие|полугодия|полугодии|полугодиям|полугодиях"), _named_halves),
        (
            rf"{_YEAR_PREFIX}(?P<y1>[0-9]{{4}}) [-/] (?P<y2>[0-9]{{4}}|[0-9]{{2}})"
            r"(?: (?:уч|учеб|учебный|учебного|учебном) (?:год|года|году|г|гг)"
            r"| (?:гг|г|годы|годов|годах|года|год))?",
            _academic_year,
        ),
        (rf"{_YEAR_PREFIX}(?P<y>[0-9]{{4}})(?: (?:год|года|году|г))?", _calendar_year),
    )
)


def match_phrase(canonical_text: str) -> Reading | None:
    """The family of a whole-phrase text, or None when no phrase matches."""
    for pattern, builder in _PHRASES:
        match = pattern.fullmatch(canonical_text)
        if match:
            return builder(match)
    return None
