"""A response sheet's rows as answers: the timestamp, who answered, the scores and the texts.

Columns are found by question text (sheets_schema/survey.py). Each problem is at the response
sheet's own cell, like any other cell's: a timestamp that is not a date, a score off the 1–10
scale, a blank required answer. Who the respondent is (a pair, a role) is decided later, with
«Пары» in hand (sync/compute/answers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.readers import (
    ReadError,
    is_blank,
    moment_from_serial,
    parse_date_text,
    read_fio,
    read_text,
)
from nastavnik.sheets_schema.sheets import feedback
from nastavnik.sheets_schema.text import clean
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.problems import Level, Problem, shown
from nastavnik.sync.snapshot import Cell, Table

_CLOCK = re.compile(
    r"[ t,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(?:\s*(?:z|[+-]\d{2}:?\d{2}))?$"
)


@dataclass(frozen=True, slots=True)
class FormAnswer:
    """One readable answer row of a response sheet (identity not yet checked against «Пары»)."""

    sheet: str
    row: int
    moment: datetime  # when it was sent (the wave comes from its date)
    fio: str | None
    pair_code: str | None
    role: str | None  # «наставник» / «наставляемый» when the form asks it
    satisfaction: int
    usefulness: int | None
    goals: int | None
    useful: str | None
    improve: str | None

    @property
    def day(self) -> date:
        """The answer's date."""
        return self.moment.date()


@dataclass(frozen=True)
class ResponseSheet:
    """A response sheet as read: where its columns are, its answers, its problems."""

    title: str
    table: Table
    columns: dict[str, int]  # field («timestamp», «fio», …) → 0-based column
    answers: tuple[FormAnswer, ...]

    def cell(self, row: int, field: str) -> str:
        """The A1 address of a field's cell in a row ("" when the column is absent)."""
        index = self.columns.get(field)
        return cell_address(row, index) if index is not None else ""

    def problem(
        self, row: int, field: str, message: str, fix: str, level: Level = Level.ERROR
    ) -> Problem:
        """A problem at a field's cell of this sheet, quoting what the cell holds."""
        index = self.columns.get(field)
        header = self.table.header[index] if index is not None else ""
        value = self.table.value(row, index) if index is not None else None
        return Problem(
            self.title, row, read_text(header) or "", self.cell(row, field), shown(value),
            level, message, fix,
        )  # fmt: skip


