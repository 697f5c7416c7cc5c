"""Lenient cell readers: accept what staff type, report problems strictly, in Russian.

Each reader takes a raw cell value (str, int, float, bool, date, datetime or None) and
returns a typed value, ``None`` for a blank cell, or raises `ReadError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from nastavnik.sheets_schema.text import clean, fold

SERIAL_EPOCH = date(1899, 12, 30)  # spreadsheet day 0 (Google Sheets and Excel after 1900-03-01)
MIN_SERIAL, MAX_SERIAL = 1, 2958465  # 1899-12-31 .. 9999-12-31

MONTHS: dict[str, int] = {}
for _number, _stems in enumerate(
    (
        ("январ", "янв"),
        ("феврал", "фев"),
        ("март", "мар"),
        ("апрел", "апр"),
        ("ма", "май"),
        ("июн",),
        ("июл",),
        ("август", "авг"),
        ("сентябр", "сен", "сент"),
        ("октябр", "окт"),
        ("ноябр", "ноя"),
        ("декабр", "дек"),
    ),
    start=1,
):
    for _stem in _stems:
        MONTHS[_stem] = _number

DATE_FORMS_HINT = (
    "Введите дату в виде 01.09.2024 (также можно 1.9.24, 2024-09-01, 1 сентября 2024)."
)


class ReadError(ValueError):
    """A cell value that cannot be read. `message` says what is wrong, `fix` how to fix it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def is_blank(value: object) -> bool:
    """True for None and strings with nothing but spaces."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    # A printable text is blank only when empty or all spaces; `clean` (slower) is needed
    # only for texts with control or non-breaking characters.
    return not value or value.isspace() or (not value.isprintable() and not clean(value))


def read_text(value: object) -> str | None:
    """Any value as cleaned text; whole floats lose their ".0"."""
    if isinstance(value, str):
        return clean(value) or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return format_date(value if isinstance(value, date) else value.date())
    return clean(str(value)) or None


def format_date(day: date) -> str:
    """dd.mm.yyyy, the way Russian staff write dates."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def month_number(word: str) -> int | None:
    """Month number of a Russian month name in any case or short form, else None."""
    word = fold(word).rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    for stem in sorted(MONTHS, key=len, reverse=True):
        if len(stem) >= 3 and word.startswith(stem):
            return MONTHS[stem]
    if word in {"мая", "мае", "маю", "маем"}:
        return 5
    return None


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORD_DATE = re.compile(r"^(\d{1,2}) ([а-яё]+\.?) (\d{4})$")
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|года?)$")


def from_serial(serial: float) -> date:
    """A spreadsheet serial day number as a date (time of day dropped)."""
    if not math.isfinite(serial) or not MIN_SERIAL <= serial <= MAX_SERIAL:
        raise ReadError(f"Число {serial:g} не похоже на дату.", DATE_FORMS_HINT)
    return SERIAL_EPOCH + timedelta(days=int(serial))


def moment_from_serial(serial: float) -> datetime | None:
    """A spreadsheet serial number as a date-time (to the millisecond); None when it is not
    a finite serial of a day from 1899-12-31 to 9999-12-31."""
    if not math.isfinite(serial) or not MIN_SERIAL <= serial <= MAX_SERIAL:
        return None
    start = datetime.combine(SERIAL_EPOCH, time())
    return start + timedelta(milliseconds=round(serial * 86_400_000))


def to_serial(day: date) -> int:
    """The spreadsheet serial day number of a date."""
    return (day - SERIAL_EPOCH).days


def _build_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ReadError(
            f"Такой даты нет: «{shown}».", "Проверьте день и месяц. " + DATE_FORMS_HINT
        ) from None


def parse_date_text(text: str) -> date | None:
    """Parse the accepted text forms of a date; None when the text is not a date at all."""
    folded = _YEAR_SUFFIX.sub("", fold(text))
    if match := _NUMERIC_DATE.match(folded):
        day, month, year = (int(part) for part in match.groups())
        year = year + 2000 if len(match.group(3)) == 2 else year
        return _build_date(year, month, day, text)
    if match := _ISO_DATE.match(folded):
        year, month, day = (int(part) for part in match.groups())
        return _build_date(year, month, day, text)
    if (match := _WORD_DATE.match(folded)) and (named := month_number(match.group(2))):
        return _build_date(int(match.group(3)), named, int(match.group(1)), text)
    return None


