"""A large synthetic school for benchmarks: the same registry sheets at scale, generated fast.

Names are built from pools by mixed-radix indexing, so every ФИО is unique without checks.
Half the pairs belong to last academic year (finished), half to the current one (active).
A small share of rows (well under 1%) carry a mistake (misspelt pair code, impossible date, Latin
letter in a name, active pair without an order number, score 11).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from nastavnik.demo.grid import Grid, Row, dotted, email_for, to_grid, year_start
from nastavnik.demo.large_rows import (
    assessment_rows,
    feedback_rows,
    incentive_rows,
    meeting_rows,
    other_rows,
    programme_and_stage_rows,
)
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.seed_roadmap import ROADMAP_ITEMS, ROLES
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    plan_graph,
    practices,
    programmes,
    responsibles,
    roadmap,
    settings,
    stages,
    training,
)
from nastavnik.sheets_schema.sheets import meetings as meetings_sheet
from nastavnik.sheets_schema.sheets import pairs as pairs_sheet
from nastavnik.sheets_schema.sheets import teachers as teachers_sheet

LARGE_TODAY = date(2025, 10, 15)  # the default «today» of the synthetic school
CODED = 10  # typed codes on the first rows; the service numbers the rest

SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
    "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
    "Герасимов", "Богданов", "Осипов", "Сидоров",
)  # fmt: skip
FEMALE_NAMES = (
    "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
    "Юлия", "Галина", "Марина", "Людмила", "Надежда", "Вера", "Любовь", "Оксана", "Дарья",
    "Алина", "Ксения", "Полина", "Валерия", "Анастасия", "Виктория", "Евгения", "Алёна",
    "Кристина", "Диана", "Софья", "Лариса", "Валентина", "Нина", "Жанна", "Инна", "Яна",
    "Елизавета", "Маргарита", "Олеся", "Вероника", "Зоя",
)  # fmt: skip
MALE_NAMES = (
    "Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Максим", "Евгений", "Иван",
    "Михаил", "Николай", "Владимир", "Артём", "Кирилл", "Никита", "Игорь", "Олег", "Павел",
    "Роман", "Виктор", "Денис", "Антон", "Юрий", "Илья", "Константин", "Вадим",
)  # fmt: skip
PATRONYMICS = (
    ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Андреевич", "Андреевна"),
    ("Дмитриевич", "Дмитриевна"), ("Алексеевич", "Алексеевна"), ("Михайлович", "Михайловна"),
    ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"), ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"),
    ("Игоревич", "Игоревна"), ("Олегович", "Олеговна"), ("Павлович", "Павловна"),
    ("Евгеньевич", "Евгеньевна"), ("Анатольевич", "Анатольевна"), ("Васильевич", "Васильевна"),
    ("Геннадьевич", "Геннадьевна"), ("Борисович", "Борисовна"), ("Романович", "Романовна"),
    ("Константинович", "Константиновна"), ("Валентинович", "Валентиновна"),
    ("Григорьевич", "Григорьевна"), ("Степанович", "Степановна"),
)  # fmt: skip
SUBJECTS = (
    ("учитель начальных классов", "начальные классы"), ("учитель математики", "математика"),
    ("учитель русского языка и литературы", "русский язык и литература"),
    ("учитель английского языка", "английский язык"), ("учитель истории", "история"),
    ("учитель физики", "физика"), ("учитель химии", "химия"), ("учитель биологии", "биология"),
    ("учитель информатики", "информатика"), ("учитель физической культуры", "физкультура"),
    ("педагог-психолог", "психология"), ("учитель-логопед", "логопедия"),
)  # fmt: skip
CATEGORIES = ("высшая", "первая", "первая", "соответствие занимаемой должности")


def fio_for(index: int) -> str:
    """The index-th unique ФИО (every fifth one male)."""
    male = index % 5 == 4
    k = index // 5 if male else index // 5 * 4 + index % 5  # index among the same gender
    names = MALE_NAMES if male else FEMALE_NAMES
    capacity = len(SURNAMES) * len(names) * len(PATRONYMICS)
    if k >= capacity:
        raise ValueError(f"at most {capacity} names of one gender")
    surname = SURNAMES[k % len(SURNAMES)]
    name = names[k // len(SURNAMES) % len(names)]
    patronymic = PATRONYMICS[k // (len(SURNAMES) * len(names))][0 if male else 1]
    return f"{surname if male else surname + 'а'} {name} {patronymic}"


def _teacher(index: int, fio: str, role: str, n: int, rng: random.Random) -> Row:
    young = role == "наставляемый" and index % 3 == 0
    years = rng.randint(0, 2) if young else rng.randint(4, 35)
    position, subject = SUBJECTS[index % len(SUBJECTS)]
    start = date(n - years, 9, 1)
    return {
        "Код": f"П-{index + 1:03d}" if index < CODED else None,
        "ФИО": fio,
        "Должность": position,
        "Предмет / направление": subject,
        "Год рождения": n - 22 - years - rng.randint(0, 8),
        "Дата начала педагогической деятельности": start if index % 41 else dotted(start),
        "Дата приёма в школу": date(n - rng.randint(0, years), 9, 1),
        "Квалификационная категория": "без категории" if young else rng.choice(CATEGORIES),
        "Роль": role,
        "Основание для наставничества": "молодой специалист" if young else None,
        "Согласие на обработку ПД": "да" if index % 13 else "+",
        "Email": email_for(fio) if index % 17 else None,
    }


def _roles(count: int, pair_count: int) -> list[str]:
    mentors = max(1, min(count * 3 // 10, pair_count))
    mentees = max(1, min(count - mentors, pair_count))
    rest = count - mentors - mentees
    return ["наставник"] * mentors + ["наставляемый"] * mentees + ["не участвует"] * rest


def _pairs(mentors: list[str], mentees: list[str], count: int, n: int, today: date) -> list[Row]:
    rows: list[Row] = []
    for i in range(count):
        prev = i % 2 == 0
        start = date(n - 1 if prev else n, 9, 1 + i % 9)
        start = min(start, today)
        order_day = start - timedelta(days=1)
        mentor = mentors[i % len(mentors)]
        rows.append(
            {
                "Код пары": f"НП-{i + 1:03d}" if i < CODED else None,
                "Наставник": mentor.replace("а", "a", 1) if i % 307 == 11 else mentor,
                "Наставляемый": mentees[i % len(mentees)],
                "Форма наставничества": "традиционная (один на один)" if i % 4 else "групповая",
                "Дата начала": start,
                "Дата окончания (план)": date(n if prev else n + 1, 5, 29),
                "Приказ №": None if i % 211 == 7 and not prev else f"{100 + i // 50}-о",
                "Дата приказа": order_day,
                "Согласие наставника (дата)": order_day - timedelta(days=3),
                "Согласие наставляемого (дата)": order_day - timedelta(days=2),
                "Доп. соглашение к трудовому договору": f"№ {i + 1} от {dotted(order_day)}",
                "Статус": "завершена" if prev else "действует",
                "Дата фактического завершения": date(n, 5, 29) if prev else None,
            }
        )
    return rows


def _roadmap() -> list[Row]:
    return [
        {
            "№ п/п": i.number,
            "Мероприятие": i.activity,
            "Сроки": i.deadline,
            "Ответственные": i.responsible,
        }
        for i in ROADMAP_ITEMS
    ]


def _responsibles(names: list[str]) -> list[Row]:
    return [
        {"Роль": role, "ФИО": names[i % len(names)], "Email": email_for(names[i % len(names)])}
        for i, role in enumerate(ROLES)
    ]


def large_grids(
    teachers: int = 2000,
    pairs: int = 1000,
    meetings: int = 100_000,
    seed: int = 1,
    *,
    today: date = LARGE_TODAY,
) -> dict[str, Grid]:
    """The registry sheets of a large synthetic school (deterministic for the arguments)."""
    rng = random.Random(seed)
    n = year_start(today)
    names = [fio_for(i) for i in range(teachers)]
    roles = _roles(teachers, pairs)
    people = [_teacher(i, fio, roles[i], n, rng) for i, fio in enumerate(names)]
    mentors = [f for f, r in zip(names, roles, strict=True) if r == "наставник"]
    mentees = [f for f, r in zip(names, roles, strict=True) if r == "наставляемый"]
    pair_list = _pairs(mentors, mentees, pairs, n, today)
    codes = [f"НП-{i + 1:03d}" for i in range(pairs)]
    programme_list, stage_list = programme_and_stage_rows(pair_list, codes, today, rng)
    extra = other_rows(names, codes, n, today, rng)
    grids: tuple[tuple[SheetSpec, list[Row]], ...] = (
        (teachers_sheet.SPEC, people),
        (pairs_sheet.SPEC, pair_list),
        (programmes.SPEC, programme_list),
        (stages.SPEC, stage_list),
        (meetings_sheet.SPEC, meeting_rows(pair_list, codes, meetings, n, today, rng)),
        (feedback.SPEC, feedback_rows(pair_list, codes, n, today, rng)),
        (assessment.SPEC, assessment_rows(pair_list, n, today, rng)),
        (training.SPEC, extra["training"]),
        (competitions.SPEC, extra["competitions"]),
        (incentives.SPEC, incentive_rows(pair_list, today)),
        (practices.SPEC, extra["practices"]),
        (roadmap.SPEC, _roadmap()),
        (plan_graph.SPEC, []),
        (responsibles.SPEC, _responsibles(names)),
        (settings.SPEC, []),
    )
    return {spec.title: to_grid(spec, rows) for spec, rows in grids}
