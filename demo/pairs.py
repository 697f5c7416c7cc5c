"""The demo school's pairs: «Пары», «Программы» and «Этапы программ».

Pair and programme codes are key columns: the first rows carry typed codes and the service
numbers the rest in row order (max typed + 1, …), so row i of «Пары» becomes НП-(i+1).
The generators below use those predicted codes for references from the other sheets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from nastavnik.demo.grid import Row, dotted, in_words, school_days, spread
from nastavnik.demo.texts import PROGRAMME_TEXTS, STAGES

CODED_PAIRS = 3  # НП-001…НП-003 typed; the service fills the rest
CODED_PROGRAMMES = 1


@dataclass(frozen=True)
class DemoPair:
    """A pair as the generators need it: who, when, and until when it met."""

    code: str
    mentor: str  # the ФИО as in «Педагоги» (the «Пары» cell may be typed differently)
    mentee: str
    group: str
    form: str
    kind: str  # prev · stopped · overdue · current · idle · planned
    start: date
    planned_end: date
    status: str
    actual_end: date | None
    meet_until: date | None  # last day meetings may fall on (None: no meetings)
    programme: str  # key of PROGRAMME_TEXTS, or "" for no programme yet


GROUP = "Начальная школа — 1"
# mentor, mentee, group, form, kind, programme kind
PAIR_TABLE: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Павлова Марина Сергеевна", "Попова Ксения Игоревна", "", "традиционная (один на один)", "prev", "young"),
    ("Кузнецова Ольга Петровна", "Козлов Никита Сергеевич", "", "традиционная (один на один)", "prev", "young"),
    ("Никитин Сергей Владимирович", "Романов Кирилл Александрович", "", "традиционная (один на один)", "prev", "young"),
    ("Алексеева Наталья Ивановна", "Новикова Екатерина Олеговна", "", "дистанционная (виртуальная)", "prev", "new"),
    ("Фёдорова Людмила Анатольевна", "Гусева Валерия Романовна", "", "краткосрочная (целеполагающая)", "stopped", "young"),
    ("Григорьева Светлана Михайловна", "Медведева Ольга Владимировна", "", "ситуационная", "overdue", "new"),
    ("Семёнова Галина Петровна", "Иванова Мария Павловна", GROUP, "групповая", "current", "group"),
    ("Семёнова Галина Петровна", "Петрова Дарья Андреевна", GROUP, "групповая", "current", "group"),
    ("Семёнова Галина Петровна", "Смирнова Алина Руслановна", GROUP, "групповая", "current", "group"),
    ("Алексеева Наталья Ивановна", "Виноградова Полина Денисовна", "", "традиционная (один на один)", "current", "young"),
    ("Ершов Игорь Валентинович", "Яковлев Максим Олегович", "", "традиционная (один на один)", "current", "young"),
    ("Захарова Вера Николаевна", "Широкова Татьяна Михайловна", "", "партнёрская", "current", ""),
    ("Зайцев Артём Викторович", "Фёдорова Людмила Анатольевна", "", "реверсивная", "current", "reverse"),
    ("Макарова Юлия Олеговна", "Степанова Ирина Викторовна", "", "традиционная (один на один)", "idle", "retrained"),
    ("Волкова Анна Дмитриевна", "Борисова Елизавета Андреевна", "", "традиционная (один на один)", "planned", ""),
)  # fmt: skip

IDLE_DAYS = 42  # the «idle» pair's last meeting is this many days before today
LATIN_A = "НП-010"  # the mentor's ФИО has a Latin «a» (deliberate mistake)
NO_ORDER_NUMBER = "НП-011"  # active, «Приказ №» left blank (deliberate mistake)
NO_AGREEMENT = "НП-013"  # active, no additional agreement (warning)
OVERDUE_STAGE_DAYS = 25  # the idle pair's programme has a stage this many days overdue
RESULTS = {
    "prev": "Программа выполнена; наставляемый освоил планирование и самоанализ урока.",
    "stopped": "Наставничество прекращено: наставляемая уволилась в порядке перевода.",
}


def _dates(kind: str, n: int, today: date, index: int) -> tuple[date, date, date | None]:
    """(start, planned end, actual end) of a pair of this kind."""
    if kind in ("prev", "stopped"):
        start = date(n - 1, 9, 2 + index % 3)
        actual = date(n, 5, 30) if kind == "prev" else date(n, 2, 14)
        return start, date(n, 5, 31), actual
    if kind == "overdue":
        return date(n, 2, 3), date(n, 8, 29), None
    if kind == "idle":
        return date(n, 3, 3), date(n + 1, 2, 27), None
    if kind == "planned":
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first, first + timedelta(days=240), None
    return min(date(n, 9, 1 + index % 2), today), date(n + 1, 5, 29), None


def _meet_until(kind: str, actual: date | None, today: date) -> date | None:
    if kind == "planned":
        return None
    if kind == "idle":
        return today - timedelta(days=IDLE_DAYS)
    return actual or today - timedelta(days=1)


def demo_pairs(n: int, today: date) -> list[DemoPair]:
    """The 15 pairs of the demo (codes as the service will number them)."""
    pairs: list[DemoPair] = []
    for index, (mentor, mentee, group, form, kind, programme) in enumerate(PAIR_TABLE):
        start, planned_end, actual = _dates(kind, n, today, index)
        status = {"prev": "завершена", "stopped": "прекращена досрочно", "planned": "планируется"}
        pairs.append(
            DemoPair(
                f"НП-{index + 1:03d}",
                mentor,
                mentee,
                group,
                form,
                kind,
                start,
                planned_end,
                status.get(kind, "действует"),
                actual,
                _meet_until(kind, actual, today),
                programme,
            )
        )
    return pairs


def _typed_names(pair: DemoPair, index: int) -> tuple[str, str]:
    """Names as staff typed them: a Latin «a», «е» for «ё», stray spaces."""
    mentor, mentee = pair.mentor, pair.mentee
    if pair.code == LATIN_A:
        mentor = mentor.replace("Алексеева", "Алексеевa")  # the last «a» is Latin
    if pair.group and index % 2 == 0:
        mentor = mentor.replace("ё", "е") + "  "
    if pair.code == "НП-013":
        mentee = " " + mentee.replace("ё", "е")
    return mentor, mentee


def _documents(pair: DemoPair, index: int, order_no: int) -> Row:
    if pair.kind == "planned":
        return {}
    order_day = pair.start - timedelta(days=1 + index % 2)
    consent = order_day - timedelta(days=2 + index % 3)
    return {
        "Приказ №": None if pair.code == NO_ORDER_NUMBER else f"{order_no}-о",
        "Дата приказа": order_day,
        "Согласие наставника (дата)": consent,
        "Согласие наставляемого (дата)": consent if index % 4 else dotted(consent),
        "Доп. соглашение к трудовому договору": (
            None if pair.code == NO_AGREEMENT else f"№ {10 + index} от {dotted(order_day)}"
        ),
    }


def pair_rows(pairs: list[DemoPair]) -> list[Row]:
    """«Пары» rows; a group shares one order."""
    rows: list[Row] = []
    orders: dict[str, int] = {}
    for index, pair in enumerate(pairs):
        mentor, mentee = _typed_names(pair, index)
        order_no = orders.setdefault(pair.group or pair.code, 112 + index * 7)
        start: date | str = pair.start
        if pair.group and index % 3 == 1:
            start = dotted(pair.start)
        elif pair.group and index % 3 == 2:
            start = in_words(pair.start)
        row: Row = {
            "Код пары": pair.code if index < CODED_PAIRS else None,
            "Наставник": mentor,
            "Наставляемый": mentee,
            "Группа": pair.group or None,
            "Форма наставничества": pair.form,
            "Дата начала": start,
            "Дата окончания (план)": pair.planned_end,
            "Статус": pair.status,
            "Дата фактического завершения": pair.actual_end,
            "Итог": RESULTS.get(pair.kind),
        }
        row.update(_documents(pair, index, order_no))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class DemoProgramme:
    """A programme with its predicted code and period."""

    code: str
    pair: DemoPair
    start: date
    end: date


def demo_programmes(pairs: list[DemoPair]) -> list[DemoProgramme]:
    """Programmes of the pairs that have one (codes ПР-001… in row order)."""
    with_programme = [p for p in pairs if p.programme]
    return [
        DemoProgramme(
            f"ПР-{i + 1:03d}", p, p.start + timedelta(days=7), p.actual_end or p.planned_end
        )
        for i, p in enumerate(with_programme)
    ]


def _programme_status(programme: DemoProgramme, today: date) -> tuple[str, date | None]:
    pair = programme.pair
    approved = programme.start + timedelta(days=14)
    if pair.kind == "prev":
        return "завершена", approved
    if pair.kind == "stopped":
        return "прекращена", approved
    if pair.code == NO_ORDER_NUMBER or approved > today:
        return "разрабатывается", None
    return ("реализуется" if pair.kind != "current" else "утверждена"), approved


def programme_rows(programmes: list[DemoProgramme], today: date) -> list[Row]:
    """«Программы» rows."""
    rows: list[Row] = []
    for index, programme in enumerate(programmes):
        name, goal, deficits, expected, result = PROGRAMME_TEXTS[programme.pair.programme]
        status, approved = _programme_status(programme, today)
        finished = status == "завершена"
        rows.append(
            {
                "Код программы": programme.code if index < CODED_PROGRAMMES else None,
                "Код пары": programme.pair.code,
                "Название": name,
                "Цель": goal,
                "Профессиональные дефициты": deficits,
                "Ожидаемые результаты": expected,
                "Дата начала": programme.start,
                "Дата окончания": programme.end,
                "Статус": status,
                "Дата утверждения": approved,
                "Результаты": result if finished else None,
                "В банке программ": ("да", "+", None)[index % 3] if finished else None,
                "Лучшая практика": "да" if finished and index == 0 else None,
            }
        )
    return rows


def _stage(code: str, activity: str, due: date, today: date, rng: random.Random) -> Row:
    row: Row = {"Код программы": code, "Этап / мероприятие": activity, "Срок": due}
    if due < today:
        row["Отметка о выполнении"] = rng.choice(("выполнено", "выполнено", "выполнено", "+"))
        row["Дата выполнения"] = min(due - timedelta(days=rng.randrange(0, 6)), today)
    return row


def stage_rows(programmes: list[DemoProgramme], today: date, rng: random.Random) -> list[Row]:
    """«Этапы программ»: 3–6 stages per programme, done when due; one stage overdue."""
    rows: list[Row] = []
    for programme in programmes:
        days = school_days(programme.start + timedelta(days=10), programme.end)
        count = rng.randint(3, 6)
        activities = [STAGES[0], *rng.sample(STAGES[1:-1], count - 2), STAGES[-1]]
        for activity, due in zip(activities, spread(days, count), strict=False):
            rows.append(_stage(programme.code, activity, due, today, rng))
        if programme.pair.kind == "idle":
            overdue = today - timedelta(days=OVERDUE_STAGE_DAYS)
            rows.append(
                {
                    "Код программы": programme.code,
                    "Этап / мероприятие": "Открытый урок наставляемого для МО",
                    "Срок": overdue,
                    "Комментарий": "перенесли, новую дату не назначили",
                }
            )
    return rows