def read_moment(value: object) -> datetime:
    """A timestamp: a date-time, a date, a serial number or text (03.12.2026 10:15:00, ISO…)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = moment_from_serial(value)  # Google sends a form's timestamp as a serial
        if moment is not None:
            return moment
    text = clean(str(value)).lower()
    clock = _CLOCK.search(text)
    day = parse_date_text(text[: clock.start()] if clock else text)
    if day is None:
        raise ReadError(
            f"Не удалось прочитать отметку времени «{text[:60]}».",
            "Здесь нужна дата и время ответа, например 03.12.2026 10:15:00.",
        )
    if clock is None:
        return datetime.combine(day, time())
    hours, minutes, seconds = (int(part or 0) for part in clock.groups())
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ReadError(f"Такого времени нет: «{text[:60]}».", "Проверьте время ответа.")
    return datetime.combine(day, time(hours, minutes, seconds))


def missing_columns(columns: dict[str, int]) -> list[str]:
    """Headers a response sheet must have and does not: the timestamp, who, satisfaction."""
    missing = []
    if "timestamp" not in columns:
        missing.append(survey.TIMESTAMP_HEADERS[0])
    if "fio" not in columns and not {"pair_code", "respondent"} <= columns.keys():
        missing.append(
            f"{survey.FIO.title}» (или «{survey.PAIR_CODE.title}» и «{survey.ROLE.title}"
        )
    if "satisfaction" not in columns:
        missing.append(survey.SATISFACTION.title)
    return missing


def read_response_sheet(table: Table) -> tuple[ResponseSheet, list[Problem]]:
    """Every non-blank row of a response sheet as a FormAnswer, or problems at its cells."""
    columns = survey.find_columns(table.header)
    sheet = ResponseSheet(table.title, table, columns, ())
    missing = missing_columns(columns)
    if missing:
        names = ", ".join(f"«{name}»" for name in missing)
        problem = Problem(
            table.title, None, "", "", "", Level.ERROR,
            f"На листе ответов опроса нет столбца {names}: ответы не учтены.",
            "Вопросы формы должны называться так, как печатает «nastavnik form»; "
            "переименуйте заголовок в строке 1 или вопрос в форме.",
        )  # fmt: skip
        return sheet, [problem]
    answers: list[FormAnswer] = []
    problems: list[Problem] = []
    for number, raw in table.numbered_rows():
        if all(is_blank(v) for v in raw):
            continue
        answer, found = _read_row(sheet, number, raw)
        problems.extend(found)
        if answer is not None:
            answers.append(answer)
    return ResponseSheet(table.title, table, columns, tuple(answers)), problems


# The key facts: with these readable the answer counts, even when an optional answer is wrong
# (like «Обратная связь»'s COUNTS_BY); an unreadable optional answer is an error at its cell.
KEY_FIELDS = frozenset({"timestamp", "fio", "pair_code", "respondent", "satisfaction"})


def _read_row(
    sheet: ResponseSheet, number: int, raw: tuple[Cell, ...]
) -> tuple[FormAnswer | None, list[Problem]]:
    values: dict[str, object] = {}
    problems: list[Problem] = []
    failed: set[str] = set()
    for field, index in sheet.columns.items():
        value = raw[index] if index < len(raw) else None
        try:
            values[field] = None if is_blank(value) else _READERS[field](value)
        except ReadError as error:
            failed.add(field)
            problems.append(sheet.problem(number, field, error.message, error.fix))
    for field, what in (("timestamp", "отметки времени"), ("satisfaction", "оценки")):
        if field not in failed and values.get(field) is None:
            message = f"Нет {what}: ответ не учтён."
            problems.append(sheet.problem(number, field, message, _blank_fix(field)))
            failed.add(field)
    who = {"fio", "pair_code"}
    if not (who & failed) and not any(values.get(field) for field in who):
        message = "Не указано, кто отвечает: ответ не учтён."
        field = "fio" if "fio" in sheet.columns else "pair_code"
        problems.append(sheet.problem(number, field, message, _blank_fix(field)))
        failed.add(field)
    if failed & KEY_FIELDS:
        return None, problems
    return _answer(sheet.title, number, values), problems


def _answer(title: str, number: int, values: dict[str, object]) -> FormAnswer:
    def text(field: str) -> str | None:
        value = values.get(field)
        return value if isinstance(value, str) else None

    def score(field: str) -> int | None:
        value = values.get(field)
        return value if isinstance(value, int) else None

    moment = values["timestamp"]
    assert isinstance(moment, datetime)
    return FormAnswer(
        title, number, moment, text("fio"), text("pair_code"), text("respondent"),
        score("satisfaction") or 0, score("usefulness"), score("goals"),
        text("useful"), text("improve"),
    )  # fmt: skip


def _reader(question: survey.Question) -> Callable[[object], object]:
    """The «Обратная связь» column's own reader for the same field; ФИО only the form asks."""
    typed = question.typed_header
    return feedback.SPEC.column(typed).read if typed else read_fio


_READERS = {**{q.field: _reader(q) for q in survey.QUESTIONS}, "timestamp": read_moment}


def _blank_fix(field: str) -> str:
    if field == "timestamp":
        return "Отметку времени ставит форма; если строку вставили вручную, впишите дату ответа."
    if field == "satisfaction":
        return "Сделайте вопрос об удовлетворённости обязательным в форме."
    return "Сделайте вопрос о ФИО обязательным в форме или впишите ФИО в эту ячейку."
