"""Text normalisation shared by header matching, dropdowns and names."""

from __future__ import annotations

import re
from functools import lru_cache

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def clean(text: str) -> str:
    """Collapse runs of spaces (incl. non-breaking), drop control characters, strip."""
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return " ".join(text.split())  # str.split() knows every Unicode space, incl. non-breaking


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparison key: cleaned, case-folded, ё→е. Used for headers, titles, names, dropdowns."""
    return clean(text).casefold().replace("ё", "е")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Key for finding a column by its header: `fold` without a trailing «*» (required mark)."""
    return fold(text).rstrip("* ").strip()


def mixes_scripts(text: str) -> bool:
    """True when a word mixes Latin and Cyrillic letters ("Мaрия" with a Latin a)."""
    return any(_LATIN.search(word) and _CYRILLIC.search(word) for word in text.split())


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 ошибка, 2 ошибки, 5 ошибок."""
    tail = n % 100
    if 11 <= tail <= 14:
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(n % 10, many)


def count(n: int, one: str, few: str, many: str) -> str:
    """«3 ошибки»."""
    return f"{n} {plural(n, one, few, many)}"
