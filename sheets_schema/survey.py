"""The feedback survey (roadmap п. 22) as data: its questions and how a response sheet is read.

A school runs the December and April survey as a Google or Yandex form whose answers land in
a sheet of the registry («Ответы на форму (1)»). This declaration is the one place that says
which questions the form asks, what each answer fills in «Обратная связь», and which headers
of a response sheet mean what. `nastavnik form` prints it; the response-sheet reader
(sync/responses/) finds columns by it. Header matching is the same as everywhere (case,
spaces, ё/е ignored) and also ignores a trailing «*» (required mark) or question mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.sheets.settings import RESPONSE_SHEETS
from nastavnik.sheets_schema.text import header_key

# «Настройки» names the response sheets (SETTING); without it, sheets titled so are offered.
RESPONSE_TITLE_PREFIXES = ("Ответы на форму", "Form Responses")  # matched as headers are
FIRST_RESPONSE_TITLE = "Ответы на форму (1)"  # the sheet a Russian-language Google Form makes

SETTING = RESPONSE_SHEETS  # «Лист ответов опроса»
SCALE = (1, 10)


class Kind(StrEnum):
    """A question's type, named as both form builders name it."""

    LIST = "раскрывающийся список"
    CHOICE = "один из списка"
    SCALE = "шкала"
    SHORT = "короткий ответ"
    LONG = "длинный ответ (абзац)"


@dataclass(frozen=True)
class Question:
    """One question of the form.

    `field` is the «Обратная связь» field it fills (or `fio`, who answers); that sheet's header
    of the field also names the column (a typed copy pasted as a response sheet reads too);
    `aliases` are other wordings of the same column.
    """

    field: str
    title: str
    kind: Kind
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def typed_header(self) -> str | None:
        """The header of the same field on «Обратная связь» (None for who answers by name)."""
        return _TYPED_HEADERS.get(self.field)

    @property
    def other_headers(self) -> tuple[str, ...]:
        """The other headers of this column: the «Обратная связь» one, then the aliases."""
        typed = self.typed_header
        return (typed, *self.aliases) if typed and typed != self.title else self.aliases

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header this question's answers may stand under."""
        return (self.title, *self.other_headers)


# «Обратная связь» header of each of its fields (the one declaration of those headers)
_TYPED_HEADERS = dict(zip(feedback.SPEC.field_names, feedback.SPEC.field_headers, strict=True))


FIO = Question(
    "fio",
    "Ваши фамилия, имя и отчество",
    Kind.LIST,
    required=True,
    help="Выберите себя в списке.",
    aliases=("ФИО", "Фамилия, имя, отчество", "Ваше ФИО", "ФИО респондента"),
)
PAIR_CODE = Question(
    "pair_code",
    "Код пары",
    Kind.SHORT,
    help="Необязательно. Наставнику нескольких педагогов: код пары, о которой ответ (НП-001).",
    aliases=("Код наставнической пары",),
)
ROLE = Question(
    "respondent",
    "Ваша роль в паре",
    Kind.CHOICE,
    help="Нужна, только если в форме нет вопроса о ФИО.",
    choices=ch.RESPONDENTS,
    aliases=("Роль", "Вы отвечаете как"),
)
SATISFACTION = Question(
    "satisfaction",
    "Насколько вы удовлетворены участием в наставничестве",
    Kind.SCALE,
    required=True,
    help="1 — совсем не удовлетворён(а), 10 — полностью удовлетворён(а).",
    aliases=("Удовлетворённость участием",),
)
USEFULNESS = Question(
    "usefulness",
    "Насколько полезными были встречи",
    Kind.SCALE,
    help="1 — бесполезны, 10 — очень полезны.",
    aliases=("Полезность встреч",),
)
GOALS = Question(
    "goals",
    "Насколько достигнуты цели программы наставничества",
    Kind.SCALE,
    help="1 — не достигнуты, 10 — достигнуты полностью.",
    aliases=("Достижение целей программы",),
)
USEFUL = Question("useful", "Что было полезно", Kind.LONG)
IMPROVE = Question("improve", "Что стоит улучшить", Kind.LONG, aliases=("Что можно улучшить",))

IDENTITY = (FIO, PAIR_CODE, ROLE)
ANSWERS = (SATISFACTION, USEFULNESS, GOALS, USEFUL, IMPROVE)
QUESTIONS = (*IDENTITY, *ANSWERS)

# When the answer was sent. Google Forms' linked sheet: «Отметка времени» («Timestamp» in an
# English account) in column A, a date-time value. Yandex Forms' export (.xlsx/.csv, «Ответы» →
# «Скачать», https://yandex.ru/support/forms/ru/answers.md): «ID» (the answer's number, not a
# question: ignored), then «Время создания» as text «2025-12-03 10:15:00», then one column per
# question under its title; the other wordings below are seen in public importers of that
# export (github.com/qleafye/AIESEC_event_bot, services/ext_forms/ext_forms_import.py).
TIMESTAMP_HEADERS = (
    "Отметка времени",
    "Timestamp",
    "Время создания",
    "Время отправки",
    "Время ответа",
    "Дата и время",
    "Дата ответа",
    "Дата",
)


def question_key(text: str) -> str:
    """Key for finding a response column: `header_key` without a trailing «?», «*», «:» or «.»."""
    key = header_key(text)
    while key and key[-1] in "?*: .":
        key = key[:-1]
    return key


def find_columns(header: tuple[object, ...]) -> dict[str, int]:
    """Field name («timestamp», «fio», «satisfaction», …) → 0-based column of a response sheet.

    The first column whose header matches a question's title or an alias wins.
    """
    wanted = {question_key(h): q.field for q in QUESTIONS for h in q.headers}
    wanted.update({question_key(h): "timestamp" for h in TIMESTAMP_HEADERS})
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        if isinstance(text, str) and (name := wanted.get(question_key(text))):
            found.setdefault(name, index)
    return found


def is_response_title(title: str) -> bool:
    """True when a sheet's title looks like a form's response sheet («Ответы на форму (1)»)."""
    folded = header_key(title)
    return any(folded.startswith(header_key(prefix)) for prefix in RESPONSE_TITLE_PREFIXES)
