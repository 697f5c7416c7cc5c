"""Indexes shared by the rules: people by name, pairs by code, programmes by code."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import pairs, programmes, teachers
from nastavnik.sheets_schema.sheets.pairs import Pair
from nastavnik.sheets_schema.sheets.programmes import Programme
from nastavnik.sheets_schema.sheets.settings import Settings
from nastavnik.sheets_schema.sheets.teachers import Teacher
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import AttentionItem
from nastavnik.sync.compute.feedback_answer import FeedbackAnswer
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.keys import assign_codes, known_keys
from nastavnik.sync.problems import Problem
from nastavnik.sync.registry import Registry
from nastavnik.sync.snapshot import Cell


@dataclass(frozen=True)
class PairInfo:
    """A readable pair with its effective code."""

    row: int
    code: str
    pair: Pair

    @property
    def end(self) -> date:
        """When the pair ended or is planned to end."""
        return self.pair.actual_end or self.pair.planned_end

    @property
    def active(self) -> bool:
        """Status «действует»."""
        return self.pair.status == ch.PAIR_ACTIVE

    @property
    def live(self) -> bool:
        """Planned or active (occupies the mentor's capacity)."""
        return self.pair.status in (ch.PAIR_ACTIVE, ch.PAIR_PLANNED)


@dataclass
class Context:
    """Everything the per-sheet rules look up. Built once per compute."""

    registry: Registry
    settings: Settings
    today: date
    results: dict[str, SheetResult]
    teachers: dict[str, tuple[int, Teacher]] = field(default_factory=dict)
    known_people: set[str] = field(default_factory=set)
    pairs: list[PairInfo] = field(default_factory=list)
    pair_by_code: dict[str, PairInfo] = field(default_factory=dict)
    pairs_by_mentor: dict[str, list[PairInfo]] = field(default_factory=lambda: defaultdict(list))
    known_pairs: set[str] = field(default_factory=set)
    programme_codes: dict[int, str] = field(default_factory=dict)
    programmes_by_pair: dict[str, list[tuple[str, Programme]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    known_programmes: set[str] = field(default_factory=set)
    attention: list[AttentionItem] = field(default_factory=list)
    new_rows: dict[str, list[dict[str, Cell]]] = field(default_factory=dict)  # rows to append
    populations: dict[tuple[date, date], object] = field(default_factory=dict)  # per year, cached
    feedback_answers: list[FeedbackAnswer] = field(default_factory=list)  # compute/answers.py
    problems: list[Problem] = field(default_factory=list)  # at cells of sheets not ours (forms)

    def attend(
        self,
        source: str,
        what: str,
        due: date | None,
        row: int | None,
        role: str = "",
        person: str = "",
        others: tuple[str, ...] = (),
    ) -> None:
        """Put an item on the attention list (`others`: more named people it concerns)."""
        item = AttentionItem(source, what, due, self.today, row, role, person, others)
        self.attention.append(item)

    def result(self, title: str) -> SheetResult:
        """The result collector of a sheet."""
        return self.results[title]

    def teacher(self, name: str) -> Teacher | None:
        """The teacher with this ФИО (spaces, case, ё/е ignored)."""
        found = self.teachers.get(fold(name))
        return found[1] if found else None

    @property
    def teacher_names(self) -> list[str]:
        """Display names of readable teachers, for suggestions."""
        return [t.fio for _, t in self.teachers.values()]


def build_context(registry: Registry, today: date, results: dict[str, SheetResult]) -> Context:
    """Assign keys and index people, pairs and programmes."""
    ctx = Context(registry, registry.settings, today, results)
    _index_teachers(ctx)
    _index_pairs(ctx)
    _index_programmes(ctx)
    return ctx


def _index_teachers(ctx: Context) -> None:
    data = ctx.registry.sheet(teachers.SPEC)
    assign_codes(ctx.result(teachers.TITLE), "Код", "П")
    for row, teacher in data.records(Teacher):
        ctx.teachers.setdefault(fold(teacher.fio), (row, teacher))
    ctx.known_people = known_keys(data, "ФИО")


def _index_pairs(ctx: Context) -> None:
    data = ctx.registry.sheet(pairs.SPEC)
    codes = assign_codes(ctx.result(pairs.TITLE), "Код пары", "НП")
    for row, pair in data.records(Pair):
        info = PairInfo(row, codes[row], pair)
        ctx.pairs.append(info)
        ctx.pair_by_code.setdefault(fold(info.code), info)
        ctx.pairs_by_mentor[fold(pair.mentor)].append(info)
    ctx.known_pairs = {fold(code) for code in codes.values()}


def _index_programmes(ctx: Context) -> None:
    data = ctx.registry.sheet(programmes.SPEC)
    ctx.programme_codes = assign_codes(ctx.result(programmes.TITLE), "Код программы", "ПР")
    for row, programme in data.records(Programme):
        code = ctx.programme_codes[row]
        ctx.programmes_by_pair[fold(programme.pair_code)].append((code, programme))
    ctx.known_programmes = {fold(code) for code in ctx.programme_codes.values()}
