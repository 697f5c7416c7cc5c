"""The survey form a school should create (`nastavnik form`): as data and as Russian text.

Pure: built from what compute found (the pairs, «Педагоги», «Настройки») and `today`; no I/O.
Every question title comes from `sheets_schema/survey.py`, the one declaration the
response-sheet reader matches headers against, so what the coordinator copies into Google
Forms or Yandex Forms is exactly what nastavnik later recognises.

Respondents name themselves by ФИО from a drop-down list; its options are the mentors and
mentees of the pairs working or planned on `today` («действует», or «планируется» and not
past its planned end), each person once (spaces, case, ё/е and Latin look-alike letters do
not make a second entry), written as in «Педагоги» when they are there, sorted. The
alternative is «Код пары» plus «Ваша роль в паре».
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import pairs, settings, teachers
from nastavnik.sheets_schema.survey import Kind, Question
from nastavnik.sheets_schema.text import count
from nastavnik.sync.compute import Outcome
from nastavnik.sync.compute.context import PairInfo
from nastavnik.sync.compute.dates import MONTH_NAMES
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.names import name_key

WAVES_SETTING = next(d.name for d in settings.SETTINGS if d.fields == ("feedback_months",))
FORM_TITLE = "Обратная связь о наставничестве"
RESPONSE_SHEET_EXAMPLE = survey.FIRST_RESPONSE_TITLE

# The form as recommended: ФИО from the list, an optional pair code, then the answers.
FORM_QUESTIONS = (survey.FIO, survey.PAIR_CODE, *survey.ANSWERS)
# Instead of the ФИО question (no list of names in the form): the pair code and the role.
BY_PAIR_CODE = (
    replace(survey.PAIR_CODE, required=True, help="Код вашей пары, например НП-001."),
    replace(survey.ROLE, required=True, help="Кто вы в этой паре."),
)


@dataclass(frozen=True)
class SurveyForm:
    """Everything `nastavnik form` prints."""

    today: date
    names: tuple[str, ...]  # the ФИО drop-down's options
    not_teachers: tuple[str, ...]  # options written in «Пары» that «Педагоги» does not have
    pair_errors: int  # error-level problems on «Пары» (a row not read is not on the list)
    waves: tuple[int, ...]  # months of the survey («Месяцы сбора обратной связи»)
    response_sheets: tuple[str, ...]  # what «Лист ответов опроса» names now
    form_link: str  # what «Ссылка на форму опроса» holds now ("" when blank)
    google: bool  # the workbook is a Google spreadsheet (a form can be linked to it)


def build_form(outcome: Outcome, today: date, *, google: bool) -> SurveyForm:
    """The form for this workbook as of `today`."""
    ctx = outcome.context
    written = {name_key(teacher.fio): teacher.fio for _, teacher in ctx.teachers.values()}
    names = respondent_names(ctx.pairs, today, written)
    return SurveyForm(
        today=today,
        names=names,
        not_teachers=tuple(name for name in names if name_key(name) not in written),
        pair_errors=sum(1 for p in outcome.problems if p.is_error and p.sheet == pairs.TITLE),
        waves=ctx.settings.feedback_months,
        response_sheets=ctx.settings.response_sheets,
        form_link=ctx.settings.form_link,
        google=google,
    )


def respondent_names(
    infos: Iterable[PairInfo], today: date, written: dict[str, str]
) -> tuple[str, ...]:
    """Mentors and mentees of the pairs working or planned on `today`, once each, sorted.

    `written` maps a `name_key` to its spelling in «Педагоги», which wins over the pair's. A
    person is the same whatever the case, spaces, ё/е or Latin look-alike letters (as the
    response-sheet reader matches answers).
    """
    found: dict[str, str] = {}
    for info in infos:
        if not info.live or pair_period(info, today)[1] < today:
            continue
        for name in (info.pair.mentor, info.pair.mentee):
            key = name_key(name)
            if key:
                found.setdefault(key, written.get(key) or " ".join(name.split()))
    return tuple(found[key] for key in sorted(found))


# --- data ---------------------------------------------------------------------------------


def question_data(question: Question, names: tuple[str, ...] = ()) -> dict[str, object]:
    """One question as data; the ФИО list's options are `names`."""
    scale = (
        {"from": survey.SCALE[0], "to": survey.SCALE[1]} if question.kind is Kind.SCALE else None
    )
    choices = names if question is survey.FIO else question.choices
    return {
        "field": question.field,
        "title": question.title,
        "type": question.kind.value,
        "kind": question.kind.name.lower(),
        "required": question.required,
        "scale": scale,
        "choices": list(choices),
        "help": question.help,
    }


def form_data(form: SurveyForm) -> dict[str, object]:
    """The form as data (what `nastavnik form --json` prints)."""
    return {
        "as_of": form.today.isoformat(),
        "form_title": FORM_TITLE,
        "questions": [question_data(q, form.names) for q in FORM_QUESTIONS],
        "identity": {
            "by_name": survey.FIO.title,
            "by_pair_code": {
                "replaces": survey.FIO.title,
                "questions": [question_data(q) for q in BY_PAIR_CODE],
            },
        },
        "names": list(form.names),
        "names_not_in_teachers": list(form.not_teachers),
        "pair_errors": form.pair_errors,
        "response_sheet_setting": {
            "sheet": settings.TITLE,
            "row": survey.SETTING,
            "value": list(form.response_sheets),
        },
        "form_link_setting": {
            "sheet": settings.TITLE,
            "row": settings.FORM_LINK,
            "value": form.form_link,
        },
        "waves": {
            "setting": WAVES_SETTING,
            "months": list(form.waves),
            "month_names": [MONTH_NAMES[m - 1] for m in form.waves],
        },
    }


