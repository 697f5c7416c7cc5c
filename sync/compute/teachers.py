"""«Педагоги»: experience, young specialist, need for a mentor, current mentors and mentees."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from nastavnik.sheets_schema import choices as ch
from nastavnik.sheets_schema.sheets import teachers
from nastavnik.sheets_schema.sheets.teachers import Teacher
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import COORDINATOR
from nastavnik.sync.compute.context import Context
from nastavnik.sync.compute.dates import academic_year_start, day_in_academic_year, whole_years
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.compute.population import employed, is_young, needs_mentor
from nastavnik.sync.compute.refs import check_name_script

MIN_START = date(1950, 1, 1)


def current_links(ctx: Context) -> tuple[dict[str, list[str]], Counter[str]]:
    """Mentors of each mentee and active mentee count of each mentor (folded ФИО keys)."""
    mentors: dict[str, list[str]] = defaultdict(list)
    mentees: Counter[str] = Counter()
    for info in ctx.pairs:
        if info.active:
            names = mentors[fold(info.pair.mentee)]  # has a mentor, even if misspelled
            mentor = ctx.teacher(info.pair.mentor)  # a misspelled name is reported on «Пары»
            if mentor is not None:
                names.append(mentor.fio)
            mentees[fold(info.pair.mentor)] += 1
    return mentors, mentees


def works_now(teacher: Teacher, ctx: Context) -> bool:
    """True when the teacher works at the school today (by «Работает» and the leaving date)."""
    return employed(teacher, ctx.today, ctx.today)


def needs_mentor_now(teacher: Teacher, ctx: Context) -> bool:
    """Works today and needs a mentor as of today (the «Нуждается в наставнике» column)."""
    return works_now(teacher, ctx) and needs_mentor(teacher, ctx.settings, ctx.today)


def compute_teachers(ctx: Context) -> None:
    """Fill the calc columns of «Педагоги» and apply its rules."""
    result = ctx.result(teachers.TITLE)
    mentors, mentees = current_links(ctx)
    names = Counter(fold(t.fio) for _, t in result.data.records(Teacher))
    for row, teacher in result.data.records(Teacher):
        key = fold(teacher.fio)
        result.set(row, "Педстаж, лет", whole_years(teacher.career_start, ctx.today))
        hired = teacher.hired
        result.set(row, "Стаж в школе, лет", whole_years(hired, ctx.today) if hired else None)
        result.set(row, "Молодой специалист", is_young(teacher, ctx.settings, ctx.today))
        result.set(row, "Нуждается в наставнике", needs_mentor_now(teacher, ctx))
        result.set(row, "Наставник сейчас", ", ".join(mentors.get(key, [])) or None)
        result.set(row, "Наставляемых сейчас", mentees.get(key, 0))
        if names[key] > 1:
            result.error(
                row,
                "ФИО",
                f"«{teacher.fio}» встречается на листе несколько раз.",
                "Оставьте одну строку на человека; тёзок различите отчеством.",
            )
        _check_teacher(ctx, result, row, teacher, mentees[key])


def _check_teacher(
    ctx: Context, result: SheetResult, row: int, teacher: Teacher, mentees: int
) -> None:
    check_name_script(result, row, "ФИО", teacher.fio)
    start_header = "Дата начала педагогической деятельности"
    if teacher.career_start > ctx.today:
        result.error(row, start_header, "Дата начала деятельности в будущем.", "Проверьте год.")
    elif teacher.career_start < MIN_START:
        result.error(
            row, start_header, "Дата начала деятельности раньше 1950 года.", "Проверьте год."
        )
    is_mentor = teacher.role in (ch.ROLE_MENTOR, ch.ROLE_BOTH)
    if is_mentor:
        _check_mentor(ctx, result, row, teacher, mentees)
    _check_employment(ctx, result, row, teacher)
    if not works_now(teacher, ctx) and (mentees or _is_active_mentee(ctx, teacher)):
        result.warn(
            row,
            "Работает",
            "Педагог не работает, но у него есть действующая пара.",
            "Завершите пару на листе «Пары» или исправьте «Работает».",
        )


def _check_employment(ctx: Context, result: SheetResult, row: int, teacher: Teacher) -> None:
    """The leaving date: asked for when «Работает = нет», after the hiring date."""
    left, hired = teacher.left, teacher.hired
    if teacher.works is False and left is None:
        result.warn(
            row,
            "Работает",
            "Педагог не работает, но дата увольнения не указана.",
            "Укажите «Дата увольнения»: без неё педагог не учитывается ни в одном учебном году.",
        )
    if left is not None and hired is not None and left < hired:
        result.error(
            row, "Дата увольнения", "Дата увольнения раньше даты приёма в школу.", "Проверьте даты."
        )
    elif left is not None and left <= ctx.today and teacher.works is True:
        result.warn(
            row,
            "Работает",
            "«Работает = да», но дата увольнения уже прошла.",
            "Исправьте «Работает» или дату увольнения.",
        )


def _check_mentor(
    ctx: Context, result: SheetResult, row: int, teacher: Teacher, mentees: int
) -> None:
    minimum = ctx.settings.mentor_min_experience
    if whole_years(teacher.career_start, ctx.today) < minimum:
        result.warn(
            row,
            "Роль",
            f"Педстаж наставника меньше {minimum} лет.",
            "Проверьте дату начала деятельности или назначьте другого наставника.",
        )
    if teacher.category == "без категории":
        result.warn(
            row,
            "Квалификационная категория",
            "Наставник без квалификационной категории.",
            "Проверьте категорию: наставником обычно назначают педагога с категорией.",
        )
    capacity = ctx.settings.mentor_capacity
    if mentees > capacity:
        result.warn(
            row,
            "Наставляемых сейчас",
            f"Действующих наставляемых {mentees}, больше {capacity}.",
            "Перераспределите наставляемых или измените предел в «Настройках».",
        )


def _is_active_mentee(ctx: Context, teacher: Teacher) -> bool:
    return any(info.active and fold(info.pair.mentee) == fold(teacher.fio) for info in ctx.pairs)


def teacher_attention(ctx: Context) -> None:
    """Teachers who need a mentor and have none, once 30 September of this year has passed."""
    deadline = day_in_academic_year((30, 9), academic_year_start(ctx.today))
    if ctx.today <= deadline:
        return
    mentors, _ = current_links(ctx)
    for row, teacher in ctx.result(teachers.TITLE).data.records(Teacher):
        if needs_mentor_now(teacher, ctx) and fold(teacher.fio) not in mentors:
            what = f"{teacher.fio}: нуждается в наставнике, наставник не назначен"
            ctx.attend(teachers.TITLE, what, deadline, row, role=COORDINATOR)
