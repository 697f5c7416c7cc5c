"""Activity sheets: «Повышение квалификации», «Конкурсы», «Стимулирование», «Лучшие практики»."""

from __future__ import annotations

import re
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.readers import format_date
from nastavnik.sheets_schema.sheets import competitions, incentives, practices, training
from nastavnik.sheets_schema.sheets.competitions import Competition
from nastavnik.sheets_schema.sheets.incentives import Incentive
from nastavnik.sheets_schema.sheets.practices import Practice
from nastavnik.sheets_schema.sheets.training import Training
from nastavnik.sheets_schema.text import clean, fold
from nastavnik.sync.compute.context import Context, PairInfo
from nastavnik.sync.compute.dates import academic_year, month_end, month_label, overlaps
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.meetings import pair_period
from nastavnik.sync.compute.refs import check_person
from nastavnik.sync.names import not_found_fix

YEAR = "Учебный год"
SEPARATORS = re.compile(r"[,;\n]+")
WEB_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)


def compute_training(ctx: Context) -> None:
    """«Повышение квалификации»: the teacher exists, Учебный год, hours and date plausible."""
    result = ctx.result(training.TITLE)
    for row, course in result.data.records(Training):
        result.set(row, YEAR, academic_year(course.finished))
        check_person(ctx, result, row, "ФИО", course.fio)
        if course.hours is not None and course.hours <= 0:
            result.warn(
                row,
                "Часы",
                f"Количество часов должно быть больше нуля, а указано {course.hours:g}.",
                "Укажите объём обучения в часах по документу (например, 36) или очистите ячейку.",
            )
        if course.finished > ctx.today:
            result.warn(
                row,
                "Дата окончания",
                f"Дата окончания {format_date(course.finished)} ещё не наступила.",
                "Вносите обучение после его окончания; если дата набрана с ошибкой, исправьте её.",
            )


def split_participants(text: str) -> list[str]:
    """The parts of «Участники»: ФИО or pair codes separated by commas or semicolons."""
    return [part for piece in SEPARATORS.split(text) if (part := clean(piece))]


def compute_competitions(ctx: Context) -> None:
    """«Конкурсы»: every participant is a teacher or a pair; Учебный год."""
    result = ctx.result(competitions.TITLE)
    candidates = [*ctx.teacher_names, *(info.code for info in ctx.pairs)]
    for row, entry in result.data.records(Competition):
        result.set(row, YEAR, academic_year(entry.day))
        parts = split_participants(entry.participants)
        if not parts:
            result.error(
                row,
                "Участники",
                "Не указан ни один участник.",
                "Впишите ФИО педагогов или коды пар через запятую.",
            )
        for part in parts:
            if fold(part) not in ctx.known_people and fold(part) not in ctx.known_pairs:
                fix = not_found_fix(
                    "педагога на лист «Педагоги» или пару на лист «Пары»", part, candidates
                )
                message = f"Участник «{part}» не найден ни среди ФИО педагогов, ни среди кодов пар."
                result.error(row, "Участники", message, fix)


def counts_for_incentive(info: PairInfo) -> bool:
    """A pair that worked: «действует», «завершена», or stopped early with an actual end date."""
    status = info.pair.status
    stopped = status == ch.PAIR_STOPPED and info.pair.actual_end is not None
    return status in (ch.PAIR_ACTIVE, ch.PAIR_DONE) or stopped


def active_pairs_in_month(ctx: Context, mentor: str, month: date) -> int:
    """How many pairs of this mentor worked at some point of the month."""
    first, last = month.replace(day=1), month_end(month)
    return sum(
        1
        for info in ctx.pairs_by_mentor.get(fold(mentor), ())
        if counts_for_incentive(info) and overlaps(*pair_period(info, ctx.today), first, last)
    )


def compute_incentives(ctx: Context) -> None:
    """«Стимулирование»: the mentor exists and had a working pair that month; amount plausible."""
    result = ctx.result(incentives.TITLE)
    for row, bonus in result.data.records(Incentive):
        count = active_pairs_in_month(ctx, bonus.mentor, bonus.month)
        result.set(row, "Активных пар в месяце", count)
        if check_person(ctx, result, row, "Наставник", bonus.mentor) and count == 0:
            result.warn(
                row,
                "Месяц",
                f"У наставника не было действующих пар в этом месяце ({month_label(bonus.month)}).",
                "Проверьте месяц и ФИО наставника или даты и статус его пар на листе «Пары».",
            )
        _check_amount(result, row, bonus)


def _check_amount(result: SheetResult, row: int, bonus: Incentive) -> None:
    if bonus.amount is not None and bonus.amount <= 0:
        result.warn(
            row,
            "Сумма, руб.",
            f"Сумма должна быть больше нуля, а указано {bonus.amount:g}.",
            "Укажите начисленную сумму в рублях или очистите ячейку.",
        )


def compute_practices(ctx: Context) -> None:
    """«Лучшие практики»: Учебный год; the link is a web address."""
    result = ctx.result(practices.TITLE)
    for row, practice in result.data.records(Practice):
        result.set(row, YEAR, academic_year(practice.day))
        if practice.link and not WEB_LINK.match(practice.link):
            result.warn(
                row,
                "Ссылка",
                "Ссылка не похожа на адрес в интернете: она должна начинаться с http:// или https://.",
                "Скопируйте полный адрес из адресной строки браузера, например https://school.ru/….",
            )
