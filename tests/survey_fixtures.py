"""Survey response sheets as the form builders lay them out, and the issue's must-hold data set.

How each builder lays out its sheet (researched for issue 15; sources named):

* **Google Forms**, the sheet linked to the form («Ответы на форму (1)»): row 1 holds
  «Отметка времени» (column A) and, when the form collects e-mails, «Адрес электронной почты»
  (column B); then one column per question, in form order, headed by the question's title as
  typed in the form. Each submission appends a row: the timestamp is a date-time value
  (shown as dd.MM.yyyy H:mm:ss in a Russian-locale spreadsheet; the values API read with
  UNFORMATTED_VALUE/SERIAL_NUMBER — sync/backends/google/http.py — returns it as a serial
  number, e.g. 46024.42708), a scale answer is a number, a drop-down or choice answer is the
  option's text, an unanswered optional question is a blank cell. Seen in public code reading
  such sheets: github.com/hotbasin/exp-zbs ds_model/preprocessing.py («Отметка времени» first);
  gist.github.com/tanaikech/42ac2d72f62f2107b965f53239c2f398 (an empty answer has no value).
* **Yandex Forms** export («Ответы» → «Скачать», .xlsx or .csv;
  https://yandex.ru/support/forms/ru/answers.md), pasted into a sheet: «ID» (the answer's
  number), «Время создания» (text «2025-12-03 10:15:00» in the .xlsx; a spreadsheet may turn it
  into a date-time when pasted), then one column per question under the question's title;
  scale answers are numbers, choices their text, unanswered questions blank. Seen in
  github.com/qleafye/AIESEC_event_bot services/ext_forms/ext_forms_import.py (and its tests).

`google_forms_grid` and `yandex_grid` return a grid (header row first) of Cells, usable with
`MemoryWorkbook.from_grids`, `backend_harnesses.make_book` (openpyxl), `ShapedBook.from_grids`
(Excel-shaped XML) and `backend_harnesses.create_google_book` (the fake Sheets server).

The must-hold school (`school_grids`, `ANSWERS`), today 15.05.2026 (academic year 2025/26;
waves December and April, the defaults). Pairs, all «действует», 01.09.2025–31.05.2026
unless said:

    НП-001  Иванова Мария Петровна    → Петров Пётр Сергеевич        (traditional)
    НП-002  Соколова Анна Игоревна    → Кузнецова Ольга Дмитриевна   (group «Г-1»)
    НП-003  Соколова Анна Игоревна    → Лебедев Игорь Андреевич      (group «Г-1»)
    НП-004  Морозов Сергей Викторович → Новикова Дарья Олеговна      (from 12.01.2026)
    Васильева Татьяна Николаевна is in «Педагоги» but in no pair.

Answers, as Google Forms appends them (sheet row: when, who, satisfaction/usefulness/goals):

    2  03.12.2025 10:15:00  Иванова М. П.                 8 / 9 / 7
    3  03.12.2025 18:40:12  Петров П. С.                  6 / 7 / 6    replaced by row 6
    4  05.12.2025 09:02:33  Соколова А. И.                9 / 8 / 8    covers НП-002, НП-003
    5  08.12.2025 14:20:00  «Кузнецова Ольга Дмитревна»   7 / 7 / 7    misspelled: not counted
    6  10.12.2025 11:00:00  Петров П. С.                  7 / 8 / 7    the latest: counted
    7  11.12.2025 12:30:00  Васильева Т. Н.              10 / 10 / 10  in no pair: not counted
    8  06.04.2026 09:10:00  Иванова М. П.                 9 / 9 / 8
    9  07.04.2026 16:45:00  Лебедев И. А.                11 / 5 / 6    satisfaction 11: not counted
   10  08.04.2026 10:00:00  Соколова А. И.                7 / 7 / 7    covers НП-002, НП-003
   11  09.04.2026 13:30:00  Морозов С. В.                10 / 9 / 9
   12  10.04.2026 15:00:00  Новикова Д. О.                8 / 8 / 8
   13  14.04.2026 08:05:00  Кузнецова О. Д.               6 / 7 / 5

Expected figures, by hand (one counted answer per respondent per wave; a group's mentor is one
unit for the group; each pair working in the month has a mentor and a mentee unit otherwise):

    wave      role          counted answers            average satisfaction
    декабрь   наставники    Иванова 8, Соколова 9      17 / 2 = 8.5
    декабрь   наставляемые  Петров 7                   7.0
    апрель    наставники    Иванова 9, Соколова 7,     26 / 3 = 8.67
                            Морозов 10
    апрель    наставляемые  Новикова 8, Кузнецова 6    14 / 2 = 7.0

    units expected  December: НП-001 ×2, group Г-1 mentor, НП-002 and НП-003 mentees = 5
                    (НП-004 starts in January); April: the same 5 + НП-004 ×2 = 7
    units answered  December: НП-001 ×2, Г-1 mentor = 3; April: all but the mentees of
                    НП-001 (did not answer) and НП-003 (the 11) = 5
    «Доля ответивших на опросы, %» = (3 + 5) / (5 + 7) = 8 / 12 = 66.7

Typed by hand instead (`TYPED`, no response sheet): `TYPED_FIGURES`, worked out beside it.

A score off the scale in an optional question (tests/sync/test_responses_sources.py) is a
problem at its cell, yet the answer counts: as in «Обратная связь», a row counts when its key
facts are readable.

Expected problems on the response sheet (`PROBLEMS`): row 3, ФИО — warning, an answer of the
same respondent in the same wave is later (row 6); row 5, ФИО — error, unknown name, suggesting
«Кузнецова Ольга Дмитриевна»; row 7, ФИО — not in any pair working on 11.12.2025; row 9,
«Насколько вы удовлетворены участием в наставничестве» — error, 11 is outside 1–10.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hypothesis import strategies as st

from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.survey import Question
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.snapshot import Cell
from tests import factories
from tests.factories import pair, people, setting, teacher, young_teacher

TODAY = date(2026, 5, 15)
YEAR = "2025/26"
SCHOOL = "МБОУ «Средняя школа № 5»"
GOOGLE_TITLE = "Ответы на форму (1)"
YANDEX_TITLE = "Ответы Яндекс Формы"
GOOGLE_TIMESTAMP = "Отметка времени"
GOOGLE_EMAIL = "Адрес электронной почты"
# The same two columns when the form's owner has Google in English.
ENGLISH_TIMESTAMP, ENGLISH_EMAIL = "Timestamp", "Email Address"
YANDEX_ID, YANDEX_TIMESTAMP = "ID", "Время создания"

MENTOR_2, MENTOR_3 = "Соколова Анна Игоревна", "Морозов Сергей Викторович"
MENTEE_2, MENTEE_3 = "Кузнецова Ольга Дмитриевна", "Лебедев Игорь Андреевич"
MENTEE_4, OUTSIDER = "Новикова Дарья Олеговна", "Васильева Татьяна Николаевна"
MISSPELLED = "Кузнецова Ольга Дмитревна"

# The questions of the school's form, in form order (as `nastavnik form` prints them).
FORM = (
    survey.FIO,
    survey.PAIR_CODE,
    survey.SATISFACTION,
    survey.USEFULNESS,
    survey.GOALS,
    survey.USEFUL,
    survey.IMPROVE,
)
# The same questions as a school typed them into Yandex Forms: its own order and wording.
YANDEX_HEADERS = {
    "fio": "ФИО",
    "pair_code": "Код наставнической пары",
    "respondent": "Вы отвечаете как",
    "useful": "Что было полезно?",
    "improve": "Что можно улучшить",
    "satisfaction": "Насколько вы удовлетворены участием в наставничестве?",
    "usefulness": "Полезность встреч (1–10)",
    "goals": "Насколько достигнуты цели программы наставничества *",
}
# Yandex columns after «ID» and «Время создания», by the field each answer fills.
YANDEX_FIELDS = ("fio", "pair_code", "useful", "improve", "satisfaction", "usefulness", "goals")


@dataclass(frozen=True)
class FormAnswer:
    """One submission: when it was sent and what was answered (None: left blank)."""

    sent: datetime
    fio: str | None = None
    pair_code: str | None = None
    respondent: str | None = None
    satisfaction: Cell = None
    usefulness: Cell = None
    goals: Cell = None
    useful: str | None = None
    improve: str | None = None
    email: str | None = None

    def answer(self, field: str) -> Cell:
        """The answer to the question filling `field`."""
        value: Cell = getattr(self, field)
        return value


def google_forms_grid(
    answers: Sequence[FormAnswer],
    form: Sequence[Question] = FORM,
    *,
    emails: bool = False,
    english: bool = False,
) -> list[list[Cell]]:
    """The linked sheet of a Google form: timestamp, [e-mail], one column per question
    (`english`: the owner's Google speaks English, so the first two headers do)."""
    stamp, email_header = (
        (ENGLISH_TIMESTAMP, ENGLISH_EMAIL) if english else (GOOGLE_TIMESTAMP, GOOGLE_EMAIL)
    )
    header: list[Cell] = [stamp, *([email_header] if emails else []), *(q.title for q in form)]
    rows: list[list[Cell]] = [header]
    for a in answers:
        email: list[Cell] = [a.email] if emails else []
        rows.append([a.sent, *email, *(a.answer(q.field) for q in form)])
    return rows


def yandex_grid(
    answers: Sequence[FormAnswer],
    fields: Sequence[str] = YANDEX_FIELDS,
    *,
    pasted_as_dates: bool = False,
    first_id: int = 1_638_563_874,
) -> list[list[Cell]]:
    """Yandex Forms' export pasted into a sheet: «ID», «Время создания», then the questions.

    Timestamps are text as in the export («2025-12-03 10:15:00»); `pasted_as_dates` gives
    the date-times a spreadsheet makes of them when the text is pasted into it.
    """
    rows: list[list[Cell]] = [[YANDEX_ID, YANDEX_TIMESTAMP, *(YANDEX_HEADERS[f] for f in fields)]]
    for number, a in enumerate(answers):
        sent: Cell = a.sent if pasted_as_dates else a.sent.strftime("%Y-%m-%d %H:%M:%S")
        rows.append([first_id + 7 * number, sent, *(a.answer(f) for f in fields)])
    return rows


def as_text(grid: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    """Every value as text, blanks kept: a .csv export opened without type conversion."""
    return [[None if v is None else str(v) for v in row] for row in grid]


def _a(
    when: str, fio: str, scores: tuple[int, int, int], useful: str = "", improve: str = ""
) -> FormAnswer:
    sent = datetime.strptime(when, "%d.%m.%Y %H:%M:%S")
    return FormAnswer(sent, fio, None, None, *scores, useful or None, improve or None)


ANSWERS = (
    _a("03.12.2025 10:15:00", factories.MENTOR, (8, 9, 7), "Совместный разбор уроков"),
    _a("03.12.2025 18:40:12", factories.MENTEE, (6, 7, 6), improve="Больше времени на встречи"),
    _a("05.12.2025 09:02:33", MENTOR_2, (9, 8, 8), "Групповые обсуждения"),
    _a("08.12.2025 14:20:00", MISSPELLED, (7, 7, 7)),
    _a("10.12.2025 11:00:00", factories.MENTEE, (7, 8, 7), "Посещение уроков наставника"),
    _a("11.12.2025 12:30:00", OUTSIDER, (10, 10, 10), "Всё"),
    _a("06.04.2026 09:10:00", factories.MENTOR, (9, 9, 8)),
    _a("07.04.2026 16:45:00", MENTEE_3, (11, 5, 6), improve="Чаще встречаться"),
    _a("08.04.2026 10:00:00", MENTOR_2, (7, 7, 7)),
    _a("09.04.2026 13:30:00", MENTOR_3, (10, 9, 9), "Открытые уроки"),
    _a("10.04.2026 15:00:00", MENTEE_4, (8, 8, 8)),
    _a("14.04.2026 08:05:00", MENTEE_2, (6, 7, 5)),
)

SATISFACTION_DEC_MENTORS = "Удовлетворённость участием: наставники, декабрь (из 10)"
SATISFACTION_DEC_MENTEES = "Удовлетворённость участием: наставляемые, декабрь (из 10)"
SATISFACTION_APR_MENTORS = "Удовлетворённость участием: наставники, апрель (из 10)"
SATISFACTION_APR_MENTEES = "Удовлетворённость участием: наставляемые, апрель (из 10)"
RESPONSE_RATE = "Доля ответивших на опросы, %"
# «Мониторинг» rows of «Обратная связь» for 2025/26 (the table in the module docstring).
FIGURES: dict[str, float] = {
    SATISFACTION_DEC_MENTORS: 8.5,
    SATISFACTION_DEC_MENTEES: 7.0,
    SATISFACTION_APR_MENTORS: 8.67,
    SATISFACTION_APR_MENTEES: 7.0,
    RESPONSE_RATE: 66.7,
}
# How many answers each average is taken over (the report model's `answers`).
ANSWER_COUNTS = {
    SATISFACTION_DEC_MENTORS: 2,
    SATISFACTION_DEC_MENTEES: 1,
    SATISFACTION_APR_MENTORS: 3,
    SATISFACTION_APR_MENTEES: 2,
}


def typed(day: date, code: str, respondent: str, satisfaction: int) -> factories.Row:
    """A row typed into «Обратная связь»."""
    return factories.feedback_answer(
        day=day, pair_code=code, respondent=respondent, satisfaction=satisfaction
    )


# Typed by hand: December — НП-001 both (8, 7), Соколова for group Г-1 (9, typed on НП-002);
# April — НП-001's mentor 9, НП-004's mentee 8.
TYPED = [
    typed(date(2025, 12, 12), "НП-001", "наставник", 8),
    typed(date(2025, 12, 12), "НП-001", "наставляемый", 7),
    typed(date(2025, 12, 15), "НП-002", "наставник", 9),
    typed(date(2026, 4, 13), "НП-001", "наставник", 9),
    typed(date(2026, 4, 13), "НП-004", "наставляемый", 8),
]
# Units: December 3 of 5 answered, April 2 of 7: 5 / 12 = 41.7 %.
TYPED_FIGURES = {
    SATISFACTION_DEC_MENTORS: 8.5,
    SATISFACTION_DEC_MENTEES: 7.0,
    SATISFACTION_APR_MENTORS: 9.0,
    SATISFACTION_APR_MENTEES: 8.0,
    RESPONSE_RATE: 41.7,
}


@dataclass(frozen=True)
class ExpectedProblem:
    """A problem expected on the response sheet: its row, the answer's field, a few words."""

    row: int
    field: str
    level: str | None  # «ошибка» / «предупреждение»; None: either
    words: tuple[str, ...]  # each appears (case-folded) in the message or the fix


PROBLEMS = (
    ExpectedProblem(3, "fio", "предупреждение", ("6",)),
    ExpectedProblem(5, "fio", "ошибка", (MISSPELLED, MENTEE_2)),
    ExpectedProblem(7, "fio", None, ()),
    ExpectedProblem(9, "satisfaction", "ошибка", ("11",)),
)


def google_cell(
    problem: ExpectedProblem, form: Sequence[Question] = FORM, emails: bool = False
) -> str:
    """The A1 address of an expected problem in `google_forms_grid`'s layout."""
    fields = ["timestamp", *(["email"] if emails else []), *(q.field for q in form)]
    return cell_address(problem.row, fields.index(problem.field))


def yandex_cell(problem: ExpectedProblem) -> str:
    """The A1 address of an expected problem in `yandex_grid`'s default layout."""
    return cell_address(problem.row, ["id", "timestamp", *YANDEX_FIELDS].index(problem.field))


def school_rows() -> dict[str, list[factories.Row]]:
    """The must-hold school's registry rows by factory sheet name (no response-sheet setting)."""
    group = {"group": "Г-1", "form": "групповая"}
    return {
        "teachers": [
            *people(),
            teacher(fio=MENTOR_2, subject="русский язык"),
            teacher(fio=MENTOR_3, subject="физика"),
            young_teacher(fio=MENTEE_2, subject="русский язык"),
            young_teacher(fio=MENTEE_3, subject="литература"),
            young_teacher(fio=MENTEE_4, subject="физика"),
            teacher(fio=OUTSIDER, role="не участвует", subject="история"),
        ],
        "pairs": [
            pair(),
            pair(code="НП-002", mentor=MENTOR_2, mentee=MENTEE_2, **group),
            pair(code="НП-003", mentor=MENTOR_2, mentee=MENTEE_3, **group),
            pair(code="НП-004", mentor=MENTOR_3, mentee=MENTEE_4, start=date(2026, 1, 12)),
        ],
        "programmes": [factories.programme()],
        "stages": [factories.stage()],
    }


def school_grids(
    named: str | None = GOOGLE_TITLE,
    sheets: Mapping[str, Sequence[Sequence[Cell]]] | None = None,
    typed: Sequence[factories.Row] = (),
) -> dict[str, list[list[Cell]]]:
    """Every registry sheet of the school, «Настройки» naming `named` as the response sheet
    (None: no such row), `typed` rows in «Обратная связь», then `sheets` (title → grid: the
    response sheets) after the registry's."""
    rows = school_rows()
    rows["settings"] = [setting("Образовательная организация", SCHOOL)]
    if named is not None:
        rows["settings"].append(setting(survey.SETTING, named))
    rows["feedback"] = list(typed)
    snap = factories.snapshot(**rows)
    grids = {t.title: [list(t.header), *map(list, t.rows)] for t in snap.tables.values()}
    for title, grid in (sheets or {}).items():
        grids[title] = [list(r) for r in grid]
    return grids


SPACES = st.sampled_from([" ", "  ", "\u00a0", " \u00a0 "])


@st.composite
def typed_like_staff(draw: st.DrawFn, text: str) -> str:
    """`text` as someone might type it: random case, ё for е (and back), extra spaces, marks."""
    out: list[str] = [draw(st.sampled_from(["", " ", "\u00a0"]))]
    for char in text:
        if char == " ":
            out.append(draw(SPACES))
            continue
        letter = draw(st.sampled_from(["е", "ё"])) if char in "еЕёЁ" else char
        out.append(letter.upper() if draw(st.booleans()) else letter.lower())
    out.append(draw(st.sampled_from(["", "*", "?", " *", "?*", " ?", "? *", ":"])))
    out.append(draw(st.sampled_from(["", " ", "\u00a0"])))
    return "".join(out)
