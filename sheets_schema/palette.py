"""The words the service writes into state and level columns, and the colour each one gets.

One vocabulary per kind of column: the code that computes a state takes its words from
here, and the conditional formats of both backends are generated from the same lists, so
a word can never be written without a rule that colours it (tests/sheets_schema check).

Colours mean one thing everywhere: red — act now, yellow — soon, green — done or in
order, grey — not relevant (closed, cancelled, planned, no deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nastavnik.sheets_schema import choices as ch


class Tone(StrEnum):
    """What a colour means."""

    ACT = "красный — действовать сейчас"
    SOON = "жёлтый — скоро срок"
    DONE = "зелёный — выполнено, в порядке"
    IDLE = "серый — не актуально"


# Fill colours (RRGGBB), the usual "bad / neutral / good" cell styles of Excel and Calc.
TONE_FILLS: dict[Tone, str] = {
    Tone.ACT: "FFC7CE",
    Tone.SOON: "FFEB9C",
    Tone.DONE: "C6EFCE",
    Tone.IDLE: "E7E6E6",
}


@dataclass(frozen=True)
class StateWord:
    """A word (or, with `prefix`, the start of a phrase such as «нет встреч 42 дн.»)."""

    text: str
    tone: Tone
    prefix: bool = False

    def matches(self, value: str) -> bool:
        """True when a cell holding `value` is coloured by this word's rule."""
        return value.startswith(self.text) if self.prefix else value == self.text


@dataclass(frozen=True)
class Vocabulary:
    """The words of one kind of state column, in rule order (first match wins)."""

    name: str
    words: tuple[StateWord, ...]

    def tone_of(self, value: str) -> Tone | None:
        """The tone of a written value (None: no rule colours it)."""
        return next((w.tone for w in self.words if w.matches(value)), None)


# Pair states (sync/compute/pairs.py), the most urgent problem of a pair in one phrase.
PAIR_OK = "ок"
PAIR_CLOSED = "завершена"
PAIR_PLANNED = "планируется"
PAIR_EXPIRED = "срок истёк"
PAIR_NO_PROGRAMME = "нет программы"
PAIR_NO_MEETINGS = "нет встреч "  # + «42 дн.»
ROADMAP_NO_DUE = "без срока"

# Problem levels (sync/problems.py Level).
LEVEL_ERROR = "ошибка"
LEVEL_WARNING = "предупреждение"

DEADLINE_STATES = Vocabulary(
    "состояние срока",
    (
        StateWord(ch.STATE_OVERDUE, Tone.ACT),
        StateWord(ch.STATE_DUE_SOON, Tone.SOON),
        StateWord(ch.STATE_ON_TIME, Tone.DONE),
        StateWord(ch.STATE_DONE, Tone.DONE),
        StateWord(ch.STATE_DONE_LATE, Tone.DONE),
        StateWord(ch.STATE_CANCELLED, Tone.IDLE),
        StateWord(ch.STATE_STALE, Tone.IDLE),
        StateWord(ch.STATE_BEFORE_START, Tone.IDLE),
        StateWord(ROADMAP_NO_DUE, Tone.IDLE),
    ),
)
PAIR_STATES = Vocabulary(
    "состояние пары",
    (
        StateWord(PAIR_EXPIRED, Tone.ACT),
        StateWord(PAIR_NO_PROGRAMME, Tone.ACT),
        StateWord(PAIR_NO_MEETINGS, Tone.ACT, prefix=True),
        StateWord(PAIR_OK, Tone.DONE),
        StateWord(PAIR_CLOSED, Tone.IDLE),
        StateWord(PAIR_PLANNED, Tone.IDLE),
    ),
)
ATTENTION_LEVELS = Vocabulary(
    "уровень срочности",
    (StateWord(ch.STATE_OVERDUE, Tone.ACT), StateWord(ch.STATE_DUE_SOON, Tone.SOON)),
)
PROBLEM_LEVELS = Vocabulary(
    "уровень проблемы",
    (StateWord(LEVEL_ERROR, Tone.ACT), StateWord(LEVEL_WARNING, Tone.SOON)),
)
VOCABULARIES = (DEADLINE_STATES, PAIR_STATES, ATTENTION_LEVELS, PROBLEM_LEVELS)
