"""«Оценка»: academic year, change from the input to the final assessment, missing assessments."""

from __future__ import annotations

from collections import defaultdict

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import assessment
from nastavnik.sheets_schema.sheets.assessment import Assessment
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import PSYCHOLOGIST
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import academic_year, academic_year_start, day_in_academic_year
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.refs import check_person

INPUT, FINAL = "входная", "итоговая"
COMPETENCE = "Динамика компетенций"
BURNOUT = "Динамика выгорания"

Rows = list[tuple[int, Assessment]]


def change(before: int | None, after: int | None) -> int | None:
    """after − before, or None when either score is missing."""
    return None if before is None or after is None else after - before


def compute_assessment(ctx: Context) -> None:
    """Fill Учебный год and the dynamics of «Оценка», check rows, list missing input assessments."""
    result = ctx.result(assessment.TITLE)
    groups: dict[tuple[str, str], Rows] = defaultdict(list)  # (folded ФИО, year) → rows
    for row, record in result.data.records(Assessment):
        year = academic_year(record.day)
        result.set(row, "Учебный год", year)
        result.set(row, COMPETENCE, None)
        result.set(row, BURNOUT, None)
        if record.day > ctx.today:
            result.warn(
                row,
                "Дата",
                f"Дата оценки {format_date(record.day)} ещё не наступила.",
                "Вносите результаты после проведения оценки; если дата набрана с ошибкой, исправьте её.",
            )
        if check_person(ctx, result, row, "ФИО", record.fio):
            groups[(fold(record.fio), year)].append((row, record))
    for (_, year), rows in groups.items():
        _check_repeats(result, rows, year)
        _set_dynamics(result, rows)
    _attend_missing(ctx, assessed_this_year(groups, academic_year(ctx.today)))


def assessed_this_year(groups: dict[tuple[str, str], Rows], year: str) -> set[str]:
    """Folded ФИО of people with an input assessment in the academic year `year`."""
    return {name for (name, y), rows in groups.items() if y == year and _latest(rows, INPUT)}


def _latest(rows: Rows, stage: str) -> tuple[int, Assessment] | None:
    """The latest row of a stage (by date, then by row number)."""
    found = [(row, r) for row, r in rows if r.stage == stage]
    return max(found, key=lambda item: (item[1].day, item[0]), default=None)


def _set_dynamics(result: SheetResult, rows: Rows) -> None:
    """On the latest «итоговая» row: latest итоговая − latest входная (same person and year)."""
    final, first = _latest(rows, FINAL), _latest(rows, INPUT)
    if final is None or first is None:
        return
    row, after = final
    before = first[1]
    result.set(row, COMPETENCE, change(before.competence, after.competence))
    result.set(row, BURNOUT, change(before.burnout, after.burnout))


def _check_repeats(result: SheetResult, rows: Rows, year: str) -> None:
    by_stage: dict[str, list[int]] = defaultdict(list)
    for row, record in rows:
        by_stage[record.stage].append(row)
    for stage, numbers in by_stage.items():
        if len(numbers) < 2:
            continue
        listed = ", ".join(str(n) for n in numbers)
        for row in numbers:
            result.warn(
                row,
                "Этап",
                f"Оценка «{stage}» этого человека за {year} учебный год повторяется (строки {listed}).",
                "Удалите лишнюю строку или исправьте этап или дату; в расчёт идёт последняя по дате.",
            )


def _attend_missing(ctx: Context, assessed: set[str]) -> None:
    """After the deadline: each participant of an active pair without an input assessment."""
    year_start = academic_year_start(ctx.today)
    deadline = day_in_academic_year(ctx.settings.assessment_deadline, year_start)
    if ctx.today <= deadline:
        return
    roles: dict[str, tuple[str, list[str]]] = {}
    for info in ctx.pairs:
        if not info.active:
            continue
        for name, role in ((info.pair.mentor, ch.ROLE_MENTOR), (info.pair.mentee, ch.ROLE_MENTEE)):
            _, held = roles.setdefault(fold(name), (name, []))
            if role not in held:
                held.append(role)
    year = academic_year(ctx.today)
    for key, (name, held) in roles.items():
        if key in assessed or key not in ctx.known_people:
            continue
        what = f"Нет входной оценки за {year} учебный год: {name} ({', '.join(held)})"
        ctx.attend(assessment.TITLE, what, deadline, None, role=PSYCHOLOGIST)
