"""The demo school's staff: «Педагоги» and «Ответственные».

Dates are relative to the academic year N in which `today` falls: a teacher's career start
is given as (years before N, month), so the demo stays plausible whatever year it is run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from nastavnik.demo.grid import Row, dotted, email_for, in_words
from nastavnik.sheets_schema.seed_roadmap import ROLES


@dataclass(frozen=True)
class DemoTeacher:
    """One row of the staff table below."""

    fio: str
    position: str
    subject: str
    age: int | None  # None: year of birth left blank
    start: tuple[int, int]  # career start: (years before N, month)
    hired: tuple[int, int]  # joined the school: (years before N, month)
    category: str
    role: str
    grounds: str = ""
    note: str = ""


T = DemoTeacher
MENTOR, MENTEE, BOTH, NONE = "наставник", "наставляемый", "наставник и наставляемый", "не участвует"
YOUNG, NEW = "молодой специалист", "новый сотрудник"
DONE = "наставничество завершено в мае"

TEACHERS: tuple[DemoTeacher, ...] = (
    T("Соколова Елена Викторовна", "директор", "русский язык и литература", 52, (29, 9), (18, 9), "высшая", NONE),
    T("Морозова Ирина Александровна", "заместитель директора по УВР", "математика", 47, (24, 9), (15, 9), "высшая", NONE, note="координатор наставничества"),
    T("Васильев Андрей Николаевич", "заместитель директора по ВР", "история", 44, (20, 9), (10, 9), "первая", NONE),
    T("Кравченко Оксана Юрьевна", "педагог-психолог", "психология", 39, (15, 9), (8, 9), "высшая", NONE),
    T("Лебедева Татьяна Геннадьевна", "педагог-организатор", "воспитательная работа", 34, (11, 9), (6, 9), "первая", NONE),
    T("Семёнова Галина Петровна", "учитель начальных классов", "начальные классы", 55, (32, 9), (25, 9), "педагог-наставник", MENTOR, note="руководитель МО начальных классов"),
    T("Кузнецова Ольга Петровна", "учитель математики", "математика", 49, (26, 9), (20, 9), "высш.", MENTOR),
    T("Павлова Марина Сергеевна", "учитель русского языка и литературы", "русский язык и литература", 51, (28, 9), (22, 9), "высшая", MENTOR),
    T("Никитин Сергей Владимирович", "учитель физики", "физика", 46, (22, 9), (14, 9), "высшая", MENTOR),
    T("Алексеева Наталья Ивановна", "учитель английского языка", "английский язык", 43, (19, 9), (12, 9), "Первая", MENTOR),
    T("Фёдорова Людмила Анатольевна", "учитель химии и биологии", "химия, биология", None, (34, 9), (30, 9), "педагог-методист", BOTH, "по собственному запросу"),
    T("Григорьева Светлана Михайловна", "учитель истории и обществознания", "история, обществознание", 45, (21, 9), (16, 9), "высшая", MENTOR),
    T("Орлов Дмитрий Евгеньевич", "учитель информатики", "информатика", 38, (14, 9), (9, 9), "первая", MENTOR, note="ведёт школьный сайт"),
    T("Волкова Анна Дмитриевна", "учитель-логопед", "логопедия", 41, (17, 9), (11, 9), "высшая", MENTOR),
    T("Тихомирова Елена Борисовна", "учитель музыки", "музыка", 50, (27, 9), (19, 9), "первая", MENTOR),
    T("Белова Наталья Сергеевна", "учитель технологии", "технология", 48, (25, 9), (17, 9), "первая", NONE, note="ведёт кадровый учёт"),
    T("Захарова Вера Николаевна", "учитель географии", "география", 53, (30, 9), (21, 9), "высшая", MENTOR, note="председатель профкома"),
    T("Макарова Юлия Олеговна", "учитель начальных классов", "начальные классы", 36, (13, 9), (7, 9), "высшая", MENTOR),
    T("Ершов Игорь Валентинович", "учитель физической культуры", "физическая культура", 42, (19, 9), (13, 9), "первая", MENTOR),
    T("Иванова Мария Павловна", "учитель начальных классов", "начальные классы", 23, (1, 9), (1, 9), "без категории", MENTEE, YOUNG),
    T("Петрова Дарья Андреевна", "учитель начальных классов", "начальные классы", 22, (0, 9), (0, 9), "без категории", MENTEE, YOUNG, "выпускница педколледжа"),
    T("Смирнова Алина Руслановна", "учитель начальных классов", "начальные классы", 25, (2, 9), (0, 9), "без категории", MENTEE, NEW),
    T("Козлов Никита Сергеевич", "учитель математики", "математика", 25, (3, 9), (3, 9), "без категории", MENTEE, note=DONE),
    T("Попова Ксения Игоревна", "учитель русского языка и литературы", "русский язык и литература", 24, (3, 9), (3, 9), "первая", MENTEE, note=DONE),
    T("Новикова Екатерина Олеговна", "учитель английского языка", "английский язык", 26, (4, 9), (1, 9), "соответствие занимаемой должности", MENTEE, note=DONE),
    T("Зайцев Артём Викторович", "учитель информатики", "информатика", 27, (4, 9), (2, 9), "первая", MENTOR, note="кружок цифровой грамотности для коллег"),
    T("Гусева Валерия Романовна", "учитель химии", "химия", 23, (1, 9), (1, 9), "без категории", MENTEE, YOUNG, "уволена в порядке перевода"),
    T("Романов Кирилл Александрович", "учитель физики", "физика", 24, (3, 9), (3, 9), "без категории", MENTEE, note=DONE),
    T("Виноградова Полина Денисовна", "учитель английского языка", "английский язык", 22, (0, 9), (0, 9), "без категории", MENTEE, YOUNG),
    T("Медведева Ольга Владимировна", "учитель истории и обществознания", "история, обществознание", 38, (12, 9), (0, 2), "первая", MENTEE, NEW, "переведена из СОШ № 2"),
    T("Киселёва Анастасия Евгеньевна", "социальный педагог", "социальная педагогика", 31, (8, 9), (1, 9), "соответствие занимаемой должности", MENTEE, "после перерыва в работе"),
    T("Степанова Ирина Викторовна", "учитель начальных классов", "начальные классы", 44, (0, 3), (0, 3), "без категории", MENTEE, "после переподготовки"),
    T("Яковлев Максим Олегович", "учитель физической культуры", "физическая культура", 23, (0, 9), (0, 9), "без категории", MENTEE, YOUNG),
    T("Широкова Татьяна Михайловна", "учитель биологии", "биология", 35, (10, 9), (10, 9), "первая", MENTEE, "новая должность", "руководитель МО естественных наук"),
    T("Борисова Елизавета Андреевна", "учитель-дефектолог", "дефектология", 26, (1, 9), (0, 9), "без категории", MENTEE, YOUNG),
    T("Комаров Виктор Иванович", "преподаватель-организатор ОБЗР", "ОБЗР", 61, (38, 9), (30, 9), "высшая", NONE),
    T("Сорокина Галина Ивановна", "учитель начальных классов", "начальные классы", 58, (35, 9), (28, 9), "высшая", NONE, note="на пенсии с июня"),
    T("Дмитриева Юлия Сергеевна", "педагог дополнительного образования", "робототехника", 33, (9, 9), (4, 9), "первая", NONE),
    T("Ковалёва Марина Игоревна", "учитель изобразительного искусства", "изобразительное искусство", 40, (16, 9), (12, 9), "соответствие занимаемой должности", NONE),
    T("Жукова Анна Михайловна", "советник директора по воспитанию", "воспитательная работа", 29, (5, 9), (2, 9), "без категории", NONE),
)  # fmt: skip

DUPLICATE = "Комаров Виктор Иванович"  # typed twice (deliberate mistake)
# Who left, and when: (years after N, month, day). Staff numbers differ from year to year.
LEFT_SCHOOL = {"Гусева Валерия Романовна": (0, 10, 31), "Сорокина Галина Ивановна": (0, 6, 30)}
NO_EMAIL = frozenset({"Сорокина Галина Ивановна", "Комаров Виктор Иванович", "Ковалёва Марина Игоревна"})  # fmt: skip
RETRAINED = {"Степанова Ирина Викторовна": (-1, 12, 25)}  # (years after N, month, day)
CODED = 3  # the first rows have typed codes П-001…; the service fills the rest

# Who holds each roadmap role; the last one has no e-mail (deliberate gap).
ROLE_HOLDERS: dict[str, str] = {
    "директор": "Соколова Елена Викторовна",
    "заместитель директора": "Морозова Ирина Александровна",
    "специалист по кадрам": "Белова Наталья Сергеевна",
    "председатель первичной профсоюзной организации": "Захарова Вера Николаевна",
    "ответственный за управление контентом официального сайта ОО": "Орлов Дмитрий Евгеньевич",
    "педагоги-наставники": "Семёнова Галина Петровна",
    "педагог-психолог": "Кравченко Оксана Юрьевна",
    "заместители директора": "Васильев Андрей Николаевич",
    "педагог-организатор": "Лебедева Татьяна Геннадьевна",
    "председатель комиссии по распределению стимулирующих выплат педагогическим работникам": (
        "Павлова Марина Сергеевна"
    ),
}
ROLE_WITHOUT_EMAIL = (
    "председатель комиссии по распределению стимулирующих выплат педагогическим работникам"
)


def _career_start(teacher: DemoTeacher, n: int, index: int) -> date | str:
    years, month = teacher.start
    day = date(n - years, month, 1)
    if index == 0:
        return dotted(day)  # typed as text, the way it was in an old list
    if index == 1:
        return in_words(day)
    return day


def _consent(index: int, rng: random.Random) -> bool | str | None:
    if TEACHERS[index].role == NONE:
        return rng.choice((None, "да"))
    return ("да", "да", "+", True)[index % 4]


def _left(teacher: DemoTeacher, n: int) -> date | None:
    left = LEFT_SCHOOL.get(teacher.fio)
    return date(n + left[0], left[1], left[2]) if left else None


def teacher_row(teacher: DemoTeacher, index: int, n: int, rng: random.Random) -> Row:
    """One «Педагоги» row (plus the staff's own «Примечание»)."""
    retrained = RETRAINED.get(teacher.fio)
    return {
        "Код": f"П-{index + 1:03d}" if index < CODED else None,
        "ФИО": teacher.fio,
        "Должность": teacher.position,
        "Предмет / направление": teacher.subject or None,
        "Год рождения": n - teacher.age if teacher.age is not None else None,
        "Дата начала педагогической деятельности": _career_start(teacher, n, index),
        "Дата приёма в школу": date(n - teacher.hired[0], teacher.hired[1], 1),
        "Квалификационная категория": teacher.category,
        "Переподготовка (дата окончания)": (
            date(n + retrained[0], retrained[1], retrained[2]) if retrained else None
        ),
        "Роль": teacher.role,
        "Основание для наставничества": teacher.grounds or None,
        "Согласие на обработку ПД": _consent(index, rng),
        "Email": None if teacher.fio in NO_EMAIL else email_for(teacher.fio),
        "Работает": "нет" if teacher.fio in LEFT_SCHOOL else rng.choice((None, None, "да")),
        "Дата увольнения": _left(teacher, n),
        "Примечание": teacher.note or None,
    }


def teacher_rows(n: int, rng: random.Random) -> list[Row]:
    """All staff rows, then the duplicate a colleague typed again at the bottom."""
    rows = [teacher_row(t, i, n, rng) for i, t in enumerate(TEACHERS)]
    original = next(row for row in rows if row["ФИО"] == DUPLICATE)
    duplicate = dict(original, Код=None, Email=email_for(DUPLICATE), Примечание="совместитель")
    rows.append(duplicate)
    return rows


def responsible_rows() -> list[Row]:
    """«Ответственные»: every roadmap role with its holder's ФИО and e-mail."""
    rows: list[Row] = []
    for role in ROLES:
        fio = ROLE_HOLDERS[role]
        email = None if role == ROLE_WITHOUT_EMAIL else email_for(fio)
        rows.append({"Роль": role, "ФИО": fio, "Email": email})
    return rows
