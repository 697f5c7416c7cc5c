"""Feedback answers from both sources, one per respondent per wave: what every figure counts.

An answer is typed into «Обратная связь» (a pair code and a role) or sent by the survey form
(a response sheet row: ФИО, or a pair code and a role). A form answer's role and pairs come
from «Пары» on the answer's date: the pairs working that day in which the person is mentor or
mentee; a mentor's one answer covers all their pairs (narrowed by «Код пары» when given).

Whose answer it is — its units, for the response rate and the reminders — is a pair and role,
or a group for a group's mentor (`answer_key`). A respondent who answered twice in a wave for
the same pair counts once: the latest answer stands, and the earlier one gets a warning naming
the later one's row. (A group's mentor may type one row per pair of the group: those are not
repeats; a form answer of theirs speaks for every pair of the group at once.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import month_label
from nastavnik.sync.compute.feedback_answer import FeedbackAnswer
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.names import name_key, not_found_fix
from nastavnik.sync.problems import Level, Problem
from nastavnik.sync.responses.rows import FormAnswer, ResponseSheet

ASKED_STATUSES = (ch.PAIR_ACTIVE, ch.PAIR_DONE)


def answer_key(info: PairInfo, respondent: str) -> str:
    """Whose answer it is: the pair, or for a group's mentor the whole group.

    A mentor of a group answers once for the group, whichever of its pair codes is written.
    """
    if respondent == ch.ROLE_MENTOR and info.pair.group:
        return f"группа {fold(info.pair.group)} {fold(info.pair.mentor)}"
    return f"пара {fold(info.code)}"


def person_of(info: PairInfo, respondent: str) -> str:
    """The pair's mentor or mentee, by role."""
    return info.pair.mentor if respondent == ch.ROLE_MENTOR else info.pair.mentee


def typed_answer(row: int, record: feedback.Feedback, info: PairInfo) -> FeedbackAnswer:
    """A row of «Обратная связь» as an answer."""
    return FeedbackAnswer(
        feedback.TITLE, row, datetime.combine(record.day, time()), record.respondent,
        person_of(info, record.respondent), (info.code,),
        frozenset({answer_key(info, record.respondent)}), record.satisfaction,
        record.usefulness, record.goals, record.useful, record.improve,
    )  # fmt: skip


def form_answers(ctx: Context, sheets: Iterable[ResponseSheet]) -> list[FeedbackAnswer]:
    """Every form answer whose respondent is found in a pair working that day; problems kept."""
    found: list[FeedbackAnswer] = []
    roster = Roster.of(ctx)
    for sheet in sheets:
        for answer in sheet.answers:
            resolved = _resolve(ctx, roster, sheet, answer)
            if resolved is not None:
                found.append(resolved)
                _check_wave(ctx, sheet, answer)
    return found


@dataclass(frozen=True)
class Roster:
    """Who is in which pair, indexed once per run (a school's form has thousands of answers).

    `by_name` and `by_code` hold the pairs asked in a survey (active or finished) with the days
    they work; `known` is everyone in any pair or on «Педагоги» (look-alike letters forgiven).
    """

    by_name: dict[str, list[tuple[PairInfo, str, date, date]]]
    by_code: dict[str, tuple[PairInfo, date, date]]
    known: frozenset[str]
    names: tuple[str, ...]  # display names for suggestions

    @classmethod
    def of(cls, ctx: Context) -> Roster:
        """The roster of the context's pairs."""
        by_name: dict[str, list[tuple[PairInfo, str, date, date]]] = defaultdict(list)
        by_code: dict[str, tuple[PairInfo, date, date]] = {}
        for info in ctx.pairs:
            if info.pair.status not in ASKED_STATUSES:
                continue
            start, end = pair_period(info, ctx.today)
            by_code.setdefault(fold(info.code), (info, start, end))
            for role in ch.RESPONDENTS:
                by_name[name_key(person_of(info, role))].append((info, role, start, end))
        names = {name_key(n): n for i in ctx.pairs for n in (i.pair.mentor, i.pair.mentee)}
        known = frozenset(names) | {name_key(n) for n in ctx.known_people}
        return cls(dict(by_name), by_code, known, tuple(sorted(names.values())))


def _resolve(
    ctx: Context, roster: Roster, sheet: ResponseSheet, answer: FormAnswer
) -> FeedbackAnswer | None:
    matches = _pairs_of(ctx, roster, sheet, answer)
    if isinstance(matches, Problem):
        ctx.problems.append(matches)
        return None
    roles = {role for _, role in matches}
    if len(roles) > 1:
        ctx.problems.append(sheet.problem(answer.row, "fio", *_BOTH_ROLES))
        return None
    role = roles.pop()
    infos = [info for info, _ in matches]
    return FeedbackAnswer(
        sheet.title, answer.row, answer.moment, role, person_of(infos[0], role),
        tuple(info.code for info in infos), frozenset(answer_key(i, role) for i in infos),
        answer.satisfaction, answer.usefulness, answer.goals, answer.useful, answer.improve,
    )  # fmt: skip


