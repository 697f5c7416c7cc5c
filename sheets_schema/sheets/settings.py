"""«Настройки» — parameters the coordinator may change (one row per setting)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated, Any

from nastavnik.sheets_schema.base import SheetRow, sheet_spec
from nastavnik.sheets_schema.columns import Col
from nastavnik.sheets_schema.errors import ConfigError
from nastavnik.sheets_schema.readers import (
    ReadError,
    month_number,
    read_date,
    read_int,
    read_text,
    read_url,
)

TITLE = "Настройки"


class SettingRow(SheetRow):
    """A key/value row."""

    name: Annotated[str, Col("Параметр", required=True, width=50)]
    value: Annotated[Any, Col("Значение", note="Пусто — значение по умолчанию.", width=24)] = None


@dataclass(frozen=True)
class Settings:
    """Effective settings: defaults, overridden by the «Настройки» sheet."""

    organisation: str = ""  # blank until `init --school` or staff fill it in
    registry_start: date | None = None  # «Начало учёта»; None: every deadline of the period counts
    timezone: str = "Europe/Moscow"
    period_start: date = date(2024, 9, 1)
    period_end: date = date(2027, 8, 31)
    during_year_due: tuple[int, int] = (31, 5)
    warn_days: int = 14
    mentor_capacity: int = 3
    mentor_min_experience: int = 3
    young_experience: int = 3
    young_age: int = 35
    pair_months: tuple[int, int] = (3, 12)
    days_without_meetings: int = 30
    programme_deadline: tuple[int, int] = (30, 11)
    assessment_deadline: tuple[int, int] = (31, 10)
    feedback_months: tuple[int, ...] = (12, 4)
    target_share: int = 70
    response_sheets: tuple[str, ...] = ()  # sheets of survey answers (sync/responses/)
    form_link: str = ""  # the survey form's address, quoted in the reminders


def _day_month(value: object) -> tuple[int, int]:
    text = read_text(value) or ""
    match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})", text)
    if isinstance(value, date | int | float) and not isinstance(value, bool):
        day = read_date(value)
        if day:
            return day.day, day.month
    if not match:
        raise ReadError(f"«{text}» — не день и месяц.", "Введите в виде 31.05.")
    day_n, month_n = int(match.group(1)), int(match.group(2))
    try:
        date(2024, month_n, day_n)  # a leap year accepts 29.02
    except ValueError:
        raise ReadError(f"Такой даты нет: «{text}».", "Введите в виде 31.05.") from None
    return day_n, month_n


def _two_ints(value: object) -> tuple[int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", read_text(value) or "")]
    if len(numbers) != 2 or (numbers[0] > numbers[1] and numbers[0] > 100):
        raise ReadError("Нужны два числа через «/».", "Введите, например, 3 / 12.")
    return numbers[0], numbers[1]


def _months(value: object) -> tuple[int, ...]:
    words = [w for w in re.split(r"[,;\s]+|\bи\b", read_text(value) or "") if w]
    found = tuple(month_number(w) for w in words)
    if not found or any(m is None for m in found):
        raise ReadError(
            "Не удалось прочитать месяцы.", "Введите месяцы через запятую: декабрь, апрель."
        )
    return tuple(m for m in found if m is not None)


def _positive_int(value: object) -> int:
    number = read_int(value)
    if number is None or number < 0:
        raise ReadError("Нужно целое неотрицательное число.", "Введите целое число.")
    return number


def _date(value: object) -> date:
    day = read_date(value)
    if day is None:
        raise ReadError("Нужна дата.", "Введите дату, например 01.09.2024.")
    return day


def _text(value: object) -> str:
    return read_text(value) or ""


def _url(value: object) -> str:
    return read_url(value) or ""


def _titles(value: object) -> tuple[str, ...]:
    """Sheet names, one per line or separated by «;» (commas are resolved against the titles)."""
    return tuple(t.strip() for t in re.split(r"[;\n]", read_text(value) or "") if t.strip())


@dataclass(frozen=True)
class SettingDef:
    """One row of «Настройки»: its name, default as shown, how to read it, which fields it sets."""

    name: str
    default: str
    reader: Callable[[object], Any]
    fields: tuple[str, ...] = field(default=())


def _pair(value: tuple[int, int]) -> str:
    return f"{value[0]} / {value[1]}"


ORGANISATION = "Образовательная организация"
REGISTRY_START = "Начало учёта"
# one or more sheets of survey answers (sheets_schema/survey.py), and the form's address
RESPONSE_SHEETS = "Лист ответов опроса"
FORM_LINK = "Ссылка на форму опроса"  # quoted in the survey reminders

SETTINGS: tuple[SettingDef, ...] = (
    SettingDef(ORGANISATION, "", _text, ("organisation",)),
    SettingDef(REGISTRY_START, "", _date, ("registry_start",)),
    SettingDef("Часовой пояс", Settings.timezone, _text, ("timezone",)),
    SettingDef("Начало периода дорожной карты", "01.09.2024", _date, ("period_start",)),
    SettingDef("Конец периода дорожной карты", "31.08.2027", _date, ("period_end",)),
    SettingDef("Срок для «в течение года» (день.месяц)", "31.05", _day_month, ("during_year_due",)),
    SettingDef("Предупреждать о сроке за, дней", "14", _positive_int, ("warn_days",)),
    SettingDef(
        "Наставляемых у одного наставника, не более", "3", _positive_int, ("mentor_capacity",)
    ),
    SettingDef("Педстаж наставника, лет, не менее", "3", _positive_int, ("mentor_min_experience",)),
    SettingDef(
        "Молодой специалист: стаж до, лет / возраст до, лет",
        "3 / 35",
        _two_ints,
        ("young_experience", "young_age"),
    ),
    SettingDef(
        "Срок наставничества, мес.: от / до",
        _pair(Settings.pair_months),
        _two_ints,
        ("pair_months",),
    ),
    SettingDef(
        "Дней без встреч до предупреждения", "30", _positive_int, ("days_without_meetings",)
    ),
    SettingDef(
        "Срок разработки программы (день.месяц)", "30.11", _day_month, ("programme_deadline",)
    ),
    SettingDef("Срок входной оценки (день.месяц)", "31.10", _day_month, ("assessment_deadline",)),
    SettingDef("Месяцы сбора обратной связи", "декабрь, апрель", _months, ("feedback_months",)),
    SettingDef("Целевая доля вовлечённых педагогов, %", "70", _positive_int, ("target_share",)),
    SettingDef(RESPONSE_SHEETS, "", _titles, ("response_sheets",)),
    SettingDef(FORM_LINK, "", _url, ("form_link",)),
)


def apply_setting(settings: Settings, definition: SettingDef, value: object) -> Settings:
    """Return settings with one definition's value read from a cell (raises ReadError)."""
    parsed = definition.reader(value)
    if len(definition.fields) == 1:
        return replace(settings, **{definition.fields[0]: parsed})
    return replace(settings, **dict(zip(definition.fields, parsed, strict=True)))


def require_organisation(settings: Settings) -> str:
    """The school's name, or ConfigError saying how to set it (a report needs it)."""
    if settings.organisation.strip():
        return settings.organisation
    raise ConfigError(
        f"Не указано название образовательной организации (лист «{TITLE}», "
        f"параметр «{ORGANISATION}»), а без него отчёт не составить.",
        hint=f"Впишите название в столбец «Значение» строки «{ORGANISATION}» на листе «{TITLE}» "
        'или выполните: nastavnik init --school "Название школы".',
    )


# The key facts: with these cells readable, a row counts even when another cell is wrong.
COUNTS_BY = ("Параметр",)
SPEC = sheet_spec(
    TITLE, SettingRow, "Параметры, которые может менять координатор.", counts_by=COUNTS_BY
)