def read_date(value: object) -> date | None:
    """A date from a real date, a serial number or text (01.09.2024, 1.9.24, 2024-09-01, …)."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ReadError("Здесь нужна дата, а не да/нет.", DATE_FORMS_HINT)
    if isinstance(value, int | float):
        return from_serial(float(value))
    text = clean(str(value))
    parsed = parse_date_text(text)
    if parsed is None:
        raise ReadError(f"Не удалось прочитать дату «{text[:60]}».", DATE_FORMS_HINT)
    return parsed


def read_month(value: object) -> date | None:
    """A month as its first day: a date, a serial, «сентябрь 2025», «09.2025»."""
    if isinstance(value, str):
        text = _YEAR_SUFFIX.sub("", fold(value))
        parts = re.split(r"[ ./]+", text)
        if len(parts) == 2 and parts[1].isdigit() and len(parts[1]) == 4:
            month = month_number(parts[0]) or (int(parts[0]) if parts[0].isdigit() else None)
            if month and 1 <= month <= 12:
                return date(int(parts[1]), month, 1)
    day = read_date(value)
    return day.replace(day=1) if day else None


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def read_number(value: object) -> float | None:
    """A number; accepts a decimal comma (4,5) and spaces between thousands (12 500)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ReadError("Здесь нужно число.", "Введите число, например 4,5.")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ReadError("Здесь нужно число.", "Введите число, например 4,5.")
        return float(value)
    text = clean(str(value)).replace(" ", "")
    text = re.sub(r"(руб\.?|р\.|₽|%)$", "", text)
    if not _NUMBER.match(text):
        raise ReadError(f"«{clean(str(value))[:60]}» — не число.", "Введите число, например 4,5.")
    return float(text.replace(",", "."))


def read_int(value: object) -> int | None:
    """A whole number (4 and 4,0 are fine; 4,5 is not); its hints show a whole number."""
    try:
        number = read_number(value)
    except ReadError as error:
        raise ReadError(error.message, "Введите целое число, например 4.") from None
    if number is None:
        return None
    if not number.is_integer():
        raise ReadError(
            f"Нужно целое число, а введено {number:g}.", "Введите целое число, например 4."
        )
    return int(number)


def read_score(value: object) -> int | None:
    """A score from 1 to 10."""
    score = read_int(value)
    if score is not None and not 1 <= score <= 10:
        raise ReadError(f"Оценка {score} вне шкалы 1–10.", "Введите целое число от 1 до 10.")
    return score


_TRUE = {"да", "+", "✓", "✔", "true", "истина", "1", "д", "yes", "y", "v"}
_FALSE = {"нет", "-", "−", "–", "—", "false", "ложь", "0", "н", "no", "n"}


def read_bool(value: object) -> bool | None:
    """да/нет, +/−, ✓, TRUE/FALSE, 1/0."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = fold(str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ReadError(f"«{clean(str(value))[:60]}» — не да/нет.", "Введите «да» или «нет».")


def read_choice(value: object, choices: tuple[str, ...], synonyms: Mapping[str, str]) -> str | None:
    """A dropdown value: case, spaces, ё/е and listed short forms are forgiven."""
    text = read_text(value)
    if text is None:
        return None
    key = fold(text)
    for choice in choices:
        if fold(choice) == key:
            return choice
    for short, full in synonyms.items():
        if fold(short) == key:
            return full
    unique_prefix = [c for c in choices if len(key) >= 3 and fold(c).startswith(key.rstrip("."))]
    if len(unique_prefix) == 1:
        return unique_prefix[0]
    allowed = "; ".join(choices)
    raise ReadError(f"Значение «{text[:60]}» не из списка.", f"Выберите одно из: {allowed}.")


def read_fio(value: object) -> str | None:
    """A person's name, spaces collapsed (mixed alphabets are flagged by the rules)."""
    text = read_text(value)
    if text is not None and isinstance(value, int | float | date):
        raise ReadError("Здесь нужно ФИО, а не число или дата.", "Введите фамилию, имя, отчество.")
    return text


_URL_UNSAFE = re.compile(r"[\s<>\"'`\\^{}|\x00-\x1f\x7f]")


def read_url(value: object) -> str | None:
    """A web address (http or https, with a host, no spaces or quotes); https:// is added
    to an address pasted without it."""
    text = read_text(value)
    if text is None:
        return None
    if "://" not in text and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", text):
        text = "https://" + text  # «forms.yandex.ru/u/…» pasted without its scheme
    parsed = urlsplit(text)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.hostname:
        raise ReadError(
            f"«{text[:60]}» — не ссылка на веб-страницу.",
            "Скопируйте ссылку целиком из адресной строки, она начинается с https://.",
        )
    if _URL_UNSAFE.search(text) or len(text) > 500:
        raise ReadError(
            "В ссылке пробелы, кавычки или лишние знаки.",
            "Скопируйте ссылку целиком из адресной строки, без пробелов.",
        )
    return text
