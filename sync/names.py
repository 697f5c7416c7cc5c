"""Matching references to people and codes, with closest-name suggestions."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from nastavnik.sheets_schema.text import fold

SUGGEST_CUTOFF = 60.0
# Latin letters staff type by mistake for their Cyrillic twins (and l/i for the digit 1).
LOOK_ALIKES = str.maketrans("aeopcxykmtbhli", "аеорсхукмтвн11")


def name_key(text: str) -> str:
    """A name folded (case, spaces, ё/е) with Latin look-alike letters read as Cyrillic."""
    return fold(text).translate(LOOK_ALIKES)


def closest(wanted: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `wanted` (case and ё/е ignored), or None when nothing is close."""
    options = list(candidates)
    if not options:
        return None
    match = process.extractOne(
        name_key(wanted),
        options,
        scorer=fuzz.WRatio,
        processor=name_key,
        score_cutoff=SUGGEST_CUTOFF,
    )
    return None if match is None else str(match[0])


def not_found_fix(what: str, wanted: str, candidates: Iterable[str]) -> str:
    """How to fix a reference that matches nobody: the closest name, if any."""
    suggestion = closest(wanted, candidates)
    if suggestion:
        return f"Возможно, имелось в виду «{suggestion}». Исправьте или добавьте {what}."
    return f"Проверьте написание или добавьте {what}."
