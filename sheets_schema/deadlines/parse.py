"""`parse_deadline`: from a «Сроки» text to a Schedule, or a DeadlineError for people."""

from __future__ import annotations

from nastavnik.sheets_schema.errors import DeadlineError

from .dates import match_dates
from .lexicon import MAX_TEXT_LENGTH, canonical, normalise, tokenize
from .messages import Refusal, not_understood
from .model import Schedule
from .phrases import match_phrase


def parse_deadline(text: str) -> Schedule:
    """Understand a «Сроки» text of the roadmap (see docs: roadmap.md, the families table).

    Case, grammatical forms of month names, dashes, spaces and optional «г.» / «года» /
    «уч. год» do not matter. Raises DeadlineError — and nothing else, for any string —
    when the text is not one of the accepted families: the message quotes the text and
    the hint lists the families with one example each.
    """
    normalised = normalise(text)
    if not normalised:
        raise not_understood(text)
    if len(normalised) > MAX_TEXT_LENGTH:
        reason = f"текст длиннее {MAX_TEXT_LENGTH} символов, а в «Сроки» пишут только срок"
        raise not_understood(text, reason)
    tokens = tokenize(normalised)
    try:
        reading = match_phrase(canonical(tokens)) or match_dates(tokens)
    except Refusal as refusal:
        raise not_understood(text, refusal.reason) from None
    if reading is None:
        raise not_understood(text)
    return Schedule(
        text=text, kind=reading.kind, periodicity=reading.periodicity, rule=reading.rule
    )


__all__ = ["DeadlineError", "parse_deadline"]