_BOTH_ROLES = (
    "В этот день педагог и наставник, и наставляемый: непонятно, в какой роли ответ.",
    f"Добавьте в форму вопрос «{survey.ROLE.title}» или впишите код пары в «{survey.PAIR_CODE.title}».",
)


def _pairs_of(
    ctx: Context, roster: Roster, sheet: ResponseSheet, answer: FormAnswer
) -> list[tuple[PairInfo, str]] | Problem:
    """(pair, role) the respondent speaks for on the answer's day, or the problem saying why none."""
    day = answer.day
    if answer.fio:  # «Алексеевa» typed with a Latin «a» in «Пары» still matches
        found = roster.by_name.get(name_key(answer.fio), [])
        matches = [(i, r) for i, r, start, end in found if start <= day <= end]
    else:
        code = fold(answer.pair_code or "")
        if code not in ctx.known_pairs:
            codes = [info.code for info in ctx.pairs]
            fix = not_found_fix("пару на лист «Пары»", answer.pair_code or "", codes)
            message = f"Пары с кодом «{answer.pair_code}» нет."
            return sheet.problem(answer.row, "pair_code", message, fix)
        if answer.role is None:
            message = "Не указана роль: ответ не учтён."
            return sheet.problem(answer.row, "respondent", message, _ROLE_FIX)
        info, start, end = roster.by_code.get(code) or (None, day, day)
        matches = [(info, answer.role)] if info is not None and start <= day <= end else []
    if answer.fio and answer.pair_code:
        matches = [(i, r) for i, r in matches if fold(i.code) == fold(answer.pair_code)]
    if answer.role:
        matches = [(i, r) for i, r in matches if r == answer.role]
    return matches or _nobody(roster, sheet, answer)


_ROLE_FIX = f"Сделайте вопрос «{survey.ROLE.title}» обязательным или спрашивайте ФИО из списка."


def _nobody(roster: Roster, sheet: ResponseSheet, answer: FormAnswer) -> Problem:
    """An unknown name (with the closest one), or a person in no pair working that day."""
    if answer.fio and name_key(answer.fio) not in roster.known:
        fix = not_found_fix("педагога в «Пары»", answer.fio, roster.names)
        return sheet.problem(answer.row, "fio", f"«{answer.fio}» нет ни в одной паре.", fix)
    parts = [f"«{answer.fio}»" if answer.fio else f"Пара {answer.pair_code}"]
    parts.append(f"на {format_date(answer.day)} не в действующей паре")
    if answer.fio and answer.pair_code:
        parts.append(f"с кодом {answer.pair_code}")
    if answer.role:
        parts.append(f"в роли «{answer.role}»")
    message = " ".join(parts) + ": ответ не учтён."
    fix = "Проверьте пару на листе «Пары» (даты, статус) или ФИО и код в ответе."
    field = "fio" if answer.fio else "pair_code"
    return sheet.problem(answer.row, field, message, fix, Level.WARNING)


def _check_wave(ctx: Context, sheet: ResponseSheet, answer: FormAnswer) -> None:
    months = ctx.settings.feedback_months
    if answer.day.month not in months:
        message = (
            f"Ответ от {format_date(answer.day)} — не в месяц опроса: в показатели волн не входит."
        )
        fix = "Месяцы опроса — в «Настройках», строка «Месяцы сбора обратной связи»."
        ctx.problems.append(sheet.problem(answer.row, "timestamp", message, fix, Level.WARNING))


def latest_only(ctx: Context, answers: list[FeedbackAnswer]) -> list[FeedbackAnswer]:
    """One answer per respondent per wave: the latest; a warning at each earlier one.

    Answers outside the wave months are all kept (they count in no wave figure).
    """
    months = ctx.settings.feedback_months
    order = sorted(range(len(answers)), key=lambda n: (answers[n].moment, n), reverse=True)
    claimed: dict[tuple[str, str, int, int], FeedbackAnswer] = {}
    dropped: set[int] = set()
    for n in order:
        answer = answers[n]
        if answer.day.month not in months:
            continue
        keys = [
            (fold(c), answer.respondent, answer.day.year, answer.day.month) for c in answer.codes
        ]
        later = next((claimed[k] for k in keys if k in claimed), None)
        if later is not None:
            dropped.add(n)
            _warn_earlier(ctx, answer, later)
            continue
        claimed.update(dict.fromkeys(keys, answer))
    return [a for n, a in enumerate(answers) if n not in dropped]


def _warn_earlier(ctx: Context, earlier: FeedbackAnswer, later: FeedbackAnswer) -> None:
    message = (
        f"Повторный ответ ({earlier.person}, {earlier.respondent}) за {month_label(earlier.day)}: "
        f"учитывается более поздний ({later.where}), этот — нет."
    )
    fix = "Ничего делать не нужно; если повтор ошибочный, удалите строку."
    if earlier.sheet == feedback.TITLE:
        ctx.result(feedback.TITLE).warn(earlier.row, "Респондент", message, fix)
        return
    sheet = next(s for s in ctx.registry.responses if s.title == earlier.sheet)
    field = "fio" if "fio" in sheet.columns else "pair_code"
    ctx.problems.append(sheet.problem(earlier.row, field, message, fix, Level.WARNING))
