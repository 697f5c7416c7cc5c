"""A small school whose staff change over the roadmap period 2024–2027 (shared by the tests).

People (young specialist: стаж < 3 years at 1 September and age ≤ 35 in that year):

- Архипова: mentor throughout.                          staff 24/25, 25/26, 26/27
- Белов: mentor, leaves 30.06.2025 (leaver 1).           staff 24/25
- Волкова: started 01.09.2022, young in 24/25 (стаж 2), not in 25/26 (стаж 3).  all years
- Григорьев: hired 01.09.2024 (new), mentee in 24/25, mentor in 25/26.           all years
- Егорова: hired 01.09.2025, young (career from 01.09.2025, born 2002).    25/26, 26/27
- Жукова: hired 01.09.2026 (new, 16 years of стаж).                        26/27
- Зайцев: not in mentoring, leaves 31.12.2026 (leaver 2).                  all years

Pairs: НП-001 Архипова→Волкова and НП-002 Белов→Григорьев (24/25, completed),
НП-003 Григорьев→Егорова (25/26, completed, programme ПР-001), НП-004 Архипова→Жукова
(from 15.09.2026, active). Today is 15.06.2027, in 2026/27.
"""

from __future__ import annotations

from datetime import date

from nastavnik.sync.snapshot import Snapshot
from tests import factories as f

TODAY = date(2027, 6, 15)
A, B, C = "Архипова Анна Ивановна", "Белов Борис Петрович", "Волкова Вера Сергеевна"
D, E = "Григорьев Глеб Олегович", "Егорова Елена Андреевна"
F, G = "Жукова Жанна Львовна", "Зайцев Захар Ильич"
DONE = {"status": "завершена", "result": "Цели достигнуты"}


def staff() -> list[f.Row]:
    """«Педагоги»: hires each September, two leavers."""
    return [
        f.teacher(fio=A, career_start=date(2000, 9, 1), hired=date(2010, 9, 1), birth_year=1975),
        f.teacher(
            fio=B,
            career_start=date(2005, 9, 1),
            hired=date(2012, 9, 1),
            left=date(2025, 6, 30),
            works="нет",
        ),
        f.young_teacher(
            fio=C,
            career_start=date(2022, 9, 1),
            hired=date(2022, 9, 1),
            birth_year=1999,
            grounds=None,
        ),
        f.teacher(
            fio=D,
            career_start=date(2019, 9, 1),
            hired=date(2024, 9, 1),
            birth_year=1990,
            category="первая",
            role="наставник и наставляемый",
        ),
        f.young_teacher(
            fio=E,
            career_start=date(2025, 9, 1),
            hired=date(2025, 9, 1),
            birth_year=2002,
            grounds=None,
        ),
        f.teacher(
            fio=F,
            career_start=date(2010, 9, 1),
            hired=date(2026, 9, 1),
            birth_year=1980,
            role="наставляемый",
        ),
        f.teacher(
            fio=G,
            career_start=date(1995, 9, 1),
            hired=date(2000, 9, 1),
            left=date(2026, 12, 31),
            role="не участвует",
        ),
    ]


def _pair(code: str, mentor: str, mentee: str, start: date, end: date, **more: object) -> f.Row:
    return f.pair(
        code=code,
        mentor=mentor,
        mentee=mentee,
        start=start,
        planned_end=end,
        order_date=start,
        mentor_consent=start,
        mentee_consent=start,
        **more,
    )


def pairs() -> list[f.Row]:
    """«Пары» over the three years."""
    return [
        _pair("НП-001", A, C, date(2024, 9, 15), date(2025, 5, 31),
              actual_end=date(2025, 5, 30), **DONE),
        _pair("НП-002", B, D, date(2024, 9, 15), date(2025, 5, 31),
              actual_end=date(2025, 5, 30), **DONE),
        _pair("НП-003", D, E, date(2025, 9, 15), date(2026, 5, 31),
              actual_end=date(2026, 5, 29), **DONE),
        _pair("НП-004", A, F, date(2026, 9, 15), date(2027, 6, 30)),
    ]  # fmt: skip