def form_json(form: SurveyForm) -> str:
    """The form as JSON text: UTF-8 letters as they are, keys in a fixed order."""
    return json.dumps(form_data(form), ensure_ascii=False, indent=2)


# --- text ---------------------------------------------------------------------------------


def question_lines(number: int, question: Question) -> Iterator[str]:
    """«1. «Title» — type, required.» and its help line."""
    kind = question.kind.value
    if question.kind is Kind.SCALE:
        kind = f"{kind} от {survey.SCALE[0]} до {survey.SCALE[1]}"
    if question.choices:
        kind += ": " + ", ".join(question.choices)
    needed = "обязательный" if question.required else "необязательный"
    yield f"{number}. «{question.title}» — {kind}, {needed}."
    if question.help:
        yield f"   Подсказка: {question.help}"


def form_text(form: SurveyForm) -> list[str]:
    """The form as Russian text, ready to copy question by question."""
    lines = [
        f"Опрос «{FORM_TITLE}»: какую форму создать (на {format_date(form.today)}).",
        "Названия вопросов копируйте дословно: по ним программа находит ответы.",
        "",
        "Вопросы формы:",
    ]
    for number, question in enumerate(FORM_QUESTIONS, start=1):
        lines.extend(question_lines(number, question))
    lines += ["", *_identity_lines(form), "", *_howto_lines(form), "", *_wave_lines(form)]
    return lines


def _identity_lines(form: SurveyForm) -> list[str]:
    on = format_date(form.today)
    people = f"наставники и наставляемые пар, которые действуют или планируются на {on}"
    lines = [
        "Как респонденты называют себя:",
        f"- Способ 1 (лучше): вопрос 1 «{survey.FIO.title}» — варианты ответа списком ниже "
        f"({people}). В Google Формах список вставляется целиком: каждая строка — вариант.",
        "- Способ 2 (без списка): вместо вопроса 1 задайте два обязательных вопроса:",
    ]
    for number, question in enumerate(BY_PAIR_CODE, start=1):
        lines.extend("  " + line for line in question_lines(number, question))
    lines += ["", f"Список ФИО ({len(form.names)}):"]
    if not form.names:
        lines.append(
            f"  (пусто: на листе «{pairs.TITLE}» нет пар, которые действуют или планируются). "
            f"Сначала заполните лист «{pairs.TITLE}», затем снова выполните «nastavnik form»."
        )
    lines.extend(form.names)
    return lines + _name_notes(form)


def _name_notes(form: SurveyForm) -> list[str]:
    """What to fix in the registry before the survey so that the list is right."""
    notes = []
    if form.not_teachers:
        missing = ", ".join(f"«{name}»" for name in form.not_teachers)
        notes.append(
            f"Этих ФИО нет на листе «{teachers.TITLE}» — до опроса проверьте их написание "
            f"на листе «{pairs.TITLE}» (подскажет «nastavnik validate»): {missing}."
        )
    if form.pair_errors:
        errors = count(form.pair_errors, "ошибка", "ошибки", "ошибок")
        notes.append(
            f"На листе «{pairs.TITLE}» {errors}: если кого-то нет в списке, исправьте их "
            "(«nastavnik validate» покажет где) и запустите «nastavnik form» снова."
        )
    return ["", *notes] if notes else []


def _howto_lines(form: SurveyForm) -> list[str]:
    if form.google:
        google = (
            "Google Формы: создайте форму с этими вопросами; на вкладке «Ответы» нажмите "
            "«Связать с Таблицами» → «Выбрать существующую таблицу» → эта таблица. "
            f"Ответы появятся на новом листе, например «{RESPONSE_SHEET_EXAMPLE}»."
        )
    else:
        google = (
            "Google Формы: создайте форму с этими вопросами; на вкладке «Ответы» скачайте "
            "ответы (⋮ → «Скачать ответы (.csv)») и вставьте таблицу целиком, с заголовками, "
            "на отдельный лист этой таблицы."
        )
    now = "; ".join(f"«{t}»" for t in form.response_sheets) or "пусто"
    return [
        "Как создать форму:",
        f"1. {google}",
        "   Яндекс Формы: создайте форму с этими вопросами; на вкладке «Ответы» скачайте ответы "
        "файлом .xlsx и вставьте таблицу целиком, с заголовками, на отдельный лист этой таблицы.",
        f"2. На листе «{settings.TITLE}» в строке «{survey.SETTING}» впишите название листа "
        f"с ответами (сейчас: {now}). Несколько листов — через «;».",
        f"3. В строке «{settings.FORM_LINK}» впишите ссылку на форму (сейчас: "
        f"{form.form_link or 'пусто'}): она попадёт в напоминания тем, кто ещё не ответил.",
        "4. Перед каждым опросом запустите «nastavnik form» снова: список ФИО меняется с парами.",
    ]


def _wave_lines(form: SurveyForm) -> list[str]:
    months = ", ".join(MONTH_NAMES[m - 1] for m in form.waves)
    return [
        f"Когда проводить опрос: {months} — месяцы из строки «{WAVES_SETTING}» листа "
        f"«{settings.TITLE}». Каждый месяц — отдельная волна; если человек ответил в волне "
        "дважды, учитывается последний ответ."
    ]
