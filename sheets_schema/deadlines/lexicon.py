"""Normalisation and tokens: what the deadline grammar reads.

Text is lower-cased, ё becomes е, every dash becomes "-", whitespace (incl.
non-breaking) collapses, invisible characters vanish, and the common misspelling
«в течении» is corrected. The tokenizer is one regex without nested quantifiers,
so it is linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

MAX_TEXT_LENGTH = 200  # a «Сроки» cell is a short phrase; longer text is refused at once

TokenKind = Literal["word", "num", "date", "iso", "sym"]


@dataclass(frozen=True)
class Token:
    """One word, number, dotted date (15.10.2025), ISO date (2025-10-15) or symbol."""

    kind: TokenKind
    text: str


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_ROMAN = {"\u2160": "i", "\u2161": "ii", "\u2162": "iii", "\u2163": "iv"}
_ROMAN.update({chr(ord(k) + 0x10): v for k, v in _ROMAN.items()})  # small forms ⅰ ⅱ ⅲ ⅳ
_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_INVISIBLE, ""),
        **_ROMAN,
        "ё": "е",
        "\u2116": " ",  # №
    }
)

_TOKEN_RE = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?![0-9])"
    r"|(?P<date>[0-9]+(?:\.[0-9]+){1,2})"
    r"|(?P<num>[0-9]+)"
    r"|(?P<word>[a-zа-я]+)"
    r"|(?P<sym>\S)"
)

# Punctuation that carries no meaning in a deadline («г.», «сент.», quotes, brackets).
_NOISE = frozenset(".:()[]\"'«»“”„!")
SEPARATOR_SYMBOLS = frozenset(",;")
_ORDINAL_ENDINGS = frozenset({"е", "й", "го", "ое", "ый", "ой", "ая", "ую", "ого", "м", "ом"})
_SPELLING = {"течении": "течение"}  # «в течении года» is the common misspelling

_SOFT = ("ь", "я", "е", "ю", "ем")
_HARD = ("", "а", "е", "у", "ом")
_MONTH_FORMS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("январ", _SOFT, ("янв",)),
    ("феврал", _SOFT, ("фев", "февр")),
    ("март", _HARD, ("мар",)),
    ("апрел", _SOFT, ("апр",)),
    ("ма", ("й", "я", "е", "ю", "ем"), ()),
    ("июн", _SOFT, ("июн",)),
    ("июл", _SOFT, ("июл",)),
    ("август", _HARD, ("авг",)),
    ("сентябр", _SOFT, ("сен", "сент", "сентяб")),
    ("октябр", _SOFT, ("окт",)),
    ("ноябр", _SOFT, ("ноя", "нояб")),
    ("декабр", _SOFT, ("дек",)),
)
MONTHS: dict[str, int] = {
    form: number
    for number, (stem, endings, abbreviations) in enumerate(_MONTH_FORMS, start=1)
    for form in (*(stem + ending for ending in endings), *abbreviations)
}


def normalise(text: str) -> str:
    """Lower-case, unify dashes and ё, drop invisible characters, collapse whitespace."""
    return " ".join(text.lower().translate(_TRANSLATION).split())


def tokenize(normalised: str) -> tuple[Token, ...]:
    """Split normalised text into tokens, dropping noise punctuation and ordinal endings."""
    raw = [_token(match) for match in _TOKEN_RE.finditer(normalised)]
    tokens = [t for t in raw if not (t.kind == "sym" and t.text in _NOISE)]
    return tuple(_drop_ordinal_endings(tokens))


def _token(match: re.Match[str]) -> Token:
    text = match.group()
    return Token(cast(TokenKind, match.lastgroup), _SPELLING.get(text, text))


def _drop_ordinal_endings(tokens: list[Token]) -> list[Token]:
    """«1-е полугодие», «25-го числа», «1ое» → the bare number."""
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        kept.append(tokens[i])
        if tokens[i].kind == "num":
            j = i + 1
            if j < len(tokens) and tokens[j].text == "-":
                j += 1
            if j < len(tokens) and tokens[j].text in _ORDINAL_ENDINGS:
                i = j
        i += 1
    return kept


def month_of(token: Token) -> int | None:
    """The month number a word names in any grammatical form or abbreviation, else None."""
    return MONTHS.get(token.text) if token.kind == "word" else None


def is_separator(token: Token) -> bool:
    """A list separator: comma, semicolon or the word «и»."""
    return token.text in SEPARATOR_SYMBOLS or (token.kind == "word" and token.text == "и")


def canonical(tokens: tuple[Token, ...]) -> str:
    """Tokens joined by single spaces without list punctuation: the form phrase regexes see."""
    return " ".join(t.text for t in tokens if t.text not in SEPARATOR_SYMBOLS)