def school() -> Snapshot:
    """The whole workbook."""
    visit = "посещение урока наставляемого"
    return f.workbook(
        teachers=staff(),
        pairs=pairs(),
        programmes=[
            f.programme(
                code="ПР-001", pair_code="НП-003", start=date(2025, 9, 20),
                end=date(2026, 5, 31), status="завершена", approved=date(2025, 9, 20),
                results="Проведено 8 открытых уроков",
            )
        ],
        meetings=[
            f.meeting(pair_code="НП-001", day=date(2024, 10, 1)),
            f.meeting(pair_code="НП-001", day=date(2024, 11, 5), format=visit),
            f.meeting(pair_code="НП-002", day=date(2024, 10, 10)),
            f.meeting(pair_code="НП-099", day=date(2024, 12, 1)),  # no such pair: not counted
            f.meeting(pair_code="НП-003", day=date(2025, 10, 1)),
            f.meeting(pair_code="НП-003", day=date(2025, 11, 1)),
            f.meeting(pair_code="НП-004", day=date(2026, 10, 5)),
        ],
        feedback=[
            f.feedback_answer(
                pair_code="НП-003", day=date(2025, 12, 10), respondent="наставляемый",
                satisfaction=9,
            )
        ],
        training=[f.course(fio=D, hours=36, finished=date(2025, 11, 20))],
        competitions=[
            f.competition(participants="НП-003", day=date(2026, 3, 1), result="победитель")
        ],
        incentives=[f.incentive(mentor=D, month="октябрь 2025", amount=2000)],
        practices=[f.practice(day=date(2026, 4, 1))],
    )  # fmt: skip


# Written by hand from the people and rows above (see the module docstring), not from the code.
# Label → (2024/25, 2025/26, 2026/27); 2026/27 runs up to TODAY.
EXPECTED: dict[str, tuple[object, object, object]] = {
    "Педагогов работает": (5, 5, 6),  # A B C D G | A C D E G | A C D E F G
    "Наставников": (2, 1, 1),  # A B | D | A
    "Наставляемых": (2, 1, 1),  # C D | E | F
    "Пар и групп": (2, 1, 1),
    "из них групп": (0, 0, 0),
    "Пар формы «традиционная (один на один)»": (2, 1, 1),
    "Пар формы «групповая»": (0, 0, 0),
    "Пар формы «реверсивная»": (0, 0, 0),
    "Пар формы «дистанционная (виртуальная)»": (0, 0, 0),
    "Пар формы «краткосрочная (целеполагающая)»": (0, 0, 0),
    "Пар формы «ситуационная»": (0, 0, 0),
    "Пар формы «скоростная»": (0, 0, 0),
    "Пар формы «партнёрская»": (0, 0, 0),
    "Нуждаются в наставнике": (2, 1, 2),  # C young, D new | E young | E young, F new
    "Нуждающихся, у кого есть наставник": (2, 1, 1),  # | | F (E has no pair in 26/27)
    "Доля нуждающихся с наставником, %": (100.0, 100.0, 50.0),
    "Молодых специалистов": (1, 1, 1),  # C (стаж 2) | E | E (стаж 1)
    "Молодых специалистов, у кого есть наставник": (1, 1, 0),
    "Доля молодых специалистов с наставником, %": (100.0, 100.0, 0.0),
    "Вовлечено педагогов в наставничество": (4, 2, 2),  # A B C D | D E | A F
    "Доля вовлечённых педагогов, %": (80.0, 40.0, 33.3),  # 4/5, 2/5, 2/6
    "Целевая доля вовлечённых, %": (70, 70, 70),
    "Участников персонализированных программ (для статформ)": (0, 1, 0),
    "Программ разработано": (0, 1, 0),
    "Программ завершено": (0, 1, 0),
    "Действующих пар без программы": (0, 0, 1),  # НП-004 is active, no programme
    "Встреч за учебный год": (3, 2, 1),  # the НП-099 meeting has no pair
    "из них взаимопосещений уроков": (1, 0, 0),
    "Встреч на пару в среднем": (1.5, 2.0, 1.0),
    "Удовлетворённость участием: наставники, декабрь (из 10)": (None, None, None),
    "Удовлетворённость участием: наставляемые, декабрь (из 10)": (None, 9, None),
    "Удовлетворённость участием: наставники, апрель (из 10)": (None, None, None),
    "Удовлетворённость участием: наставляемые, апрель (из 10)": (None, None, None),
    "Доля ответивших на опросы, %": (None, 50.0, None),  # 1 answer of the 2 expected
    "Изменение компетенций (итоговая − входная), в среднем": (None, None, None),
    "Изменение выгорания (итоговая − входная), в среднем": (None, None, None),
    "Наставников прошли обучение": (0, 1, 0),
    "Часов обучения наставников": (0, 36, 0),
    "Участий в конкурсах": (0, 1, 0),
    "Призовых мест": (0, 1, 0),
    "Выплачено наставникам, руб.": (0, 2000, 0),
    "Добавлено материалов и практик": (0, 1, 0),
    "из них опубликовано": (0, 1, 0),
    "Сроков дорожной карты в учебном году": (0, 0, 0),  # no roadmap in this workbook
    "Сроков: выполнено в срок": (0, 0, 0),
    "Сроков: выполнено с опозданием": (0, 0, 0),
    "Сроков: в срок (ещё не наступил)": (0, 0, 0),
    "Сроков: скоро срок": (0, 0, 0),
    "Сроков: просрочено": (0, 0, 0),
    "Выполнено в срок из наступивших, %": (None, None, None),
}
YEARS = ("2024/25", "2025/26", "2026/27")
